from . import kerjasama_dataset_export
