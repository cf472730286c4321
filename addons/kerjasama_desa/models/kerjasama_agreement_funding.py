from odoo import fields, models


class KerjasamaAgreementFunding(models.Model):
    """Financing plan of a kerja sama desa (Pasal 6, pendanaan): per party, a contribution it
    pays or an income it receives, with its source."""

    _name = "kerjasama.agreement.funding"
    _description = "Agreement Financing Line"
    _order = "agreement_id, id"

    agreement_id = fields.Many2one(
        "kerjasama.agreement", required=True, ondelete="cascade", index=True
    )
    party_id = fields.Many2one(
        "kerjasama.agreement.party",
        required=True,
        ondelete="cascade",
        domain="[('agreement_id', '=', agreement_id)]",
        index=True,
    )
    region_id = fields.Many2one(related="party_id.region_id", store=True, index="btree_not_null")
    flow = fields.Selection(
        [("contribution", "Contribution (Spending)"), ("income", "Income")],
        required=True,
        default="contribution",
    )
    source = fields.Selection(
        [("apbdes", "APBDesa"), ("pihak_ketiga", "Third Party"), ("lainnya", "Other")],
        required=True,
        default="apbdes",
    )
    description = fields.Char()
    currency_id = fields.Many2one(related="agreement_id.currency_id")
    amount = fields.Monetary(currency_field="currency_id", aggregator="sum")

    _sql_constraints = [
        ("amount_positive", "CHECK(amount >= 0)", "A financing amount cannot be negative."),
    ]
