from . import ir_actions_report, kerjasama_region
