from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

PROGRAM_STATES = [
    ("draft", "Draft"),
    ("ratified", "Ratified"),
    ("running", "Running"),
    ("closed", "Closed"),
]


class KerjasamaBkadProgram(models.Model):
    """Annual work programme (program kerja) of a BKAD: running it is a task of the BKAD
    (domain: BKAD tasks). It leaves draft only through a decision of a Musyawarah Antar Desa."""

    _name = "kerjasama.bkad.program"
    _description = "BKAD Work Programme"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "year desc, bkad_id"

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

    def _ratify(self, decision):
        for program in self:
            if program.state != "draft":
                raise UserError(
                    self.env._("Work programme %(name)s is already ratified.", name=program.name)
                )
        self.write({"state": "ratified", "ratification_decision_id": decision.id})

    def action_start(self):
        if any(program.state != "ratified" for program in self):
            raise UserError(self.env._("Only a ratified work programme can start running."))
        self.write({"state": "running"})
        return True

    def action_close(self):
        if any(program.state != "running" for program in self):
            raise UserError(self.env._("Only a running work programme can be closed."))
        self.write({"state": "closed"})
        return True

    @api.ondelete(at_uninstall=False)
    def _unlink_except_ratified(self):
        if any(program.state != "draft" for program in self):
            raise UserError(self.env._("A ratified work programme cannot be deleted."))
