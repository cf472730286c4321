from . import (
    report_agreement_common,
    report_base,
    report_implementation,
    report_musyawarah,
    report_peraturan_bersama,
    report_perjanjian_bersama,
    report_recap_xlsx,
)
