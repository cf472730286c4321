# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import models


class ReportLaporanPelaksanaan(models.AbstractModel):
    """Laporan Pelaksanaan of an antar-Desa cooperation signed by the current BKAD chair
    (Permendagri 96/2017, pelaporan)."""

    _inherit = "report.kerjasama_desa_report.laporan_pelaksanaan"

    def _kd_bkad_chair(self, bkad):
        chair = bkad.sudo().pengurus_ids.filtered(
            lambda p: p.role_id.code == "ketua" and p.is_current
        )[:1]
        return chair.name or super()._kd_bkad_chair(bkad)
