from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import SQL

from ..tools.formatting import format_rupiah

# precommit data key: the budget lines whose realisation changed in the transaction
BUDGET_GUARD_LINES = "kerjasama_desa.budget_guard_line_ids"


class KerjasamaApbdesRealization(models.Model):
    """Realisasi of an APBDesa line (Permendagri 20/2018, penatausahaan by the Kaur Keuangan):
    date, reference (bukti) and amount. A realisation may name the agreement financing line it
    belongs to: this is how a budget line that funds several agreements attributes its
    realisation to each of them. The total realised on a spending line (belanja, pembiayaan
    pengeluaran) never exceeds its anggaran (checked in Python with the figures, and by a
    deferred database trigger); a revenue line may be realised above its target.

    Concurrency: before a realisation is inserted, or its amount or line changes, the budget
    lines concerned are locked (in id order), so two treasurers realising one line at once are
    serialised. The second waits for the first; when the first commits, PostgreSQL refuses the
    second's stale snapshot (serialisation failure), the request is retried by Odoo
    (``odoo.service.model.retrying``) and the Python check then sees the committed total and
    refuses with the figures. The deferred trigger stays as the last line of defence; its rule
    is re-checked just before commit (precommit hook), so that a total it would refuse at
    COMMIT is refused with a clean message instead."""

    _name = "kerjasama.apbdes.realization"
    _description = "APBDesa Realisation"
    _order = "date desc, id desc"

    line_id = fields.Many2one(
        "kerjasama.apbdes.line",
        string="Budget Line",
        required=True,
        index=True,
        ondelete="restrict",
    )
    apbdes_id = fields.Many2one(related="line_id.apbdes_id", store=True, index=True)
    region_id = fields.Many2one(related="line_id.region_id", store=True, index=True)
    kecamatan_id = fields.Many2one(related="line_id.kecamatan_id", store=True)
    year = fields.Integer(related="line_id.year", store=True)
    account_type = fields.Selection(related="line_id.account_type", store=True)
    date = fields.Date(required=True, default=fields.Date.context_today, index=True)
    reference = fields.Char(required=True, help="Number of the proof (bukti) of the transaction.")
    description = fields.Char()
    company_id = fields.Many2one(related="line_id.company_id", store=True)
    currency_id = fields.Many2one(related="line_id.currency_id")
    amount = fields.Monetary(currency_field="currency_id", aggregator="sum", required=True)
    funding_id = fields.Many2one(
        "kerjasama.agreement.funding",
        string="Agreement Financing Line",
        index="btree_not_null",
        ondelete="restrict",
        domain="[('apbdes_line_id', '=', line_id)] if line_id "
        "else [('apbdes_line_id', '!=', False), ('apbdes_line_id.apbdes_id.state', '!=', 'draft')]",
        help="The agreement financing line this realisation belongs to. Filled automatically "
        "when the budget line funds exactly one agreement; choosing it first fills the budget "
        "line that carries it.",
    )
    agreement_id = fields.Many2one(
        related="funding_id.agreement_id", store=True, index="btree_not_null"
    )

    _sql_constraints = [
        ("amount_strictly_positive", "CHECK(amount > 0)", "A realisation must be above zero."),
    ]

    def init(self):
        # Last line of defence against two treasurers realising the same line at once: a
        # deferred constraint trigger re-checks the line total at commit time.
        self.env.cr.execute(
            SQL(
                """
                CREATE OR REPLACE FUNCTION kerjasama_apbdes_realization_budget_check()
                RETURNS trigger AS $$
                DECLARE
                    budget numeric;
                    capped boolean;
                    total numeric;
                BEGIN
                    -- the lock the ORM takes first (_lock_budget_lines): no key change, so
                    -- it does not block the foreign keys of other records on the line
                    SELECT amount, is_spending INTO budget, capped FROM kerjasama_apbdes_line
                     WHERE id = NEW.line_id FOR NO KEY UPDATE;
                    IF NOT COALESCE(capped, FALSE) THEN
                        -- revenue and financing receipts may be realised above target
                        RETURN NULL;
                    END IF;
                    SELECT COALESCE(SUM(amount), 0) INTO total
                      FROM kerjasama_apbdes_realization WHERE line_id = NEW.line_id;
                    IF total > COALESCE(budget, 0) THEN
                        RAISE EXCEPTION USING
                            ERRCODE = 'check_violation',
                            CONSTRAINT = 'kerjasama_apbdes_realization_budget_guard',
                            MESSAGE = 'realisation ' || total || ' exceeds budget '
                                || COALESCE(budget, 0) || ' on APBDesa line ' || NEW.line_id;
                    END IF;
                    RETURN NULL;
                END;
                $$ LANGUAGE plpgsql
                """
            )
        )
        self.env.cr.execute(
            SQL(
                """
                DROP TRIGGER IF EXISTS kerjasama_apbdes_realization_budget_guard
                    ON kerjasama_apbdes_realization;
                CREATE CONSTRAINT TRIGGER kerjasama_apbdes_realization_budget_guard
                    AFTER INSERT OR UPDATE OF amount, line_id ON kerjasama_apbdes_realization
                    DEFERRABLE INITIALLY DEFERRED
                    FOR EACH ROW EXECUTE FUNCTION kerjasama_apbdes_realization_budget_check()
                """
            )
        )

    @api.model
    def _sum_by(self, field_name, records):
        """Realised amount per record of ``records`` (budget lines or financing lines), keyed
        by record, for the realisations naming them in ``field_name`` (one read_group)."""
        return dict(
            self._read_group([(field_name, "in", records.ids)], [field_name], ["amount:sum"])
        )

    def _lock_budget_lines(self, line_ids):
        """Lock the budget lines ``line_ids`` until the end of the transaction, in id order
        (no deadlock between two batches), before their realised total changes.

        A concurrent transaction realising one of these lines waits here for this one. When
        this one commits, the waiting one gets a serialisation failure (its snapshot cannot
        see the new total): Odoo retries the request, which then checks the committed total.
        The failure is expected, hence not logged as a bad query."""
        line_ids = sorted({line_id for line_id in line_ids if line_id})
        if not line_ids:
            return
        self.env.cr.execute(
            SQL(
                "SELECT id FROM kerjasama_apbdes_line WHERE id = ANY(%s) ORDER BY id "
                "FOR NO KEY UPDATE",
                line_ids,
            ),
            log_exceptions=False,
        )
        self._register_budget_guard(line_ids)

    def _register_budget_guard(self, line_ids):
        """Re-check the totals of ``line_ids`` just before commit, while the request can still
        answer with a clear message (see ``_check_budget_before_commit``)."""
        precommit = self.env.cr.precommit
        guarded = precommit.data.setdefault(BUDGET_GUARD_LINES, set())
        if not guarded:
            precommit.add(self._check_budget_before_commit)
        guarded.update(line_ids)

    def _check_budget_before_commit(self):
        """Precommit hook: the rule of the deferred trigger, on the lines realised in this
        transaction (locked by it), in SQL, whatever wrote the rows.

        At COMMIT the trigger's refusal would reach the user as a raw database error, outside
        the request's error handling; the precommit hooks still run inside it (``retrying``
        flushes the cursor before it commits), so a total above the budget is refused here
        with the figures. (The trigger is not fired early with ``SET CONSTRAINTS ...
        IMMEDIATE``: inside savepoints PostgreSQL may keep that mode after a rollback.)"""
        cr = self.env.cr
        line_ids = sorted(cr.precommit.data.get(BUDGET_GUARD_LINES, ()))
        if not line_ids:
            return
        cr.execute(
            SQL(
                """
                SELECT line.id, COALESCE(line.amount, 0), SUM(rea.amount)
                  FROM kerjasama_apbdes_line line
                  JOIN kerjasama_apbdes_realization rea ON rea.line_id = line.id
                 WHERE line.id = ANY(%s) AND line.is_spending
              GROUP BY line.id, line.amount
                HAVING SUM(rea.amount) > COALESCE(line.amount, 0)
              ORDER BY line.id
                """,
                line_ids,
            )
        )
        rows = cr.fetchall()
        if not rows:
            return
        lines = self.env["kerjasama.apbdes.line"].sudo().browse([row[0] for row in rows])
        raise ValidationError(
            "\n".join(
                self.env._(
                    "Realisation refused: the realisations of budget line %(line)s total "
                    "%(total)s against a budget of %(budget)s, %(excess)s above the budget. "
                    "Nothing was saved: reload the line and check its realisations.",
                    line=line.display_name,
                    total=format_rupiah(total),
                    budget=format_rupiah(budget),
                    excess=format_rupiah(total - budget),
                )
                for line, (__, budget, total) in zip(lines, rows, strict=True)
            )
        )

    @api.model_create_multi
    def create(self, vals_list):
        lines = self.env["kerjasama.apbdes.line"].browse(
            [vals["line_id"] for vals in vals_list if vals.get("line_id")]
        )
        for vals in vals_list:
            if vals.get("line_id") and not vals.get("funding_id"):
                funding = lines.browse(vals["line_id"]).funding_ids
                if len(funding) == 1:
                    vals["funding_id"] = funding.id
        self.browse().check_access("create")
        self._lock_budget_lines(lines.ids)
        return super().create(vals_list)

    def write(self, vals):
        if "amount" in vals or "line_id" in vals:
            self.check_access("write")
            self._lock_budget_lines([*self.line_id.ids, vals.get("line_id")])
        return super().write(vals)

    @api.depends("reference", "line_id")
    def _compute_display_name(self):
        for rec in self:
            if not rec.reference and not rec.line_id:
                rec.display_name = self.env._("New Realisation")
            elif not rec.line_id:
                rec.display_name = rec.reference
            else:
                rec.display_name = f"{rec.reference or ''} ({rec.line_id.display_name})".strip()

    @api.onchange("funding_id")
    def _onchange_funding_id(self):
        """The treasurer picks the agreement's financing line: its budget line comes with it."""
        if self.funding_id.apbdes_line_id and self.line_id != self.funding_id.apbdes_line_id:
            self.line_id = self.funding_id.apbdes_line_id

    @api.constrains("line_id", "funding_id")
    def _check_line_state_and_funding(self):
        for rec in self:
            if rec.line_id.apbdes_id.state == "draft":
                raise ValidationError(
                    self.env._(
                        "%(apbdes)s is still a draft: realisation is recorded only on an "
                        "approved (ditetapkan) APBDesa.",
                        apbdes=rec.line_id.apbdes_id.display_name,
                    )
                )
            if rec.funding_id and rec.funding_id.apbdes_line_id != rec.line_id:
                raise ValidationError(
                    self.env._(
                        "The financing line of %(agreement)s is not funded by budget line "
                        "%(line)s.",
                        agreement=rec.funding_id.agreement_id.display_name,
                        line=rec.line_id.display_name,
                    )
                )

    @api.constrains("amount", "line_id")
    def _check_budget(self):
        """Refuse a realisation above the budget of a spending line (belanja, 6.2)."""
        for line in self.line_id._filter_over_budget():
            entries = self.filtered(lambda r, ln=line: r.line_id == ln)
            entered = sum(entries.mapped("amount"))
            raise ValidationError(
                self.env._(
                    "Realisation refused: budget line %(line)s has a budget of %(budget)s, "
                    "%(before)s is already realised and this entry of %(entry)s would bring "
                    "the total to %(total)s, %(excess)s above the budget.",
                    line=line.display_name,
                    budget=format_rupiah(line.amount),
                    before=format_rupiah(line.realized_amount - entered),
                    entry=format_rupiah(entered),
                    total=format_rupiah(line.realized_amount),
                    excess=format_rupiah(line.realized_amount - line.amount),
                )
            )
