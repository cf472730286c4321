from odoo import fields, models, tools
from odoo.tools import SQL

from .kerjasama_evaluation_instrument import RESULT_CATEGORIES

# Stages in which an assessment counts for the ranking of its kabupaten (validated by the
# DPMD) and of its province (confirmed by the province).
RANKED_KABUPATEN = ("kabupaten", "provinsi")
RANKED_PROVINSI = ("provinsi",)


class KerjasamaAssessmentReportRanking(models.Model):
    """Ranking of the agreements and BKAD by their assessment against the standard, per year
    and subject, inside each kabupaten (assessments validated by the DPMD) and each province
    (confirmed by the province): the basis of the awards (penghargaan). One grouped query
    (window functions partitioned by year, subject and region) read by the list, the pivot and
    the Rekapitulasi workbook."""

    _name = "kerjasama.assessment.report.ranking"
    _description = "Cooperation Standard Ranking"
    _auto = False
    _rec_name = "assessment_id"
    _order = "year desc, provinsi_id, kabupaten_id, subject, rank_kabupaten, id"
    _depends = {
        "kerjasama.assessment": [
            "subject",
            "agreement_id",
            "bkad_id",
            "year",
            "kabupaten_id",
            "provinsi_id",
            "score_total",
            "category",
            "state",
        ],
    }

    assessment_id = fields.Many2one("kerjasama.assessment", string="Assessment", readonly=True)
    subject = fields.Selection([("agreement", "Agreement"), ("bkad", "BKAD")], readonly=True)
    agreement_id = fields.Many2one("kerjasama.agreement", string="Agreement", readonly=True)
    bkad_id = fields.Many2one("kerjasama.bkad", string="BKAD", readonly=True)
    year = fields.Integer(readonly=True, aggregator=None)
    kabupaten_id = fields.Many2one("kerjasama.region", string="Regency/City", readonly=True)
    provinsi_id = fields.Many2one("kerjasama.region", string="Province", readonly=True)
    score_total = fields.Float(string="Weighted Score", readonly=True, aggregator="avg")
    category = fields.Selection(RESULT_CATEGORIES, string="Result", readonly=True)
    state = fields.Selection(
        lambda self: self.env["kerjasama.assessment"]
        ._fields["state"]
        ._description_selection(self.env),
        string="Stage",
        readonly=True,
    )
    rank_kabupaten = fields.Integer(string="Rank in Kabupaten", readonly=True, aggregator="min")
    ranked_kabupaten = fields.Integer(string="Ranked in Kabupaten", readonly=True, aggregator="max")
    rank_provinsi = fields.Integer(string="Rank in Province", readonly=True, aggregator="min")
    ranked_provinsi = fields.Integer(string="Ranked in Province", readonly=True, aggregator="max")

    def _kd_view_sql(self):
        return SQL(
            """SELECT a.id, a.id AS assessment_id, a.subject, a.agreement_id, a.bkad_id, a.year,
                      a.kabupaten_id, a.provinsi_id, a.score_total, a.category, a.state,
                      RANK() OVER kab AS rank_kabupaten,
                      COUNT(*) OVER (PARTITION BY a.year, a.subject, a.kabupaten_id)
                          AS ranked_kabupaten,
                      CASE WHEN a.state IN %(provinsi)s THEN RANK() OVER prov END
                          AS rank_provinsi,
                      CASE WHEN a.state IN %(provinsi)s THEN COUNT(*) OVER (
                          PARTITION BY a.year, a.subject, a.provinsi_id,
                                       a.state IN %(provinsi)s) END AS ranked_provinsi
                 FROM kerjasama_assessment a
                WHERE a.state IN %(kabupaten)s
               WINDOW kab AS (PARTITION BY a.year, a.subject, a.kabupaten_id
                              ORDER BY a.score_total DESC),
                      prov AS (PARTITION BY a.year, a.subject, a.provinsi_id,
                                            a.state IN %(provinsi)s
                               ORDER BY a.score_total DESC)""",
            kabupaten=RANKED_KABUPATEN,
            provinsi=RANKED_PROVINSI,
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
