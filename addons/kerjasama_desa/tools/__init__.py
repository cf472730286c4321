from . import formatting, guard, numbering, requirement, siskeudes
