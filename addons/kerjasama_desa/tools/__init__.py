from . import dates, formatting, guard, numbering, requirement, siskeudes
