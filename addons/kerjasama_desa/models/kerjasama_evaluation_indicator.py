from odoo import api, fields, models


class KerjasamaEvaluationIndicator(models.Model):
    """Indicator of an aspect of a standard of kerja sama desa; its criteria are scored. Its
    weight is the sum of the weights of its criteria."""

    _name = "kerjasama.evaluation.indicator"
    _description = "Standard Indicator"
    _order = "instrument_id, aspect_sequence, sequence, id"

    aspect_id = fields.Many2one(
        "kerjasama.evaluation.aspect", required=True, ondelete="cascade", index=True
    )
    instrument_id = fields.Many2one(related="aspect_id.instrument_id", store=True, index=True)
    aspect_sequence = fields.Integer(
        related="aspect_id.sequence", string="Aspect Sequence", store=True
    )
    sequence = fields.Integer(default=10)
    code = fields.Char()
    name = fields.Char(required=True)
    description = fields.Text(string="Guidance")
    criterion_ids = fields.One2many(
        "kerjasama.evaluation.criterion", "indicator_id", string="Criteria"
    )
    weight = fields.Float(compute="_compute_weight", store=True, help="Weight in percent.")

    @api.depends("criterion_ids.weight")
    def _compute_weight(self):
        for indicator in self:
            indicator.weight = sum(indicator.criterion_ids.mapped("weight"))

    @api.depends("code", "name")
    def _compute_display_name(self):
        for indicator in self:
            indicator.display_name = " ".join(filter(None, [indicator.code, indicator.name]))

    @api.model_create_multi
    def create(self, vals_list):
        indicators = super().create(vals_list)
        indicators.instrument_id._kd_check_standard_editor()
        return indicators

    def write(self, vals):
        self.instrument_id._kd_check_standard_editor()
        result = super().write(vals)
        if "aspect_id" in vals:
            self.instrument_id._kd_check_standard_editor()
        return result

    @api.ondelete(at_uninstall=False)
    def _unlink_check_editor(self):
        self.instrument_id._kd_check_standard_editor()
