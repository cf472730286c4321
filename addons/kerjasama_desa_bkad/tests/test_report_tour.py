from odoo.tests import HttpCase, tagged

from .common import BkadCase


@tagged("post_install", "-at_install")
class TestReportTour(HttpCase, BkadCase):
    """BKAD staff submit the accountability report in the browser
    (static/tests/tours/kerjasama_bkad_report_tour.js)."""

    def test_bkad_staff_submit_the_accountability_report(self):
        self.staff.lang = "id_ID"
        self.start_tour(
            "/odoo/action-kerjasama_desa_bkad.kerjasama_bkad_accountability_report_action/new",
            "kerjasama_desa_bkad_report_tour",
            login=self.staff.login,
        )
        report = self.env["kerjasama.bkad.accountability.report"].search(
            [("title", "=", "Laporan Pertanggungjawaban BKAD Uji 2025")]
        )
        self.assertEqual(report.state, "submitted")
        self.assertEqual(report.submitted_by_id, self.staff)
        self.assertTrue(report.name.startswith("LPJ-BKAD"))
        self.assertEqual(report.receipt_ids.region_id, self.members)
