from odoo import api, fields, models


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

    def write(self, vals):
        if {"weight", "instrument_id"} & set(vals):
            self.instrument_id._check_not_used_by_final()
        return super().write(vals)

    @api.model_create_multi
    def create(self, vals_list):
        self.env["kerjasama.evaluation.instrument"].browse(
            {vals["instrument_id"] for vals in vals_list if vals.get("instrument_id")}
        )._check_not_used_by_final()
        return super().create(vals_list)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_used(self):
        self.instrument_id._check_not_used_by_final()
