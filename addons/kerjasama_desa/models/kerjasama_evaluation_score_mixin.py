from odoo import api, fields, models


class KerjasamaEvaluationScoreMixin(models.AbstractModel):
    """The score of one criterion of an instrument: the one computation of a weighted score,
    shared by the lines of the monitoring evaluation and of the standard's assessment.

    A criterion scored 0-100 counts its score; a Met / Unmet criterion counts 100 when met and
    0 when not. The weighted score is that times the criterion's weight (percent)."""

    _name = "kerjasama.evaluation.score.mixin"
    _description = "Criterion Score"

    criterion_id = fields.Many2one(
        "kerjasama.evaluation.criterion",
        string="Criterion",
        required=True,
        ondelete="restrict",
    )
    sequence = fields.Integer(related="criterion_id.sequence", store=True)
    weight = fields.Float(related="criterion_id.weight", store=True)
    scoring = fields.Selection(related="criterion_id.scoring")
    score = fields.Float(default=0.0, help="Score from 0 to 100.")
    met = fields.Boolean(help="For a Met / Unmet criterion: the criterion is met.")
    weighted_score = fields.Float(compute="_compute_weighted_score", store=True)
    note = fields.Char()

    _sql_constraints = [
        (
            "score_range",
            "CHECK(score >= 0 AND score <= 100)",
            "A score lies between 0 and 100.",
        ),
    ]

    def _kd_effective_score(self):
        self.ensure_one()
        if self.criterion_id.scoring == "met":
            return 100.0 if self.met else 0.0
        return self.score

    @api.depends("score", "met", "weight", "criterion_id.scoring")
    def _compute_weighted_score(self):
        for line in self:
            line.weighted_score = line._kd_effective_score() * line.weight / 100.0
