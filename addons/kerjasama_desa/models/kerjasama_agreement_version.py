from odoo import Command, api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..tools.guard import is_unlocked, unlocked
from .kerjasama_agreement import AMENDMENT_KEY

VERSION_KEY = "kerjasama.agreement.version:apply"

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
# set by the system only
SERVER_FIELDS = ("state", "number", "date_applied", "applied_by_id", "kind")


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
    kind = fields.Selection(
        [("amendment", "Amendment"), ("redraft", "Draft Changed During Signing")],
        default="amendment",
        required=True,
        readonly=True,
        help="An amendment of the signed agreement, or the text a draft carried when it was "
        "changed during signing (kept, read-only).",
    )
    line_ids = fields.One2many(
        "kerjasama.agreement.version.line",
        "version_id",
        string="Proposed Lines",
        copy=True,
        domain=[("line_type", "=", "new")],
    )
    old_line_ids = fields.One2many(
        "kerjasama.agreement.version.line",
        "version_id",
        string="Earlier Lines",
        domain=[("line_type", "=", "old")],
    )
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

    @api.model_create_multi
    def create(self, vals_list):
        if not is_unlocked(VERSION_KEY):
            for vals in vals_list:
                if vals.get("state", "draft") != "draft" or vals.get("kind", "amendment") != (
                    "amendment"
                ):
                    raise UserError(
                        self.env._(
                            "A new amendment starts as a draft; it is applied by its button."
                        )
                    )
                for field_name in SERVER_FIELDS:
                    if vals.get(field_name):
                        raise UserError(
                            self.env._(
                                "%(field)s of an amendment is set by the system when it is "
                                "applied.",
                                field=self._fields[field_name]._description_string(self.env),
                            )
                        )
        versions = super().create(vals_list)
        versions.filtered(lambda v: v.kind == "amendment" and not v.line_ids)._propose_lines()
        return versions

    def write(self, vals):
        if not is_unlocked(VERSION_KEY):
            protected = set(vals) - {"message_main_attachment_id"}
            if protected & set(SERVER_FIELDS) or any(k.startswith("old_") for k in protected):
                raise UserError(
                    self.env._(
                        "The stage, number and earlier text of an amendment are set by the "
                        "system."
                    )
                )
            if protected:
                self._check_draft()
        return super().write(vals)

    def _check_draft(self):
        if is_unlocked(VERSION_KEY):
            return
        for version in self:
            if version.state != "draft":
                raise UserError(
                    self.env._(
                        "%(version)s is applied or cancelled: it is part of the agreement "
                        "history and cannot be changed.",
                        version=version.display_name,
                    )
                )

    def _propose_lines(self):
        """Fill the proposed lines of a new amendment from the agreement as it is."""
        for version in self:
            agreement = version.agreement_id
            version.line_ids = [
                Command.create(vals) for vals in self._line_values(agreement, "new")
            ]

    @api.model
    def _line_values(self, agreement, line_type):
        vals = [
            {
                "line_type": line_type,
                "kind": "party",
                "party_id": party.id,
                "party_name": party.display_name,
                "rights": party.rights,
                "obligations": party.obligations,
            }
            for party in agreement.party_ids
        ]
        vals += [
            {
                "line_type": line_type,
                "kind": "funding",
                "funding_id": funding.id,
                "party_id": funding.party_id.id,
                "party_name": funding.party_id.display_name,
                "flow": funding.flow,
                "source": funding.source,
                "description": funding.description,
                "amount": funding.amount,
            }
            for funding in agreement.funding_ids
        ]
        return vals

    @api.model
    def _snapshot_redraft(self, agreement):
        """Keep the text a draft carried when it was changed during signing."""
        with unlocked(VERSION_KEY):
            return self.create(
                {
                    "agreement_id": agreement.id,
                    "kind": "redraft",
                    "state": "applied",
                    "reason": self.env._("Draft changed during signing"),
                    "date_applied": fields.Date.context_today(self),
                    "applied_by_id": self.env.uid,
                    "old_line_ids": [
                        Command.create(vals) for vals in self._line_values(agreement, "old")
                    ],
                    **{
                        old: agreement[agreement_field]
                        for agreement_field, (old, _new) in AMENDABLE_FIELDS.items()
                    },
                }
            )

    def _apply_lines(self):
        """Write the proposed rights, obligations and financing on the agreement."""
        self.ensure_one()
        agreement = self.agreement_id
        Funding = self.env["kerjasama.agreement.funding"].sudo()
        for line in self.line_ids.filtered(lambda ln: ln.kind == "party" and ln.party_id):
            line.party_id.sudo().write({"rights": line.rights, "obligations": line.obligations})
        fundings = self.line_ids.filtered(lambda ln: ln.kind == "funding")
        dropped = agreement.funding_ids - fundings.funding_id
        if dropped.realization_ids:
            raise UserError(
                self.env._(
                    "Amendment of %(agreement)s: a financing line that already has realisations "
                    "cannot be dropped; set its new amount instead.",
                    agreement=agreement.display_name,
                )
            )
        dropped.sudo().unlink()
        for line in fundings:
            vals = {
                "party_id": line.party_id.id,
                "flow": line.flow,
                "source": line.source,
                "description": line.description,
                "amount": line.amount,
            }
            if line.funding_id:
                line.funding_id.sudo().write(vals)
            else:
                if not line.party_id:
                    raise UserError(
                        self.env._(
                            "Amendment of %(agreement)s: a new financing line needs its party.",
                            agreement=agreement.display_name,
                        )
                    )
                Funding.create(dict(vals, agreement_id=agreement.id))

    @api.ondelete(at_uninstall=False)
    def _unlink_except_applied(self):
        if any(version.state == "applied" or version.kind != "amendment" for version in self):
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
        """Apply the amendment: keep the earlier text and lines here, write the new ones on the
        agreement. By a village head of a party desa (the DPMD evaluates, it does not amend)."""
        for version in self:
            agreement = version.agreement_id
            agreement._kerjasama_check_role(("kepala_desa",), self.env._("apply an amendment"))
            if version.state != "draft" or version.kind != "amendment":
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
            snapshot = {
                old: agreement[agreement_field]
                for agreement_field, (old, _new) in AMENDABLE_FIELDS.items()
            }
            snapshot["old_rights_obligations"] = self._rights_obligations_text(agreement)
            snapshot["old_financing_summary"] = self._financing_text(agreement)
            snapshot["old_line_ids"] = [
                Command.create(vals) for vals in self._line_values(agreement, "old")
            ]
            last_number = max(
                agreement.version_ids.filtered(lambda v: v.kind == "amendment").mapped("number")
                or [0]
            )
            with unlocked(AMENDMENT_KEY, VERSION_KEY):
                agreement.sudo().write(
                    {
                        agreement_field: version[new]
                        for agreement_field, (_old, new) in AMENDABLE_FIELDS.items()
                    }
                )
                version._apply_lines()
                version.sudo().write(
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
        if any(version.state != "draft" for version in self):
            raise UserError(self.env._("Only a draft amendment can be cancelled."))
        for version in self:
            version.agreement_id._kerjasama_check_role(
                ("kepala_desa",), self.env._("cancel an amendment")
            )
        with unlocked(VERSION_KEY):
            self.sudo().write({"state": "cancelled"})
        return True
