import math

import pytz

from odoo import Command, api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..tools.formatting import format_date_id
from ..tools.numbering import next_number

NUMBER_PREFIX = "BA-MAD"
MAD_STATES = [
    ("draft", "Draft"),
    ("held", "Held"),
    ("closed", "Closed"),
    ("cancelled", "Cancelled"),
]
# target state: the states it may be reached from (the only moves of a meeting)
TRANSITIONS = {
    "held": ("draft",),
    "closed": ("held",),
    "cancelled": ("draft", "held"),
    "draft": ("cancelled",),
}
LOCKED_STATES = ("closed", "cancelled")
AGREEMENT_DECISIONS = [
    ("agreed", "Agreed"),
    ("refused", "Refused"),
    ("postponed", "Postponed"),
]
# given by the meeting's own steps, never written by a caller
PROTECTED_FIELDS = {"state", "name", "date_closed", "closed_by_id"}
# fields of the chatter that stay writable on a closed meeting
CHATTER_PREFIXES = ("message_", "activity_", "website_message")
# editable while the meeting is a draft only
DRAFT_ONLY_FIELDS = {"agreement_id", "bkad_id", "quorum_percent"}
DEFAULT_QUORUM_PERCENT = 50.0
DEFAULT_TZ = "Asia/Jakarta"


class KerjasamaMad(models.Model):
    """Musyawarah Antar-Desa (MAD): the meeting of the participating desa in which an antar-desa
    cooperation is discussed and agreed before its Peraturan Bersama is drafted (UU 6/2014
    Pasal 92; Permendagri 96/2017 Pasal 13), and in which the member desa of a BKAD decide on
    its work (the BKAD addon adds those decisions).

    The invited desa are the desa parties of the agreement (or the member desa of the BKAD);
    the attendance per desa gives the quorum. Closing the meeting numbers its berita acara in
    the register of the kabupaten, in the year of the meeting, and freezes it. The stage moves
    only through the meeting's steps (``action_hold``, ``action_close``, ``action_cancel``,
    ``action_reset_draft``), whatever a caller sends to ``write``.
    """

    _name = "kerjasama.mad"
    _description = "Inter-Village Deliberation (Musyawarah Antar-Desa)"
    _inherit = ["mail.thread", "mail.activity.mixin", "kerjasama.region.scope.mixin"]
    _kerjasama_scope_path = "attendance_ids.region_id"
    _order = "date desc, id desc"

    name = fields.Char(
        string="Minutes Number",
        required=True,
        copy=False,
        readonly=True,
        default="/",
        index="trigram",
        help="Number of the berita acara, given when the meeting is closed, in the register "
        "of the kabupaten for the year of the meeting.",
    )
    subject = fields.Char(
        required=True,
        tracking=True,
        compute="_compute_subject",
        store=True,
        readonly=False,
        precompute=True,
    )
    agreement_id = fields.Many2one(
        "kerjasama.agreement",
        string="Agreement",
        index="btree_not_null",
        ondelete="restrict",
        tracking=True,
        domain=[("kind", "=", "antar_desa")],
        help="The antar-desa agreement whose draft Peraturan Bersama the meeting discusses; "
        "its desa parties are invited.",
    )
    bkad_id = fields.Many2one(
        "kerjasama.bkad",
        string="BKAD",
        index="btree_not_null",
        ondelete="restrict",
        tracking=True,
        help="The BKAD whose member desa meet; without an agreement, they are the invited desa.",
    )
    kabupaten_id = fields.Many2one(
        "kerjasama.region",
        string="Regency/City",
        compute="_compute_regions",
        store=True,
        index=True,
    )
    region_ids = fields.Many2many(
        "kerjasama.region",
        "kerjasama_mad_region_rel",
        "mad_id",
        "region_id",
        string="Invited Villages",
        compute="_compute_regions",
        store=True,
        help="Villages invited to the meeting.",
    )
    date = fields.Datetime(required=True, tracking=True, index=True, default=fields.Datetime.now)
    place = fields.Char(tracking=True)
    agenda = fields.Text()
    minutes = fields.Text(
        string="Proceedings",
        help="How the meeting went (jalannya musyawarah), as the berita acara reports it.",
    )
    chair_name = fields.Char(string="Chaired By", tracking=True)
    secretary_name = fields.Char(string="Minutes Taken By", tracking=True)
    state = fields.Selection(
        MAD_STATES, default="draft", required=True, tracking=True, index=True, copy=False
    )
    attendance_ids = fields.One2many(
        "kerjasama.mad.attendance", "mad_id", string="Invitations", copy=True
    )
    decision = fields.Selection(
        AGREEMENT_DECISIONS,
        string="Decision on the Agreement",
        tracking=True,
        copy=False,
        help="What the meeting decided on the draft Peraturan Bersama of the agreement.",
    )
    resolution = fields.Text(
        string="Resolution",
        copy=False,
        help="The decision as the berita acara words it.",
    )
    quorum_percent = fields.Float(
        string="Quorum (%)",
        compute="_compute_quorum_percent",
        store=True,
        readonly=False,
        precompute=True,
        help="Share of the invited villages that must be present. A meeting on an agreement "
        "needs every party village (100 %); a BKAD meeting takes the rule of its BKAD.",
    )
    invited_count = fields.Integer(string="Villages Invited", compute="_compute_quorum", store=True)
    present_count = fields.Integer(string="Villages Present", compute="_compute_quorum", store=True)
    quorum_min_count = fields.Integer(
        string="Villages Needed", compute="_compute_quorum", store=True
    )
    quorum_reached = fields.Boolean(compute="_compute_quorum", store=True)
    date_closed = fields.Date(string="Closing Date", readonly=True, copy=False)
    closed_by_id = fields.Many2one("res.users", string="Closed By", readonly=True, copy=False)
    cancel_reason = fields.Text(string="Cancellation Reason", copy=False, tracking=True)

    _sql_constraints = [
        (
            "quorum_percent_range",
            "CHECK(quorum_percent > 0 AND quorum_percent <= 100)",
            "The quorum is a percentage above 0 and at most 100.",
        ),
    ]

    # ------------------------------------------------------------------ computes
    @api.depends("agreement_id")
    def _compute_subject(self):
        for mad in self:
            if not mad.subject and mad.agreement_id:
                mad.subject = self.env._(
                    "Draft Peraturan Bersama on %(title)s", title=mad.agreement_id.title
                )

    @api.depends("attendance_ids.region_id", "agreement_id.kabupaten_id", "bkad_id")
    def _compute_regions(self):
        for mad in self:
            regions = mad.attendance_ids.region_id
            mad.region_ids = regions
            kabupaten = (
                mad.agreement_id.kabupaten_id
                or regions.kabupaten_id[:1]
                or mad.bkad_id.member_region_ids.kabupaten_id[:1]
            )
            mad.kabupaten_id = kabupaten

    def _default_quorum_percent(self):
        """Quorum proposed for a new meeting: every party desa for an agreement (a Peraturan
        Bersama binds the desa that agreed to it), else a simple share."""
        self.ensure_one()
        return 100.0 if self.agreement_id else DEFAULT_QUORUM_PERCENT

    @api.depends("agreement_id", "bkad_id")
    def _compute_quorum_percent(self):
        for mad in self:
            if mad.state == "draft" or not mad.quorum_percent:
                mad.quorum_percent = mad._default_quorum_percent()

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

    # ------------------------------------------------------------------ helpers
    def _local_date(self):
        """Calendar day of the meeting where it was held (the user's time zone, else WIB)."""
        self.ensure_one()
        if not self.date:
            return False
        tz = pytz.timezone(self.env.user.tz or DEFAULT_TZ)
        return pytz.utc.localize(self.date).astimezone(tz).date()

    def _today(self):
        tz = pytz.timezone(self.env.user.tz or DEFAULT_TZ)
        return fields.Datetime.now().replace(tzinfo=pytz.utc).astimezone(tz).date()

    def _get_invited_regions(self):
        """The desa invited to the meeting: the desa parties of its agreement, else the member
        desa of its BKAD."""
        self.ensure_one()
        if self.agreement_id:
            return self.agreement_id.region_ids
        return self.bkad_id.member_region_ids

    def _allowed_regions(self):
        """Desa that may attend; False when any desa of the kabupaten may (a meeting of desa
        that have no agreement or BKAD yet, e.g. to form one)."""
        self.ensure_one()
        if self.agreement_id or self.bkad_id:
            return self._get_invited_regions()
        return False

    # ------------------------------------------------------------------ constraints
    @api.constrains("agreement_id", "bkad_id")
    def _check_agreement(self):
        for mad in self:
            agreement = mad.agreement_id
            if not agreement:
                continue
            if agreement.kind != "antar_desa":
                raise ValidationError(
                    self.env._(
                        "Agreement %(agreement)s is not an antar-desa cooperation: it is not "
                        "agreed in a Musyawarah Antar-Desa.",
                        agreement=agreement.display_name,
                    )
                )
            if mad.bkad_id and agreement.bkad_id and agreement.bkad_id != mad.bkad_id:
                raise ValidationError(
                    self.env._(
                        "Agreement %(agreement)s is run by %(bkad)s, not by %(other)s.",
                        agreement=agreement.display_name,
                        bkad=agreement.bkad_id.display_name,
                        other=mad.bkad_id.display_name,
                    )
                )
            outside = agreement.region_ids - mad.bkad_id.member_region_ids
            if mad.bkad_id and outside:
                raise ValidationError(
                    self.env._(
                        "%(desa)s, party to agreement %(agreement)s, is not a member village of "
                        "%(bkad)s: the BKAD cannot hold its Musyawarah Antar-Desa.",
                        desa=", ".join(outside.mapped("display_name")),
                        agreement=agreement.display_name,
                        bkad=mad.bkad_id.display_name,
                    )
                )

    @api.constrains("date", "agreement_id")
    def _check_date(self):
        low, high = fields.Date.to_date("2000-01-01"), fields.Date.to_date("2100-12-31")
        for mad in self:
            day = mad._local_date()
            if not low <= day <= high:
                raise ValidationError(
                    self.env._(
                        "The date of Musyawarah Antar-Desa %(name)s (%(date)s) is not "
                        "plausible: it must lie between 2000 and 2100.",
                        name=mad.display_name,
                        date=format_date_id(day),
                    )
                )
            agreement = mad.agreement_id
            if agreement.offer_date and day < agreement.offer_date:
                raise ValidationError(
                    self.env._(
                        "Musyawarah Antar-Desa %(name)s is dated %(date)s, before the offer of "
                        "agreement %(agreement)s (%(offer)s): the desa meet on an offer made.",
                        name=mad.display_name,
                        date=format_date_id(day),
                        agreement=agreement.display_name,
                        offer=format_date_id(agreement.offer_date),
                    )
                )
            if agreement.signing_date and day > agreement.signing_date:
                raise ValidationError(
                    self.env._(
                        "Musyawarah Antar-Desa %(name)s is dated %(date)s, after the signing of "
                        "agreement %(agreement)s (%(signing)s): the Peraturan Bersama is agreed "
                        "before it is signed.",
                        name=mad.display_name,
                        date=format_date_id(day),
                        agreement=agreement.display_name,
                        signing=format_date_id(agreement.signing_date),
                    )
                )

    # ------------------------------------------------------------------ CRUD
    def _check_protected(self, vals):
        protected = PROTECTED_FIELDS.intersection(vals)
        if protected:
            raise UserError(
                self.env._(
                    "The stage and the berita acara number of a Musyawarah Antar-Desa are set "
                    "by its steps (open, close, cancel), not written directly: %(fields)s.",
                    fields=", ".join(
                        self._fields[f]._description_string(self.env) for f in sorted(protected)
                    ),
                )
            )

    def _check_editable(self, vals):
        content = {f for f in vals if not f.startswith(CHATTER_PREFIXES)}
        if not content:
            return
        for mad in self:
            if mad.state in LOCKED_STATES:
                raise UserError(
                    self.env._(
                        "Musyawarah Antar-Desa %(name)s is %(state)s: its record can no longer "
                        "change.",
                        name=mad.display_name,
                        state=mad._state_label(),
                    )
                )
            if mad.state != "draft" and DRAFT_ONLY_FIELDS.intersection(content):
                raise UserError(
                    self.env._(
                        "Musyawarah Antar-Desa %(name)s was opened: its agreement, BKAD and "
                        "quorum are kept as they were when it opened.",
                        name=mad.display_name,
                    )
                )

    def _state_label(self):
        self.ensure_one()
        return dict(self._fields["state"]._description_selection(self.env))[self.state]

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("state", "draft") != "draft" or vals.get("name", "/") != "/":
                raise UserError(
                    self.env._(
                        "A Musyawarah Antar-Desa is recorded as a draft without a number; it "
                        "is opened and closed through its steps."
                    )
                )
            self._check_protected({f: v for f, v in vals.items() if f not in ("state", "name")})
        agreements = self.env["kerjasama.agreement"].browse(
            [vals["agreement_id"] for vals in vals_list if vals.get("agreement_id")]
        )
        bkads = self.env["kerjasama.bkad"].browse(
            [vals["bkad_id"] for vals in vals_list if vals.get("bkad_id")]
        )
        agreements.fetch(["region_ids"])
        bkads.fetch(["member_region_ids"])
        for vals in vals_list:
            if vals.get("attendance_ids"):
                continue
            if vals.get("agreement_id"):
                invited = agreements.browse(vals["agreement_id"]).region_ids
            elif vals.get("bkad_id"):
                invited = bkads.browse(vals["bkad_id"]).member_region_ids
            else:
                continue
            vals["attendance_ids"] = [Command.create({"region_id": r.id}) for r in invited]
        return super().create(vals_list)

    def write(self, vals):
        self._check_protected(vals)
        self._check_editable(vals)
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_held(self):
        if any(mad.state != "draft" for mad in self):
            raise UserError(
                self.env._(
                    "A Musyawarah Antar-Desa that was opened is kept (cancel it with a reason): "
                    "only a draft can be deleted."
                )
            )

    # ------------------------------------------------------------------ steps
    def _move_to(self, state, extra=None):
        """The one way the stage changes: checks the move, then writes it (bypassing the
        refusal of ``write``, which never lets a caller set the stage)."""
        for mad in self:
            if mad.state not in TRANSITIONS[state]:
                raise UserError(
                    self.env._(
                        "Musyawarah Antar-Desa %(name)s is %(state)s: it cannot move to "
                        "%(target)s.",
                        name=mad.display_name,
                        state=mad._state_label(),
                        target=dict(self._fields["state"]._description_selection(self.env))[state],
                    )
                )
        self.check_access("write")
        return super().write(dict(extra or {}, state=state))

    def _raise_missing(self, missing):
        self.ensure_one()
        raise UserError(
            self.env._(
                "Musyawarah Antar-Desa %(name)s cannot move on; missing: %(missing)s.",
                name=self.display_name,
                missing="; ".join(missing),
            )
        )

    def action_invite_members(self):
        """Add an invitation line for every invited desa not yet invited."""
        for mad in self:
            if mad.state in LOCKED_STATES:
                raise UserError(
                    self.env._(
                        "Musyawarah Antar-Desa %(name)s is %(state)s: its invitations can no "
                        "longer change.",
                        name=mad.display_name,
                        state=mad._state_label(),
                    )
                )
            missing = mad._get_invited_regions() - mad.attendance_ids.region_id
            if missing:
                mad.attendance_ids = [Command.create({"region_id": r.id}) for r in missing]
        return True

    def _missing_past_date(self):
        self.ensure_one()
        if self._local_date() > self._today():
            return [
                self.env._(
                    "the meeting date (%(date)s is in the future: a meeting is recorded on or "
                    "after its day)",
                    date=format_date_id(self._local_date()),
                )
            ]
        return []

    def _check_can_hold(self):
        """What opening the meeting requires (extended by the BKAD addon)."""
        self.ensure_one()
        missing = []
        if not self.attendance_ids:
            missing.append(self.env._("the invited villages"))
        missing += self._missing_past_date()
        if missing:
            self._raise_missing(missing)

    def action_hold(self):
        """Draft -> held: the meeting takes place."""
        for mad in self:
            mad._check_can_hold()
        self._move_to("held")
        return True

    def _check_can_close(self):
        """What closing the meeting requires (extended by the BKAD addon)."""
        self.ensure_one()
        missing = []
        if not (self.chair_name or "").strip():
            missing.append(self.env._("who chaired the meeting"))
        if not (self.secretary_name or "").strip():
            missing.append(self.env._("who took the minutes"))
        if not (self.minutes or "").strip():
            missing.append(self.env._("the proceedings (jalannya musyawarah)"))
        if self.agreement_id and not self.decision:
            missing.append(self.env._("the decision on the agreement"))
        missing += self._missing_past_date()
        if self.decision == "agreed":
            if not self.quorum_reached:
                missing.append(
                    self.env._(
                        "the quorum (%(present)s of the %(needed)s villages needed are present)",
                        present=self.present_count,
                        needed=self.quorum_min_count,
                    )
                )
            absent = (
                self.agreement_id.region_ids - self.attendance_ids.filtered("present").region_id
            )
            if absent:
                missing.append(
                    self.env._(
                        "the presence of %(desa)s, party to the agreement",
                        desa=", ".join(absent.mapped("display_name")),
                    )
                )
        if missing:
            self._raise_missing(missing)

    def _on_closed(self):
        """Effects of closing (the BKAD addon carries out its decisions here)."""
        return True

    def action_close(self):
        """Held -> closed: number the berita acara (in the year of the meeting) and freeze."""
        for mad in self:
            mad._check_can_close()
        for mad in self:
            number = mad.name
            if not number or number == "/":
                number = next_number(self.env, NUMBER_PREFIX, mad.kabupaten_id, mad._local_date())
            mad._move_to(
                "closed",
                {
                    "name": number,
                    "date_closed": fields.Date.context_today(self),
                    "closed_by_id": self.env.uid,
                },
            )
        self._on_closed()
        return True

    def action_cancel(self):
        """Draft/held -> cancelled, with the reason written on the meeting."""
        for mad in self:
            if mad.state in TRANSITIONS["cancelled"] and not (mad.cancel_reason or "").strip():
                mad._raise_missing([self.env._("the cancellation reason")])
        self._move_to("cancelled")
        return True

    def action_reset_draft(self):
        """Cancelled -> draft: the meeting is planned again."""
        self._move_to("draft")
        return True

    # ------------------------------------------------------------------ lifecycle of agreements
    def _agreed_meetings(self, agreement):
        """Closed meetings that agreed on ``agreement``, the latest first (read as superuser:
        the lifecycle checks every party desa, whoever asks)."""
        return self.sudo().search(
            [
                ("agreement_id", "=", agreement.id),
                ("state", "=", "closed"),
                ("decision", "=", "agreed"),
            ],
            order="date desc, id desc",
        )

    def _drafting_gaps(self, agreement):
        """What this closed, agreed meeting lacks to open the drafting of ``agreement``."""
        self.ensure_one()
        gaps = []
        day = self._local_date()
        absent = agreement.region_ids - self.attendance_ids.filtered("present").region_id
        if absent:
            gaps.append(
                self.env._(
                    "the presence of %(desa)s at Musyawarah Antar-Desa %(name)s",
                    desa=", ".join(absent.mapped("display_name")),
                    name=self.display_name,
                )
            )
        if day > self._today():
            gaps.append(
                self.env._(
                    "a Musyawarah Antar-Desa that took place (%(name)s is dated %(date)s, in "
                    "the future)",
                    name=self.display_name,
                    date=format_date_id(day),
                )
            )
        if agreement.offer_date and day < agreement.offer_date:
            gaps.append(
                self.env._(
                    "a Musyawarah Antar-Desa held after the offer of %(offer)s (%(name)s is "
                    "dated %(date)s)",
                    offer=format_date_id(agreement.offer_date),
                    name=self.display_name,
                    date=format_date_id(day),
                )
            )
        later = agreement.sudo().musyawarah_ids.filtered(lambda m: m.date and m.date > day)
        if later:
            gaps.append(
                self.env._(
                    "a Musyawarah Antar-Desa held after the musyawarah desa of %(desa)s "
                    "(%(name)s is dated %(date)s)",
                    desa=", ".join(later.region_id.mapped("display_name")),
                    name=self.display_name,
                    date=format_date_id(day),
                )
            )
        return gaps

    @api.model
    def _missing_for_drafting(self, agreement):
        """What an antar-desa ``agreement`` lacks, on the side of the Musyawarah Antar-Desa,
        to move from musyawarah to penyusunan: a closed meeting that agreed on it, where every
        party desa was present, that took place (not dated in the future) after the
        musyawarah desa of the parties. Returns translated phrases (empty when nothing is
        missing, or for an agreement with a pihak ketiga)."""
        agreement.ensure_one()
        if agreement.kind != "antar_desa":
            return []
        meetings = self._agreed_meetings(agreement)
        if not meetings:
            return [self.env._("a closed Musyawarah Antar-Desa that agreed on the agreement")]
        gaps_latest = None
        for mad in meetings:
            gaps = mad._drafting_gaps(agreement)
            if not gaps:
                return []
            if gaps_latest is None:
                gaps_latest = gaps
        return gaps_latest

    @api.model
    def _latest_meeting_date(self, agreement):
        """Day of the latest closed Musyawarah Antar-Desa that agreed on ``agreement``, or
        False."""
        agreement.ensure_one()
        meetings = self._agreed_meetings(agreement)
        return meetings[:1]._local_date() if meetings else False
