from odoo import fields, models


class ResUsers(models.Model):
    """BKADs a staff user is assigned to: the basis of the BKAD staff record rules."""

    _inherit = "res.users"

    kerjasama_bkad_staff_ids = fields.Many2many(
        "kerjasama.bkad",
        "kerjasama_bkad_staff_users_rel",
        "user_id",
        "bkad_id",
        string="BKAD Assignments",
    )
