# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class KerjasamaRecapWizard(models.TransientModel):
    """Adds the BKAD finance recap to the Rekapitulasi Kerja Sama Desa export."""

    _inherit = "kerjasama.recap.wizard"

    sheet_bkad = fields.Boolean(string="BKAD Finance Recap", default=True)

    def _kd_selected_sheets(self):
        sheets = super()._kd_selected_sheets()
        if self.sheet_bkad:
            sheets.append("bkad")
        return sheets
