from . import (
    report_bkad_accountability,
    report_bkad_mad,
    report_implementation,
    report_recap_xlsx,
)
