from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools.translate import LazyTranslate

from .kerjasama_lifecycle_mixin import Transition
from .kerjasama_region import DESA_DOMAIN

_lt = LazyTranslate(__name__)

APBDES_STATES = [
    ("draft", "Draft"),
    ("ditetapkan", "Approved (Ditetapkan)"),
    ("perubahan", "Under Amendment (Perubahan)"),
]


class KerjasamaApbdes(models.Model):
    """Anggaran Pendapatan dan Belanja Desa of one desa for one fiscal year (Permendagri
    20/2018): prepared by the Kaur Keuangan, set (ditetapkan) by the Kepala Desa as PKPKD; once
    ditetapkan its lines change only through a perubahan APBDesa."""

    _name = "kerjasama.apbdes"
    _description = "Village Budget (APBDesa)"
    _inherit = ["mail.thread", "mail.activity.mixin", "kerjasama.lifecycle.mixin"]
    _lifecycle_initial_state = "draft"
    _lifecycle_server_fields = ("state", "date_approved", "approved_by_id")
    _lifecycle_transitions = {
        "action_approve": Transition(
            ("draft", "perubahan"),
            "ditetapkan",
            ("kepala_desa", "admin"),
            "_missing_approve",
            _lt("approve (menetapkan) the APBDesa"),
        ),
        "action_start_perubahan": Transition(
            ("ditetapkan",),
            "perubahan",
            ("kepala_desa", "admin"),
            None,
            _lt("open the amendment (perubahan) of the APBDesa"),
        ),
    }
    _order = "year desc, region_id"

    name = fields.Char(compute="_compute_name", store=True)
    region_id = fields.Many2one(
        "kerjasama.region",
        string="Village",
        required=True,
        index=True,
        ondelete="restrict",
        domain=DESA_DOMAIN,
        tracking=True,
    )
    kecamatan_id = fields.Many2one(related="region_id.kecamatan_id", store=True, index=True)
    year = fields.Integer(
        string="Fiscal Year",
        required=True,
        index=True,
        default=lambda self: fields.Date.context_today(self).year,
        tracking=True,
    )
    state = fields.Selection(
        APBDES_STATES, default="draft", required=True, index=True, tracking=True, copy=False
    )
    perdes_number = fields.Char(string="Village Regulation (Perdes) Number", tracking=True)
    date_approved = fields.Date(string="Approval Date", readonly=True, copy=False)
    approved_by_id = fields.Many2one("res.users", string="Approved By", readonly=True, copy=False)
    line_ids = fields.One2many("kerjasama.apbdes.line", "apbdes_id", string="Budget Lines")
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    amount_pendapatan = fields.Monetary(
        string="Total Revenue", compute="_compute_totals", currency_field="currency_id"
    )
    amount_belanja = fields.Monetary(
        string="Total Expenditure", compute="_compute_totals", currency_field="currency_id"
    )
    amount_pembiayaan_in = fields.Monetary(
        string="Financing Receipts", compute="_compute_totals", currency_field="currency_id"
    )
    amount_pembiayaan_out = fields.Monetary(
        string="Financing Expenditure", compute="_compute_totals", currency_field="currency_id"
    )
    amount_realized = fields.Monetary(
        string="Total Realised", compute="_compute_totals", currency_field="currency_id"
    )

    _sql_constraints = [
        (
            "region_year_unique",
            "UNIQUE(region_id, year)",
            "A village has only one APBDesa per fiscal year.",
        ),
        ("year_valid", "CHECK(year BETWEEN 2000 AND 2100)", "The fiscal year is not valid."),
    ]

    @api.depends("region_id.name", "year")
    def _compute_name(self):
        for apbdes in self:
            apbdes.name = f"APBDesa {apbdes.region_id.name or ''} {apbdes.year or ''}".strip()

    @api.depends("line_ids.amount", "line_ids.realized_amount")
    def _compute_totals(self):
        budget = defaultdict(float)  # (apbdes, account type, financing direction) -> anggaran
        realized = defaultdict(float)  # apbdes -> realisasi
        for apbdes, account_type, direction, amount, realized_amount in self.env[
            "kerjasama.apbdes.line"
        ]._read_group(
            [("apbdes_id", "in", self.ids)],
            ["apbdes_id", "account_type", "pembiayaan_direction"],
            ["amount:sum", "realized_amount:sum"],
        ):
            budget[apbdes, account_type, direction] += amount
            realized[apbdes] += realized_amount
        for apbdes in self:
            apbdes.amount_pendapatan = budget[apbdes, "pendapatan", False]
            apbdes.amount_belanja = budget[apbdes, "belanja", False]
            apbdes.amount_pembiayaan_in = budget[apbdes, "pembiayaan", "in"]
            apbdes.amount_pembiayaan_out = budget[apbdes, "pembiayaan", "out"]
            apbdes.amount_realized = realized[apbdes]

    @api.constrains("region_id")
    def _check_region(self):
        for apbdes in self:
            if not apbdes.region_id._filter_desa():
                raise ValidationError(
                    self.env._(
                        "%(region)s is not a desa: an APBDesa belongs to a desa (a kelurahan "
                        "has no APBDesa).",
                        region=apbdes.region_id.display_name,
                    )
                )

    def _kerjasama_regions(self):
        return self.region_id

    def _missing_approve(self):
        return [] if self.line_ids else [self.env._("its budget lines")]

    def action_approve(self):
        """Kepala Desa sets (menetapkan) the APBDesa: its lines are locked from now on."""
        return self._lifecycle_run(
            "action_approve",
            lambda apbdes: {
                "date_approved": fields.Date.context_today(self),
                "approved_by_id": self.env.uid,
            },
        )

    def action_start_perubahan(self):
        """Open a perubahan APBDesa: lines become editable again until the next approval."""
        return self._lifecycle_run("action_start_perubahan")

    @api.ondelete(at_uninstall=False)
    def _unlink_except_approved(self):
        if any(apbdes.state != "draft" for apbdes in self):
            raise UserError(self.env._("An approved APBDesa cannot be deleted."))

    @api.model
    def _kerjasama_setup_company_currency(self):
        """Make IDR (without decimals) the currency of the main company, only while the database
        holds no accounting entries (the addon does not depend on account)."""
        idr = self.env.ref("base.IDR", raise_if_not_found=False)
        if not idr:
            return
        if "account.move.line" in self.env and self.env["account.move.line"].sudo().search_count(
            [], limit=1
        ):
            return
        if not idr.active or idr.rounding != 1.0:
            idr.sudo().write({"active": True, "rounding": 1.0})
        company = self.env.ref("base.main_company", raise_if_not_found=False)
        if company and company.currency_id != idr:
            company.sudo().write({"currency_id": idr.id})
