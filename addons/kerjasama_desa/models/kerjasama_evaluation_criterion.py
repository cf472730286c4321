from odoo import api, fields, models
from odoo.exceptions import ValidationError

SCORINGS = [("score", "Score 0-100"), ("met", "Met / Unmet")]


class KerjasamaEvaluationCriterion(models.Model):
    """A weighted criterion of an evaluation instrument of kerja sama desa (monitoring dan
    evaluasi by the kabupaten, or the national standard); the weights of an instrument total
    100. In a standard, a criterion belongs to an indicator of an aspect, is scored 0-100 or
    Met/Unmet, and may require a proof document attached to its score."""

    _name = "kerjasama.evaluation.criterion"
    _description = "Evaluation Criterion"
    _order = "instrument_id, sequence, id"

    instrument_id = fields.Many2one(
        "kerjasama.evaluation.instrument", required=True, ondelete="cascade", index=True
    )
    indicator_id = fields.Many2one(
        "kerjasama.evaluation.indicator",
        string="Indicator",
        ondelete="cascade",
        index="btree_not_null",
        domain="[('instrument_id', '=', instrument_id)]",
    )
    aspect_id = fields.Many2one(
        related="indicator_id.aspect_id", string="Aspect", store=True, index="btree_not_null"
    )
    sequence = fields.Integer(default=10)
    name = fields.Char(required=True)
    description = fields.Text(string="Guidance")
    weight = fields.Float(required=True, default=0.0, help="Weight in percent.")
    scoring = fields.Selection(
        SCORINGS,
        default="score",
        required=True,
        help="Score 0-100, or Met / Unmet (Met counts 100, Unmet 0).",
    )
    proof_required = fields.Char(
        string="Required Proof",
        help="The proof document the assessment attaches to this criterion (e.g. the signed "
        "Peraturan Bersama); an assessment is submitted only with it.",
    )

    _sql_constraints = [
        (
            "weight_range",
            "CHECK(weight > 0 AND weight <= 100)",
            "A criterion weight lies above 0 and at most 100.",
        ),
    ]

    @api.constrains("indicator_id", "instrument_id")
    def _check_indicator_instrument(self):
        for criterion in self:
            if criterion.indicator_id and criterion.indicator_id.instrument_id != (
                criterion.instrument_id
            ):
                raise ValidationError(
                    self.env._(
                        "Criterion %(criterion)s: its indicator belongs to another instrument.",
                        criterion=criterion.name,
                    )
                )

    def write(self, vals):
        self.instrument_id._kd_check_standard_editor()
        if {"weight", "instrument_id", "scoring"} & set(vals):
            self.instrument_id._check_not_used_by_final()
        result = super().write(vals)
        if "instrument_id" in vals:
            self.instrument_id._kd_check_standard_editor()
        return result

    @api.model_create_multi
    def create(self, vals_list):
        self.env["kerjasama.evaluation.instrument"].browse(
            {vals["instrument_id"] for vals in vals_list if vals.get("instrument_id")}
        )._check_not_used_by_final()
        criteria = super().create(vals_list)
        criteria.instrument_id._kd_check_standard_editor()
        return criteria

    @api.ondelete(at_uninstall=False)
    def _unlink_except_used(self):
        self.instrument_id._kd_check_standard_editor()
        self.instrument_id._check_not_used_by_final()
