from odoo import api, fields, models


class KerjasamaEvaluationAspect(models.Model):
    """Aspect of a standard of kerja sama desa (the top of its tree aspect > indicator >
    criterion). Its weight is the sum of the weights of its criteria, so that the weights of
    the tree always add up to the instrument's 100."""

    _name = "kerjasama.evaluation.aspect"
    _description = "Standard Aspect"
    _order = "instrument_id, sequence, id"

    instrument_id = fields.Many2one(
        "kerjasama.evaluation.instrument", required=True, ondelete="cascade", index=True
    )
    sequence = fields.Integer(default=10)
    code = fields.Char()
    name = fields.Char(required=True)
    description = fields.Text(string="Guidance")
    indicator_ids = fields.One2many(
        "kerjasama.evaluation.indicator", "aspect_id", string="Indicators"
    )
    weight = fields.Float(compute="_compute_weight", store=True, help="Weight in percent.")

    @api.depends("indicator_ids.weight")
    def _compute_weight(self):
        for aspect in self:
            aspect.weight = sum(aspect.indicator_ids.mapped("weight"))

    @api.depends("code", "name")
    def _compute_display_name(self):
        for aspect in self:
            aspect.display_name = " ".join(filter(None, [aspect.code, aspect.name]))

    @api.model_create_multi
    def create(self, vals_list):
        aspects = super().create(vals_list)
        aspects.instrument_id._kd_check_standard_editor()
        return aspects

    def write(self, vals):
        self.instrument_id._kd_check_standard_editor()
        result = super().write(vals)
        if "instrument_id" in vals:
            self.instrument_id._kd_check_standard_editor()
        return result

    @api.ondelete(at_uninstall=False)
    def _unlink_check_editor(self):
        self.instrument_id._kd_check_standard_editor()
