from odoo import api, fields, models


class KerjasamaBidang(models.Model):
    """Bidang and sub-bidang of a kerja sama desa, as DPMD materials list them (extensible data)."""

    _name = "kerjasama.bidang"
    _description = "Cooperation Field (Bidang)"
    _parent_store = True
    _order = "code, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True, index=True)
    parent_id = fields.Many2one(
        "kerjasama.bidang", string="Bidang", index=True, ondelete="restrict"
    )
    parent_path = fields.Char(index=True)
    child_ids = fields.One2many("kerjasama.bidang", "parent_id", string="Sub-bidang")
    active = fields.Boolean(default=True)

    _sql_constraints = [("code_unique", "UNIQUE(code)", "The bidang code must be unique.")]

    @api.depends("name", "code")
    def _compute_display_name(self):
        for bidang in self:
            bidang.display_name = f"{bidang.code} {bidang.name}"
