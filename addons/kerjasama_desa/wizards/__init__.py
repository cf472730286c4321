from . import (
    kerjasama_apbdes_siskeudes_import,
    kerjasama_apbdes_siskeudes_import_line,
    kerjasama_region_load,
    kerjasama_region_load_kabupaten,
)
