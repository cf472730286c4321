from odoo import Command, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools.translate import LazyTranslate

from .kerjasama_evaluation_instrument import RESULT_CATEGORIES
from .kerjasama_lifecycle_mixin import Transition

_lt = LazyTranslate(__name__)

# Monitoring and evaluation is the kabupaten's (DPMD) work of pembinaan dan pengawasan.
EVALUATORS = ("dpmd",)
TRANSITIONS = {
    "action_done": Transition(
        ("draft",), "done", EVALUATORS, "_missing_done", _lt("finalise the evaluation")
    ),
    "action_reset_draft": Transition(
        ("done",), "draft", EVALUATORS, None, _lt("reopen the evaluation")
    ),
}
# The result is computed from the scores; the evaluator is the official who finalised it.
SERVER_FIELDS = ("state", "evaluator_id", "score_total", "category", "company_id")


class KerjasamaEvaluation(models.Model):
    """Monitoring dan evaluasi of a kerja sama desa for one period by the kabupaten (DPMD, as
    part of pembinaan dan pengawasan): each criterion of the instrument scored 0-100, the
    weighted total and the result category."""

    _name = "kerjasama.evaluation"
    _description = "Cooperation Evaluation"
    _inherit = ["mail.thread", "mail.activity.mixin", "kerjasama.followup.mixin"]
    _order = "date desc, id desc"
    _lifecycle_initial_state = "draft"
    _lifecycle_server_fields = SERVER_FIELDS
    _lifecycle_transitions = TRANSITIONS
    _followup_author_roles = EVALUATORS
    _followup_open_states = ("draft",)

    instrument_id = fields.Many2one(
        "kerjasama.evaluation.instrument",
        string="Instrument",
        required=True,
        ondelete="restrict",
        domain=[("usage", "=", "evaluation")],
        default=lambda self: self.env["kerjasama.evaluation.instrument"].search(
            [("usage", "=", "evaluation")], limit=1
        ),
        tracking=True,
    )
    period_start = fields.Date(required=True)
    period_end = fields.Date(required=True)
    date = fields.Date(string="Evaluation Date", default=fields.Date.context_today, required=True)
    evaluator_id = fields.Many2one(
        "res.users",
        string="Evaluator",
        default=lambda self: self.env.user,
        readonly=True,
        tracking=True,
        help="The official who recorded the evaluation, then who finalised it.",
    )
    line_ids = fields.One2many(
        "kerjasama.evaluation.line",
        "evaluation_id",
        string="Scores",
        compute="_compute_line_ids",
        store=True,
        readonly=False,
        precompute=True,
    )
    score_total = fields.Float(
        string="Weighted Score",
        compute="_compute_result",
        store=True,
        aggregator="avg",
        tracking=True,
    )
    category = fields.Selection(
        RESULT_CATEGORIES,
        string="Result",
        compute="_compute_result",
        store=True,
        index=True,
        tracking=True,
    )
    recommendation = fields.Text()
    state = fields.Selection(
        [("draft", "Draft"), ("done", "Final")],
        default="draft",
        required=True,
        tracking=True,
        copy=False,
    )

    @api.depends("instrument_id")
    def _compute_line_ids(self):
        for evaluation in self:
            evaluation.line_ids = [Command.clear()] + [
                Command.create({"criterion_id": criterion.id})
                for criterion in evaluation.instrument_id.criterion_ids
            ]

    @api.depends(
        "line_ids.weighted_score",
        "instrument_id.threshold_very_good",
        "instrument_id.threshold_good",
        "instrument_id.threshold_fair",
    )
    def _compute_result(self):
        for evaluation in self:
            evaluation.score_total, evaluation.category = evaluation.instrument_id._kd_result(
                evaluation.line_ids
            )

    @api.depends("agreement_id", "period_start", "period_end")
    def _compute_display_name(self):
        for evaluation in self:
            evaluation.display_name = self.env._(
                "Evaluation %(agreement)s (%(start)s - %(end)s)",
                agreement=evaluation.agreement_id.display_name or "",
                start=evaluation.period_start or "",
                end=evaluation.period_end or "",
            )

    @api.constrains("period_start", "period_end")
    def _check_period(self):
        for evaluation in self:
            if evaluation.period_end < evaluation.period_start:
                raise ValidationError(
                    self.env._(
                        "Evaluation of %(agreement)s: the period end comes before its start.",
                        agreement=evaluation.agreement_id.display_name,
                    )
                )

    @api.constrains("date", "period_start")
    def _check_date(self):
        for evaluation in self:
            if evaluation.date < evaluation.period_start:
                raise ValidationError(
                    self.env._(
                        "Evaluation of %(agreement)s: it is dated %(date)s, before the period "
                        "it evaluates starts.",
                        agreement=evaluation.agreement_id.display_name,
                        date=evaluation.date,
                    )
                )

    # ------------------------------------------------------------------ follow-up
    def _followup_label(self):
        return self.env._("A monitoring evaluation")

    def _missing_done(self):
        missing = self._followup_missing_agreement()
        self.instrument_id._ensure_weights_total()
        criteria = self.instrument_id.criterion_ids
        if not criteria or self.line_ids.criterion_id != criteria:
            missing.append(self.env._("a score for every criterion of its instrument"))
        return missing

    def action_done(self):
        return self._lifecycle_run("action_done", {"evaluator_id": self.env.uid})

    def action_reset_draft(self):
        return self._lifecycle_run("action_reset_draft")

    @api.ondelete(at_uninstall=False)
    def _unlink_except_done(self):
        for evaluation in self:
            if evaluation.state == "done":
                raise UserError(
                    self.env._(
                        "%(evaluation)s is final: it is kept on record and cannot be deleted.",
                        evaluation=evaluation.display_name,
                    )
                )
