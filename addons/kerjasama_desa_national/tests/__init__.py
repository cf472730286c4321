from . import test_dataset
from . import test_rollup
from . import test_i18n
