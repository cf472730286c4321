from odoo import fields, models


class KerjasamaTerminationReason(models.Model):
    """Grounds on which a kerja sama desa ends (Permendagri 96/2017 and DPMD practice; kept as
    data because the list is not confirmed for 96/2017)."""

    _name = "kerjasama.termination.reason"
    _description = "Agreement Termination Reason"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True, index=True)
    sequence = fields.Integer(default=10)
    description = fields.Text(translate=True)
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("code_unique", "UNIQUE(code)", "The termination reason code must be unique."),
    ]
