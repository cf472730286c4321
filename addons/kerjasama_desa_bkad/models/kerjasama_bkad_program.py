from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools.translate import LazyTranslate

from odoo.addons.kerjasama_desa.models.kerjasama_lifecycle_mixin import Transition

from .kerjasama_bkad_base_mixin import BKAD_OPERATORS

_lt = LazyTranslate(__name__)

PROGRAM_STATES = [
    ("draft", "Draft"),
    ("ratified", "Ratified"),
    ("running", "Running"),
    ("closed", "Closed"),
]
# A programme is ratified by a decision of a Musyawarah Antar Desa (``_ratify``, when the
# meeting is closed), then run and closed by the staff of the BKAD.
TRANSITIONS = {
    "action_ratify": Transition(
        ("draft",), "ratified", BKAD_OPERATORS, "_missing_ratify", _lt("ratify the programme")
    ),
    "action_start": Transition(
        ("ratified",), "running", BKAD_OPERATORS, None, _lt("start the programme")
    ),
    "action_close": Transition(
        ("running",), "closed", BKAD_OPERATORS, None, _lt("close the programme")
    ),
}
SERVER_FIELDS = ("state", "ratification_decision_id", "budget_total", "progress")
# Fixed once the programme is ratified (its activities are locked by the activity model).
RATIFIED_LOCKED_FIELDS = {"name", "bkad_id", "year", "currency_id"}


class KerjasamaBkadProgram(models.Model):
    """Annual work programme (program kerja) of a BKAD: running it is a task of the BKAD
    (domain: BKAD tasks). It leaves draft only through a decision of a Musyawarah Antar Desa."""

    _name = "kerjasama.bkad.program"
    _description = "BKAD Work Programme"
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "kerjasama.bkad.base.mixin",
        "kerjasama.lifecycle.mixin",
    ]
    _order = "year desc, bkad_id"
    _lifecycle_initial_state = "draft"
    _lifecycle_server_fields = SERVER_FIELDS
    _lifecycle_transitions = TRANSITIONS

    name = fields.Char(required=True, tracking=True, index="trigram")
    bkad_id = fields.Many2one(
        "kerjasama.bkad", string="BKAD", required=True, index=True, ondelete="restrict"
    )
    year = fields.Integer(required=True, index=True, default=lambda s: fields.Date.today().year)
    state = fields.Selection(
        PROGRAM_STATES, default="draft", required=True, tracking=True, index=True, copy=False
    )
    program_activity_ids = fields.One2many(
        "kerjasama.bkad.program.activity", "program_id", string="Programme Activities", copy=True
    )
    ratification_decision_id = fields.Many2one(
        "kerjasama.bkad.mad.decision",
        string="Ratifying Decision",
        readonly=True,
        copy=False,
        index="btree_not_null",
    )
    ratification_mad_id = fields.Many2one(
        related="ratification_decision_id.mad_id", string="Ratifying MAD"
    )
    budget_decision_id = fields.Many2one(
        "kerjasama.bkad.mad.decision",
        string="Budget Decision",
        readonly=True,
        copy=False,
        index="btree_not_null",
    )
    currency_id = fields.Many2one(
        "res.currency", required=True, default=lambda s: s.env.company.currency_id
    )
    budget_total = fields.Monetary(
        string="Total Budget", compute="_compute_totals", store=True, aggregator="sum"
    )
    progress = fields.Float(
        string="Progress (%)",
        compute="_compute_totals",
        store=True,
        aggregator="avg",
        help="Average progress of the activities, weighted by their budget when they have one.",
    )
    expense_total = fields.Monetary(string="Spent", compute="_compute_expense_total")
    note = fields.Text(string="Notes")

    _sql_constraints = [
        ("year_unique", "UNIQUE(bkad_id, year)", "A BKAD has one work programme per year."),
        ("year_valid", "CHECK(year > 1900 AND year < 3000)", "The programme year is not valid."),
    ]

    @api.depends("program_activity_ids.budget", "program_activity_ids.progress")
    def _compute_totals(self):
        for program in self:
            activities = program.program_activity_ids
            budget = sum(activities.mapped("budget"))
            program.budget_total = budget
            if not activities:
                program.progress = 0.0
            elif budget:
                program.progress = sum(a.budget * a.progress for a in activities) / budget
            else:
                program.progress = sum(activities.mapped("progress")) / len(activities)

    def _compute_expense_total(self):
        totals = self.env["kerjasama.bkad.ledger"]._posted_totals(
            "program_id", self, [("entry_type", "=", "expense")]
        )
        for program in self:
            program.expense_total = -totals.get(program, 0.0)

    @api.constrains("state", "ratification_decision_id")
    def _check_ratified_by_mad(self):
        for program in self:
            if program.state != "draft" and not program.ratification_decision_id:
                raise ValidationError(
                    self.env._(
                        "Work programme %(name)s can leave draft only through a ratifying "
                        "decision of a Musyawarah Antar Desa.",
                        name=program.name,
                    )
                )

    # ------------------------------------------------------------------ guard
    @api.model_create_multi
    def create(self, vals_list):
        programs = super().create(vals_list)
        if not self._lifecycle_is_unlocked():
            programs._bkad_check_operator(self.env._("record a work programme"))
        return programs

    def _lifecycle_check_write(self, vals):
        super()._lifecycle_check_write(vals)
        keys = set(vals) - {"message_main_attachment_id"}
        if not keys:
            return
        self._bkad_check_operator(self.env._("change a work programme"))
        if "budget_decision_id" in keys:
            self._check_decision(vals["budget_decision_id"], "budget")
        for program in self:
            locked = keys & RATIFIED_LOCKED_FIELDS
            if program.state != "draft" and locked:
                raise UserError(
                    self.env._(
                        "Work programme %(name)s is ratified: %(fields)s change only through a "
                        "new Musyawarah Antar Desa.",
                        name=program.name,
                        fields=", ".join(
                            sorted(self._fields[f]._description_string(self.env) for f in locked)
                        ),
                    )
                )
            if program.state == "closed" and keys - {"note"}:
                raise UserError(self.env._("Work programme %(name)s is closed.", name=program.name))

    def _check_decision(self, decision_id, decision_type):
        """``decision_id`` is a decision of ``decision_type`` on this programme, of a closed
        meeting of its BKAD."""
        decision = self.env["kerjasama.bkad.mad.decision"].sudo().browse(decision_id)
        for program in self:
            if not decision or not (
                decision.decision_type == decision_type
                and decision.program_id == program
                and decision.mad_id.state == "closed"
            ):
                raise UserError(
                    self.env._(
                        "Work programme %(name)s: a ratifying decision is set only by carrying "
                        "out a decision on this programme of a closed Musyawarah Antar Desa.",
                        name=program.name,
                    )
                )

    def _lifecycle_write(self, vals):
        """A step checked for stage and role is written as the server."""
        self.check_access("read")
        return super(KerjasamaBkadProgram, self.sudo())._lifecycle_write(vals)

    # ------------------------------------------------------------------ lifecycle
    def _missing_ratify(self):
        if not self.program_activity_ids:
            return [self.env._("the activities of the programme")]
        return []

    def _ratify(self, decision):
        """Carry out a decision of a closed MAD ratifying the programme."""
        self._check_decision(decision.id, "program")
        return self._lifecycle_run("action_ratify", {"ratification_decision_id": decision.id})

    def action_start(self):
        return self._lifecycle_run("action_start")

    def action_close(self):
        return self._lifecycle_run("action_close")

    @api.ondelete(at_uninstall=False)
    def _unlink_except_ratified(self):
        if any(program.state != "draft" for program in self):
            raise UserError(self.env._("A ratified work programme cannot be deleted."))
