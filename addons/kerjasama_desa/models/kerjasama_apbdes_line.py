from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..tools.formatting import format_rupiah


class KerjasamaApbdesLine(models.Model):
    """A line of the APBDesa (Permendagri 20/2018): kode rekening, for belanja the kegiatan
    (bidang > sub bidang > kegiatan, e.g. "5.2.9 [01.04.09]"), the anggaran and its realisasi.
    A line of an APBDesa that is ditetapkan is locked except for the administrator.

    The anggaran of a spending line (belanja, pembiayaan pengeluaran 6.2) is a ceiling: its
    realisation never exceeds it. The anggaran of a pendapatan or pembiayaan penerimaan line
    is a target: realising more is normal (Permendagri 20/2018)."""

    _name = "kerjasama.apbdes.line"
    _description = "APBDesa Budget Line"
    _order = "apbdes_id, account_type, account_code, kegiatan_code, id"

    apbdes_id = fields.Many2one(
        "kerjasama.apbdes", string="APBDesa", required=True, ondelete="cascade", index=True
    )
    region_id = fields.Many2one(related="apbdes_id.region_id", store=True, index=True)
    kecamatan_id = fields.Many2one(related="apbdes_id.kecamatan_id", store=True)
    year = fields.Integer(related="apbdes_id.year", store=True, index=True)
    apbdes_state = fields.Selection(related="apbdes_id.state", string="Budget Status")
    account_code_id = fields.Many2one(
        "kerjasama.account.code",
        string="Account Code",
        required=True,
        index=True,
        ondelete="restrict",
        domain=[("account_type", "!=", "kegiatan")],
    )
    account_code = fields.Char(related="account_code_id.code", store=True, string="Code")
    account_type = fields.Selection(related="account_code_id.account_type", store=True, index=True)
    pembiayaan_direction = fields.Selection(
        [("in", "Receipt"), ("out", "Expenditure")],
        string="Financing Direction",
        compute="_compute_pembiayaan_direction",
        store=True,
    )
    is_spending = fields.Boolean(
        string="Spending (Capped by Budget)",
        compute="_compute_pembiayaan_direction",
        store=True,
        help="Expenditure (belanja) or financing expenditure (6.2): the realisation may not "
        "exceed the budget. A revenue line may be realised above its target.",
    )
    kegiatan_id = fields.Many2one(
        "kerjasama.account.code",
        string="Activity (Kegiatan)",
        index="btree_not_null",
        ondelete="restrict",
        domain=[("account_type", "=", "kegiatan")],
        help="Bidang > sub bidang > kegiatan of a belanja line, e.g. 01.04.09.",
    )
    kegiatan_code = fields.Char(related="kegiatan_id.code", store=True, string="Activity Code")
    description = fields.Char(required=True)
    company_id = fields.Many2one(related="apbdes_id.company_id", store=True)
    currency_id = fields.Many2one(related="apbdes_id.currency_id")
    amount = fields.Monetary(
        string="Budget (Anggaran)", currency_field="currency_id", aggregator="sum"
    )
    realization_ids = fields.One2many(
        "kerjasama.apbdes.realization", "line_id", string="Realisations"
    )
    realized_amount = fields.Monetary(
        string="Realised",
        compute="_compute_realized_amount",
        store=True,
        currency_field="currency_id",
        aggregator="sum",
    )
    remaining_amount = fields.Monetary(
        string="Remaining",
        compute="_compute_realized_amount",
        store=True,
        currency_field="currency_id",
        aggregator="sum",
    )
    funding_ids = fields.One2many(
        "kerjasama.agreement.funding", "apbdes_line_id", string="Agreement Financing"
    )
    planned_amount = fields.Monetary(
        string="Planned by Agreements",
        compute="_compute_planned_amount",
        store=True,
        currency_field="currency_id",
        aggregator="sum",
    )
    is_cooperation = fields.Boolean(
        string="Tied to Cooperation",
        compute="_compute_planned_amount",
        store=True,
        index=True,
    )

    _sql_constraints = [
        ("amount_positive", "CHECK(amount >= 0)", "A budget amount cannot be negative."),
    ]

    @api.depends("account_code_id.code", "account_type")
    def _compute_pembiayaan_direction(self):
        for line in self:
            code = line.account_code_id.code or ""
            if line.account_type != "pembiayaan":
                line.pembiayaan_direction = False
            else:
                line.pembiayaan_direction = "out" if code.startswith("6.2") else "in"
            line.is_spending = line.account_type == "belanja" or (
                line.pembiayaan_direction == "out"
            )

    @api.depends("amount", "realization_ids.amount")
    def _compute_realized_amount(self):
        realized = self.env["kerjasama.apbdes.realization"]._sum_by("line_id", self)
        for line in self:
            line.realized_amount = realized.get(line, 0.0)
            line.remaining_amount = line.amount - line.realized_amount

    @api.depends("funding_ids.amount", "account_code_id.is_cooperation", "kegiatan_id")
    def _compute_planned_amount(self):
        planned = dict(
            self.env["kerjasama.agreement.funding"]._read_group(
                [("apbdes_line_id", "in", self.ids)], ["apbdes_line_id"], ["amount:sum"]
            )
        )
        for line in self:
            line.planned_amount = planned.get(line, 0.0)
            line.is_cooperation = bool(
                line in planned
                or line.account_code_id.is_cooperation
                or line.kegiatan_id.is_cooperation
            )

    @api.depends("account_code", "kegiatan_code", "description")
    def _compute_display_name(self):
        for line in self:
            code = line.account_code or ""
            if line.kegiatan_code:
                code = f"{code} [{line.kegiatan_code}]"
            line.display_name = f"{code} {line.description or ''}".strip()

    @api.constrains("account_code_id", "kegiatan_id")
    def _check_kegiatan(self):
        for line in self:
            if line.account_type == "belanja" and not line.kegiatan_id:
                raise ValidationError(
                    self.env._(
                        "Budget line %(line)s is an expenditure (belanja): give its activity "
                        "(kegiatan), e.g. 01.04.09.",
                        line=line.display_name,
                    )
                )
            if line.kegiatan_id and line.kegiatan_id.account_type != "kegiatan":
                raise ValidationError(
                    self.env._(
                        "%(code)s is not an activity (kegiatan) code.",
                        code=line.kegiatan_id.display_name,
                    )
                )

    @api.constrains("amount", "account_code_id")
    def _check_amount_covers_realized(self):
        for line in self._filter_over_budget():
            raise ValidationError(
                self.env._(
                    "The budget of %(line)s (%(amount)s) cannot be lower than what is "
                    "already realised (%(realized)s).",
                    line=line.display_name,
                    amount=format_rupiah(line.amount),
                    realized=format_rupiah(line.realized_amount),
                )
            )

    def _filter_over_budget(self):
        """Spending lines whose realisation exceeds their budget (the rule the database
        trigger of ``kerjasama.apbdes.realization`` also enforces)."""
        return self.filtered(
            lambda line: line.is_spending
            and (line.currency_id or self.env.company.currency_id).compare_amounts(
                line.realized_amount, line.amount
            )
            > 0
        )

    def _check_unlocked(self, apbdes):
        """Refuse changes on lines of an approved (ditetapkan) APBDesa, except for the admin."""
        if self.env.su or self.env.user.has_group("kerjasama_desa.kerjasama_desa_group_admin"):
            return
        locked = apbdes.filtered(lambda a: a.state == "ditetapkan")
        if locked:
            raise UserError(
                self.env._(
                    "%(apbdes)s is approved (ditetapkan): its budget lines are locked. Changes "
                    "go through an amendment (perubahan APBDesa) or the administrator.",
                    apbdes=", ".join(locked.mapped("display_name")),
                )
            )

    @api.model_create_multi
    def create(self, vals_list):
        self.browse().check_access("create")
        self._check_unlocked(
            self.env["kerjasama.apbdes"].browse(
                {vals["apbdes_id"] for vals in vals_list if vals.get("apbdes_id")}
            )
        )
        return super().create(vals_list)

    def write(self, vals):
        self.check_access("write")
        apbdes = self.apbdes_id
        if vals.get("apbdes_id"):
            apbdes |= self.env["kerjasama.apbdes"].browse(vals["apbdes_id"])
        self._check_unlocked(apbdes)
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_locked(self):
        self._check_unlocked(self.apbdes_id)
        if self.realization_ids:
            raise UserError(self.env._("A budget line with realisations cannot be deleted."))
