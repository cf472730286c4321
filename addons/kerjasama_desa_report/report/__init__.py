# the base document model first: the others inherit it
from . import report_base
from . import (
    report_agreement_common,
    report_implementation,
    report_musyawarah,
    report_peraturan_bersama,
    report_perjanjian_bersama,
    report_recap_xlsx,
)
