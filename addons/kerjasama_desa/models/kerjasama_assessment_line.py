from odoo import api, fields, models
from odoo.exceptions import UserError

# What the preparer writes on a line of a draft assessment; the rest is set at its creation.
SCORE_FIELDS = {"score", "met", "note", "attachment_ids"}


class KerjasamaAssessmentLine(models.Model):
    """Score of one criterion of the standard in an assessment, with the proof documents the
    criterion requires. Written by the preparers while the assessment is a draft."""

    _name = "kerjasama.assessment.line"
    _inherit = ["kerjasama.evaluation.score.mixin"]
    _description = "Assessment Line"
    _order = "assessment_id, sequence, id"

    assessment_id = fields.Many2one(
        "kerjasama.assessment", required=True, ondelete="cascade", index=True
    )
    aspect_id = fields.Many2one(related="criterion_id.aspect_id", store=True)
    indicator_id = fields.Many2one(related="criterion_id.indicator_id", store=True)
    proof_required = fields.Char(related="criterion_id.proof_required")
    attachment_ids = fields.Many2many(
        "ir.attachment",
        "kerjasama_assessment_line_attachment_rel",
        "line_id",
        "attachment_id",
        string="Proofs",
    )
    proof_missing = fields.Boolean(compute="_compute_proof_missing", store=True)

    _sql_constraints = [
        (
            "criterion_unique",
            "UNIQUE(assessment_id, criterion_id)",
            "A criterion is scored once per assessment.",
        ),
    ]

    @api.depends("criterion_id.proof_required", "attachment_ids")
    def _compute_proof_missing(self):
        for line in self:
            line.proof_missing = bool(line.criterion_id.proof_required and not line.attachment_ids)

    def _check_assessment_open(self, assessments=None):
        """Lines change only on a draft assessment, by its preparers."""
        assessments = self.assessment_id if assessments is None else assessments
        for assessment in assessments:
            if assessment.state != "draft":
                raise UserError(
                    self.env._(
                        "%(assessment)s was submitted: its scores change only once returned "
                        "for correction.",
                        assessment=assessment.display_name,
                    )
                )
            assessment._assessment_check_preparer(self.env._("score it"))

    def _link_proofs(self):
        """Proofs uploaded before they were linked belong to their line, so that whoever reads
        the assessment reads them."""
        for line in self:
            loose = line.attachment_ids.sudo().filtered(lambda a: not a.res_id)
            if loose:
                loose.write({"res_model": self._name, "res_id": line.id})

    @api.model_create_multi
    def create(self, vals_list):
        self._check_assessment_open(
            self.env["kerjasama.assessment"].browse(
                {vals["assessment_id"] for vals in vals_list if vals.get("assessment_id")}
            )
        )
        lines = super().create(vals_list)
        lines._link_proofs()
        return lines

    def write(self, vals):
        fixed = set(vals) - SCORE_FIELDS
        if fixed:
            raise UserError(
                self.env._(
                    "An assessment line keeps its criterion: %(fields)s cannot be changed; "
                    "change the standard of the draft assessment instead.",
                    fields=", ".join(
                        sorted(self._fields[f]._description_string(self.env) for f in fixed)
                    ),
                )
            )
        self._check_assessment_open()
        result = super().write(vals)
        if "attachment_ids" in vals:
            self._link_proofs()
        return result

    @api.ondelete(at_uninstall=False)
    def _unlink_except_submitted(self):
        self._check_assessment_open()
