# load order: the role of the BKAD staff and the shared BKAD checks before the models using them
from . import (
    kerjasama_access_mixin,
    kerjasama_bkad_base_mixin,
    kerjasama_bkad,
    kerjasama_bkad_accountability_receipt,
    kerjasama_bkad_accountability_report,
    kerjasama_bkad_contribution,
    kerjasama_bkad_ledger,
    kerjasama_bkad_mad_decision,
    kerjasama_bkad_pengurus,
    kerjasama_bkad_program,
    kerjasama_bkad_program_activity,
    kerjasama_bkad_role,
    kerjasama_bkad_unit,
    kerjasama_mad,
    res_users,
)
