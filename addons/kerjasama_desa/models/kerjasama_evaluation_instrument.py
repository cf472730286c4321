from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools.float_utils import float_compare

# What the result of an evaluation is computed from: fixed once a final evaluation uses it.
SCORING_FIELDS = {"criterion_ids", "threshold_very_good", "threshold_good", "threshold_fair"}

RESULT_CATEGORIES = [
    ("sangat_baik", "Very Good (Sangat Baik)"),
    ("baik", "Good (Baik)"),
    ("cukup", "Fair (Cukup)"),
    ("kurang", "Poor (Kurang)"),
]


class KerjasamaEvaluationInstrument(models.Model):
    """Assessment instrument of the monitoring and evaluation of kerja sama desa by the
    kabupaten (Permendagri 96/2017, BINWAS): weighted criteria and the score thresholds of the
    result categories Sangat Baik / Baik / Cukup / Kurang."""

    _name = "kerjasama.evaluation.instrument"
    _description = "Evaluation Instrument"
    _order = "sequence, id"

    name = fields.Char(required=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    description = fields.Text()
    criterion_ids = fields.One2many(
        "kerjasama.evaluation.criterion", "instrument_id", string="Criteria", copy=True
    )
    total_weight = fields.Float(compute="_compute_total_weight")
    threshold_very_good = fields.Float(
        string="Minimum Score Very Good",
        default=85.0,
        help="Lowest score rated Sangat Baik.",
    )
    threshold_good = fields.Float(
        string="Minimum Score Good", default=70.0, help="Lowest score rated Baik."
    )
    threshold_fair = fields.Float(
        string="Minimum Score Fair",
        default=55.0,
        help="Lowest score rated Cukup; below is Kurang.",
    )

    @api.depends("criterion_ids.weight")
    def _compute_total_weight(self):
        for instrument in self:
            instrument.total_weight = sum(instrument.criterion_ids.mapped("weight"))

    @api.constrains("criterion_ids")
    def _check_weights(self):
        for instrument in self:
            instrument._ensure_weights_total()

    def _ensure_weights_total(self):
        self.ensure_one()
        if self.criterion_ids and float_compare(
            sum(self.criterion_ids.mapped("weight")), 100.0, precision_digits=2
        ):
            raise ValidationError(
                self.env._(
                    "The criterion weights of instrument %(instrument)s must total 100 "
                    "(now %(total)s).",
                    instrument=self.display_name,
                    total=round(sum(self.criterion_ids.mapped("weight")), 2),
                )
            )

    @api.constrains("threshold_very_good", "threshold_good", "threshold_fair")
    def _check_thresholds(self):
        for instrument in self:
            if not (
                100
                >= instrument.threshold_very_good
                > instrument.threshold_good
                > instrument.threshold_fair
                >= 0
            ):
                raise ValidationError(
                    self.env._(
                        "Instrument %(instrument)s: the thresholds must descend from Very Good "
                        "to Fair between 100 and 0.",
                        instrument=instrument.display_name,
                    )
                )

    def write(self, vals):
        if SCORING_FIELDS & set(vals):
            self._check_not_used_by_final()
        return super().write(vals)

    def _check_not_used_by_final(self):
        """A final evaluation keeps its result: the weights and thresholds it was computed with
        no longer change (copy the instrument to score differently)."""
        used = (
            self.env["kerjasama.evaluation"]
            .sudo()
            .search([("instrument_id", "in", self.ids), ("state", "=", "done")], limit=1)
        )
        if used:
            raise UserError(
                self.env._(
                    "Instrument %(instrument)s scored the final evaluation %(evaluation)s: its "
                    "criteria, weights and thresholds no longer change; duplicate the instrument "
                    "to score differently.",
                    instrument=used.instrument_id.display_name,
                    evaluation=used.display_name,
                )
            )

    def _category_for_score(self, score):
        self.ensure_one()
        if score >= self.threshold_very_good:
            return "sangat_baik"
        if score >= self.threshold_good:
            return "baik"
        if score >= self.threshold_fair:
            return "cukup"
        return "kurang"
