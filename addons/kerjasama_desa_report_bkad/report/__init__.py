from . import report_bkad_accountability, report_bkad_mad, report_recap_xlsx
