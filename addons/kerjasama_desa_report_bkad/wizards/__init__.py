from . import kerjasama_recap_wizard
