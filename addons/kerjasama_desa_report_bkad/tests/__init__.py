from . import test_bkad_reports
from . import test_i18n
