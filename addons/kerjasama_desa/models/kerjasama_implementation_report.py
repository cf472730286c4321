from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools.translate import LazyTranslate

from .kerjasama_agreement_reporting import REPORT_FREQUENCY_MONTHS
from .kerjasama_lifecycle_mixin import Transition

_lt = LazyTranslate(__name__)

REPORT_NUMBER_PREFIX = "LPKS"
# The reporter of the agreement: its BKAD staff when a BKAD runs it, else the village head
# (``_report_reporter_roles``); the recipients and the copies acknowledge.
REPORTER = "reporter"
RECIPIENTS = ("kepala_desa", "bpd", "camat", "dpmd")
TRANSITIONS = {
    "action_submit": Transition(
        ("draft",), "submitted", (REPORTER,), "_missing_submit", _lt("submit the report")
    ),
    "action_receive": Transition(
        ("submitted",), "received", RECIPIENTS, None, _lt("acknowledge receipt of the report")
    ),
    "action_reset_draft": Transition(
        ("submitted",), "draft", (REPORTER,), None, _lt("return the report to draft")
    ),
}


def _join_id(names):
    """ "A, B dan C": names joined the Indonesian way."""
    names = [name for name in names if name]
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} dan {names[-1]}"


SERVER_FIELDS = ("state", "number", "date_submitted", "date_received", "company_id")


class KerjasamaImplementationReport(models.Model):
    """Laporan pelaksanaan of a kerja sama desa for one period (Permendagri 96/2017, stage
    pelaporan). Antar-Desa: the BKAD reports to the kepala desa, with copies to the BPD and to
    the bupati/walikota through the camat. Pihak ketiga: the kepala desa reports to the BPD,
    with a copy to the bupati/walikota through the camat."""

    _name = "kerjasama.implementation.report"
    _description = "Cooperation Implementation Report"
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "kerjasama.followup.mixin",
        "kerjasama.numbering.mixin",
    ]
    _order = "agreement_id, period_start"
    _lifecycle_initial_state = "draft"
    _lifecycle_server_fields = SERVER_FIELDS
    _lifecycle_transitions = TRANSITIONS
    _followup_author_roles = ("perangkat", "bkad", "admin")
    _followup_open_states = ("draft",)
    _number_field = "number"
    _number_prefix = REPORT_NUMBER_PREFIX

    kind = fields.Selection(related="agreement_id.kind")
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
    # the reporting line as the letter prints it, in Indonesian (editable while a draft)
    reporter = fields.Char(
        compute="_compute_recipients", store=True, readonly=False, string="Reported By"
    )
    recipient = fields.Char(
        compute="_compute_recipients", store=True, readonly=False, string="Reported To"
    )
    recipient_copies = fields.Text(
        compute="_compute_recipients",
        store=True,
        readonly=False,
        string="Copies To",
        help="One recipient of a copy (tembusan) per line.",
    )
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
        ("number_unique", "UNIQUE(number)", "A report letter number is given once."),
    ]

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

    @api.depends(
        "agreement_id.kind",
        "agreement_id.bkad_id",
        "agreement_id.party_ids.region_id",
        "agreement_id.kabupaten_id",
    )
    def _compute_recipients(self):
        """The reporting line in the words of the letter, in Indonesian whatever the language
        of the user (it is printed as such): antar-Desa, the BKAD reports to the kepala desa
        with copies to the BPD and to the bupati/walikota through the camat; pihak ketiga, the
        kepala desa reports to the BPD with a copy to the bupati/walikota through the camat."""
        for report in self:
            agreement = report.agreement_id.sudo()
            villages = agreement.party_ids.filtered(lambda p: p.party_kind == "desa").region_id
            kabupaten = agreement.kabupaten_id or villages.kabupaten_id[:1]
            camat = _join_id([f"Camat {k.name}" for k in villages.kecamatan_id])
            regent = kabupaten._head_title() if kabupaten else "Bupati/Wali Kota"
            regent_line = f"{regent} melalui {camat}" if camat else regent
            kepala_desa = _join_id([f"Kepala {v._full_name()}" for v in villages])
            bpd = [f"Ketua Badan Permusyawaratan {v._full_name()}" for v in villages]
            if agreement.kind == "antar_desa":
                report.reporter = agreement.bkad_id.name or "Badan Kerja Sama Antar-Desa"
                report.recipient = kepala_desa
                report.recipient_copies = "\n".join([*bpd, regent_line])
            else:
                report.reporter = kepala_desa
                report.recipient = _join_id(bpd)
                report.recipient_copies = regent_line

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

    # ------------------------------------------------------------------ follow-up
    def _followup_label(self):
        return self.env._("An implementation report")

    def _report_reporter_roles(self):
        """Who submits the report (Permendagri 96/2017, pelaporan): the BKAD staff for an
        agreement a BKAD runs, the kepala desa otherwise."""
        if len(self) != 1:
            return ("kepala_desa", "bkad")
        return ("bkad",) if self.sudo().agreement_id.bkad_id else ("kepala_desa",)

    def _report_expand_roles(self, roles):
        """The pseudo-role ``reporter`` of the table, made concrete for this report."""
        if REPORTER not in roles:
            return tuple(roles)
        return tuple(r for r in roles if r != REPORTER) + self._report_reporter_roles()

    def _kerjasama_has_role(self, roles, regions=None, personal=False):
        return super()._kerjasama_has_role(self._report_expand_roles(roles), regions, personal)

    def _kerjasama_check_role(self, roles, action, regions=None, personal=False):
        for report in self or [self]:
            super(KerjasamaImplementationReport, report)._kerjasama_check_role(
                report._report_expand_roles(roles), action, regions, personal
            )

    # ------------------------------------------------------------------ numbering
    def _number_region(self):
        return self.sudo().agreement_id.kabupaten_id

    def _number_date(self):
        return self.date_submitted or fields.Date.context_today(self)

    # ------------------------------------------------------------------ lifecycle
    def _missing_submit(self):
        missing = self._followup_missing_agreement()
        if not self.activity_summary:
            missing.append(self.env._("the implementation results"))
        return missing

    def action_submit(self):
        """Draft -> submitted: the letter number is given (a submitted report is never
        deleted, so the register of the kabupaten has no hole; a report returned to draft
        keeps its number)."""
        self._lifecycle_run("action_submit", {"date_submitted": fields.Date.context_today(self)})
        self._assign_number()
        self.sudo().activity_unlink(["kerjasama_desa.mail_activity_type_report_due"])
        return True

    def action_receive(self):
        """The recipient (kepala desa, BPD, camat or DPMD) acknowledges the report."""
        return self._lifecycle_run(
            "action_receive", {"date_received": fields.Date.context_today(self)}
        )

    def action_reset_draft(self):
        return self._lifecycle_run("action_reset_draft", {"date_submitted": False})

    @api.ondelete(at_uninstall=False)
    def _unlink_except_submitted(self):
        for report in self:
            if report.state != "draft" or report.number:
                raise UserError(
                    self.env._(
                        "Report %(report)s was submitted and carries a letter number: it is "
                        "kept on record and cannot be deleted.",
                        report=report.display_name,
                    )
                )
