# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.tests import HttpCase, tagged

from .common import KerjasamaReportCase, pdf_text


@tagged("post_install", "-at_install")
class TestDownload(KerjasamaReportCase, HttpCase):
    """The route the Print menu calls (static/src/js/report_handler.esm.js)."""

    def test_download_route(self):
        self.authenticate("admin", "admin")
        url = (
            "/kerjasama_desa_report/download/kerjasama_desa_report.peraturan_bersama/"
            f"{self.antar_desa.id}"
        )
        response = self.url_open(url)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.headers["Content-Type"], "application/pdf")
        self.assertIn(
            "Peraturan%20Bersama%20-%20Pengelolaan%20Air%20Bersih%20Bersama.pdf",
            response.headers["Content-Disposition"],
        )
        self.assertIn("PENGELOLAAN AIR BERSIH BERSAMA", pdf_text(response.content))
        # a document that cannot be printed answers with the error (shown by the web client's
        # download helper, as for Odoo's own reports), not a file
        url = (
            "/kerjasama_desa_report/download/kerjasama_desa_report.peraturan_bersama/"
            f"{self.pihak_ketiga.id}"
        )
        response = self.url_open(url)
        self.assertTrue(response.headers["Content-Type"].startswith("text/html"))
        self.assertNotIn("Content-Disposition", response.headers)
        self.assertIn("odoo.exceptions.UserError", response.text)
        self.assertIn("Perjanjian Bersama", response.text)
        # unknown report
        response = self.url_open("/kerjasama_desa_report/download/base.nothing/1")
        self.assertEqual(response.status_code, 404)
