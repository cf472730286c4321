from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL

from odoo.addons.kerjasama_desa.tools.formatting import format_rupiah

ENTRY_TYPES = [
    ("contribution", "Member Contribution Received"),
    ("income", "Other Income"),
    ("expense", "Activity Expense"),
]
# Fields that fix the meaning of a posted entry: never written again once posted.
POSTED_LOCKED_FIELDS = {
    "name",
    "bkad_id",
    "date",
    "entry_type",
    "contribution_id",
    "activity_id",
    "amount",
    "currency_id",
    "reversed_entry_id",
    "partner_id",
    "description",
    "posted_by_id",
    "posted_at",
}


class KerjasamaBkadLedger(models.Model):
    """Cash ledger of a BKAD: contributions received from the member desa, other income and
    expenses per activity of the work programme (domain: BKAD tasks, safeguard shared assets and
    report). Posted entries are immutable; a correction is a reversal entry linked to the
    original, so the balance is the sum of posted entries at every moment."""

    _name = "kerjasama.bkad.ledger"
    _description = "BKAD Ledger Entry"
    _inherit = ["mail.thread", "kerjasama.bkad.base.mixin"]
    _order = "date desc, id desc"

    name = fields.Char(
        string="Number", required=True, copy=False, readonly=True, default="/", index="trigram"
    )
    bkad_id = fields.Many2one(
        "kerjasama.bkad", string="BKAD", required=True, index=True, ondelete="restrict"
    )
    date = fields.Date(required=True, index=True, default=fields.Date.context_today)
    entry_type = fields.Selection(ENTRY_TYPES, string="Type", required=True, index=True)
    direction = fields.Selection(
        [("in", "In"), ("out", "Out")],
        compute="_compute_direction",
        store=True,
        precompute=True,
        help="Money in for contributions and income, out for expenses; a reversal goes the other "
        "way.",
    )
    contribution_id = fields.Many2one(
        "kerjasama.bkad.contribution",
        string="Contribution",
        index="btree_not_null",
        ondelete="restrict",
        domain="[('bkad_id', '=', bkad_id)]",
    )
    region_id = fields.Many2one(
        related="contribution_id.region_id", store=True, string="Member Village", index=True
    )
    activity_id = fields.Many2one(
        "kerjasama.bkad.program.activity",
        string="Activity",
        index="btree_not_null",
        ondelete="restrict",
        domain="[('bkad_id', '=', bkad_id)]",
    )
    program_id = fields.Many2one(
        related="activity_id.program_id", store=True, string="Work Programme", index=True
    )
    description = fields.Char(required=True)
    reference = fields.Char(help="Receipt (kuitansi) or bank reference.")
    partner_id = fields.Many2one("res.partner", string="Payer/Payee", index="btree_not_null")
    currency_id = fields.Many2one(
        "res.currency", required=True, default=lambda s: s.env.company.currency_id
    )
    amount = fields.Monetary(required=True, aggregator="sum")
    amount_signed = fields.Monetary(
        string="Signed Amount",
        compute="_compute_amount_signed",
        store=True,
        aggregator="sum",
    )
    state = fields.Selection(
        [("draft", "Draft"), ("posted", "Posted")],
        default="draft",
        required=True,
        tracking=True,
        index=True,
        copy=False,
    )
    posted_by_id = fields.Many2one("res.users", string="Posted By", readonly=True, copy=False)
    posted_at = fields.Datetime(string="Posted On", readonly=True, copy=False)
    reversed_entry_id = fields.Many2one(
        "kerjasama.bkad.ledger",
        string="Reverses",
        readonly=True,
        copy=False,
        index="btree_not_null",
        ondelete="restrict",
    )
    reversal_ids = fields.One2many(
        "kerjasama.bkad.ledger", "reversed_entry_id", string="Reversed By"
    )
    is_reversed = fields.Boolean(compute="_compute_is_reversed")

    _sql_constraints = [
        ("amount_positive", "CHECK(amount >= 0)", "A ledger amount cannot be negative."),
        (
            "direction_by_type",
            "CHECK(direction = CASE WHEN (entry_type = 'expense') = (reversed_entry_id IS NULL) "
            "THEN 'out' ELSE 'in' END)",
            "The direction of a ledger entry follows its type.",
        ),
        (
            "reversal_unique",
            "UNIQUE(reversed_entry_id)",
            "An entry is reversed only once.",
        ),
    ]

    @api.model
    def _posted_totals(self, field_name, records, domain=()):
        """Sum of the signed amounts of the posted entries per record of ``records`` linked by
        ``field_name`` (one read_group), optionally narrowed by ``domain``: the one place where
        balances, payments and expenses are added up."""
        return dict(
            self._read_group(
                [(field_name, "in", records.ids), ("state", "=", "posted"), *domain],
                [field_name],
                ["amount_signed:sum"],
            )
        )

    @api.depends("entry_type", "reversed_entry_id")
    def _compute_direction(self):
        for entry in self:
            out = entry.entry_type == "expense"
            if entry.reversed_entry_id:
                out = not out
            entry.direction = "out" if out else "in"

    @api.depends("amount", "direction")
    def _compute_amount_signed(self):
        for entry in self:
            entry.amount_signed = entry.amount if entry.direction == "in" else -entry.amount

    @api.depends("reversal_ids")
    def _compute_is_reversed(self):
        for entry in self:
            entry.is_reversed = bool(entry.reversal_ids)

    @api.constrains("entry_type", "contribution_id", "activity_id", "bkad_id")
    def _check_links(self):
        for entry in self:
            if entry.entry_type == "contribution" and not entry.contribution_id:
                raise ValidationError(
                    self.env._(
                        'Ledger entry "%(name)s": a contribution received needs the '
                        "contribution it pays.",
                        name=entry.description,
                    )
                )
            if entry.entry_type != "contribution" and entry.contribution_id:
                raise ValidationError(
                    self.env._(
                        'Ledger entry "%(name)s" is not a contribution: remove the '
                        "contribution.",
                        name=entry.description,
                    )
                )
            if entry.entry_type == "expense" and not entry.activity_id:
                raise ValidationError(
                    self.env._(
                        'Ledger entry "%(name)s": an expense is booked on an activity of '
                        "the work programme.",
                        name=entry.description,
                    )
                )
        self._check_same_bkad("contribution_id", "activity_id")

    def write(self, vals):
        posted = self.filtered(lambda e: e.state == "posted")
        if posted:
            locked = POSTED_LOCKED_FIELDS & set(vals)
            if locked or vals.get("state", "posted") != "posted":
                raise UserError(
                    self.env._(
                        "Ledger entry %(name)s is posted and cannot change: record a reversal "
                        "entry instead.",
                        name=", ".join(posted.mapped("name")),
                    )
                )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_posted(self):
        posted = self.filtered(lambda e: e.state == "posted")
        if posted:
            raise UserError(
                self.env._(
                    "Ledger entry %(name)s is posted and cannot be deleted: record a reversal "
                    "entry instead.",
                    name=", ".join(posted.mapped("name")),
                )
            )

    def _lock_bkads(self, bkads):
        """Serialise postings per BKAD so the balance check sees every posted entry."""
        self.env.cr.execute(
            SQL(
                "SELECT id FROM kerjasama_bkad WHERE id IN %s ORDER BY id FOR UPDATE",
                tuple(bkads.ids),
            )
        )

    def action_post(self):
        entries = self.filtered(lambda e: e.state == "draft").sorted(lambda e: (e.date, e.id))
        if not entries:
            return True
        self._lock_bkads(entries.bkad_id)
        self.flush_model()
        balances = entries.bkad_id._get_ledger_balance()  # fresh: the BKADs are locked
        for entry in entries:
            if entry.currency_id.compare_amounts(entry.amount, 0.0) <= 0:
                raise UserError(
                    self.env._('Ledger entry "%(name)s" has no amount.', name=entry.description)
                )
            balance = balances.get(entry.bkad_id, 0.0) + entry.amount_signed
            if entry.currency_id.compare_amounts(balance, 0.0) < 0:
                raise UserError(
                    self.env._(
                        'Posting "%(name)s" would leave %(bkad)s with a negative balance '
                        "(%(balance)s).",
                        name=entry.description,
                        bkad=entry.bkad_id.name,
                        balance=format_rupiah(balance),
                    )
                )
            contribution = entry.contribution_id
            if contribution and not entry.reversed_entry_id:
                if entry.currency_id.compare_amounts(entry.amount, contribution.amount_due) > 0:
                    raise UserError(
                        self.env._(
                            'Posting "%(name)s" (%(amount)s) exceeds what %(village)s still '
                            "owes for %(year)s (%(due)s).",
                            name=entry.description,
                            amount=format_rupiah(entry.amount),
                            village=contribution.region_id.name,
                            year=contribution.year,
                            due=format_rupiah(contribution.amount_due),
                        )
                    )
            if entry.reversed_entry_id and entry.reversed_entry_id.state != "posted":
                raise UserError(self.env._("Only a posted entry can be reversed."))
            balances[entry.bkad_id] = balance
            entry.write(
                {
                    "state": "posted",
                    "name": entry.bkad_id._next_document_number("KAS-BKAD", entry.date)
                    if entry.name == "/"
                    else entry.name,
                    "posted_by_id": self.env.uid,
                    "posted_at": fields.Datetime.now(),
                }
            )
            # keep amount_due current for the next entry of the same contribution
            entry.flush_recordset()
        return True

    def action_reverse(self, date=None):
        """Correct posted entries by posting reversal entries linked to them, dated ``date``
        (default today). The reversals are the entries' ``reversal_ids``; returns True (a
        value XML-RPC can carry, unlike a recordset)."""
        for entry in self:
            if entry.state != "posted" or entry.reversed_entry_id or entry.reversal_ids:
                raise UserError(
                    self.env._(
                        "Only a posted entry that is not a reversal and not yet reversed can be "
                        "reversed (%(name)s).",
                        name=entry.name,
                    )
                )
        reversals = self.create(
            [
                {
                    "bkad_id": entry.bkad_id.id,
                    "date": date or fields.Date.context_today(self),
                    "entry_type": entry.entry_type,
                    "contribution_id": entry.contribution_id.id,
                    "activity_id": entry.activity_id.id,
                    "partner_id": entry.partner_id.id,
                    "currency_id": entry.currency_id.id,
                    "amount": entry.amount,
                    "reversed_entry_id": entry.id,
                    "description": self.env._(
                        "Reversal of %(name)s: %(description)s",
                        name=entry.name,
                        description=entry.description,
                    ),
                }
                for entry in self
            ]
        )
        reversals.action_post()
        return True
