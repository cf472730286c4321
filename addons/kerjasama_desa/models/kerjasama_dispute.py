from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools.translate import LazyTranslate

from ..tools.dates import latest_today
from .kerjasama_lifecycle_mixin import Transition

_lt = LazyTranslate(__name__)

DISPUTE_STAGES = [
    ("musyawarah", "Deliberation (Musyawarah)"),
    ("camat", "Facilitation by the Camat"),
    ("bupati", "Facilitation by the Bupati/Walikota"),
]
# The parties (through the officials of their desa) deliberate; at the escalated stage the
# facilitating level acts: the kecamatan for the camat, the DPMD for the bupati/walikota.
PARTIES = ("perangkat",)
FACILITATOR_ROLES = {"camat": ("camat",), "bupati": ("dpmd",)}
TRANSITIONS = {
    "action_start_musyawarah": Transition(
        ("open",), "musyawarah", PARTIES, "_missing_start", _lt("put the dispute to deliberation")
    ),
    "action_escalate": Transition(
        ("musyawarah",),
        "escalated",
        PARTIES,
        "_missing_escalate",
        _lt("escalate the dispute to the facilitating official"),
    ),
    "action_settle": Transition(
        ("musyawarah",),
        "settled",
        PARTIES,
        "_missing_settle",
        _lt("record the settlement by deliberation"),
    ),
    "action_settle_camat": Transition(
        ("escalated",),
        "settled",
        FACILITATOR_ROLES["camat"],
        "_missing_settle",
        _lt("record the settlement facilitated by the camat"),
    ),
    "action_settle_bupati": Transition(
        ("escalated",),
        "settled",
        FACILITATOR_ROLES["bupati"],
        "_missing_settle",
        _lt("record the settlement facilitated by the bupati/walikota"),
    ),
    "action_fail_camat": Transition(
        ("escalated",),
        "failed",
        FACILITATOR_ROLES["camat"],
        "_missing_fail",
        _lt("close the facilitation by the camat as failed"),
    ),
    "action_fail_bupati": Transition(
        ("escalated",),
        "failed",
        FACILITATOR_ROLES["bupati"],
        "_missing_fail",
        _lt("close the facilitation by the bupati/walikota as failed"),
    ),
}
SERVER_FIELDS = ("state", "stage", "date_escalated", "escalation_target", "company_id")
CLOSED_STATES = ("settled", "failed")
# The facts of the dispute, fixed once it is escalated; the record of the deliberation or of
# the facilitation, written by whoever is at the table at that stage.
FACT_FIELDS = {"name", "description", "party_ids", "date", "agreement_id"}
RECORD_FIELDS = {"outcome", "berita_acara_number", "date_settled", "signatories", "facilitator"}


class KerjasamaDispute(models.Model):
    """Perselisihan in a kerja sama desa (Permendagri 96/2017): settled first by musyawarah;
    if that fails the camat facilitates when all parties lie in one kecamatan, the
    bupati/walikota when they lie across kecamatan. The settlement is recorded in a berita
    acara signed by the parties and the facilitating official; if it fails the legal route
    follows.

    The stages are the table ``TRANSITIONS``: the officials of the party desa deliberate and
    escalate; once escalated only the facilitating level records the outcome (the camat, or the
    DPMD for the bupati/walikota)."""

    _name = "kerjasama.dispute"
    _description = "Cooperation Dispute"
    _inherit = ["mail.thread", "mail.activity.mixin", "kerjasama.followup.mixin"]
    _order = "date desc, id desc"
    _lifecycle_initial_state = "open"
    _lifecycle_server_fields = SERVER_FIELDS
    _lifecycle_transitions = TRANSITIONS
    _followup_author_roles = PARTIES + ("admin",)

    name = fields.Char(string="Subject", required=True, tracking=True)
    description = fields.Text(required=True)
    party_ids = fields.Many2many(
        "kerjasama.agreement.party",
        string="Parties Involved",
        domain="[('agreement_id', '=', agreement_id)]",
    )
    date = fields.Date(string="Dispute Date", default=fields.Date.context_today, required=True)
    state = fields.Selection(
        [
            ("open", "Open"),
            ("musyawarah", "In Deliberation"),
            ("escalated", "Escalated"),
            ("settled", "Settled"),
            ("failed", "Failed (Legal Route)"),
        ],
        default="open",
        required=True,
        tracking=True,
        index=True,
        copy=False,
    )
    stage = fields.Selection(
        DISPUTE_STAGES,
        default="musyawarah",
        required=True,
        tracking=True,
        copy=False,
        readonly=True,
    )
    escalation_target = fields.Selection(
        [("camat", "Camat"), ("bupati", "Bupati/Walikota")],
        compute="_compute_escalation_target",
        store=True,
        string="Escalation To",
        help="The camat when all parties lie in one kecamatan, the bupati/walikota when they lie "
        "across kecamatan of the kabupaten.",
    )
    date_escalated = fields.Date(string="Escalation Date", readonly=True, copy=False)
    facilitator = fields.Char(string="Facilitating Official", tracking=True)
    outcome = fields.Text(tracking=True)
    berita_acara_number = fields.Char(tracking=True, copy=False)
    date_settled = fields.Date(string="Settlement Date", tracking=True, copy=False)
    signatories = fields.Text(help="Parties and official who signed the berita acara.")

    @api.depends("agreement_id.is_cross_kecamatan")
    def _compute_escalation_target(self):
        for dispute in self:
            dispute.escalation_target = (
                "bupati" if dispute.agreement_id.sudo().is_cross_kecamatan else "camat"
            )

    @api.constrains("party_ids", "agreement_id")
    def _check_parties(self):
        for dispute in self:
            foreign = dispute.party_ids.filtered(
                lambda p, d=dispute: p.agreement_id != d.agreement_id
            )
            if foreign:
                raise ValidationError(
                    self.env._(
                        "Dispute %(dispute)s: %(parties)s are not parties to agreement "
                        "%(agreement)s.",
                        dispute=dispute.display_name,
                        parties=", ".join(foreign.mapped("display_name")),
                        agreement=dispute.agreement_id.display_name,
                    )
                )

    @api.constrains("date", "date_settled")
    def _check_dates(self):
        today = latest_today(self)
        for dispute in self:
            if dispute.date > today:
                raise ValidationError(
                    self.env._(
                        "Dispute %(dispute)s: a dispute is recorded once it arose; %(date)s is "
                        "in the future.",
                        dispute=dispute.display_name,
                        date=dispute.date,
                    )
                )
            if dispute.date_settled and not dispute.date <= dispute.date_settled <= today:
                raise ValidationError(
                    self.env._(
                        "Dispute %(dispute)s: the settlement is dated on or after the dispute "
                        "(%(date)s) and not in the future (%(settled)s).",
                        dispute=dispute.display_name,
                        date=dispute.date,
                        settled=dispute.date_settled,
                    )
                )

    # ------------------------------------------------------------------ follow-up
    def _followup_label(self):
        return self.env._("A dispute")

    def _dispute_actors(self):
        """Roles that record the dispute at its present stage."""
        self.ensure_one()
        if self.state == "escalated":
            return FACILITATOR_ROLES[self.stage]
        return self._followup_author_roles

    def _followup_check_content(self, field_names):
        """The facts change until the dispute is escalated; the record of the deliberation or
        facilitation until it is closed, by the parties, then by the facilitating level."""
        self.ensure_one()
        if self.state in CLOSED_STATES or (
            self.state == "escalated" and field_names - RECORD_FIELDS
        ):
            self._followup_raise_locked(field_names)
        self._kerjasama_check_role(self._dispute_actors(), self.env._("change it"))

    # ------------------------------------------------------------------ preconditions
    def _missing_start(self):
        return self._followup_missing_agreement()

    def _missing_escalate(self):
        missing = self._followup_missing_agreement()
        if not self.outcome:
            missing.append(self.env._("the outcome of the deliberation"))
        return missing

    def _missing_settle(self):
        checks = (
            ("outcome", self.env._("outcome")),
            ("berita_acara_number", self.env._("berita acara number")),
            ("date_settled", self.env._("settlement date")),
            ("signatories", self.env._("signatories")),
        )
        return [label for field_name, label in checks if not self[field_name]]

    def _missing_fail(self):
        return [] if self.outcome else [self.env._("the outcome of the facilitation")]

    # ------------------------------------------------------------------ lifecycle
    def _dispute_action(self, base):
        """The move of the table for ``base`` ("action_settle", "action_fail") at the present
        stage: by the parties in deliberation, by the facilitating level once escalated."""
        self.ensure_one()
        return f"{base}_{self.stage}" if self.state == "escalated" else base

    def action_start_musyawarah(self):
        return self._lifecycle_run("action_start_musyawarah", {"stage": "musyawarah"})

    def action_escalate(self):
        return self._lifecycle_run(
            "action_escalate",
            lambda dispute: {
                "stage": dispute.escalation_target,
                "date_escalated": fields.Date.context_today(self),
            },
        )

    def action_settle(self):
        for dispute in self:
            dispute._lifecycle_run(dispute._dispute_action("action_settle"))
        return True

    def action_fail(self):
        """Facilitation failed: the legal route follows."""
        for dispute in self:
            if dispute.state != "escalated":
                raise UserError(
                    self.env._(
                        "Dispute %(dispute)s is not escalated: only a facilitation by the camat "
                        "or the bupati/walikota closes as failed.",
                        dispute=dispute.display_name,
                    )
                )
            dispute._lifecycle_run(dispute._dispute_action("action_fail"))
        return True

    def _lifecycle_next_actions(self):
        actions = super()._lifecycle_next_actions()
        suffix = f"_{self.stage}"
        return [
            action
            for action in actions
            if not action.endswith(("_camat", "_bupati")) or action.endswith(suffix)
        ]

    @api.ondelete(at_uninstall=False)
    def _unlink_except_recorded(self):
        for dispute in self:
            if dispute.state != "open":
                raise UserError(
                    self.env._(
                        "Dispute %(dispute)s is under deliberation, facilitated or closed: it is "
                        "kept on record and cannot be deleted.",
                        dispute=dispute.display_name,
                    )
                )
