from odoo import api, fields, models


class KerjasamaAgreementVersionLine(models.Model):
    """A party's rights and obligations, or a financing line, as an amendment (perubahan,
    Permendagri 96/2017 Pasal 6) proposes it (``new``) and as the agreement carried it before
    (``old``, kept read-only when the amendment is applied or the signing draft was changed)."""

    _name = "kerjasama.agreement.version.line"
    _description = "Amendment Line"
    _order = "version_id, line_type, kind, sequence, id"

    version_id = fields.Many2one(
        "kerjasama.agreement.version", required=True, ondelete="cascade", index=True
    )
    agreement_id = fields.Many2one(related="version_id.agreement_id", store=True, index=True)
    line_type = fields.Selection([("old", "Earlier"), ("new", "New")], required=True, default="new")
    kind = fields.Selection(
        [("party", "Rights and Obligations"), ("funding", "Financing")],
        required=True,
        default="funding",
    )
    sequence = fields.Integer(default=10)
    party_id = fields.Many2one(
        "kerjasama.agreement.party",
        string="Party",
        ondelete="restrict",
        domain="[('agreement_id', '=', agreement_id)]",
    )
    funding_id = fields.Many2one(
        "kerjasama.agreement.funding",
        string="Financing Line",
        ondelete="set null",
        help="The financing line this line changes; empty for a new financing line.",
    )
    party_name = fields.Char(string="Party Name")
    rights = fields.Text()
    obligations = fields.Text()
    flow = fields.Selection(
        [("contribution", "Contribution (Spending)"), ("income", "Income")],
        default="contribution",
    )
    source = fields.Selection(
        [("apbdes", "APBDesa"), ("pihak_ketiga", "Third Party"), ("lainnya", "Other")],
        default="apbdes",
    )
    description = fields.Char()
    currency_id = fields.Many2one(related="version_id.agreement_id.currency_id")
    amount = fields.Monetary(currency_field="currency_id")

    _sql_constraints = [
        ("amount_positive", "CHECK(amount >= 0)", "A financing amount cannot be negative."),
    ]

    @api.model_create_multi
    def create(self, vals_list):
        lines = super().create(vals_list)
        lines.version_id._check_draft()
        return lines

    def write(self, vals):
        self.version_id._check_draft()
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_applied(self):
        self.version_id._check_draft()
