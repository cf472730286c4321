from odoo import api, fields, models


class KerjasamaEvaluationLine(models.Model):
    """Score of one criterion in an evaluation of a kerja sama desa (monitoring dan evaluasi)."""

    _name = "kerjasama.evaluation.line"
    _description = "Evaluation Line"
    _order = "evaluation_id, sequence, id"

    evaluation_id = fields.Many2one(
        "kerjasama.evaluation", required=True, ondelete="cascade", index=True
    )
    criterion_id = fields.Many2one(
        "kerjasama.evaluation.criterion",
        string="Criterion",
        required=True,
        ondelete="restrict",
    )
    sequence = fields.Integer(related="criterion_id.sequence", store=True)
    weight = fields.Float(related="criterion_id.weight", store=True)
    score = fields.Float(default=0.0, help="Score from 0 to 100.")
    weighted_score = fields.Float(compute="_compute_weighted_score", store=True)
    note = fields.Char()

    _sql_constraints = [
        (
            "score_range",
            "CHECK(score >= 0 AND score <= 100)",
            "A score lies between 0 and 100.",
        ),
        (
            "criterion_unique",
            "UNIQUE(evaluation_id, criterion_id)",
            "A criterion is scored once per evaluation.",
        ),
    ]

    @api.depends("score", "weight")
    def _compute_weighted_score(self):
        for line in self:
            line.weighted_score = line.score * line.weight / 100.0
