from odoo import api, fields, models
from odoo.exceptions import UserError

from .kerjasama_agreement import AGREEMENT_STATES
from .kerjasama_initiative_step import STEP_AGREEMENT_FIELDS

STATE_INDEX = {state: index for index, (state, _label) in enumerate(AGREEMENT_STATES)}


class KerjasamaAgreementStep(models.Model):
    """One preparation step of a kerja sama desa on its checklist (Permendagri 96/2017 Pasal 14
    for prakarsa Desa, Pasal 15 for prakarsa Pihak Ketiga). The lines are generated from the
    configured steps (``kerjasama.initiative.step``) that apply to the agreement's kind and
    initiative; a stage transition is refused while a step required for the target stage is
    not done. A step proven by an agreement field is done when that field is filled."""

    _name = "kerjasama.agreement.step"
    _description = "Agreement Preparation Step"
    _order = "agreement_id, sequence, id"

    agreement_id = fields.Many2one(
        "kerjasama.agreement", string="Agreement", required=True, ondelete="cascade", index=True
    )
    step_id = fields.Many2one(
        "kerjasama.initiative.step", string="Step", required=True, ondelete="restrict", index=True
    )
    name = fields.Char(related="step_id.name", string="Step Name")
    description = fields.Text(related="step_id.description")
    sequence = fields.Integer(related="step_id.sequence", store=True)
    required_before_state = fields.Selection(related="step_id.required_before_state")
    agreement_field = fields.Selection(related="step_id.agreement_field")
    agreement_state = fields.Selection(related="agreement_id.state", string="Agreement Stage")
    done = fields.Boolean(
        compute="_compute_done",
        store=True,
        readonly=False,
        help="Ticked by hand, or automatically when the step is proven by an agreement field.",
    )
    date = fields.Date(string="Date Done")
    reference = fields.Char(help="Number of the letter, decision or document proving the step.")
    note = fields.Text()
    is_locked = fields.Boolean(
        compute="_compute_is_locked",
        help="The agreement has entered the stage the step was required for, or is closed.",
    )

    _sql_constraints = [
        (
            "agreement_step_unique",
            "UNIQUE(agreement_id, step_id)",
            "A step appears once on the checklist of an agreement.",
        ),
    ]

    @api.depends(
        "step_id.agreement_field",
        *(f"agreement_id.{field}" for field, _label in STEP_AGREEMENT_FIELDS),
    )
    def _compute_done(self):
        for line in self:
            field = line.step_id.agreement_field
            if field:
                line.done = bool(line.agreement_id[field])
            else:
                line.done = line.done

    @api.depends("agreement_id.state", "step_id.required_before_state")
    def _compute_is_locked(self):
        for line in self:
            line.is_locked = line._locked()

    def _locked(self):
        self.ensure_one()
        state = self.agreement_id.state
        return state == "dibatalkan" or STATE_INDEX.get(state, 0) >= STATE_INDEX.get(
            self.step_id.required_before_state, 0
        )

    def _is_done(self):
        """Whether the step is done, read live from the agreement for a field-proven step."""
        self.ensure_one()
        field = self.step_id.agreement_field
        if field:
            return bool(self.agreement_id[field])
        return self.done

    @api.model_create_multi
    def create(self, vals_list):
        today = fields.Date.context_today(self)
        for vals in vals_list:
            if vals.get("done") and not vals.get("date"):
                vals["date"] = today
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.is_superuser():
            self._check_editable(vals)
        if vals.get("done") and "date" not in vals:
            undated = self.filtered(lambda line: not line.date)
            if undated:
                super(KerjasamaAgreementStep, undated).write(
                    {"date": fields.Date.context_today(self)}
                )
        return super().write(vals)

    def _check_editable(self, vals):
        for line in self:
            if line._locked():
                raise UserError(
                    self.env._(
                        "Agreement %(agreement)s has passed the stage that step %(step)s was "
                        "required for: the step can no longer be changed.",
                        agreement=line.agreement_id.display_name,
                        step=line.step_id.name,
                    )
                )
            if "done" in vals and line.step_id.agreement_field:
                field_label = dict(
                    self.env["kerjasama.initiative.step"]
                    ._fields["agreement_field"]
                    ._description_selection(self.env)
                )[line.step_id.agreement_field]
                raise UserError(
                    self.env._(
                        "Step %(step)s is done by filling %(field)s on agreement %(agreement)s.",
                        step=line.step_id.name,
                        field=field_label,
                        agreement=line.agreement_id.display_name,
                    )
                )
