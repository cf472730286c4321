from odoo import fields, models


class KerjasamaBkadRole(models.Model):
    """Role of a BKAD official (pengurus): ketua, sekretaris, bendahara, unit head, member of the
    supervisory body. Sizes and terms are local choices of each BKAD (domain: BKAD, unconfirmed
    in Permendagri 96/2017), so roles are data."""

    _name = "kerjasama.bkad.role"
    _description = "BKAD Official Role"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True, index=True)
    sequence = fields.Integer(default=10)
    single_seat = fields.Boolean(
        default=True,
        help="Only one official may hold this role at a time (per unit for unit heads).",
    )
    requires_unit = fields.Boolean(
        string="Unit Head",
        help="The holder heads a unit of the BKAD: the unit must be given.",
    )
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("code_unique", "UNIQUE(code)", "A BKAD role with this code already exists."),
    ]
