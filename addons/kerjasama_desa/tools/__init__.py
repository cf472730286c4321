from . import formatting, numbering
