from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError

REPORT_FREQUENCY_MONTHS = {"bulanan": 1, "triwulan": 3, "semester": 6, "tahunan": 12}
PRE_SIGNING_STATES = ("persiapan", "penawaran", "musyawarah", "penyusunan")
FOLLOWUP_STATES = ("evaluasi", "berjalan")
# reports, disputes and evaluations concern a signed agreement (also after its end)
SIGNED_FOLLOWUP_STATES = ("evaluasi", "berjalan", "berakhir")
DEFAULT_STALLED_DAYS = 60
DEFAULT_REPORT_GRACE_DAYS = 15
REPORT_REMINDER_DAYS = 14
ENDING_REMINDER_DAYS = 90


class KerjasamaAgreement(models.Model):
    """Follow-up of a kerja sama desa after signing (Permendagri 96/2017): pelaporan
    (periodic implementation reports to the BPD and to the bupati/walikota through the camat),
    perubahan (amendments deliberated with all parties), penyelesaian perselisihan, monitoring
    and evaluation, and the reminders (reports due, agreements ending, stalled stages)."""

    _inherit = "kerjasama.agreement"

    user_id = fields.Many2one(
        "res.users",
        string="Responsible",
        default=lambda self: self.env.user,
        index=True,
        tracking=True,
        help="Official who follows the agreement up and receives its reminders.",
    )
    state_date = fields.Date(
        string="Stage Since",
        default=fields.Date.context_today,
        readonly=True,
        copy=False,
        index=True,
        help="Date the agreement entered its current stage (used for stalled-stage reminders).",
    )
    report_frequency = fields.Selection(
        [
            ("bulanan", "Monthly"),
            ("triwulan", "Quarterly"),
            ("semester", "Semester"),
            ("tahunan", "Yearly"),
        ],
        string="Reporting Frequency",
        default="semester",
        required=True,
        tracking=True,
        help="How often the implementation report (laporan pelaksanaan) is due.",
    )
    report_ids = fields.One2many(
        "kerjasama.implementation.report",
        "agreement_id",
        string="Implementation Reports",
    )
    report_count = fields.Integer(compute="_compute_followup_counts")
    next_report_due = fields.Date(
        compute="_compute_next_report_due",
        store=True,
        help="Earliest due date of the reports not yet submitted.",
    )
    has_overdue_report = fields.Boolean(
        compute="_compute_has_overdue_report",
        search="_search_has_overdue_report",
    )
    version_ids = fields.One2many(
        "kerjasama.agreement.version", "agreement_id", string="Amendments"
    )
    version_count = fields.Integer(compute="_compute_followup_counts", string="Amendment Count")
    dispute_ids = fields.One2many("kerjasama.dispute", "agreement_id", string="Disputes")
    dispute_count = fields.Integer(compute="_compute_followup_counts")
    evaluation_ids = fields.One2many(
        "kerjasama.evaluation", "agreement_id", string="Monitoring Evaluations"
    )
    evaluation_count = fields.Integer(compute="_compute_followup_counts")

    def _compute_followup_counts(self):
        counts = {}
        for model, key in (
            ("kerjasama.implementation.report", "report_count"),
            ("kerjasama.agreement.version", "version_count"),
            ("kerjasama.dispute", "dispute_count"),
            ("kerjasama.evaluation", "evaluation_count"),
        ):
            groups = self.env[model]._read_group(
                [("agreement_id", "in", self.ids)], ["agreement_id"], ["__count"]
            )
            counts[key] = {agreement.id: count for agreement, count in groups}
        for agreement in self:
            for key, per_agreement in counts.items():
                agreement[key] = per_agreement.get(agreement.id, 0)

    @api.depends("report_ids.date_due", "report_ids.state")
    def _compute_next_report_due(self):
        for agreement in self:
            dues = agreement.report_ids.filtered(lambda r: r.state == "draft").mapped("date_due")
            agreement.next_report_due = min(dues) if dues else False

    def _compute_has_overdue_report(self):
        # the reports follow their agreement's record rule: looked up as superuser, among the
        # agreements the user reads already, without the rules' subqueries
        overdue = self.sudo().search([("id", "in", self.ids), ("has_overdue_report", "=", True)])
        for agreement in self:
            agreement.has_overdue_report = agreement in overdue

    def _search_has_overdue_report(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("This search on overdue reports is not supported."))
        today = fields.Date.context_today(self)
        domain = [("report_ids", "any", [("state", "=", "draft"), ("date_due", "<", today)])]
        if (operator == "=") != value:
            domain = ["!", *domain]
        return domain

    # ------------------------------------------------------------------
    # Report schedule
    # ------------------------------------------------------------------
    def _report_grace_days(self):
        param = (
            self.env["ir.config_parameter"]
            .sudo()
            .get_param("kerjasama_desa.report_grace_days", DEFAULT_REPORT_GRACE_DAYS)
        )
        try:
            return int(param)
        except (TypeError, ValueError):
            return DEFAULT_REPORT_GRACE_DAYS

    def _get_report_schedule(self):
        """Expected reporting periods of the agreement as a list of dicts
        ``{period_start, period_end, date_due}``, from its start date, one period per
        reporting frequency, the last one ending on the end date."""
        self.ensure_one()
        if not self.date_start or not self.date_end or self.date_end < self.date_start:
            return []
        months = REPORT_FREQUENCY_MONTHS[self.report_frequency or "semester"]
        grace = self._report_grace_days()
        schedule = []
        index = 0
        start = self.date_start
        while start <= self.date_end:
            end = min(
                self.date_start + relativedelta(months=months * (index + 1), days=-1),
                self.date_end,
            )
            schedule.append(
                {
                    "period_start": start,
                    "period_end": end,
                    "date_due": end + relativedelta(days=grace),
                }
            )
            index += 1
            start = end + relativedelta(days=1)
        return schedule

    def _generate_report_schedule(self):
        """Create the draft reports of the schedule that do not exist yet (by period start)."""
        existing = {
            (report.agreement_id.id, report.period_start)
            for report in self.env["kerjasama.implementation.report"]
            .sudo()
            .search([("agreement_id", "in", self.ids)])
        }
        vals_list = []
        for agreement in self:
            for period in agreement._get_report_schedule():
                if (agreement.id, period["period_start"]) in existing:
                    continue
                vals_list.append(
                    {
                        "agreement_id": agreement.id,
                        "period_start": period["period_start"],
                        "period_end": period["period_end"],
                    }
                )
        return self.env["kerjasama.implementation.report"].sudo().create(vals_list)

    def action_generate_report_schedule(self):
        for agreement in self:
            if not agreement.date_start or not agreement.date_end:
                raise UserError(
                    self.env._(
                        "Agreement %(agreement)s needs a start and an end date before its "
                        "report schedule can be generated.",
                        agreement=agreement.display_name,
                    )
                )
        self.check_access("write")
        self._generate_report_schedule()
        return self.action_view_reports()

    # ------------------------------------------------------------------
    # Smart buttons
    # ------------------------------------------------------------------
    def _followup_action(self, xmlid):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(xmlid)
        action["domain"] = [("agreement_id", "=", self.id)]
        action["context"] = {"default_agreement_id": self.id}
        return action

    def action_view_reports(self):
        return self._followup_action("kerjasama_desa.kerjasama_implementation_report_action")

    def action_view_versions(self):
        return self._followup_action("kerjasama_desa.kerjasama_agreement_version_action")

    def action_view_disputes(self):
        return self._followup_action("kerjasama_desa.kerjasama_dispute_action")

    def action_view_evaluations(self):
        return self._followup_action("kerjasama_desa.kerjasama_evaluation_action")

    # ------------------------------------------------------------------
    # Reminders (crons)
    # ------------------------------------------------------------------
    @api.model
    def _kerjasama_schedule_activities(self, records, xmlid, summary_by_record, deadline_by_record):
        """Schedule one activity of type ``xmlid`` on each record of ``records`` that has no
        such activity yet; return the records that received one."""
        if not records:
            return records
        activity_type = self.env.ref(xmlid)
        already = set(
            self.env["mail.activity"]
            .sudo()
            .search(
                [
                    ("res_model", "=", records._name),
                    ("res_id", "in", records.ids),
                    ("activity_type_id", "=", activity_type.id),
                ]
            )
            .mapped("res_id")
        )
        todo = records.filtered(lambda r: r.id not in already)
        model_id = self.env["ir.model"]._get_id(records._name)
        vals_list = []
        for record in todo:
            agreement = record if record._name == self._name else record.agreement_id
            vals_list.append(
                {
                    "activity_type_id": activity_type.id,
                    "res_model_id": model_id,
                    "res_id": record.id,
                    "summary": summary_by_record(record),
                    "date_deadline": deadline_by_record(record),
                    "user_id": (agreement.user_id or agreement.create_uid).id or self.env.uid,
                    "automated": True,
                }
            )
        self.env["mail.activity"].sudo().create(vals_list)
        return todo

    @api.model
    def _cron_remind_reports(self):
        """Reports due within 14 days or overdue: an activity on the report."""
        today = fields.Date.context_today(self)
        running = self.search([("state", "in", FOLLOWUP_STATES)])
        running._generate_report_schedule()
        reports = self.env["kerjasama.implementation.report"].search(
            [
                ("state", "=", "draft"),
                ("agreement_id.state", "in", FOLLOWUP_STATES),
                ("date_due", "<=", today + relativedelta(days=REPORT_REMINDER_DAYS)),
            ]
        )
        return self._kerjasama_schedule_activities(
            reports,
            "kerjasama_desa.mail_activity_type_report_due",
            lambda r: self.env._(
                "Implementation report %(period)s is due on %(date)s",
                period=r.display_name,
                date=r.date_due,
            ),
            lambda r: r.date_due,
        )

    @api.model
    def _cron_remind_ending(self):
        """Running agreements ending within 90 days: an activity on the agreement."""
        today = fields.Date.context_today(self)
        agreements = self.search(
            [
                ("state", "in", FOLLOWUP_STATES),
                ("date_end", ">=", today),
                ("date_end", "<=", today + relativedelta(days=ENDING_REMINDER_DAYS)),
            ]
        )
        return self._kerjasama_schedule_activities(
            agreements,
            "kerjasama_desa.mail_activity_type_agreement_ending",
            lambda a: self.env._(
                "The agreement ends on %(date)s: prepare its extension or closing.",
                date=a.date_end,
            ),
            lambda a: a.date_end - relativedelta(days=30)
            if a.date_end - relativedelta(days=30) > today
            else today,
        )

    def _stalled_days(self):
        param = (
            self.env["ir.config_parameter"]
            .sudo()
            .get_param("kerjasama_desa.stalled_days", DEFAULT_STALLED_DAYS)
        )
        try:
            return int(param)
        except (TypeError, ValueError):
            return DEFAULT_STALLED_DAYS

    @api.model
    def _cron_remind_stalled(self):
        """Agreements stuck in a pre-signing stage longer than ``kerjasama_desa.stalled_days``."""
        today = fields.Date.context_today(self)
        days = self._stalled_days()
        agreements = self.search(
            [
                ("state", "in", PRE_SIGNING_STATES),
                ("state_date", "<", today - relativedelta(days=days)),
            ]
        )
        return self._kerjasama_schedule_activities(
            agreements,
            "kerjasama_desa.mail_activity_type_agreement_stalled",
            lambda a: self.env._(
                "The agreement has not moved from its stage since %(date)s.",
                date=a.state_date,
            ),
            lambda a: today,
        )
