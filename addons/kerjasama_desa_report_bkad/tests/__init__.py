from . import test_bkad_reports
