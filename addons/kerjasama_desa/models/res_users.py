from odoo import fields, models


class ResUsers(models.Model):
    """Regions a user works in: the basis of region-scoped access (record rules use child_of)."""

    _inherit = "res.users"

    kerjasama_region_ids = fields.Many2many(
        "kerjasama.region",
        "kerjasama_region_res_users_rel",
        "user_id",
        "region_id",
        string="Working Regions",
        help="Regions (kabupaten, kecamatan or desa) whose records this user may see.",
    )

    def _kerjasama_region_domain(self, field_name="region_ids"):
        """Domain restricting ``field_name`` to the regions under the user's working regions."""
        self.ensure_one()
        return [(field_name, "child_of", self.kerjasama_region_ids.ids)]
