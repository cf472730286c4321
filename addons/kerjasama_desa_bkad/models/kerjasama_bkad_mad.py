import math

from odoo import Command, api, fields, models
from odoo.exceptions import UserError

MAD_STATES = [("draft", "Draft"), ("held", "Held"), ("closed", "Closed")]


class KerjasamaBkadMad(models.Model):
    """Musyawarah Antar Desa (MAD): the meeting of the member desa of a BKAD (UU 6/2014 Pasal 92;
    Permendagri 96/2017 Pasal 13). Attendance per member desa gives the quorum set by the BKAD;
    decisions (work programme, budget, change of pengurus) are recorded in a berita acara."""

    _name = "kerjasama.bkad.mad"
    _description = "Inter-Village Deliberation (MAD)"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date desc, id desc"

    name = fields.Char(
        string="Minutes Number",
        required=True,
        copy=False,
        readonly=True,
        default="/",
        index="trigram",
        help="Berita acara number, given when the meeting is closed.",
    )
    subject = fields.Char(required=True, tracking=True)
    bkad_id = fields.Many2one(
        "kerjasama.bkad",
        string="BKAD",
        required=True,
        index=True,
        ondelete="restrict",
        tracking=True,
    )
    date = fields.Datetime(required=True, tracking=True, index=True, default=fields.Datetime.now)
    place = fields.Char(tracking=True)
    agenda = fields.Text()
    minutes = fields.Text(string="Proceedings")
    state = fields.Selection(
        MAD_STATES, default="draft", required=True, tracking=True, index=True, copy=False
    )
    attendance_ids = fields.One2many(
        "kerjasama.bkad.mad.attendance", "mad_id", string="Invitations", copy=True
    )
    decision_ids = fields.One2many("kerjasama.bkad.mad.decision", "mad_id", string="Decisions")
    quorum_percent = fields.Float(
        string="Quorum (%)",
        compute="_compute_quorum_percent",
        store=True,
        readonly=False,
        precompute=True,
        help="Share of the invited member villages that must be present, taken from the BKAD "
        "rule when the meeting is planned.",
    )
    invited_count = fields.Integer(string="Invited Villages", compute="_compute_quorum", store=True)
    present_count = fields.Integer(string="Villages Present", compute="_compute_quorum", store=True)
    quorum_min_count = fields.Integer(
        string="Villages Needed", compute="_compute_quorum", store=True
    )
    quorum_reached = fields.Boolean(compute="_compute_quorum", store=True)
    date_closed = fields.Date(string="Closing Date", readonly=True, copy=False)
    closed_by_id = fields.Many2one("res.users", string="Closed By", readonly=True, copy=False)

    @api.depends("bkad_id")
    def _compute_quorum_percent(self):
        for mad in self:
            if mad.state == "draft" or not mad.quorum_percent:
                mad.quorum_percent = mad.bkad_id.mad_quorum_percent

    @api.depends("attendance_ids.present", "attendance_ids.region_id", "quorum_percent")
    def _compute_quorum(self):
        for mad in self:
            invited = mad.attendance_ids.region_id
            present = mad.attendance_ids.filtered("present").region_id
            needed = math.ceil(round(len(invited) * mad.quorum_percent / 100.0, 6))
            mad.invited_count = len(invited)
            mad.present_count = len(present)
            mad.quorum_min_count = needed
            mad.quorum_reached = bool(invited) and len(present) >= max(needed, 1)

    @api.depends("name", "subject")
    def _compute_display_name(self):
        for mad in self:
            mad.display_name = (
                f"{mad.name} {mad.subject}" if mad.name and mad.name != "/" else mad.subject
            )

    @api.model_create_multi
    def create(self, vals_list):
        bkads = self.env["kerjasama.bkad"].browse(
            [vals["bkad_id"] for vals in vals_list if vals.get("bkad_id")]
        )
        bkads.fetch(["member_region_ids"])
        for vals in vals_list:
            if not vals.get("attendance_ids") and vals.get("bkad_id"):
                bkad = self.env["kerjasama.bkad"].browse(vals["bkad_id"])
                vals["attendance_ids"] = [
                    Command.create({"region_id": region.id}) for region in bkad.member_region_ids
                ]
        return super().create(vals_list)

    def action_invite_members(self):
        """Add an invitation line for every member village not yet invited."""
        for mad in self:
            if mad.state == "closed":
                raise UserError(self.env._("Meeting %(name)s is closed.", name=mad.display_name))
            missing = mad.bkad_id.member_region_ids - mad.attendance_ids.region_id
            mad.attendance_ids = [Command.create({"region_id": r.id}) for r in missing]
        return True

    def action_hold(self):
        for mad in self:
            if mad.state != "draft":
                raise UserError(
                    self.env._("Meeting %(name)s is not a draft.", name=mad.display_name)
                )
            if not mad.attendance_ids:
                raise UserError(
                    self.env._(
                        "Meeting %(name)s has no invited village: invite the member villages "
                        "first.",
                        name=mad.display_name,
                    )
                )
        self.write({"state": "held"})
        return True

    def action_close(self):
        """Close the meeting: number the berita acara and carry out its decisions."""
        for mad in self:
            if mad.state != "held":
                raise UserError(
                    self.env._(
                        "Only a meeting that was held can be closed (%(name)s).",
                        name=mad.display_name,
                    )
                )
            if mad.decision_ids and not mad.quorum_reached:
                raise UserError(
                    self.env._(
                        "Meeting %(name)s did not reach its quorum: its decisions are not valid.",
                        name=mad.display_name,
                    )
                )
        for mad in self:
            vals = {
                "state": "closed",
                "date_closed": fields.Date.context_today(self),
                "closed_by_id": self.env.uid,
            }
            if mad.name == "/":
                vals["name"] = mad.bkad_id._next_document_number(
                    "BA-MAD", fields.Date.to_date(mad.date)
                )
            mad.write(vals)
            mad.decision_ids._apply()
        return True

    @api.ondelete(at_uninstall=False)
    def _unlink_except_held(self):
        if any(mad.state != "draft" for mad in self):
            raise UserError(
                self.env._("A meeting that was held is kept: only a draft meeting can be deleted.")
            )
