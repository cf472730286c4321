from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..tools.numbering import next_number
from .kerjasama_agreement_reporting import REPORT_FREQUENCY_MONTHS

REPORT_NUMBER_PREFIX = "LPKS"


class KerjasamaImplementationReport(models.Model):
    """Laporan pelaksanaan of a kerja sama desa for one period (Permendagri 96/2017, stage
    pelaporan). Antar-Desa: the BKAD reports to the kepala desa, with copies to the BPD and to
    the bupati/walikota through the camat. Pihak ketiga: the kepala desa reports to the BPD,
    with a copy to the bupati/walikota through the camat."""

    _name = "kerjasama.implementation.report"
    _description = "Cooperation Implementation Report"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "agreement_id, period_start"

    agreement_id = fields.Many2one(
        "kerjasama.agreement",
        string="Agreement",
        required=True,
        ondelete="cascade",
        index=True,
    )
    kind = fields.Selection(related="agreement_id.kind")
    company_id = fields.Many2one(related="agreement_id.company_id", store=True)
    currency_id = fields.Many2one(related="agreement_id.currency_id")
    period_start = fields.Date(required=True, tracking=True)
    period_end = fields.Date(
        compute="_compute_period_end",
        store=True,
        readonly=False,
        precompute=True,
        required=True,
        tracking=True,
    )
    date_due = fields.Date(
        string="Due Date",
        compute="_compute_date_due",
        store=True,
        readonly=False,
        precompute=True,
        index=True,
        tracking=True,
        help="End of the period plus the grace days (parameter kerjasama_desa.report_grace_days).",
    )
    state = fields.Selection(
        [("draft", "Draft"), ("submitted", "Submitted"), ("received", "Received")],
        default="draft",
        required=True,
        tracking=True,
        index=True,
        copy=False,
    )
    number = fields.Char(
        string="Letter Number",
        readonly=True,
        copy=False,
        index="trigram",
        help="Number of the report letter, given on submission from the register of the "
        "kabupaten (LPKS/PP.KK/YYYY/NNNN).",
    )
    date_submitted = fields.Date(string="Submission Date", readonly=True, copy=False)
    date_received = fields.Date(string="Receipt Date", readonly=True, copy=False)
    progress = fields.Float(
        string="Progress (%)",
        tracking=True,
        aggregator="avg",
        help="Physical progress, 0-100.",
    )
    realisation_amount = fields.Monetary(
        string="Financial Realisation", currency_field="currency_id", aggregator="sum"
    )
    activity_summary = fields.Text(string="Implementation Results")
    issues = fields.Text(string="Problems and Follow-up")
    attachment_ids = fields.Many2many("ir.attachment", string="Supporting Documents")
    reporter = fields.Char(compute="_compute_recipients", string="Reported By")
    recipient = fields.Char(compute="_compute_recipients", string="Reported To")
    recipient_copies = fields.Text(compute="_compute_recipients", string="Copies To")
    is_overdue = fields.Boolean(
        string="Overdue", compute="_compute_is_overdue", search="_search_is_overdue"
    )

    _sql_constraints = [
        (
            "agreement_period_unique",
            "UNIQUE(agreement_id, period_start)",
            "An agreement has only one implementation report per period.",
        ),
        (
            "progress_range",
            "CHECK(progress >= 0 AND progress <= 100)",
            "Progress must lie between 0 and 100 percent.",
        ),
        (
            "realisation_positive",
            "CHECK(realisation_amount >= 0)",
            "The financial realisation cannot be negative.",
        ),
    ]

    @api.model_create_multi
    def create(self, vals_list):
        reports = super().create(vals_list)
        # reports recorded as already submitted (imports, demo data) get their number too
        reports.filtered(lambda r: r.state != "draft")._assign_number()
        return reports

    def _assign_number(self):
        """Give each submitted report without a number the next letter number of its kabupaten,
        in the year of submission; a report reset to draft keeps its number."""
        for report in self.filtered(lambda r: not r.number).sorted("id"):
            agreement = report.agreement_id
            kabupaten = (
                agreement.kabupaten_id
                or agreement.party_ids.filtered(
                    lambda p: p.party_kind == "desa"
                ).region_id.kabupaten_id[:1]
            )
            if not kabupaten:
                continue
            report.sudo().number = next_number(
                self.env,
                REPORT_NUMBER_PREFIX,
                kabupaten,
                date=report.date_submitted or fields.Date.context_today(self),
            )

    @api.depends("period_start", "agreement_id.report_frequency", "agreement_id.date_end")
    def _compute_period_end(self):
        for report in self:
            if not report.period_start:
                report.period_end = False
                continue
            months = REPORT_FREQUENCY_MONTHS[report.agreement_id.report_frequency or "semester"]
            end = report.period_start + relativedelta(months=months, days=-1)
            if report.agreement_id.date_end and report.agreement_id.date_end >= report.period_start:
                end = min(end, report.agreement_id.date_end)
            report.period_end = end

    @api.depends("period_end")
    def _compute_date_due(self):
        grace = self.env["kerjasama.agreement"]._report_grace_days()
        for report in self:
            report.date_due = report.period_end and report.period_end + relativedelta(days=grace)

    @api.depends("agreement_id.kind", "agreement_id.bkad_id", "agreement_id.party_ids")
    def _compute_recipients(self):
        for report in self:
            agreement = report.agreement_id
            villages = agreement.party_ids.filtered(lambda p: p.party_kind == "desa").region_id
            names = ", ".join(villages.mapped("name"))
            camat = ", ".join(villages.kecamatan_id.mapped("name"))
            bupati = self.env._(
                "Bupati/Walikota %(kabupaten)s through the Camat of %(kecamatan)s",
                kabupaten=agreement.kabupaten_id.name or "",
                kecamatan=camat,
            )
            if agreement.kind == "antar_desa":
                report.reporter = agreement.bkad_id.name or self.env._("BKAD")
                report.recipient = self.env._("Kepala Desa of %(villages)s", villages=names)
                report.recipient_copies = "\n".join(
                    [self.env._("BPD of %(villages)s", villages=names), bupati]
                )
            else:
                report.reporter = self.env._("Kepala Desa of %(villages)s", villages=names)
                report.recipient = self.env._("BPD of %(villages)s", villages=names)
                report.recipient_copies = bupati

    def _compute_is_overdue(self):
        today = fields.Date.context_today(self)
        for report in self:
            report.is_overdue = bool(
                report.state == "draft" and report.date_due and report.date_due < today
            )

    def _search_is_overdue(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("This search on overdue reports is not supported."))
        domain = [
            ("state", "=", "draft"),
            ("date_due", "<", fields.Date.context_today(self)),
        ]
        if (operator == "=") != value:
            domain = ["!", "&", *domain]
        return domain

    @api.depends("agreement_id", "period_start", "period_end")
    def _compute_display_name(self):
        for report in self:
            report.display_name = self.env._(
                "%(agreement)s: %(start)s - %(end)s",
                agreement=report.agreement_id.display_name or "",
                start=report.period_start or "",
                end=report.period_end or "",
            )

    @api.constrains("agreement_id")
    def _check_agreement_signed(self):
        self.agreement_id._check_signed_for_followup(self.env._("An implementation report"))

    @api.constrains("period_start", "period_end")
    def _check_period(self):
        for report in self:
            if report.period_end and report.period_end < report.period_start:
                raise ValidationError(
                    self.env._(
                        "Report %(report)s: the period end comes before its start.",
                        report=report.display_name,
                    )
                )

    def action_submit(self):
        for report in self:
            if report.state != "draft":
                raise UserError(
                    self.env._(
                        "Report %(report)s has already been submitted.",
                        report=report.display_name,
                    )
                )
            if not report.activity_summary:
                raise UserError(
                    self.env._(
                        "Report %(report)s cannot be submitted without its implementation "
                        "results.",
                        report=report.display_name,
                    )
                )
        self.write({"state": "submitted", "date_submitted": fields.Date.context_today(self)})
        self._assign_number()
        self.sudo().activity_unlink(["kerjasama_desa.mail_activity_type_report_due"])
        return True

    def action_receive(self):
        """The recipient (BPD, kepala desa, camat or DPMD) acknowledges the report."""
        recipient_groups = (
            "kerjasama_desa.kerjasama_desa_group_bpd",
            "kerjasama_desa.kerjasama_desa_group_kepala_desa",
            "kerjasama_desa.kerjasama_desa_group_kecamatan",
            "kerjasama_desa.kerjasama_desa_group_dpmd",
        )
        if not any(self.env.user.has_group(group) for group in recipient_groups):
            raise UserError(
                self.env._("Only the BPD, a kepala desa, the kecamatan or DPMD receive reports.")
            )
        self.check_access("read")
        for report in self:
            if report.state != "submitted":
                raise UserError(
                    self.env._(
                        "Report %(report)s must be submitted before it is received.",
                        report=report.display_name,
                    )
                )
        self.sudo().write({"state": "received", "date_received": fields.Date.context_today(self)})
        return True

    def action_reset_draft(self):
        if any(report.state == "received" for report in self):
            raise UserError(self.env._("A received report cannot be reset to draft."))
        self.write({"state": "draft", "date_submitted": False})
        return True

    @api.ondelete(at_uninstall=False)
    def _unlink_except_submitted(self):
        if any(report.state != "draft" for report in self):
            raise UserError(self.env._("A submitted or received report cannot be deleted."))
