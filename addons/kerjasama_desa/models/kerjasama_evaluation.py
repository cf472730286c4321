from odoo import Command, api, fields, models
from odoo.exceptions import UserError, ValidationError

from .kerjasama_evaluation_instrument import RESULT_CATEGORIES


class KerjasamaEvaluation(models.Model):
    """Monitoring dan evaluasi of a kerja sama desa for one period by the kabupaten (DPMD, as
    part of pembinaan dan pengawasan): each criterion of the instrument scored 0-100, the
    weighted total and the result category."""

    _name = "kerjasama.evaluation"
    _description = "Cooperation Evaluation"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date desc, id desc"

    agreement_id = fields.Many2one(
        "kerjasama.agreement",
        string="Agreement",
        required=True,
        ondelete="cascade",
        index=True,
    )
    company_id = fields.Many2one(related="agreement_id.company_id", store=True)
    instrument_id = fields.Many2one(
        "kerjasama.evaluation.instrument",
        string="Instrument",
        required=True,
        ondelete="restrict",
        default=lambda self: self.env["kerjasama.evaluation.instrument"].search([], limit=1),
        tracking=True,
    )
    period_start = fields.Date(required=True)
    period_end = fields.Date(required=True)
    date = fields.Date(string="Evaluation Date", default=fields.Date.context_today, required=True)
    evaluator_id = fields.Many2one(
        "res.users",
        string="Evaluator",
        default=lambda self: self.env.user,
        tracking=True,
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
            total = round(sum(evaluation.line_ids.mapped("weighted_score")), 2)
            evaluation.score_total = total
            evaluation.category = (
                evaluation.instrument_id._category_for_score(total)
                if evaluation.instrument_id and evaluation.line_ids
                else False
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

    @api.constrains("agreement_id")
    def _check_agreement_signed(self):
        self.agreement_id._check_signed_for_followup(self.env._("A monitoring evaluation"))

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

    def action_done(self):
        for evaluation in self:
            if evaluation.state != "draft":
                raise UserError(
                    self.env._(
                        "%(evaluation)s is already final.",
                        evaluation=evaluation.display_name,
                    )
                )
            evaluation.instrument_id._ensure_weights_total()
            criteria = evaluation.instrument_id.criterion_ids
            if not criteria or evaluation.line_ids.criterion_id != criteria:
                raise UserError(
                    self.env._(
                        "%(evaluation)s must score every criterion of its instrument.",
                        evaluation=evaluation.display_name,
                    )
                )
        self.write({"state": "done"})
        return True

    def action_reset_draft(self):
        self.write({"state": "draft"})
        return True

    def write(self, vals):
        if set(vals) & {
            "line_ids",
            "instrument_id",
            "period_start",
            "period_end",
        } and any(evaluation.state == "done" for evaluation in self):
            raise UserError(self.env._("A final evaluation cannot be changed; reset it first."))
        return super().write(vals)
