from odoo import fields, models, tools
from odoo.tools import SQL

# Agreements in force: the Epdeskel indicators of a desa today.
IN_FORCE_STATES = ("evaluasi", "berjalan")
PRESENCE = [("ada", "Yes (Ada)"), ("tidak_ada", "No (Tidak Ada)")]


class KerjasamaRegionReportEpdeskel(models.Model):
    """The two indicators of kerja sama desa in the Evaluasi Perkembangan Desa dan Kelurahan
    (Epdeskel, Permendagri 81/2015) of each desa: "kerja sama antar-desa: ada/tidak ada" and
    "kerja sama dengan pihak ketiga: ada/tidak ada", from the agreements in force with the
    desa as a party. ``_kd_epdeskel_sql`` is the one query of the indicators: this view reads
    it for today, the Rekapitulasi workbook for the agreements of its period."""

    _name = "kerjasama.region.report.epdeskel"
    _description = "Epdeskel Cooperation Indicators"
    _auto = False
    _rec_name = "region_id"
    _order = "region_code"
    _depends = {
        "kerjasama.agreement": ["kind", "state", "active"],
        "kerjasama.region": ["level", "village_type", "kecamatan_id", "kabupaten_id", "active"],
    }

    region_id = fields.Many2one("kerjasama.region", string="Village", readonly=True)
    region_code = fields.Char(string="Village Code", readonly=True)
    kecamatan_id = fields.Many2one("kerjasama.region", string="Kecamatan", readonly=True)
    kabupaten_id = fields.Many2one("kerjasama.region", string="Regency/City", readonly=True)
    provinsi_id = fields.Many2one("kerjasama.region", string="Province", readonly=True)
    antar_desa = fields.Selection(PRESENCE, string="Inter-Village Cooperation", readonly=True)
    pihak_ketiga = fields.Selection(
        PRESENCE, string="Cooperation with Third Parties", readonly=True
    )
    antar_desa_count = fields.Integer(string="Inter-Village Agreements", readonly=True)
    pihak_ketiga_count = fields.Integer(string="Third-Party Agreements", readonly=True)

    def _kd_epdeskel_sql(self, agreements, states, desa_condition=None):
        """Rows (id, region_id, region_code, kecamatan_id, kabupaten_id, provinsi_id, antar_desa,
        pihak_ketiga, antar_desa_count, pihak_ketiga_count), one per desa (not kelurahan) of
        ``desa_condition`` (SQL on the alias ``desa``), counting the agreements of the
        subquery ``agreements`` at one of ``states`` with that desa as a party."""
        return SQL(
            """SELECT desa.id, desa.id AS region_id, desa.code AS region_code,
                      desa.kecamatan_id, desa.kabupaten_id, desa.provinsi_id,
                      CASE WHEN COUNT(a.id) FILTER (WHERE a.kind = 'antar_desa') > 0
                           THEN 'ada' ELSE 'tidak_ada' END AS antar_desa,
                      CASE WHEN COUNT(a.id) FILTER (WHERE a.kind = 'pihak_ketiga') > 0
                           THEN 'ada' ELSE 'tidak_ada' END AS pihak_ketiga,
                      COUNT(a.id) FILTER (WHERE a.kind = 'antar_desa') AS antar_desa_count,
                      COUNT(a.id) FILTER (WHERE a.kind = 'pihak_ketiga') AS pihak_ketiga_count
                 FROM kerjasama_region desa
            LEFT JOIN kerjasama_agreement_region_rel ar
                   ON ar.region_id = desa.id AND ar.agreement_id IN %(agreements)s
            LEFT JOIN kerjasama_agreement a ON a.id = ar.agreement_id AND a.state IN %(states)s
                WHERE desa.level = 'desa' AND desa.village_type IS DISTINCT FROM 'kelurahan'
                  AND desa.active AND %(desa)s
             GROUP BY desa.id, desa.code, desa.kecamatan_id, desa.kabupaten_id,
                      desa.provinsi_id""",
            agreements=agreements,
            states=tuple(states),
            desa=desa_condition or SQL("TRUE"),
        )

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                "CREATE OR REPLACE VIEW %s AS (%s)",
                SQL.identifier(self._table),
                self._kd_epdeskel_sql(
                    SQL("(SELECT id FROM kerjasama_agreement WHERE active)"), IN_FORCE_STATES
                ),
            )
        )
