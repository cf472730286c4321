from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

REPORT_STATES = [("draft", "Draft"), ("submitted", "Submitted"), ("received", "Received")]


class KerjasamaBkadAccountabilityReport(models.Model):
    """Periodic accountability report of a BKAD to the kepala desa of its member desa, with
    copies to the BPD and to the bupati through the camat (domain: Reporting, antar-desa;
    Permendagri 96/2017 Pasal 13 pelaporan): activities, progress and finance of the period,
    with a submitted/received trail."""

    _name = "kerjasama.bkad.accountability.report"
    _description = "BKAD Accountability Report"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date_to desc, id desc"

    name = fields.Char(
        string="Number", required=True, copy=False, readonly=True, default="/", index="trigram"
    )
    title = fields.Char(required=True, tracking=True)
    bkad_id = fields.Many2one(
        "kerjasama.bkad", string="BKAD", required=True, index=True, ondelete="restrict"
    )
    date_from = fields.Date(string="Period Start", required=True)
    date_to = fields.Date(string="Period End", required=True, index=True)
    state = fields.Selection(
        REPORT_STATES, default="draft", required=True, tracking=True, index=True, copy=False
    )
    summary = fields.Text(string="Summary of Results")
    issues = fields.Text(string="Problems and Follow-up")
    program_activity_ids = fields.Many2many(
        "kerjasama.bkad.program.activity",
        string="Programme Activities",
        compute="_compute_program_activity_ids",
        help="Activities of ratified work programmes scheduled within the period.",
    )
    progress_avg = fields.Float(
        string="Average Progress (%)", compute="_compute_program_activity_ids"
    )
    currency_id = fields.Many2one(
        "res.currency", required=True, default=lambda s: s.env.company.currency_id
    )
    balance_opening = fields.Monetary(string="Opening Balance", readonly=True, copy=False)
    income_contribution = fields.Monetary(
        string="Contributions Received", readonly=True, copy=False
    )
    income_other = fields.Monetary(string="Other Income", readonly=True, copy=False)
    expense_total = fields.Monetary(string="Expenses", readonly=True, copy=False)
    balance_closing = fields.Monetary(string="Closing Balance", readonly=True, copy=False)
    contribution_owed = fields.Monetary(
        string="Contributions Owed (Year)", readonly=True, copy=False
    )
    contribution_paid = fields.Monetary(
        string="Contributions Paid (Year)", readonly=True, copy=False
    )
    receipt_ids = fields.One2many(
        "kerjasama.bkad.accountability.receipt", "report_id", string="Recipients"
    )
    submitted_date = fields.Datetime(string="Submitted On", readonly=True, copy=False)
    submitted_by_id = fields.Many2one("res.users", string="Submitted By", readonly=True, copy=False)
    received_date = fields.Datetime(
        string="Received On",
        readonly=True,
        copy=False,
        help="When the last member village head acknowledged receipt.",
    )
    received_by_id = fields.Many2one(
        "res.users", string="Last Received By", readonly=True, copy=False
    )

    _sql_constraints = [
        (
            "period",
            "CHECK(date_to >= date_from)",
            "The reporting period cannot end before it starts.",
        ),
    ]

    @api.depends("bkad_id", "date_from", "date_to")
    def _compute_program_activity_ids(self):
        # the activities of ratified programmes of all these BKADs in one query, then the
        # period of each report
        ratified = self.env["kerjasama.bkad.program.activity"].search(
            [("bkad_id", "in", self.bkad_id.ids), ("program_id.state", "!=", "draft")]
        )
        for report in self:
            if not (report.bkad_id and report.date_from and report.date_to):
                report.program_activity_ids = False
                report.progress_avg = 0.0
                continue
            activities = ratified.filtered(
                lambda a, r=report: a.bkad_id == r.bkad_id
                and (not a.date_start or a.date_start <= r.date_to)
                and (not a.date_end or a.date_end >= r.date_from)
            )
            report.program_activity_ids = activities
            report.progress_avg = (
                sum(activities.mapped("progress")) / len(activities) if activities else 0.0
            )

    def _finance_figures(self):
        """Finance summary of the period from posted ledger entries (one grouped query)."""
        self.ensure_one()
        Ledger = self.env["kerjasama.bkad.ledger"]
        base = [("bkad_id", "=", self.bkad_id.id), ("state", "=", "posted")]
        [[opening]] = Ledger._read_group(
            [*base, ("date", "<", self.date_from)], [], ["amount_signed:sum"]
        )
        groups = dict(
            Ledger._read_group(
                [*base, ("date", ">=", self.date_from), ("date", "<=", self.date_to)],
                ["entry_type"],
                ["amount_signed:sum"],
            )
        )
        year = self.date_to.year
        [[owed, paid]] = self.env["kerjasama.bkad.contribution"]._read_group(
            [("bkad_id", "=", self.bkad_id.id), ("year", "=", year)],
            [],
            ["amount_owed:sum", "amount_paid:sum"],
        )
        income_contribution = groups.get("contribution", 0.0)
        income_other = groups.get("income", 0.0)
        expense = -groups.get("expense", 0.0)
        return {
            "balance_opening": opening,
            "income_contribution": income_contribution,
            "income_other": income_other,
            "expense_total": expense,
            "balance_closing": opening + income_contribution + income_other - expense,
            "contribution_owed": owed,
            "contribution_paid": paid,
        }

    def action_refresh_figures(self):
        for report in self:
            if report.state != "draft":
                raise UserError(
                    self.env._(
                        "Report %(name)s was submitted: its figures are fixed.",
                        name=report.title,
                    )
                )
            report.write(report._finance_figures())
        return True

    @api.model_create_multi
    def create(self, vals_list):
        reports = super().create(vals_list)
        reports.action_refresh_figures()
        return reports

    def write(self, vals):
        if {"bkad_id", "date_from", "date_to"} & set(vals) and any(
            report.state != "draft" for report in self
        ):
            raise UserError(self.env._("The period of a submitted report cannot change."))
        res = super().write(vals)
        if {"bkad_id", "date_from", "date_to"} & set(vals):
            self.action_refresh_figures()
        return res

    def action_submit(self):
        for report in self:
            if report.state != "draft":
                raise UserError(
                    self.env._("Report %(name)s is already submitted.", name=report.title)
                )
            if not report.bkad_id.member_region_ids:
                raise ValidationError(
                    self.env._("%(bkad)s has no member village.", bkad=report.bkad_id.name)
                )
        for report in self:
            report.action_refresh_figures()
            vals = {
                "state": "submitted",
                "submitted_date": fields.Datetime.now(),
                "submitted_by_id": self.env.uid,
            }
            if report.name == "/":
                vals["name"] = report.bkad_id._next_document_number("LPJ-BKAD", report.date_to)
            report.write(vals)
            # the receipt trail is written by the system, never by the BKAD staff
            report.sudo().receipt_ids.unlink()
            self.env["kerjasama.bkad.accountability.receipt"].sudo().create(
                [
                    {"report_id": report.id, "region_id": region.id}
                    for region in report.bkad_id.member_region_ids
                ]
            )
        return True

    def action_confirm_receipt(self):
        """A member village head acknowledges receipt for their village(s); the DPMD
        administrator may record receipt for all."""
        self.check_access("read")
        user = self.env.user
        is_admin = user.has_group("kerjasama_desa.kerjasama_desa_group_admin")
        if not (is_admin or user.has_group("kerjasama_desa.kerjasama_desa_group_kepala_desa")):
            raise AccessError(
                self.env._("Only a member village head acknowledges receipt of a BKAD report.")
            )
        now = fields.Datetime.now()
        # the villages under the user's working regions, looked up once
        mine = self.env["kerjasama.region"].search(user._kerjasama_region_domain("id"))
        for report in self:
            if report.state != "submitted":
                raise UserError(
                    self.env._("Report %(name)s is not awaiting receipt.", name=report.title)
                )
            lines = report.receipt_ids.filtered(lambda r: not r.received_date)
            if not is_admin:
                lines = lines.filtered(lambda r: r.region_id in mine)
            if not lines:
                raise UserError(
                    self.env._(
                        "None of your villages is waiting to receive report %(name)s.",
                        name=report.title,
                    )
                )
            lines.sudo().write({"received_date": now, "received_by_id": user.id})
            if all(line.received_date for line in report.receipt_ids):
                report.sudo().write(
                    {"state": "received", "received_date": now, "received_by_id": user.id}
                )
        return True

    def action_reset_draft(self):
        for report in self:
            if report.state != "submitted" or report.receipt_ids.filtered("received_date"):
                raise UserError(
                    self.env._(
                        "Report %(name)s was already received and cannot return to draft.",
                        name=report.title,
                    )
                )
        self.write({"state": "draft", "submitted_date": False, "submitted_by_id": False})
        self.sudo().receipt_ids.unlink()
        return True

    @api.ondelete(at_uninstall=False)
    def _unlink_except_submitted(self):
        if any(report.state != "draft" for report in self):
            raise UserError(self.env._("A submitted report cannot be deleted."))
