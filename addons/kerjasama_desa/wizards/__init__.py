from . import kerjasama_region_load_kabupaten
from . import kerjasama_region_load
