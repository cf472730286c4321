from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import SQL

from ..tools.formatting import format_rupiah


class KerjasamaApbdesRealization(models.Model):
    """Realisasi of an APBDesa line (Permendagri 20/2018, penatausahaan by the Kaur Keuangan):
    date, reference (bukti) and amount. A realisation may name the agreement financing line it
    belongs to: this is how a budget line that funds several agreements attributes its
    realisation to each of them. The total realised on a spending line (belanja, pembiayaan
    pengeluaran) never exceeds its anggaran (checked in Python with the figures, and by a
    deferred database trigger); a revenue line may be realised above its target."""

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
        domain="[('apbdes_line_id', '=', line_id)]",
        help="The agreement financing line this realisation belongs to. Filled automatically "
        "when the budget line funds exactly one agreement.",
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
                    SELECT amount, is_spending INTO budget, capped FROM kerjasama_apbdes_line
                     WHERE id = NEW.line_id FOR UPDATE;
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
        return super().create(vals_list)

    @api.depends("reference", "line_id")
    def _compute_display_name(self):
        for rec in self:
            rec.display_name = f"{rec.reference or ''} ({rec.line_id.display_name or ''})"

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
