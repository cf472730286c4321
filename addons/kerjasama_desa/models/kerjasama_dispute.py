from odoo import api, fields, models
from odoo.exceptions import UserError

DISPUTE_STAGES = [
    ("musyawarah", "Deliberation (Musyawarah)"),
    ("camat", "Facilitation by the Camat"),
    ("bupati", "Facilitation by the Bupati/Walikota"),
]
GROUP_KECAMATAN = "kerjasama_desa.kerjasama_desa_group_kecamatan"
GROUP_DPMD = "kerjasama_desa.kerjasama_desa_group_dpmd"
GROUP_ADMIN = "kerjasama_desa.kerjasama_desa_group_admin"


class KerjasamaDispute(models.Model):
    """Perselisihan in a kerja sama desa (Permendagri 96/2017): settled first by musyawarah;
    if that fails the camat facilitates when all parties lie in one kecamatan, the
    bupati/walikota when they lie across kecamatan. The settlement is recorded in a berita
    acara signed by the parties and the facilitating official; if it fails the legal route
    follows."""

    _name = "kerjasama.dispute"
    _description = "Cooperation Dispute"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date desc, id desc"

    name = fields.Char(string="Subject", required=True, tracking=True)
    agreement_id = fields.Many2one(
        "kerjasama.agreement",
        string="Agreement",
        required=True,
        ondelete="restrict",
        index=True,
    )
    company_id = fields.Many2one(related="agreement_id.company_id", store=True)
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
        DISPUTE_STAGES, default="musyawarah", required=True, tracking=True, copy=False
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
                "bupati" if dispute.agreement_id.is_cross_kecamatan else "camat"
            )

    @api.constrains("agreement_id")
    def _check_agreement_signed(self):
        self.agreement_id._check_signed_for_followup(self.env._("A dispute"))

    def _check_state(self, allowed, action):
        for dispute in self:
            if dispute.state not in allowed:
                raise UserError(
                    self.env._(
                        "Dispute %(dispute)s cannot be %(action)s in its current state.",
                        dispute=dispute.display_name,
                        action=action,
                    )
                )

    def _check_facilitator_role(self):
        """At the escalated stage only the facilitating level may act: the kecamatan for the
        camat, DPMD for the bupati/walikota."""
        user = self.env.user
        if user.has_group(GROUP_ADMIN) or self.env.su:
            return
        for dispute in self.filtered(lambda d: d.state == "escalated"):
            group = GROUP_KECAMATAN if dispute.stage == "camat" else GROUP_DPMD
            if not user.has_group(group):
                raise UserError(
                    self.env._(
                        "Dispute %(dispute)s is facilitated by the %(level)s: only that level "
                        "may record its outcome.",
                        dispute=dispute.display_name,
                        level=dict(DISPUTE_STAGES)[dispute.stage],
                    )
                )

    def action_start_musyawarah(self):
        self._check_state(("open",), self.env._("put to deliberation"))
        self.write({"state": "musyawarah", "stage": "musyawarah"})
        return True

    def action_escalate(self):
        self._check_state(("musyawarah",), self.env._("escalated"))
        for dispute in self:
            if not dispute.outcome:
                raise UserError(
                    self.env._(
                        "Dispute %(dispute)s: record the outcome of the deliberation before "
                        "escalating it.",
                        dispute=dispute.display_name,
                    )
                )
            dispute.write(
                {
                    "state": "escalated",
                    "stage": dispute.escalation_target,
                    "date_escalated": fields.Date.context_today(self),
                }
            )
        return True

    def action_settle(self):
        self._check_state(("musyawarah", "escalated"), self.env._("settled"))
        self._check_facilitator_role()
        for dispute in self:
            missing = [
                label
                for field_name, label in (
                    ("outcome", self.env._("outcome")),
                    ("berita_acara_number", self.env._("berita acara number")),
                    ("date_settled", self.env._("settlement date")),
                    ("signatories", self.env._("signatories")),
                )
                if not dispute[field_name]
            ]
            if missing:
                raise UserError(
                    self.env._(
                        "Dispute %(dispute)s cannot be settled: missing %(missing)s.",
                        dispute=dispute.display_name,
                        missing=", ".join(missing),
                    )
                )
        self.write({"state": "settled"})
        return True

    def action_fail(self):
        """Facilitation failed: the legal route follows."""
        self._check_state(("escalated",), self.env._("closed as failed"))
        self._check_facilitator_role()
        for dispute in self:
            if not dispute.outcome:
                raise UserError(
                    self.env._(
                        "Dispute %(dispute)s: record the outcome of the facilitation first.",
                        dispute=dispute.display_name,
                    )
                )
        self.write({"state": "failed"})
        return True

    @api.ondelete(at_uninstall=False)
    def _unlink_except_closed(self):
        if any(dispute.state in ("settled", "failed") for dispute in self):
            raise UserError(self.env._("A closed dispute is kept on record and cannot be deleted."))
