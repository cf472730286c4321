from odoo import api, fields, models
from odoo.exceptions import UserError

# What the evaluator writes on a line of a draft evaluation; the rest is set at its creation.
SCORE_FIELDS = {"score", "met", "note"}


class KerjasamaEvaluationLine(models.Model):
    """Score of one criterion in an evaluation of a kerja sama desa (monitoring dan evaluasi).

    The lines are the evaluation's content: scored by the DPMD while it is a draft, frozen once
    it is final (``kerjasama.evaluation`` lifecycle)."""

    _name = "kerjasama.evaluation.line"
    _inherit = ["kerjasama.evaluation.score.mixin"]
    _description = "Evaluation Line"
    _order = "evaluation_id, sequence, id"

    evaluation_id = fields.Many2one(
        "kerjasama.evaluation", required=True, ondelete="cascade", index=True
    )

    _sql_constraints = [
        (
            "criterion_unique",
            "UNIQUE(evaluation_id, criterion_id)",
            "A criterion is scored once per evaluation.",
        ),
    ]

    def _check_evaluation_open(self, evaluations=None):
        """Lines change only on a draft evaluation, by its evaluators (the DPMD)."""
        evaluations = self.evaluation_id if evaluations is None else evaluations
        for evaluation in evaluations:
            if evaluation.state != "draft":
                raise UserError(
                    self.env._(
                        "%(evaluation)s is final: its scores can no longer be changed.",
                        evaluation=evaluation.display_name,
                    )
                )
            evaluation._followup_check_author(self.env._("score it"))

    @api.model_create_multi
    def create(self, vals_list):
        self._check_evaluation_open(
            self.env["kerjasama.evaluation"].browse(
                {vals["evaluation_id"] for vals in vals_list if vals.get("evaluation_id")}
            )
        )
        return super().create(vals_list)

    def write(self, vals):
        fixed = set(vals) - SCORE_FIELDS
        if fixed:
            raise UserError(
                self.env._(
                    "An evaluation line keeps its criterion: %(fields)s cannot be changed; "
                    "change the instrument of the draft evaluation instead.",
                    fields=", ".join(
                        sorted(self._fields[f]._description_string(self.env) for f in fixed)
                    ),
                )
            )
        self._check_evaluation_open()
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_final(self):
        self._check_evaluation_open()
