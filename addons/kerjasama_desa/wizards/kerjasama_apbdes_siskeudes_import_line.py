from odoo import api, fields, models

from .kerjasama_apbdes_siskeudes_import import STATUSES


class KerjasamaApbdesSiskeudesImportLine(models.TransientModel):
    """One row of the preview of a Siskeudes import: a budget line or realisation that would
    be new, changed, unchanged, removed or kept, or a row of the file that cannot be imported
    and why."""

    _name = "kerjasama.apbdes.siskeudes.import.line"
    _description = "Siskeudes Import Preview Row"
    _order = "sequence_error, region_id, kind, account_code, kegiatan_code, id"

    wizard_id = fields.Many2one(
        "kerjasama.apbdes.siskeudes.import", required=True, ondelete="cascade", index=True
    )
    status = fields.Selection(STATUSES, required=True)
    sequence_error = fields.Integer(compute="_compute_sequence_error", store=True)
    kind = fields.Selection(
        [
            ("file", "File"),
            ("desa", "Village"),
            ("line", "Budget Line"),
            ("realization", "Realisation"),
        ],
        required=True,
        default="line",
    )
    region_id = fields.Many2one("kerjasama.region", string="Village")
    account_code = fields.Char(string="Code")
    kegiatan_code = fields.Char(string="Activity Code")
    reference = fields.Char()
    description = fields.Char()
    currency_id = fields.Many2one("res.currency", default=lambda self: self.env.company.currency_id)
    amount_old = fields.Monetary(string="In the Suite", currency_field="currency_id")
    amount_new = fields.Monetary(string="In Siskeudes", currency_field="currency_id")
    message = fields.Char()

    @api.depends("status")
    def _compute_sequence_error(self):
        for line in self:
            line.sequence_error = 0 if line.status == "error" else 1
