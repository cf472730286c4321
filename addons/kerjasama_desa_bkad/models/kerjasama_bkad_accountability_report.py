from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools.translate import LazyTranslate

from odoo.addons.kerjasama_desa.models.kerjasama_lifecycle_mixin import Transition

from .kerjasama_bkad_base_mixin import BKAD_OPERATORS

_lt = LazyTranslate(__name__)

REPORT_STATES = [("draft", "Draft"), ("submitted", "Submitted"), ("received", "Received")]
NUMBER_PREFIX = "LPJ-BKAD"
# The village heads of the member desa acknowledge; the DPMD administrator may record it for all.
RECEIVERS = ("kepala_desa", "admin")
TRANSITIONS = {
    "action_submit": Transition(
        ("draft",), "submitted", BKAD_OPERATORS, "_missing_submit", _lt("submit the report")
    ),
    "action_receive": Transition(
        ("submitted",), "received", RECEIVERS, "_missing_receive", _lt("acknowledge receipt")
    ),
    "action_reset_draft": Transition(
        ("submitted",), "draft", BKAD_OPERATORS, "_missing_reset", _lt("return the report to draft")
    ),
}
# Finance figures: taken from the posted ledger, fixed at submission.
FIGURE_FIELDS = (
    "balance_opening",
    "income_contribution",
    "income_other",
    "expense_total",
    "balance_closing",
    "contribution_owed",
    "contribution_paid",
)
SERVER_FIELDS = (
    "state",
    "name",
    "submitted_date",
    "submitted_by_id",
    "received_date",
    "received_by_id",
    *FIGURE_FIELDS,
)
PERIOD_FIELDS = {"bkad_id", "date_from", "date_to"}


class KerjasamaBkadAccountabilityReport(models.Model):
    """Periodic accountability report of a BKAD to the kepala desa of its member desa, with
    copies to the BPD and to the bupati through the camat (domain: Reporting, antar-desa;
    Permendagri 96/2017 Pasal 13 pelaporan): activities, progress and finance of the period,
    with a submitted/received trail."""

    _name = "kerjasama.bkad.accountability.report"
    _description = "BKAD Accountability Report"
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "kerjasama.bkad.base.mixin",
        "kerjasama.lifecycle.mixin",
        "kerjasama.numbering.mixin",
    ]
    _order = "date_to desc, id desc"
    _lifecycle_initial_state = "draft"
    _lifecycle_server_fields = SERVER_FIELDS
    _lifecycle_transitions = TRANSITIONS
    _number_prefix = NUMBER_PREFIX

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
        self._bkad_check_operator(self.env._("refresh the figures of the report"))
        for report in self:
            if report.state != "draft":
                raise UserError(
                    self.env._(
                        "Report %(name)s was submitted: its figures are fixed.",
                        name=report.title,
                    )
                )
            report._lifecycle_write(report._finance_figures())
        return True

    def init(self):
        # one number per report of the register, by database constraint (drafts carry "/")
        self.env.cr.execute(
            """
            CREATE UNIQUE INDEX IF NOT EXISTS kerjasama_bkad_accountability_report_name_uniq
                ON kerjasama_bkad_accountability_report (name) WHERE name <> '/'
            """
        )

    # ------------------------------------------------------------------ guard
    @api.model_create_multi
    def create(self, vals_list):
        reports = super().create(vals_list)
        reports._bkad_check_operator(self.env._("record an accountability report"))
        reports.action_refresh_figures()
        return reports

    def write(self, vals):
        res = super().write(vals)
        if PERIOD_FIELDS & set(vals) and not self._lifecycle_is_unlocked():
            self.action_refresh_figures()
        return res

    def _lifecycle_check_write(self, vals):
        super()._lifecycle_check_write(vals)
        keys = set(vals) - {"message_main_attachment_id"}
        if not keys:
            return
        self._bkad_check_operator(self.env._("change the report"))
        for report in self:
            if report.state != "draft":
                raise UserError(
                    self.env._(
                        "Report %(name)s was submitted: it can no longer be changed.",
                        name=report.title,
                    )
                )

    def _lifecycle_write(self, vals):
        """A step checked for stage and role is written as the server."""
        self.check_access("read")
        return super(KerjasamaBkadAccountabilityReport, self.sudo())._lifecycle_write(vals)

    # ------------------------------------------------------------------ numbering
    def _number_region(self):
        return self.sudo().bkad_id._bkad_kabupaten()

    def _number_date(self):
        return self.date_to

    # ------------------------------------------------------------------ lifecycle
    def _missing_submit(self):
        if not self.sudo().bkad_id.member_region_ids:
            return [self.env._("a member village to report to")]
        return []

    def _missing_receive(self):
        waiting = self.sudo().receipt_ids.filtered(lambda r: not r.received_date)
        if not waiting:
            return []
        return [
            self.env._(
                "the receipt of %(villages)s", villages=", ".join(waiting.region_id.mapped("name"))
            )
        ]

    def _missing_reset(self):
        if self.sudo().receipt_ids.filtered("received_date"):
            return [self.env._("no receipt acknowledged yet")]
        return []

    def action_submit(self):
        """Draft -> submitted to the village heads of the member desa: the figures are taken
        from the ledger and fixed, the report is numbered (a submitted report is never
        deleted) and a receipt line is opened per member village."""
        for report in self:
            report._lifecycle_check_transition("action_submit")
            report.action_refresh_figures()
            report._lifecycle_run(
                "action_submit",
                {"submitted_date": fields.Datetime.now(), "submitted_by_id": self.env.uid},
            )
            report._assign_number()
            report._open_receipts()
        return True

    @api.model
    def _demo_submit(self, report_ids, submitted):
        """Submit demo reports as a user would, on the day they were submitted (demo data obeys
        the rules of user data: a report of 2025 is not dated the day the demo was loaded)."""
        reports = self.browse(report_ids)
        reports.action_submit()
        reports._lifecycle_write({"submitted_date": submitted})
        return True

    def _open_receipts(self):
        """The receipt trail is written by the system, never by the BKAD staff."""
        Receipt = self.env["kerjasama.bkad.accountability.receipt"]
        for report in self:
            with Receipt._receipt_unlocked():
                report.sudo().receipt_ids.unlink()
                Receipt.sudo().create(
                    [
                        {"report_id": report.id, "region_id": region.id}
                        for region in report.sudo().bkad_id.member_region_ids
                    ]
                )

    def action_confirm_receipt(self):
        """A member village head acknowledges receipt for their village(s); the DPMD
        administrator may record receipt for all. When every member village has received it,
        the report is received."""
        self.check_access("read")
        now = fields.Datetime.now()
        user = self.env.user
        Receipt = self.env["kerjasama.bkad.accountability.receipt"]
        for report in self:
            report._kerjasama_check_role(RECEIVERS, self.env._("acknowledge receipt"))
            if report.state != "submitted":
                raise UserError(
                    self.env._("Report %(name)s is not awaiting receipt.", name=report.title)
                )
            lines = report.sudo().receipt_ids.filtered(lambda r: not r.received_date)
            if not report._kerjasama_has_role(("admin",)):
                lines = lines.filtered(
                    lambda r, rep=report: rep._kerjasama_user_covers(r.region_id)
                )
            if not lines:
                raise UserError(
                    self.env._(
                        "None of your villages is waiting to receive report %(name)s.",
                        name=report.title,
                    )
                )
            with Receipt._receipt_unlocked():
                lines.write({"received_date": now, "received_by_id": user.id})
            if not report._missing_receive():
                report._lifecycle_run(
                    "action_receive", {"received_date": now, "received_by_id": user.id}
                )
        return True

    def action_reset_draft(self):
        for report in self:
            report._lifecycle_run(
                "action_reset_draft", {"submitted_date": False, "submitted_by_id": False}
            )
            with self.env["kerjasama.bkad.accountability.receipt"]._receipt_unlocked():
                report.sudo().receipt_ids.unlink()
        return True

    @api.ondelete(at_uninstall=False)
    def _unlink_except_submitted(self):
        if any(report.state != "draft" or report.name != "/" for report in self):
            raise UserError(
                self.env._("A submitted or numbered report is kept and cannot be deleted.")
            )
