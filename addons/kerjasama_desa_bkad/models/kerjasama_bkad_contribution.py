from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from odoo.addons.kerjasama_desa.tools.formatting import format_rupiah

# Computed from the posted ledger entries, never written by a user.
SERVER_FIELDS = ("amount_paid", "amount_due", "payment_state")
# Who owes what for which year: fixed once a payment is booked.
DEBT_FIELDS = {"bkad_id", "year", "region_id", "currency_id"}


class KerjasamaBkadContribution(models.Model):
    """Contribution a member desa owes its BKAD for a year, budgeted in its APBDesa (belanja in
    kegiatan 01.04.09, Permendagri 20/2018) and paid through posted ledger entries.

    Its stage is its payment status (unpaid, partially paid, paid), computed from the posted
    ledger entries and never written by a caller. The staff of the BKAD record it; once a payment
    is booked, who owes what for which year is fixed and the contribution is kept."""

    _name = "kerjasama.bkad.contribution"
    _description = "BKAD Member Contribution"
    _inherit = ["mail.thread", "kerjasama.bkad.base.mixin", "kerjasama.lifecycle.mixin"]
    _order = "year desc, bkad_id, region_id"
    _lifecycle_state_field = "payment_state"
    _lifecycle_initial_state = "unpaid"
    _lifecycle_server_fields = SERVER_FIELDS

    bkad_id = fields.Many2one(
        "kerjasama.bkad", string="BKAD", required=True, index=True, ondelete="restrict"
    )
    year = fields.Integer(required=True, index=True, default=lambda s: fields.Date.today().year)
    region_id = fields.Many2one(
        "kerjasama.region",
        string="Member Village",
        required=True,
        index=True,
        ondelete="restrict",
        domain="[('id', 'in', member_region_ids)]",
    )
    member_region_ids = fields.Many2many(related="bkad_id.member_region_ids")
    currency_id = fields.Many2one(
        "res.currency", required=True, default=lambda s: s.env.company.currency_id
    )
    amount_owed = fields.Monetary(string="Amount Owed", aggregator="sum", tracking=True)
    ledger_ids = fields.One2many("kerjasama.bkad.ledger", "contribution_id", string="Payments")
    amount_paid = fields.Monetary(
        string="Amount Paid", compute="_compute_amount_paid", store=True, aggregator="sum"
    )
    amount_due = fields.Monetary(
        string="Amount Due", compute="_compute_amount_paid", store=True, aggregator="sum"
    )
    payment_state = fields.Selection(
        [("unpaid", "Unpaid"), ("partial", "Partially Paid"), ("paid", "Paid")],
        string="Payment Status",
        compute="_compute_amount_paid",
        store=True,
        index=True,
    )
    apbdes_line_id = fields.Many2one(
        "kerjasama.apbdes.line",
        string="APBDesa Budget Line",
        index="btree_not_null",
        ondelete="restrict",
        domain="[('region_id', '=', region_id), ('year', '=', year), "
        "('account_type', '=', 'belanja')]",
        help="Line of the member village's APBDesa that budgets this contribution (belanja, "
        "usually kegiatan 01.04.09).",
    )
    note = fields.Char(string="Notes")

    _sql_constraints = [
        (
            "desa_year_unique",
            "UNIQUE(bkad_id, year, region_id)",
            "A member village owes one contribution per BKAD and year.",
        ),
        ("owed_positive", "CHECK(amount_owed >= 0)", "A contribution cannot be negative."),
    ]

    @api.depends("amount_owed", "ledger_ids.state", "ledger_ids.amount_signed")
    def _compute_amount_paid(self):
        totals = self.env["kerjasama.bkad.ledger"]._posted_totals("contribution_id", self)
        for contribution in self:
            paid = totals.get(contribution, 0.0) if contribution.id else 0.0
            contribution.amount_paid = paid
            contribution.amount_due = contribution.amount_owed - paid
            if not paid:
                contribution.payment_state = "unpaid"
            elif contribution.currency_id.compare_amounts(paid, contribution.amount_owed) >= 0:
                contribution.payment_state = "paid"
            else:
                contribution.payment_state = "partial"

    @api.depends("region_id", "year")
    def _compute_display_name(self):
        for contribution in self:
            contribution.display_name = f"{contribution.region_id.name or ''} {contribution.year}"

    @api.constrains("region_id", "bkad_id")
    def _check_member(self):
        self._check_member_village()

    @api.constrains("apbdes_line_id", "region_id", "year")
    def _check_apbdes_line(self):
        for contribution in self.filtered("apbdes_line_id"):
            line = contribution.apbdes_line_id
            if line.region_id != contribution.region_id or line.year != contribution.year:
                raise ValidationError(
                    self.env._(
                        "The APBDesa line of the contribution of %(village)s for %(year)s must "
                        "belong to the APBDesa %(year)s of that village.",
                        village=contribution.region_id.name,
                        year=contribution.year,
                    )
                )

    @api.constrains("amount_owed")
    def _check_owed_covers_paid(self):
        for contribution in self:
            if (
                contribution.currency_id.compare_amounts(
                    contribution.amount_owed, contribution.amount_paid
                )
                < 0
            ):
                raise ValidationError(
                    self.env._(
                        "The contribution of %(village)s for %(year)s cannot be set below the "
                        "%(paid)s already paid.",
                        village=contribution.region_id.name,
                        year=contribution.year,
                        paid=format_rupiah(contribution.amount_paid),
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        contributions = super().create(vals_list)
        contributions._bkad_check_operator(self.env._("record a contribution"))
        return contributions

    def _lifecycle_check_write(self, vals):
        super()._lifecycle_check_write(vals)
        keys = set(vals) - {"message_main_attachment_id"}
        if not keys:
            return
        self._bkad_check_operator(self.env._("change a contribution"))
        locked = keys & DEBT_FIELDS
        if locked:
            booked = self.filtered(lambda c: c.sudo().ledger_ids)
            if booked:
                raise UserError(
                    self.env._(
                        "Payments of %(contributions)s are booked: %(fields)s stay as they are.",
                        contributions=", ".join(booked.mapped("display_name")),
                        fields=", ".join(
                            sorted(self._fields[f]._description_string(self.env) for f in locked)
                        ),
                    )
                )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_paid(self):
        self._bkad_check_operator(self.env._("delete a contribution"))
        if self.sudo().ledger_ids:
            raise UserError(self.env._("A contribution with ledger entries cannot be deleted."))
