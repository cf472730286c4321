from odoo import fields, models


class KerjasamaEvaluationCriterion(models.Model):
    """A weighted criterion of an evaluation instrument of kerja sama desa (monitoring dan
    evaluasi by the kabupaten); the weights of an instrument total 100."""

    _name = "kerjasama.evaluation.criterion"
    _description = "Evaluation Criterion"
    _order = "instrument_id, sequence, id"

    instrument_id = fields.Many2one(
        "kerjasama.evaluation.instrument", required=True, ondelete="cascade", index=True
    )
    sequence = fields.Integer(default=10)
    name = fields.Char(required=True)
    description = fields.Text(string="Guidance")
    weight = fields.Float(required=True, default=0.0, help="Weight in percent.")

    _sql_constraints = [
        (
            "weight_range",
            "CHECK(weight > 0 AND weight <= 100)",
            "A criterion weight lies above 0 and at most 100.",
        ),
    ]
