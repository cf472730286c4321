from . import ir_actions_report, ir_attachment, kerjasama_recap_job, kerjasama_region
