from odoo import api, fields, models
from odoo.exceptions import UserError

LOCKED_AFTER_RATIFICATION = {"budget", "program_id", "name"}


class KerjasamaBkadProgramActivity(models.Model):
    """Activity of a BKAD work programme: responsible unit, linked agreement, target, budget,
    schedule and progress."""

    _name = "kerjasama.bkad.program.activity"
    _description = "BKAD Programme Activity"
    _inherit = ["kerjasama.bkad.base.mixin"]
    _order = "program_id, sequence, id"

    name = fields.Char(string="Activity", required=True, index="trigram")
    sequence = fields.Integer(default=10)
    program_id = fields.Many2one(
        "kerjasama.bkad.program",
        string="Work Programme",
        required=True,
        index=True,
        ondelete="cascade",
    )
    bkad_id = fields.Many2one(related="program_id.bkad_id", store=True, index=True)
    program_state = fields.Selection(related="program_id.state", string="Programme Status")
    unit_id = fields.Many2one(
        "kerjasama.bkad.unit",
        string="Responsible Unit",
        index="btree_not_null",
        ondelete="restrict",
        domain="[('bkad_id', '=', bkad_id)]",
    )
    agreement_id = fields.Many2one(
        "kerjasama.agreement",
        string="Agreement",
        index="btree_not_null",
        ondelete="restrict",
        domain="[('bkad_id', '=', bkad_id)]",
    )
    target = fields.Char()
    currency_id = fields.Many2one(related="program_id.currency_id")
    budget = fields.Monetary(aggregator="sum")
    date_start = fields.Date(string="Start Date")
    date_end = fields.Date(string="End Date")
    progress = fields.Float(string="Progress (%)", aggregator="avg")
    expense_total = fields.Monetary(string="Spent", compute="_compute_expense_total")
    note = fields.Text(string="Notes")

    _sql_constraints = [
        ("budget_positive", "CHECK(budget >= 0)", "The budget of an activity cannot be negative."),
        (
            "progress_range",
            "CHECK(progress >= 0 AND progress <= 100)",
            "Progress is a percentage between 0 and 100.",
        ),
        (
            "schedule",
            "CHECK(date_end IS NULL OR date_start IS NULL OR date_end >= date_start)",
            "An activity cannot end before it starts.",
        ),
    ]

    def _compute_expense_total(self):
        totals = self.env["kerjasama.bkad.ledger"]._posted_totals(
            "activity_id", self, [("entry_type", "=", "expense")]
        )
        for activity in self:
            activity.expense_total = -totals.get(activity, 0.0)

    @api.constrains("unit_id", "agreement_id", "program_id")
    def _check_bkad(self):
        self._check_same_bkad("unit_id", "agreement_id")

    def _check_program_draft(self):
        for activity in self:
            if activity.program_id.state != "draft":
                raise UserError(
                    self.env._(
                        "Work programme %(program)s is ratified: activity %(name)s changes only "
                        "through a new Musyawarah Antar Desa.",
                        program=activity.program_id.name,
                        name=activity.name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        activities = super().create(vals_list)
        activities._check_program_draft()
        return activities

    def write(self, vals):
        if LOCKED_AFTER_RATIFICATION & set(vals):
            self._check_program_draft()
        if "progress" in vals:
            for activity in self:
                if activity.program_id.state not in ("draft", "running"):
                    raise UserError(
                        self.env._(
                            "Progress of %(name)s is recorded while its programme runs.",
                            name=activity.name,
                        )
                    )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_ratified(self):
        self._check_program_draft()
