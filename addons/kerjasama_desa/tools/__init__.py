from . import formatting, guard, numbering
