from odoo import fields, models


class KerjasamaBkadAccountabilityReceipt(models.Model):
    """Receipt of a BKAD accountability report by the kepala desa of one member desa."""

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
