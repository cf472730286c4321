from odoo import api, fields, models, tools
from odoo.tools import SQL

# Rupiah are shown without decimals
RUPIAH = (16, 0)
# the planned amount of a financing line ``f``
PLANNED = SQL("COALESCE(f.amount, 0)")


class KerjasamaAgreementReportFinance(models.Model):
    """The one computation of the financing of kerja sama desa against the APBDesa
    (Permendagri 96/2017 Pasal 6 pendanaan and Pasal 7: what the APBDesa can carry;
    Permendagri 20/2018 for the budget lines and their realisation): a database view read by
    the agreement form, the financing lines, the pivot of DPMD, camat and BINWAS, and the
    Rekapitulasi workbook.

    One row per financing line of a desa party (agreement x desa x line):
    - planned: the line's amount;
    - budgeted: its share of the linked APBDesa line's anggaran. When the APBDesa line funds
      several agreements, the anggaran is shared in proportion to their plans, each share
      capped at its plan;
    - realised: the realisations that name this financing line.

    And one row per APBDesa line tied to cooperation for what no agreement carries: the
    anggaran left over by the shares and the realisations naming no financing line. The sums
    per desa and year are thus the APBDesa's own figures (anggaran and realisasi of the
    lines), the sums per agreement the agreement's.

    The year is the APBDesa year of the line, or, for a line not yet budgeted, the year the
    agreement starts.
    """

    _name = "kerjasama.agreement.report.finance"
    _description = "Cooperation Financing against APBDesa"
    _auto = False
    _rec_name = "agreement_id"
    _order = "year desc, region_id, agreement_id, id"
    _depends = {
        "kerjasama.agreement": ["date_start", "company_id", "active"],
        "kerjasama.agreement.funding": [
            "agreement_id",
            "party_id",
            "region_id",
            "flow",
            "source",
            "amount",
            "apbdes_line_id",
        ],
        "kerjasama.apbdes.line": [
            "amount",
            "region_id",
            "year",
            "is_cooperation",
            "company_id",
        ],
        "kerjasama.apbdes.realization": ["amount", "line_id", "funding_id"],
        "kerjasama.region": ["kecamatan_id", "kabupaten_id"],
    }

    row_kind = fields.Selection(
        [("funding", "Agreement Financing"), ("unattributed", "Not Attributed to an Agreement")],
        string="Row",
        readonly=True,
    )
    funding_id = fields.Many2one(
        "kerjasama.agreement.funding", string="Financing Line", readonly=True
    )
    agreement_id = fields.Many2one("kerjasama.agreement", string="Agreement", readonly=True)
    party_id = fields.Many2one("kerjasama.agreement.party", string="Party", readonly=True)
    region_id = fields.Many2one("kerjasama.region", string="Village", readonly=True)
    kecamatan_id = fields.Many2one("kerjasama.region", string="Kecamatan", readonly=True)
    kabupaten_id = fields.Many2one("kerjasama.region", string="Regency/City", readonly=True)
    apbdes_line_id = fields.Many2one("kerjasama.apbdes.line", string="APBDesa Line", readonly=True)
    year = fields.Integer(string="Year", readonly=True, aggregator=False)
    flow = fields.Selection(
        [("contribution", "Contribution (Spending)"), ("income", "Income")],
        string="Flow",
        readonly=True,
    )
    source = fields.Selection(
        [("apbdes", "APBDesa"), ("pihak_ketiga", "Third Party"), ("lainnya", "Other")],
        string="Source",
        readonly=True,
    )
    company_id = fields.Many2one("res.company", string="Company", readonly=True)
    planned_amount = fields.Float(
        string="Planned (Rp)", digits=RUPIAH, readonly=True, aggregator="sum"
    )
    budgeted_amount = fields.Float(
        string="Budgeted (Rp)", digits=RUPIAH, readonly=True, aggregator="sum"
    )
    realized_amount = fields.Float(
        string="Realised (Rp)", digits=RUPIAH, readonly=True, aggregator="sum"
    )
    gap_amount = fields.Float(
        string="Gap (Planned - Realised) (Rp)", digits=RUPIAH, readonly=True, aggregator="sum"
    )
    unbudgeted_amount = fields.Float(
        string="Not Yet Budgeted (Rp)", digits=RUPIAH, readonly=True, aggregator="sum"
    )
    is_unbudgeted = fields.Boolean(string="Planned but Not Budgeted", readonly=True)

    @api.model
    def _kd_share_sql(self, funding="f", line="l"):
        """The budgeted share of the financing line ``funding`` on its APBDesa line ``line``
        (rounded to the line's currency like any amount)."""
        funding_sql, line_sql = SQL.identifier(funding), SQL.identifier(line)
        return SQL(
            """CASE WHEN %(l)s.id IS NULL THEN 0 ELSE (
                   SELECT CASE WHEN SUM(f2.amount) <= %(l)s.amount THEN %(f)s.amount
                               ELSE ROUND(%(l)s.amount * %(f)s.amount / SUM(f2.amount), (
                                   SELECT cur.decimal_places FROM res_company co
                                     JOIN res_currency cur ON cur.id = co.currency_id
                                    WHERE co.id = %(l)s.company_id))
                           END
                     FROM kerjasama_agreement_funding f2
                    WHERE f2.apbdes_line_id = %(l)s.id) END""",
            f=funding_sql,
            l=line_sql,
        )

    @api.model
    def _kd_planned_sql(self):
        """The view's rows of financing lines (``row_kind`` 'funding') with the columns that
        need no APBDesa, planned amount included (the same expression): for a reader of the
        planned figures alone, the Rekapitulasi's shares. PostgreSQL cannot spare a query on
        the view the other columns of its rows (the branches of a ``UNION ALL`` compute all
        their columns, the realisations' subqueries among them)."""
        return SQL(
            """(SELECT f.id AS funding_id, f.agreement_id, f.party_id, f.region_id,
                       desa.kecamatan_id, desa.kabupaten_id, f.flow, f.source,
                       %(planned)s AS planned_amount
                  FROM kerjasama_agreement_funding f
             LEFT JOIN kerjasama_region desa ON desa.id = f.region_id
                 WHERE f.region_id IS NOT NULL)""",
            planned=PLANNED,
        )

    @api.model
    def _kd_view_sql(self):
        """Each figure is a subquery of its own and the joins are left joins on unique keys:
        a query reading some columns only (the recap's planned amounts) computes only those."""
        share = SQL("COALESCE(%s, 0)", self._kd_share_sql())
        realised = SQL(
            """COALESCE((SELECT SUM(r.amount) FROM kerjasama_apbdes_realization r
                          WHERE r.funding_id = f.id), 0)"""
        )
        return SQL(
            """
            SELECT f.id * 2 AS id,
                   'funding'::varchar AS row_kind,
                   f.id AS funding_id, f.agreement_id, f.party_id, f.region_id,
                   desa.kecamatan_id, desa.kabupaten_id, f.apbdes_line_id,
                   COALESCE(l.year, EXTRACT(YEAR FROM a.date_start)::int) AS year,
                   f.flow, f.source, a.company_id,
                   %(planned)s AS planned_amount,
                   %(share)s AS budgeted_amount,
                   %(realised)s AS realized_amount,
                   %(planned)s - %(realised)s AS gap_amount,
                   %(planned)s - %(share)s AS unbudgeted_amount,
                   %(planned)s > %(share)s AS is_unbudgeted
              FROM kerjasama_agreement_funding f
         LEFT JOIN kerjasama_agreement a ON a.id = f.agreement_id
         LEFT JOIN kerjasama_region desa ON desa.id = f.region_id
         LEFT JOIN kerjasama_apbdes_line l ON l.id = f.apbdes_line_id
             WHERE f.region_id IS NOT NULL
         UNION ALL
            SELECT l.id * 2 + 1,
                   'unattributed',
                   NULL, NULL, NULL, l.region_id,
                   desa.kecamatan_id, desa.kabupaten_id, l.id,
                   l.year,
                   NULL, NULL, l.company_id,
                   0,
                   COALESCE(l.amount, 0) - COALESCE(sh.shares, 0),
                   COALESCE(ru.realised, 0),
                   -COALESCE(ru.realised, 0),
                   0,
                   FALSE
              FROM kerjasama_apbdes_line l
         LEFT JOIN kerjasama_region desa ON desa.id = l.region_id
         LEFT JOIN LATERAL (
                   SELECT SUM(%(line_share)s) AS shares FROM kerjasama_agreement_funding fl
                    WHERE fl.apbdes_line_id = l.id
                   ) sh ON TRUE
         LEFT JOIN LATERAL (
                   SELECT SUM(r.amount) AS realised FROM kerjasama_apbdes_realization r
                    WHERE r.line_id = l.id AND r.funding_id IS NULL
                   ) ru ON TRUE
             WHERE l.is_cooperation
               AND (COALESCE(l.amount, 0) <> COALESCE(sh.shares, 0)
                    OR COALESCE(ru.realised, 0) <> 0)
            """,
            planned=PLANNED,
            share=share,
            realised=realised,
            line_share=self._kd_share_sql("fl", "l"),
        )

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                "CREATE OR REPLACE VIEW %s AS (%s)",
                SQL.identifier(self._table),
                self._kd_view_sql(),
            )
        )
