from odoo import api, fields, models
from odoo.exceptions import UserError


class KerjasamaBkadMadAttendance(models.Model):
    """Invitation and attendance of one member desa at a Musyawarah Antar Desa: the basis of the
    quorum."""

    _name = "kerjasama.bkad.mad.attendance"
    _description = "MAD Village Attendance"
    _inherit = ["kerjasama.bkad.base.mixin"]
    _order = "mad_id, region_id"

    mad_id = fields.Many2one(
        "kerjasama.bkad.mad", string="Meeting", required=True, index=True, ondelete="cascade"
    )
    bkad_id = fields.Many2one(related="mad_id.bkad_id", store=True, index=True)
    region_id = fields.Many2one(
        "kerjasama.region", string="Village", required=True, index=True, ondelete="restrict"
    )
    delegate_names = fields.Char(string="Delegates")
    present = fields.Boolean()
    note = fields.Char()

    _sql_constraints = [
        (
            "village_unique",
            "UNIQUE(mad_id, region_id)",
            "A village is invited only once to a meeting.",
        ),
    ]

    @api.constrains("region_id", "mad_id")
    def _check_member(self):
        self._check_member_village()

    def _check_open(self):
        if any(line.mad_id.state == "closed" for line in self):
            raise UserError(self.env._("The attendance of a closed meeting cannot change."))

    @api.model_create_multi
    def create(self, vals_list):
        lines = super().create(vals_list)
        lines._check_open()
        return lines

    def write(self, vals):
        self._check_open()
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_closed(self):
        self._check_open()
