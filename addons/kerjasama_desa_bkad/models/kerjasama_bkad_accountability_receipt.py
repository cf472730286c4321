from odoo import api, fields, models
from odoo.exceptions import UserError

from odoo.addons.kerjasama_desa.tools.guard import is_unlocked, unlocked

RECEIPT_KEY = "kerjasama.bkad.accountability.receipt:trail"


class KerjasamaBkadAccountabilityReceipt(models.Model):
    """Receipt of a BKAD accountability report by the kepala desa of one member desa.

    The trail is the server's: opened when the report is submitted, acknowledged by the village
    heads through the report (``action_confirm_receipt``); no caller writes it directly."""

    _name = "kerjasama.bkad.accountability.receipt"
    _description = "BKAD Report Receipt"
    _order = "report_id, region_id"

    report_id = fields.Many2one(
        "kerjasama.bkad.accountability.report",
        string="Report",
        required=True,
        index=True,
        ondelete="cascade",
    )
    bkad_id = fields.Many2one(related="report_id.bkad_id", store=True, index=True)
    region_id = fields.Many2one(
        "kerjasama.region", string="Village", required=True, index=True, ondelete="restrict"
    )
    kepala_desa_name = fields.Char(
        string="Village Head", related="region_id.partner_id.kepala_desa_name"
    )
    received_date = fields.Datetime(string="Received On", readonly=True)
    received_by_id = fields.Many2one("res.users", string="Received By", readonly=True)

    _sql_constraints = [
        (
            "village_unique",
            "UNIQUE(report_id, region_id)",
            "A village receives a report once.",
        ),
    ]

    @api.model
    def _receipt_unlocked(self):
        return unlocked(RECEIPT_KEY)

    def _check_receipt_unlocked(self):
        if not is_unlocked(RECEIPT_KEY):
            raise UserError(
                self.env._(
                    "The receipt of a BKAD report is recorded by the village heads with the "
                    "Acknowledge Receipt button of the report; it cannot be written directly."
                )
            )

    @api.model_create_multi
    def create(self, vals_list):
        self._check_receipt_unlocked()
        return super().create(vals_list)

    def write(self, vals):
        self._check_receipt_unlocked()
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_trail(self):
        self._check_receipt_unlocked()
