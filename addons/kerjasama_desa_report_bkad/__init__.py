from . import report, wizards
