from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..tools.guard import is_unlocked, unlocked

OPEN_STATES = ("persiapan", "penawaran", "musyawarah")
BPD_FIELDS = {"bpd_consent", "bpd_consent_date"}
CONSENT_KEY = "kerjasama.musyawarah:consent"


class KerjasamaMusyawarah(models.Model):
    """Musyawarah Desa held by the BPD in one participating desa on a kerja sama desa
    (Permendagri 96/2017 Pasal 13-15): date, berita acara (chair, secretary, community
    representative, attendance), decision and BPD consent. Every
    party desa must agree, with BPD consent, before the agreement is drafted."""

    _name = "kerjasama.musyawarah"
    _description = "Village Deliberation (Musyawarah Desa)"
    _inherit = ["kerjasama.access.mixin"]
    _order = "date desc, id desc"

    agreement_id = fields.Many2one(
        "kerjasama.agreement", string="Agreement", required=True, ondelete="cascade", index=True
    )
    region_id = fields.Many2one(
        "kerjasama.region",
        string="Village",
        required=True,
        index=True,
        ondelete="restrict",
        domain="[('id', 'in', allowed_region_ids)]",
    )
    allowed_region_ids = fields.Many2many(
        related="agreement_id.region_ids", string="Party Villages"
    )
    date = fields.Date(string="Deliberation Date", required=True)
    berita_acara_number = fields.Char(required=True)
    place = fields.Char(string="Venue", help="Where the deliberation was held, e.g. Balai Desa.")
    decision = fields.Selection([("agreed", "Agreed"), ("refused", "Refused")], required=True)
    bpd_consent = fields.Boolean(
        string="BPD Consent", help="The BPD consents to the cooperation (recorded by the BPD)."
    )
    bpd_consent_date = fields.Date(string="BPD Consent Date")
    bpd_user_id = fields.Many2one(
        "res.users", string="Consent Recorded By", readonly=True, copy=False
    )
    notes = fields.Text()
    # the berita acara: who chaired, who took the minutes, who signs for the community, and
    # the attendance list attached to it
    chair_name = fields.Char(string="Chaired By", help="Pimpinan sidang, usually the BPD chair.")
    secretary_name = fields.Char(string="Minutes Taken By", help="Sekretaris (notulen) sidang.")
    community_representative_name = fields.Char(
        string="Community Representative",
        help="The community representative who signs the berita acara with the chair and the "
        "secretary.",
    )
    attendance_ids = fields.One2many(
        "kerjasama.musyawarah.attendance", "musyawarah_id", string="Attendance", copy=False
    )
    attendance_count = fields.Integer(string="Present", compute="_compute_attendance_count")
    agreement_state = fields.Selection(related="agreement_id.state", string="Agreement Stage")
    user_is_bpd = fields.Boolean(compute="_compute_user_is_bpd")

    _sql_constraints = [
        (
            "agreement_region_unique",
            "UNIQUE(agreement_id, region_id)",
            "A village holds one deliberation record per agreement.",
        ),
    ]

    @api.depends_context("uid")
    @api.depends("region_id")
    def _compute_user_is_bpd(self):
        """The BPD of this deliberation's own desa (the acts of consent are its own)."""
        for musyawarah in self:
            musyawarah.user_is_bpd = musyawarah._kerjasama_has_role(("bpd",))

    @api.depends("attendance_ids")
    def _compute_attendance_count(self):
        for musyawarah in self:
            musyawarah.attendance_count = len(musyawarah.attendance_ids)

    @api.depends("region_id", "date")
    def _compute_display_name(self):
        for musyawarah in self:
            musyawarah.display_name = self.env._(
                "Musyawarah Desa %(desa)s (%(date)s)",
                desa=musyawarah.region_id.name or "",
                date=musyawarah.date or "",
            )

    @api.constrains("region_id", "agreement_id")
    def _check_region(self):
        for musyawarah in self:
            if musyawarah.region_id not in musyawarah.agreement_id.region_ids:
                raise ValidationError(
                    self.env._(
                        "%(desa)s is not a desa party to agreement %(agreement)s.",
                        desa=musyawarah.region_id.display_name,
                        agreement=musyawarah.agreement_id.display_name,
                    )
                )

    @api.constrains("date", "bpd_consent_date", "agreement_id")
    def _check_dates(self):
        today = fields.Date.context_today(self)
        for musyawarah in self:
            offer = musyawarah.agreement_id.sudo().offer_date
            if musyawarah.date > today:
                raise ValidationError(
                    self.env._(
                        "%(name)s: a deliberation is recorded once it is held; %(date)s is in "
                        "the future.",
                        name=musyawarah.display_name,
                        date=musyawarah.date,
                    )
                )
            if offer and musyawarah.date < offer:
                raise ValidationError(
                    self.env._(
                        "%(name)s: the deliberation cannot be held before the offer of "
                        "%(offer)s.",
                        name=musyawarah.display_name,
                        offer=offer,
                    )
                )
            consent = musyawarah.bpd_consent_date
            if consent and not musyawarah.date <= consent <= today:
                raise ValidationError(
                    self.env._(
                        "%(name)s: the BPD consents on or after its deliberation and not in "
                        "the future (consent dated %(consent)s).",
                        name=musyawarah.display_name,
                        consent=consent,
                    )
                )

    def _kerjasama_regions(self):
        return self.region_id

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("bpd_consent") or vals.get("bpd_user_id"):
                if True:
                    raise UserError(
                        self.env._(
                            "The BPD records its consent with its own button once the "
                            "deliberation is saved."
                        )
                    )
        records = super().create(vals_list)
        records._check_agreement_open()
        records.agreement_id._next_step_sync_activities()
        return records

    def write(self, vals):
        if not is_unlocked(CONSENT_KEY):
            if "bpd_consent" in vals or "bpd_user_id" in vals:
                raise UserError(
                    self.env._(
                        "The BPD records or withdraws its consent with its own buttons; the "
                        "consent cannot be written directly."
                    )
                )
            if "bpd_consent_date" in vals:
                for musyawarah in self:
                    musyawarah._kerjasama_check_role(
                        ("bpd",),
                        self.env._(
                            "date the consent of the BPD of %(desa)s",
                            desa=musyawarah.region_id.name,
                        ),
                    )
                    if musyawarah.bpd_consent:
                        raise UserError(
                            self.env._(
                                "%(name)s: the consent is recorded; withdraw it to change "
                                "its date.",
                                name=musyawarah.display_name,
                            )
                        )
        self._check_agreement_open()
        res = super().write(vals)
        if {"decision", "bpd_consent", "region_id"} & set(vals):
            self.agreement_id._next_step_sync_activities()
        return res

    @api.ondelete(at_uninstall=False)
    def _unlink_except_closed(self):
        self._check_agreement_open()

    def action_bpd_consent(self):
        """The BPD of the desa consents to the cooperation (on the day given, default today)."""
        for musyawarah in self:
            musyawarah._kerjasama_check_role(
                ("bpd",),
                self.env._(
                    "record the consent of the BPD of %(desa)s", desa=musyawarah.region_id.name
                ),
            )
            musyawarah._check_agreement_open()
            if musyawarah.decision != "agreed":
                raise UserError(
                    self.env._(
                        "%(name)s did not agree to the cooperation: there is nothing to consent "
                        "to.",
                        name=musyawarah.display_name,
                    )
                )
            with unlocked(CONSENT_KEY):
                musyawarah.sudo().write(
                    {
                        "bpd_consent": True,
                        "bpd_consent_date": musyawarah.bpd_consent_date
                        or fields.Date.context_today(self),
                        "bpd_user_id": self.env.uid,
                    }
                )
        return True

    def action_bpd_withdraw(self):
        for musyawarah in self:
            musyawarah._kerjasama_check_role(
                ("bpd",),
                self.env._(
                    "withdraw the consent of the BPD of %(desa)s", desa=musyawarah.region_id.name
                ),
            )
            musyawarah._check_agreement_open()
            with unlocked(CONSENT_KEY):
                musyawarah.sudo().write(
                    {"bpd_consent": False, "bpd_consent_date": False, "bpd_user_id": False}
                )
        return True

    def _check_agreement_open(self):
        for musyawarah in self:
            if musyawarah.agreement_id.state not in OPEN_STATES:
                raise UserError(
                    self.env._(
                        "Agreement %(name)s is past the village deliberation stage: its "
                        "deliberations can no longer be changed.",
                        name=musyawarah.agreement_id.display_name,
                    )
                )
