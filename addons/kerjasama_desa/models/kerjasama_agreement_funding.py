from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

# The budget linkage of a line is kept up to date by the desa as its APBDesa is adopted.
BUDGET_LINK_FIELDS = {"apbdes_line_id"}


class KerjasamaAgreementFunding(models.Model):
    """Financing plan of a kerja sama desa (Pasal 6, pendanaan): per party, a contribution it
    pays or an income it receives, with its source.

    A desa's line links to the APBDesa line that carries it (Permendagri 20/2018): a
    contribution to a belanja line (e.g. 5.2.9 [01.04.09]) or pembiayaan 6.2, an income to a
    pendapatan line (4.1.2 Hasil Aset, 4.3.1, 4.3.2, 4.3.3) or pembiayaan 6.1.

    Figures per line:
    - planned: ``amount``;
    - budgeted: the share of the linked line's anggaran. When one APBDesa line funds several
      agreements, its anggaran is shared in proportion to their planned amounts, each share capped
      at its plan (so the shares never exceed the anggaran);
    - realised: the realisations entered on the APBDesa line that name this financing line
      (``kerjasama.apbdes.realization.funding_id``; set automatically when the APBDesa line funds
      one agreement only). A realisation without a financing line stays on the budget line and is
      attributed to no agreement;
    - gap: planned minus realised; not yet budgeted: planned minus budgeted.
    Only lines of a desa party (``region_id`` set) are budget-applicable. The figures are
    computed once, by the database view ``kerjasama.agreement.report.finance``.
    """

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
    amount = fields.Monetary(
        string="Planned Amount", currency_field="currency_id", aggregator="sum"
    )
    apbdes_line_id = fields.Many2one(
        "kerjasama.apbdes.line",
        string="APBDesa Line",
        index="btree_not_null",
        ondelete="restrict",
        domain="[('region_id', '=', region_id)]",
        help="Budget line of this party's APBDesa that carries the contribution or the income.",
    )
    apbdes_year = fields.Integer(related="apbdes_line_id.year", string="Budget Year")
    realization_ids = fields.One2many(
        "kerjasama.apbdes.realization", "funding_id", string="Realisations"
    )
    budget_applicable = fields.Boolean(
        compute="_compute_budget_applicable",
        store=True,
        index=True,
        help="A line of a desa party, to be carried by that desa's APBDesa.",
    )
    # the figures come from the one computation: kerjasama.agreement.report.finance
    budgeted_amount = fields.Monetary(
        string="Budgeted", compute="_compute_finance_figures", currency_field="currency_id"
    )
    unbudgeted_amount = fields.Monetary(
        string="Not Yet Budgeted", compute="_compute_finance_figures", currency_field="currency_id"
    )
    is_unbudgeted = fields.Boolean(
        string="Planned but Not Budgeted",
        compute="_compute_finance_figures",
        search="_search_is_unbudgeted",
    )
    realized_amount = fields.Monetary(
        string="Realised", compute="_compute_finance_figures", currency_field="currency_id"
    )
    gap_amount = fields.Monetary(
        string="Gap (Planned - Realised)",
        compute="_compute_finance_figures",
        currency_field="currency_id",
    )

    is_my_village = fields.Boolean(
        string="My Village",
        compute="_compute_is_my_village",
        search="_search_is_my_village",
        help="Financing line of a village under the current user's working regions.",
    )

    _sql_constraints = [
        ("amount_positive", "CHECK(amount >= 0)", "A financing amount cannot be negative."),
    ]

    @api.depends_context("uid")
    def _compute_is_my_village(self):
        mine = self.search([("id", "in", self.ids), *self._search_is_my_village("=", True)])
        for funding in self:
            funding.is_my_village = funding in mine

    def _search_is_my_village(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise NotImplementedError(self.env._("Unsupported search on My Village."))
        domain = self.env.user._kerjasama_region_domain("region_id")
        return domain if (operator == "=") == value else ["!", *domain]

    @api.depends("region_id")
    def _compute_budget_applicable(self):
        for funding in self:
            funding.budget_applicable = bool(funding.region_id)

    @api.depends(
        "amount",
        "region_id",
        "apbdes_line_id.amount",
        "apbdes_line_id.planned_amount",
        "realization_ids.amount",
    )
    def _compute_finance_figures(self):
        """Read from the finance view (one query): whoever reads the financing line reads
        its figures."""
        figures = {}
        if self.ids:
            Finance = self.env["kerjasama.agreement.report.finance"].sudo()
            for funding, *values in Finance._read_group(
                [("funding_id", "in", self.ids)],
                ["funding_id"],
                [
                    "budgeted_amount:sum",
                    "unbudgeted_amount:sum",
                    "realized_amount:sum",
                    "gap_amount:sum",
                ],
            ):
                figures[funding.id] = values
        for funding in self:
            budgeted, unbudgeted, realized, gap = figures.get(
                funding.id, (0.0, 0.0, 0.0, funding.amount)
            )
            funding.budgeted_amount = budgeted
            funding.unbudgeted_amount = unbudgeted
            funding.is_unbudgeted = unbudgeted > 0
            funding.realized_amount = realized
            funding.gap_amount = gap

    def _search_is_unbudgeted(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise NotImplementedError(self.env._("Unsupported search on Planned but Not Budgeted."))
        unbudgeted = (
            self.env["kerjasama.agreement.report.finance"]
            .sudo()
            ._search([("is_unbudgeted", "=", True)])
            .subselect("funding_id")
        )
        positive = (operator == "=") == value
        return [("id", "in" if positive else "not in", unbudgeted)]

    @api.depends("agreement_id", "party_id", "flow", "amount")
    def _compute_display_name(self):
        flows = dict(self._fields["flow"]._description_selection(self.env))
        for funding in self:
            # the financing line is readable, so is its party (same scope): read it as such
            party = funding.sudo().party_id.display_name or ""
            agreement = funding.sudo().agreement_id.display_name or ""
            funding.display_name = f"{agreement} / {party} / " + (flows.get(funding.flow) or "")

    @api.constrains("apbdes_line_id", "party_id", "flow")
    def _check_apbdes_line(self):
        allowed = {
            "contribution": {("belanja", False), ("pembiayaan", "out")},
            "income": {("pendapatan", False), ("pembiayaan", "in")},
        }
        flows = dict(self._fields["flow"]._description_selection(self.env))
        for funding in self.filtered("apbdes_line_id"):
            line = funding.apbdes_line_id
            if line.region_id != funding.region_id:
                raise ValidationError(
                    self.env._(
                        "Budget line %(line)s belongs to the APBDesa of %(line_village)s, not "
                        "of the party %(party)s.",
                        line=line.display_name,
                        line_village=line.region_id.display_name,
                        party=funding.party_id.display_name or "-",
                    )
                )
            if (line.account_type, line.pembiayaan_direction) not in allowed[funding.flow]:
                raise ValidationError(
                    self.env._(
                        "Budget line %(line)s does not fit a financing line of kind "
                        "%(flow)s: a contribution goes to an expenditure (belanja) or financing "
                        "expenditure (6.2) line, an income to a revenue (pendapatan) or financing "
                        "receipt (6.1) line.",
                        line=line.display_name,
                        flow=flows.get(funding.flow),
                    )
                )

    # ------------------------------------------------------------------ guard
    @api.model_create_multi
    def create(self, vals_list):
        lines = super().create(vals_list)
        for agreement in lines.agreement_id:
            agreement._check_content_change({"funding_ids"})
        return lines

    def write(self, vals):
        keys = set(vals)
        for line in self:
            if keys <= BUDGET_LINK_FIELDS:
                line._check_budget_link_open()
            else:
                line.agreement_id._check_content_change({"funding_ids"})
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_locked(self):
        for agreement in self.agreement_id:
            agreement._check_content_change({"funding_ids"})

    def _check_budget_link_open(self):
        """The APBDesa line of a desa's financing is linked by that desa (treasurer or village
        head) while the agreement is open."""
        self.ensure_one()
        agreement = self.agreement_id
        if agreement.state in ("berakhir", "dibatalkan"):
            raise UserError(
                self.env._(
                    "Agreement %(name)s is closed: its financing lines no longer change.",
                    name=agreement.display_name,
                )
            )
        agreement._kerjasama_check_role(
            ("bendahara", "kepala_desa", "perangkat", "admin"),
            self.env._("link the financing of %(desa)s to its APBDesa", desa=self.region_id.name),
            regions=self.region_id or agreement.region_ids,
        )
