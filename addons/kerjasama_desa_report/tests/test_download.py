# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import base64
import io
import json
from urllib.parse import quote

import openpyxl

from odoo.exceptions import UserError
from odoo.tests import HttpCase, new_test_user, tagged

from .common import KerjasamaReportCase, pdf_text

PERATURAN = "kerjasama_desa_report.peraturan_bersama"
RECAP = "kerjasama_desa_report.recap_xlsx"
GROUP_PERANGKAT = "kerjasama_desa.kerjasama_desa_group_perangkat_desa"


@tagged("post_install", "-at_install")
class TestReportRoutes(KerjasamaReportCase, HttpCase):
    """Odoo's standard report routes serve the reportlab/xlsxwriter documents: the route any
    module, script or mail template prints with, and the one the Print menu downloads from
    (static/src/js/report_handler.esm.js)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # users of the demo-free fixtures: a perangkat desa of a party desa, one of another desa
        cls.inside = new_test_user(cls.env, login="kd_route_inside", groups=GROUP_PERANGKAT)
        cls.inside.kerjasama_region_ids = cls.desa_a
        cls.outside = new_test_user(cls.env, login="kd_route_outside", groups=GROUP_PERANGKAT)
        cls.outside.kerjasama_region_ids = cls.desa_c

    def _login(self, user):
        self.authenticate(user.login, user.login + "x" * (8 - len(user.login)))

    def _download(self, url, report_type="reportlab-pdf"):
        data = quote(json.dumps([url, report_type]))
        return self.url_open(f"/report/download?data={data}&context={quote('{}')}")

    def test_report_pdf_route(self):
        self._login(self.inside)
        response = self.url_open(f"/report/pdf/{PERATURAN}/{self.antar_desa.id}")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.headers["Content-Type"], "application/pdf")
        self.assertTrue(response.content.startswith(b"%PDF"))
        text = pdf_text(response.content)
        self.assertIn("PENGELOLAAN AIR BERSIH BERSAMA", text)
        self.assertIn("PERATURAN BERSAMA KEPALA DESA SUKAMAJU & CIBURUY", text)

    def test_report_pdf_route_refused(self):
        # the other desa's perangkat cannot read the agreement: a refusal, not a server error
        self._login(self.outside)
        response = self.url_open(f"/report/pdf/{PERATURAN}/{self.antar_desa.id}")
        self.assertEqual(response.status_code, 403)
        self.assertFalse(response.content.startswith(b"%PDF"))

    def test_report_other_converters(self):
        self._login(self.outside)
        # a PDF document has no HTML or text version
        response = self.url_open(f"/report/html/{PERATURAN}/{self.pihak_ketiga.id}")
        self.assertEqual(response.status_code, 400)
        # the user's language (English, or Indonesian where id_ID is loaded)
        self.assertRegex(
            response.text, "cannot be printed as HTML|tidak dapat dicetak sebagai HTML"
        )
        # a document that cannot be printed for this record: a bad request with the reason
        response = self.url_open(f"/report/pdf/{PERATURAN}/{self.pihak_ketiga.id}")
        self.assertEqual(response.status_code, 400)
        self.assertIn("Perjanjian Bersama", response.text)

    def test_report_download(self):
        self._login(self.inside)
        response = self._download(f"/report/pdf/{PERATURAN}/{self.antar_desa.id}")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.headers["Content-Type"], "application/pdf")
        self.assertIn(
            "Peraturan%20Bersama%20-%20Pengelolaan%20Air%20Bersih%20Bersama.pdf",
            response.headers["Content-Disposition"],
        )
        self.assertIn("PENGELOLAAN AIR BERSIH BERSAMA", pdf_text(response.content))
        # the Print menu keeps the printed copy on the record
        attachment = self.env["ir.attachment"].search(
            [("res_model", "=", "kerjasama.agreement"), ("res_id", "=", self.antar_desa.id)]
        )
        self.assertEqual(attachment.raw, response.content)
        # a document that cannot be printed answers with the error the web client's download
        # helper shows (as for Odoo's own reports), not a file
        self._login(self.outside)
        response = self._download(f"/report/pdf/{PERATURAN}/{self.pihak_ketiga.id}")
        self.assertEqual(response.status_code, 400)
        self.assertNotIn("Content-Disposition", response.headers)
        self.assertIn("odoo.exceptions.UserError", response.text)
        self.assertIn("Perjanjian Bersama", response.text)

    def test_report_download_refused(self):
        self._login(self.outside)
        response = self._download(f"/report/pdf/{PERATURAN}/{self.antar_desa.id}")
        self.assertEqual(response.status_code, 403)
        self.assertNotIn("Content-Disposition", response.headers)
        self.assertIn("odoo.exceptions.AccessError", response.text)

    def test_report_xlsx_route(self):
        # a workbook printed from its data (the recap's filters), as the Print menu sends it
        self._login(self.inside)
        options = quote(json.dumps({"region_ids": self.desa_a.ids, "sheets": ["desa"]}))
        url = f"/report/xlsx/{RECAP}?options={options}&context={quote('{}')}"
        response = self._download(url, "xlsxwriter-xlsx")
        self.assertEqual(response.status_code, 200)
        self.assertIn(
            "Rekapitulasi%20Kerja%20Sama%20Desa.xlsx", response.headers["Content-Disposition"]
        )
        book = openpyxl.load_workbook(io.BytesIO(response.content))
        self.assertEqual(book.sheetnames, ["Per Desa", "Filter"])
        codes = [row[2] for row in book["Per Desa"].iter_rows(min_row=4, values_only=True)]
        self.assertIn("94.09.01.2001", codes)

    def test_render_qweb_pdf_callers(self):
        """Other modules print with _render_qweb_pdf / _pre_render_qweb_pdf (mail templates,
        account): they get the reportlab PDF."""
        Report = self.env["ir.actions.report"].with_context(report_no_attachment=True)
        content, extension = Report._render_qweb_pdf(PERATURAN, self.antar_desa.ids)
        self.assertEqual(extension, "pdf")
        self.assertIn("PENGELOLAAN AIR BERSIH BERSAMA", pdf_text(content))
        streams, extension = Report._pre_render_qweb_pdf(PERATURAN, self.antar_desa.ids)
        self.assertEqual(extension, "pdf")
        self.assertEqual(list(streams), self.antar_desa.ids)
        self.assertTrue(streams[self.antar_desa.id]["stream"].getvalue().startswith(b"%PDF"))
        with self.assertRaisesRegex(UserError, "cannot be printed as HTML"):
            Report._render_qweb_html(PERATURAN, self.antar_desa.ids)
        # a mail template attaching the document
        template = self.env["mail.template"].create(
            {
                "name": "Peraturan Bersama",
                "model_id": self.env["ir.model"]._get_id("kerjasama.agreement"),
                "report_template_ids": [
                    (4, self.env.ref("kerjasama_desa_report.action_report_peraturan_bersama").id)
                ],
            }
        )
        values = template._generate_template(self.antar_desa.ids, ("report_template_ids",))
        (name, content), *_others = values[self.antar_desa.id]["attachments"]
        self.assertEqual(name, "Peraturan Bersama - Pengelolaan Air Bersih Bersama.pdf")
        self.assertTrue(base64.b64decode(content).startswith(b"%PDF"))
