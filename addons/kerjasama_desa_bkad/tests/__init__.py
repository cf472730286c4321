from . import test_access, test_finance, test_mad_program, test_pengurus
from . import test_bkad_guard
from . import test_i18n
from . import test_access_matrix_bkad
from . import test_report_tour
from . import test_assessment_bkad
