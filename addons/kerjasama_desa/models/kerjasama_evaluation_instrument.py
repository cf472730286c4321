from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools.float_utils import float_compare

# What the result of an evaluation is computed from: fixed once a final evaluation uses it.
SCORING_FIELDS = {"criterion_ids", "threshold_very_good", "threshold_good", "threshold_fair"}

RESULT_CATEGORIES = [
    ("sangat_baik", "Very Good (Sangat Baik)"),
    ("baik", "Good (Baik)"),
    ("cukup", "Fair (Cukup)"),
    ("kurang", "Poor (Kurang)"),
]
# What an instrument assesses: the kabupaten's monitoring evaluation of an agreement, or the
# national standard of kerja sama desa for an agreement or a BKAD (basis for awards).
USAGES = [
    ("evaluation", "Monitoring Evaluation"),
    ("agreement", "Standard: Agreement"),
    ("bkad", "Standard: BKAD"),
]
STANDARD_USAGES = ("agreement", "bkad")


class KerjasamaEvaluationInstrument(models.Model):
    """Assessment instrument of the monitoring and evaluation of kerja sama desa by the
    kabupaten (Permendagri 96/2017, BINWAS): weighted criteria and the score thresholds of the
    result categories Sangat Baik / Baik / Cukup / Kurang."""

    _name = "kerjasama.evaluation.instrument"
    _inherit = ["kerjasama.access.mixin"]
    _description = "Evaluation Instrument"
    _order = "sequence, id"

    name = fields.Char(required=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    description = fields.Text()
    usage = fields.Selection(
        USAGES,
        default="evaluation",
        required=True,
        index=True,
        help="A standard (agreement or BKAD) is the national instrument of kerja sama desa, "
        "or a kabupaten's copy of it; the monitoring evaluation is the DPMD's own.",
    )
    kabupaten_id = fields.Many2one(
        "kerjasama.region",
        string="Regency/City",
        domain=[("level", "=", "kabupaten")],
        index="btree_not_null",
        ondelete="restrict",
        help="Empty for the national standard; set on a kabupaten's own copy, which its "
        "assessments use instead of the national one.",
    )
    national_id = fields.Many2one(
        "kerjasama.evaluation.instrument",
        string="National Standard",
        index="btree_not_null",
        ondelete="restrict",
        readonly=True,
        help="The national standard this kabupaten copy was made from.",
    )
    aspect_ids = fields.One2many(
        "kerjasama.evaluation.aspect", "instrument_id", string="Aspects", copy=False
    )
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

    @api.constrains("usage", "kabupaten_id", "national_id")
    def _check_standard_scope(self):
        for instrument in self:
            if instrument.usage not in STANDARD_USAGES and (
                instrument.kabupaten_id or instrument.national_id
            ):
                raise ValidationError(
                    self.env._(
                        "Instrument %(instrument)s: only a standard belongs to a kabupaten.",
                        instrument=instrument.display_name,
                    )
                )
            national = instrument.national_id
            if national and (national.kabupaten_id or national.usage != instrument.usage):
                raise ValidationError(
                    self.env._(
                        "Instrument %(instrument)s: it copies a national standard of the same "
                        "subject.",
                        instrument=instrument.display_name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        instruments = super().create(vals_list)
        instruments._kd_check_standard_editor()
        return instruments

    def write(self, vals):
        self._kd_check_standard_editor()
        if SCORING_FIELDS & set(vals):
            self._check_not_used_by_final()
        result = super().write(vals)
        if {"usage", "kabupaten_id"} & set(vals):
            self._kd_check_standard_editor()
        return result

    @api.ondelete(at_uninstall=False)
    def _unlink_except_standard_of_others(self):
        self._kd_check_standard_editor()

    # ------------------------------------------------------------------ the standard
    def _kd_check_standard_editor(self):
        """The national standard is edited by the national administrator only; a kabupaten's
        copy by the DPMD administrator of that kabupaten. (Monitoring instruments stay the
        administrators' reference data.)"""
        for instrument in self.filtered(lambda i: i.usage in STANDARD_USAGES):
            if instrument.kabupaten_id:
                instrument._kerjasama_check_role(
                    ("admin",),
                    self.env._("change the standard of this kabupaten"),
                    regions=instrument.kabupaten_id,
                )
            elif not instrument._kerjasama_is_national():
                raise AccessError(
                    self.env._(
                        "%(instrument)s is the national standard: only the national "
                        "administrator changes it; a kabupaten adapts its own copy.",
                        instrument=instrument.display_name,
                    )
                )

    @api.model
    def _kd_standard_for(self, usage, kabupaten):
        """The standard an assessment of ``usage`` in ``kabupaten`` uses: the kabupaten's own
        copy when it has one, else the national standard."""
        Instrument = self.sudo()
        domain = [("usage", "=", usage)]
        if kabupaten:
            own = Instrument.search(domain + [("kabupaten_id", "=", kabupaten.id)], limit=1)
            if own:
                return own.sudo(False)
        return Instrument.search(domain + [("kabupaten_id", "=", False)], limit=1).sudo(False)

    def action_copy_for_kabupaten(self):
        """Copy the national standard for the user's kabupaten (aspects, indicators and
        criteria with their weights and proofs), to adapt it there."""
        self.ensure_one()
        if self.usage not in STANDARD_USAGES or self.kabupaten_id:
            raise UserError(self.env._("Only a national standard is copied for a kabupaten."))
        kabupaten = self.env.user.kerjasama_region_ids.kabupaten_id[:1]
        if not kabupaten:
            raise UserError(
                self.env._(
                    "Your working regions lie in no kabupaten: the copy of %(instrument)s "
                    "needs one.",
                    instrument=self.display_name,
                )
            )
        existing = self.search(
            [("usage", "=", self.usage), ("kabupaten_id", "=", kabupaten.id)], limit=1
        )
        copy = existing or self._kd_copy_standard(kabupaten)
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": copy.id,
            "view_mode": "form",
            "target": "current",
        }

    def _kd_copy_standard(self, kabupaten):
        self.ensure_one()
        copy = self.copy(
            {
                "name": f"{self.name} - {kabupaten.name}",
                "kabupaten_id": kabupaten.id,
                "national_id": self.id,
                "criterion_ids": [],
            }
        )
        Criterion = self.env["kerjasama.evaluation.criterion"]
        for aspect in self.aspect_ids:
            new_aspect = aspect.copy({"instrument_id": copy.id})
            for indicator in aspect.indicator_ids:
                new_indicator = indicator.copy({"aspect_id": new_aspect.id})
                Criterion |= indicator.criterion_ids.copy(
                    {"instrument_id": copy.id, "indicator_id": new_indicator.id}
                )
        loose = self.criterion_ids.filtered(lambda c: not c.indicator_id)
        if loose:
            loose.copy({"instrument_id": copy.id})
        copy._ensure_weights_total()
        return copy

    def _kd_result(self, lines):
        """(weighted total, result category) of scored ``lines`` of this instrument: the one
        computation of an evaluation's and an assessment's result."""
        total = round(sum(lines.mapped("weighted_score")), 2)
        category = self._category_for_score(total) if self and lines else False
        return total, category

    def _check_not_used_by_final(self):
        """A final evaluation keeps its result: the weights and thresholds it was computed with
        no longer change (copy the instrument to score differently)."""
        used = (
            self.env["kerjasama.evaluation"]
            .sudo()
            .search([("instrument_id", "in", self.ids), ("state", "=", "done")], limit=1)
        ) or (
            self.env["kerjasama.assessment"]
            .sudo()
            .search([("instrument_id", "in", self.ids), ("state", "!=", "draft")], limit=1)
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
