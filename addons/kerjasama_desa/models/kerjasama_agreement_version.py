from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

# agreement field -> (earlier-text field, new-text field)
AMENDABLE_FIELDS = {
    "scope": ("old_scope", "new_scope"),
    "objective": ("old_objective", "new_objective"),
    "implementation_terms": ("old_implementation_terms", "new_implementation_terms"),
    "dispute_clause": ("old_dispute_clause", "new_dispute_clause"),
    "amendment_clause": ("old_amendment_clause", "new_amendment_clause"),
    "termination_clause": ("old_termination_clause", "new_termination_clause"),
    "date_start": ("old_date_start", "new_date_start"),
    "date_end": ("old_date_end", "new_date_end"),
}
AMENDABLE_STATES = ("evaluasi", "berjalan")


class KerjasamaAgreementVersion(models.Model):
    """Perubahan (amendment) of a kerja sama desa (Permendagri 96/2017 Pasal 6: tata cara
    perubahan; changes are deliberated with all parties). Applying an amendment writes the new
    text on the agreement and keeps the earlier text in this version, read-only."""

    _name = "kerjasama.agreement.version"
    _description = "Agreement Amendment"
    _inherit = ["mail.thread"]
    _order = "agreement_id, number desc, id desc"

    agreement_id = fields.Many2one(
        "kerjasama.agreement",
        string="Agreement",
        required=True,
        ondelete="cascade",
        index=True,
    )
    number = fields.Integer(
        string="Amendment No.",
        readonly=True,
        copy=False,
        help="Set when the amendment is applied.",
    )
    document_number = fields.Char(string="Amendment Document Number", tracking=True)
    date = fields.Date(string="Amendment Date", default=fields.Date.context_today, tracking=True)
    reason = fields.Text(required=True)
    musyawarah_reference = fields.Char(
        string="Deliberation Reference",
        tracking=True,
        help="Berita acara of the musyawarah (or the agreement of all parties) deciding the "
        "amendment.",
    )
    musyawarah_date = fields.Date(string="Deliberation Date")
    state = fields.Selection(
        [("draft", "Draft"), ("applied", "Applied"), ("cancelled", "Cancelled")],
        default="draft",
        required=True,
        tracking=True,
        copy=False,
    )
    date_applied = fields.Date(string="Applied On", readonly=True, copy=False)
    applied_by_id = fields.Many2one("res.users", string="Applied By", readonly=True, copy=False)
    # earlier text, kept read-only once applied
    old_scope = fields.Text(string="Earlier Scope", readonly=True, copy=False)
    old_objective = fields.Text(string="Earlier Objectives", readonly=True, copy=False)
    old_implementation_terms = fields.Text(
        string="Earlier Implementation Terms", readonly=True, copy=False
    )
    old_dispute_clause = fields.Text(string="Earlier Dispute Clause", readonly=True, copy=False)
    old_amendment_clause = fields.Text(string="Earlier Amendment Clause", readonly=True, copy=False)
    old_termination_clause = fields.Text(
        string="Earlier Termination Clause", readonly=True, copy=False
    )
    old_date_start = fields.Date(string="Earlier Start Date", readonly=True, copy=False)
    old_date_end = fields.Date(string="Earlier End Date", readonly=True, copy=False)
    old_rights_obligations = fields.Text(
        string="Earlier Rights and Obligations", readonly=True, copy=False
    )
    old_financing_summary = fields.Text(string="Earlier Financing", readonly=True, copy=False)
    # new text, proposed from the current agreement text
    new_scope = fields.Text(
        compute="_compute_new_text",
        store=True,
        readonly=False,
        precompute=True,
    )
    new_objective = fields.Text(
        string="New Objectives",
        compute="_compute_new_text",
        store=True,
        readonly=False,
        precompute=True,
    )
    new_implementation_terms = fields.Text(
        compute="_compute_new_text",
        store=True,
        readonly=False,
        precompute=True,
    )
    new_dispute_clause = fields.Text(
        compute="_compute_new_text",
        store=True,
        readonly=False,
        precompute=True,
    )
    new_amendment_clause = fields.Text(
        compute="_compute_new_text",
        store=True,
        readonly=False,
        precompute=True,
    )
    new_termination_clause = fields.Text(
        compute="_compute_new_text",
        store=True,
        readonly=False,
        precompute=True,
    )
    new_date_start = fields.Date(
        string="New Start Date",
        compute="_compute_new_text",
        store=True,
        readonly=False,
        precompute=True,
    )
    new_date_end = fields.Date(
        string="New End Date",
        compute="_compute_new_text",
        store=True,
        readonly=False,
        precompute=True,
    )
    new_text = fields.Text(
        string="Amendment Text",
        help="Text of the amendment, including changes to rights, obligations and financing.",
    )

    @api.depends("agreement_id")
    def _compute_new_text(self):
        for version in self:
            agreement = version.agreement_id
            for agreement_field, (_old, new) in AMENDABLE_FIELDS.items():
                version[new] = agreement[agreement_field]

    @api.depends("agreement_id", "number", "state")
    def _compute_display_name(self):
        for version in self:
            if version.number:
                version.display_name = self.env._(
                    "%(agreement)s - Amendment %(number)s",
                    agreement=version.agreement_id.display_name,
                    number=version.number,
                )
            else:
                version.display_name = self.env._(
                    "%(agreement)s - Draft Amendment",
                    agreement=version.agreement_id.display_name,
                )

    @api.constrains("new_date_start", "new_date_end")
    def _check_new_dates(self):
        for version in self:
            if (
                version.new_date_start
                and version.new_date_end
                and version.new_date_end < version.new_date_start
            ):
                raise ValidationError(
                    self.env._(
                        "Amendment of %(agreement)s: the new end date comes before the new "
                        "start date.",
                        agreement=version.agreement_id.display_name,
                    )
                )

    def write(self, vals):
        protected = set(vals) - {"message_main_attachment_id"}
        if (
            protected
            and any(v.state == "applied" for v in self)
            and not self.env.context.get("kerjasama_amendment_apply")
        ):
            raise UserError(self.env._("An applied amendment cannot be changed."))
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_applied(self):
        if any(version.state == "applied" for version in self):
            raise UserError(
                self.env._(
                    "An applied amendment is part of the agreement history: it cannot be "
                    "deleted."
                )
            )

    @staticmethod
    def _rights_obligations_text(agreement):
        return "\n\n".join(
            f"{party.display_name}\n- {party.rights or ''}\n- {party.obligations or ''}"
            for party in agreement.party_ids
        )

    @staticmethod
    def _financing_text(agreement):
        return "\n".join(
            f"{funding.party_id.display_name or ''}: {funding.flow} / {funding.source} "
            f"{funding.description or ''} {funding.amount:,.2f}"
            for funding in agreement.funding_ids
        )

    def action_apply(self):
        """Apply the amendment: keep the earlier text here, write the new text on the agreement."""
        if not (
            self.env.user.has_group("kerjasama_desa.kerjasama_desa_group_kepala_desa")
            or self.env.user.has_group("kerjasama_desa.kerjasama_desa_group_dpmd")
        ):
            raise UserError(self.env._("Only a kepala desa or DPMD may apply an amendment."))
        for version in self:
            agreement = version.agreement_id
            if version.state != "draft":
                raise UserError(
                    self.env._(
                        "Amendment %(version)s is not a draft.",
                        version=version.display_name,
                    )
                )
            if agreement.state not in AMENDABLE_STATES:
                raise UserError(
                    self.env._(
                        "Agreement %(agreement)s can only be amended while it is running or "
                        "under regency evaluation.",
                        agreement=agreement.display_name,
                    )
                )
            if not version.musyawarah_reference:
                raise UserError(
                    self.env._(
                        "Amendment of %(agreement)s: the changes must be deliberated with all "
                        "parties; enter the deliberation reference (berita acara).",
                        agreement=agreement.display_name,
                    )
                )
            agreement.check_access("write")
            snapshot = {
                old: agreement[agreement_field]
                for agreement_field, (old, _new) in AMENDABLE_FIELDS.items()
            }
            snapshot["old_rights_obligations"] = self._rights_obligations_text(agreement)
            snapshot["old_financing_summary"] = self._financing_text(agreement)
            last_number = max(agreement.version_ids.mapped("number") or [0])
            agreement.with_context(kerjasama_amendment_apply=True).write(
                {
                    agreement_field: version[new]
                    for agreement_field, (_old, new) in AMENDABLE_FIELDS.items()
                }
            )
            version.with_context(kerjasama_amendment_apply=True).write(
                {
                    **snapshot,
                    "number": last_number + 1,
                    "state": "applied",
                    "date_applied": fields.Date.context_today(self),
                    "applied_by_id": self.env.uid,
                }
            )
            agreement.message_post(
                body=self.env._(
                    "Amendment %(number)s applied: %(reason)s",
                    number=last_number + 1,
                    reason=version.reason,
                )
            )
        return True

    def action_cancel(self):
        if any(version.state == "applied" for version in self):
            raise UserError(self.env._("An applied amendment cannot be cancelled."))
        self.write({"state": "cancelled"})
        return True
