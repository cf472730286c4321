from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from .kerjasama_mad import LOCKED_STATES


class KerjasamaMadAttendance(models.Model):
    """Invitation and attendance of one desa at a Musyawarah Antar-Desa (its delegates, whether
    it was present): the basis of the quorum and of the berita acara's attendance list."""

    _name = "kerjasama.mad.attendance"
    _description = "MAD Village Attendance"
    _order = "mad_id, region_id"

    mad_id = fields.Many2one(
        "kerjasama.mad", string="Meeting", required=True, index=True, ondelete="cascade"
    )
    region_id = fields.Many2one(
        "kerjasama.region",
        string="Village",
        required=True,
        index=True,
        ondelete="restrict",
        domain=[("level", "=", "desa"), ("village_type", "!=", "kelurahan")],
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
    def _check_region(self):
        for line in self:
            region, mad = line.region_id, line.mad_id
            if region.level != "desa" or region.village_type == "kelurahan":
                raise ValidationError(
                    self.env._(
                        "%(region)s is not a desa: only desa meet in a Musyawarah Antar-Desa.",
                        region=region.display_name,
                    )
                )
            allowed = mad._allowed_regions()
            if allowed is not False and region not in allowed:
                if mad.agreement_id:
                    raise ValidationError(
                        self.env._(
                            "%(desa)s is not a desa party to agreement %(agreement)s: it is "
                            "not invited to its Musyawarah Antar-Desa.",
                            desa=region.display_name,
                            agreement=mad.agreement_id.display_name,
                        )
                    )
                raise ValidationError(
                    self.env._(
                        "%(village)s is not a member village of %(bkad)s.",
                        village=region.display_name,
                        bkad=mad.bkad_id.display_name,
                    )
                )
            if len(mad.attendance_ids.region_id.kabupaten_id) > 1:
                raise ValidationError(
                    self.env._(
                        "The villages of Musyawarah Antar-Desa %(name)s lie in more than one "
                        "regency: desa of another regency cooperate under the rules between "
                        "regions instead.",
                        name=mad.display_name,
                    )
                )

    def _check_open(self):
        for line in self:
            if line.mad_id.state in LOCKED_STATES:
                raise UserError(
                    self.env._(
                        "The attendance of Musyawarah Antar-Desa %(name)s cannot change: the "
                        "meeting is %(state)s.",
                        name=line.mad_id.display_name,
                        state=line.mad_id._state_label(),
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        lines = super().create(vals_list)
        lines._check_open()
        return lines

    def write(self, vals):
        self._check_open()
        if "mad_id" in vals:
            raise UserError(self.env._("An invitation stays with its meeting."))
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_closed(self):
        self._check_open()
