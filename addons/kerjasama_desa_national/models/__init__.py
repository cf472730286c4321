from . import kerjasama_dataset
from . import kerjasama_national_source
from . import kerjasama_national_agreement
from . import kerjasama_national_party
from . import kerjasama_overview
from . import kerjasama_map
from . import kerjasama_region
