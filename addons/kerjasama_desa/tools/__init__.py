from . import formatting, guard, numbering, siskeudes
