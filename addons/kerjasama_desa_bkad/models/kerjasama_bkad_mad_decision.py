from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

DECISION_TYPES = [
    ("program", "Ratify Work Programme"),
    ("budget", "Ratify Budget"),
    ("pengurus", "Change of Officials"),
    ("other", "Other"),
]


class KerjasamaBkadMadDecision(models.Model):
    """Decision of a Musyawarah Antar Desa, recorded in its berita acara. Only a quorate meeting
    decides; ratifying a work programme is what moves it out of draft."""

    _name = "kerjasama.bkad.mad.decision"
    _description = "MAD Decision"
    _inherit = ["kerjasama.bkad.base.mixin"]
    _order = "mad_id, sequence, id"

    mad_id = fields.Many2one(
        "kerjasama.mad", string="Meeting", required=True, index=True, ondelete="cascade"
    )
    bkad_id = fields.Many2one(related="mad_id.bkad_id", store=True, index=True)
    sequence = fields.Integer(default=10)
    decision_type = fields.Selection(
        DECISION_TYPES, string="Decision Type", required=True, default="other"
    )
    name = fields.Text(string="Decision", required=True)
    program_id = fields.Many2one(
        "kerjasama.bkad.program",
        string="Work Programme",
        index="btree_not_null",
        ondelete="restrict",
        domain="[('bkad_id', '=', bkad_id)]",
    )
    pengurus_ids = fields.Many2many(
        "kerjasama.bkad.pengurus",
        "kerjasama_bkad_mad_decision_pengurus_rel",
        "decision_id",
        "pengurus_id",
        string="Officials",
        domain="[('bkad_id', '=', bkad_id)]",
    )
    applied = fields.Boolean(readonly=True, copy=False)

    @api.constrains("decision_type", "program_id", "pengurus_ids", "mad_id")
    def _check_object(self):
        for decision in self:
            if not decision.mad_id.bkad_id:
                raise ValidationError(
                    self.env._(
                        "Meeting %(name)s is not a meeting of a BKAD: it takes no BKAD "
                        "decision.",
                        name=decision.mad_id.display_name,
                    )
                )
            if decision.decision_type in ("program", "budget") and not decision.program_id:
                raise ValidationError(
                    self.env._(
                        'The decision "%(decision)s" ratifies a programme or budget: choose '
                        "the work programme.",
                        decision=decision.name,
                    )
                )
            if decision.decision_type == "pengurus" and not decision.pengurus_ids:
                raise ValidationError(
                    self.env._(
                        'The decision "%(decision)s" changes officials: choose them.',
                        decision=decision.name,
                    )
                )
        self._check_same_bkad("program_id", "pengurus_ids")

    def _check_meeting_quorate(self):
        for decision in self:
            mad = decision.mad_id
            if mad.state != "held":
                raise UserError(
                    self.env._(
                        "Decisions are recorded only while meeting %(name)s is being held.",
                        name=mad.display_name,
                    )
                )
            if not mad.quorum_reached:
                raise UserError(
                    self.env._(
                        "Meeting %(name)s has not reached its quorum (%(present)s of "
                        "%(needed)s villages needed): it cannot decide.",
                        name=mad.display_name,
                        present=mad.present_count,
                        needed=mad.quorum_min_count,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        decisions = super().create(vals_list)
        decisions._check_meeting_quorate()
        return decisions

    def write(self, vals):
        if set(vals) - {"applied"}:
            self._check_meeting_quorate()
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_closed(self):
        if any(decision.mad_id.state == "closed" for decision in self):
            raise UserError(self.env._("A decision of a closed meeting cannot be deleted."))

    def _apply(self):
        """Carry out the decisions of a closed meeting on their objects."""
        for decision in self.filtered(lambda d: not d.applied):
            if decision.decision_type == "program":
                decision.program_id._ratify(decision)
            elif decision.decision_type == "budget":
                decision.program_id.budget_decision_id = decision
            elif decision.decision_type == "pengurus":
                decision.pengurus_ids.decision_id = decision
            decision.applied = True
