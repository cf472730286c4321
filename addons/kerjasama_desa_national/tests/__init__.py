from . import test_dataset
from . import test_rollup
from . import test_map
from . import test_map_tour
from . import test_i18n
