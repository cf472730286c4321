from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL
from odoo.tools.translate import LazyTranslate

from odoo.addons.kerjasama_desa.models.kerjasama_lifecycle_mixin import Transition
from odoo.addons.kerjasama_desa.tools.formatting import format_rupiah

from .kerjasama_bkad_base_mixin import BKAD_OPERATORS

_lt = LazyTranslate(__name__)

ENTRY_TYPES = [
    ("contribution", "Member Contribution Received"),
    ("income", "Other Income"),
    ("expense", "Activity Expense"),
]
# Fields that fix the meaning of a posted entry: never written again once posted.
POSTED_LOCKED_FIELDS = {
    "bkad_id",
    "date",
    "entry_type",
    "contribution_id",
    "activity_id",
    "amount",
    "currency_id",
    "partner_id",
    "description",
}
# Written by the server only: the stage, the number, the posting stamps, the link of a reversal
# to the entry it reverses, and what is computed from the type and amount.
SERVER_FIELDS = (
    "state",
    "name",
    "posted_by_id",
    "posted_at",
    "reversed_entry_id",
    "direction",
    "amount_signed",
    "region_id",
    "program_id",
)
NUMBER_PREFIX = "KAS-BKAD"
TRANSITIONS = {
    "action_post": Transition(
        ("draft",), "posted", BKAD_OPERATORS, "_missing_post", _lt("post the ledger entry")
    ),
}


class KerjasamaBkadLedger(models.Model):
    """Cash ledger of a BKAD: contributions received from the member desa, other income and
    expenses per activity of the work programme (domain: BKAD tasks, safeguard shared assets and
    report). Posted entries are immutable; a correction is a reversal entry linked to the
    original, so the balance is the sum of posted entries at every moment."""

    _name = "kerjasama.bkad.ledger"
    _description = "BKAD Ledger Entry"
    _inherit = [
        "mail.thread",
        "kerjasama.bkad.base.mixin",
        "kerjasama.lifecycle.mixin",
        "kerjasama.numbering.mixin",
    ]
    _order = "date desc, id desc"
    _lifecycle_initial_state = "draft"
    _lifecycle_server_fields = SERVER_FIELDS
    _lifecycle_transitions = TRANSITIONS
    _number_prefix = NUMBER_PREFIX

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

    def init(self):
        # one number per entry of the register, by database constraint (drafts carry "/")
        self.env.cr.execute(
            """
            CREATE UNIQUE INDEX IF NOT EXISTS kerjasama_bkad_ledger_name_uniq
                ON kerjasama_bkad_ledger (name) WHERE name <> '/'
            """
        )

    # ------------------------------------------------------------------ guard
    @api.model_create_multi
    def create(self, vals_list):
        entries = super().create(vals_list)
        entries._bkad_check_operator(self.env._("record a ledger entry"))
        return entries

    def _lifecycle_check_write(self, vals):
        super()._lifecycle_check_write(vals)
        keys = set(vals) - {"message_main_attachment_id"}
        if not keys:
            return
        self._bkad_check_operator(self.env._("change a ledger entry"))
        posted = self.filtered(lambda e: e.state == "posted")
        if posted and keys & POSTED_LOCKED_FIELDS:
            raise UserError(
                self.env._(
                    "Ledger entry %(name)s is posted and cannot change: record a reversal "
                    "entry instead.",
                    name=", ".join(posted.mapped("name")),
                )
            )

    def _lifecycle_write(self, vals):
        """A step checked for stage and role is written as the server."""
        self.check_access("read")
        return super(KerjasamaBkadLedger, self.sudo())._lifecycle_write(vals)

    # ------------------------------------------------------------------ numbering
    def _number_region(self):
        return self.sudo().bkad_id._bkad_kabupaten()

    def _number_date(self):
        return self.date

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

    def _missing_post(self):
        missing = []
        if self.currency_id.compare_amounts(self.amount, 0.0) <= 0:
            missing.append(self.env._("an amount"))
        if self.reversed_entry_id and self.reversed_entry_id.state != "posted":
            missing.append(self.env._("a posted entry to reverse"))
        return missing

    def action_post(self):
        """Draft -> posted, in date order, after the balance checks; the entry is numbered in
        the register of the BKAD's kabupaten (a posted entry is never deleted)."""
        entries = self.filtered(lambda e: e.state == "draft").sorted(lambda e: (e.date, e.id))
        if not entries:
            return True
        for entry in entries:
            entry._lifecycle_check_transition("action_post")
        self._lock_bkads(entries.bkad_id)
        self.flush_model()
        balances = entries.bkad_id._get_ledger_balance()  # fresh: the BKADs are locked
        for entry in entries:
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
            balances[entry.bkad_id] = balance
            entry._lifecycle_run(
                "action_post",
                {"posted_by_id": self.env.uid, "posted_at": fields.Datetime.now()},
            )
            entry._assign_number()
            # keep amount_due current for the next entry of the same contribution
            entry.flush_recordset()
        return True

    def action_reverse(self, date=None):
        """Correct posted entries by posting reversal entries linked to them, dated ``date``
        (default today); the reversals are the entries' ``reversal_ids``."""
        self._reverse(date)
        return True

    def _reverse(self, date=None):
        """Post and return the reversal entries of ``self``."""
        self._bkad_check_operator(self.env._("reverse a ledger entry"))
        for entry in self:
            if entry.state != "posted" or entry.reversed_entry_id or entry.reversal_ids:
                raise UserError(
                    self.env._(
                        "Only a posted entry that is not a reversal and not yet reversed can be "
                        "reversed (%(name)s).",
                        name=entry.name,
                    )
                )
        # the link to the reversed entry is the server's
        with self._lifecycle_unlocked():
            reversals = self._bkad_create_reversals(date)
        reversals.action_post()
        return reversals

    def _bkad_create_reversals(self, date):
        return self.create(
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
