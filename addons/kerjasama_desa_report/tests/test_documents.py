# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import base64
import datetime
import io

from reportlab.lib.utils import ImageReader

from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

from odoo.addons.kerjasama_desa.tools.formatting import format_date_id

from .common import KerjasamaReportCase, pdf_page_count, pdf_text

PERATURAN = "kerjasama_desa_report.peraturan_bersama"
PERJANJIAN = "kerjasama_desa_report.perjanjian_bersama"


def _png_logo():
    """A tiny PNG logo drawn with reportlab's renderPM-free path: a 1x1 PNG."""
    return base64.b64decode(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
    )


@tagged("post_install", "-at_install")
class TestDocuments(KerjasamaReportCase):
    def test_peraturan_bersama_content(self):
        content, extension = self.Report._render(PERATURAN, self.antar_desa.ids)
        self.assertEqual(extension, "pdf")
        self.assertTrue(content.startswith(b"%PDF"))
        text = pdf_text(content)
        for expected in (
            "PERATURAN BERSAMA KEPALA DESA SUKAMAJU & CIBURUY DAN KEPALA DESA NGADIREJO ĒNDAH",
            "TENTANG",
            "PENGELOLAAN AIR BERSIH BERSAMA",
            "Menimbang",
            "Mengingat",
            "Undang-Undang Nomor 6 Tahun 2014 tentang Desa",
            "Peraturan Pemerintah Nomor 43 Tahun 2014",
            "Peraturan Menteri Dalam Negeri Nomor 96 Tahun 2017",
            "Peraturan Daerah Kabupaten Uji Nomor 5 Tahun 2020 tentang Desa;",
            "MEMUTUSKAN",
            "Menetapkan :",
            "BAB I",
            "KETENTUAN UMUM",
            "Pasal 1",
            "HAK DAN KEWAJIBAN",
            "Menyediakan lahan mata air.",
            "Membangun jaringan pipa.",
            "PENDANAAN",
            "Rp 1.250.000",
            "Rp 75.000.000",
            "Rp 76.250.000 (tujuh puluh enam juta dua ratus lima puluh ribu rupiah)",
            "JANGKA WAKTU",
            "21 November 2026",
            "20 November 2028",
            "2 (dua) tahun",
            "PENYELESAIAN PERSELISIHAN",
            # cross-kecamatan: the bupati settles
            "Bupati/Wali Kota",
            "PENGAKHIRAN",
            "KETENTUAN PENUTUP",
            "Ditetapkan di",
            "KEPALA DESA SUKAMAJU & CIBURUY,",
            "Asep Saepudin",
            "Siti Ñurhaliza",
            f"Ruang lingkup butir {120}:",
        ):
            self.assertIn(expected, text)
        # the long scope flows over several pages, each numbered
        pages = pdf_page_count(content)
        self.assertGreater(pages, 3)
        self.assertIn(f"Halaman 1 dari {pages}", text)
        self.assertIn(f"Halaman {pages} dari {pages}", text)
        # letterhead of the kabupaten (names built from the region)
        self.assertIn("PEMERINTAH KABUPATEN UJI", text)

    def test_perjanjian_bersama_content(self):
        content, _ext = self.Report._render(PERJANJIAN, self.pihak_ketiga.ids)
        text = pdf_text(content)
        for expected in (
            "PERJANJIAN BERSAMA",
            "PEMERINTAH DESA MEKARSARI",
            "PT AIR BERSIH <SEJAHTERA>",
            "Pada hari ini Senin tanggal dua bulan Maret tahun dua ribu dua puluh enam "
            "(2 Maret 2026)",
            "Dadang Suhendar",
            "Ir. Bambang Wijaya",
            "Direktur Utama",
            "berkedudukan di Jl. Merdeka No. 17, Bandung",
            "selanjutnya disebut PIHAK KESATU",
            "selanjutnya disebut PIHAK KEDUA",
            "Rp 3.500.000 (tiga juta lima ratus ribu rupiah)",
            "Camat atas nama Bupati/Wali Kota",
            "PEMERINTAH KABUPATEN UJI",
            "KECAMATAN SUKARESMI",
            "DESA MEKARSARI",
            "Halaman 1 dari",
        ):
            self.assertIn(expected, text)

    def test_wrong_kind_is_a_clear_error(self):
        with self.assertRaisesRegex(UserError, "Perjanjian Bersama"):
            self.Report._render(PERATURAN, self.pihak_ketiga.ids)
        with self.assertRaisesRegex(UserError, "Peraturan Bersama"):
            self.Report._render(PERJANJIAN, self.antar_desa.ids)

    def test_letterhead_configured_per_desa_with_logo(self):
        self.desa_c.write(
            {
                "report_kop_text": "PEMERINTAH KABUPATEN UJI\nKECAMATAN SUKARESMI\n"
                "PEMERINTAH DESA MEKARSARI RAYA\nJl. Balai Desa No. 1",
                "report_logo": base64.b64encode(_png_logo()),
            }
        )
        kop = self.desa_c._kd_get_kop()
        self.assertEqual(kop["lines"][2], "PEMERINTAH DESA MEKARSARI RAYA")
        self.assertTrue(kop["logo"])
        ImageReader(io.BytesIO(kop["logo"]))  # a readable image
        text = pdf_text(self.Report._render(PERJANJIAN, self.pihak_ketiga.ids)[0])
        self.assertIn("PEMERINTAH DESA MEKARSARI RAYA", text)
        self.assertIn("Jl. Balai Desa No. 1", text)
        # a desa without its own logo uses the kabupaten's
        self.kabupaten.report_logo = base64.b64encode(_png_logo())
        self.assertTrue(self.desa_a._kd_get_kop()["logo"])

    def test_attachment_saved_and_reused(self):
        report = self.env.ref("kerjasama_desa_report.action_report_peraturan_bersama")
        Attachment = self.env["ir.attachment"]
        domain = [("res_model", "=", "kerjasama.agreement"), ("res_id", "=", self.antar_desa.id)]
        self.assertFalse(Attachment.search(domain))
        content, _ext = self.Report._render(report, self.antar_desa.ids)
        attachment = Attachment.search(domain)
        self.assertEqual(len(attachment), 1)
        self.assertEqual(attachment.name, "Peraturan Bersama - Pengelolaan Air Bersih Bersama.pdf")
        self.assertEqual(attachment.raw, content)
        # reload from the attachment once attachment_use is set
        report.attachment_use = True
        attachment.raw = b"%PDF-1.4 stored copy"
        self.assertEqual(self.Report._render(report, self.antar_desa.ids)[0], attachment.raw)

    def test_several_records_merged(self):
        other = self.env["kerjasama.agreement"].create(
            {
                "title": "Kerja Sama Kedua",
                "kind": "antar_desa",
                "party_ids": [
                    (0, 0, {"party_kind": "desa", "region_id": self.desa_b.id}),
                    (0, 0, {"party_kind": "desa", "region_id": self.desa_c.id}),
                ],
            }
        )
        single = pdf_page_count(self.Report._render(PERATURAN, self.antar_desa.ids)[0])
        other_pages = pdf_page_count(self.Report._render(PERATURAN, other.ids)[0])
        merged = self.Report._render(PERATURAN, (self.antar_desa | other).ids)[0]
        self.assertEqual(pdf_page_count(merged), single + other_pages)

    def test_print_menu_binding(self):
        report = self.env.ref("kerjasama_desa_report.action_report_peraturan_bersama")
        self.assertEqual(report.binding_model_id.model, "kerjasama.agreement")
        self.assertEqual(report.report_type, "reportlab-pdf")
        valid = self.Report.browse(report.ids).get_valid_action_reports(
            "kerjasama.agreement", self.pihak_ketiga.ids
        )
        self.assertNotIn(report.id, valid)
        valid = self.Report.browse(report.ids).get_valid_action_reports(
            "kerjasama.agreement", self.antar_desa.ids
        )
        self.assertIn(report.id, valid)

    def test_access_follows_record_rules(self):
        inside = new_test_user(
            self.env,
            login="kd_report_inside",
            groups="kerjasama_desa.kerjasama_desa_group_perangkat_desa",
        )
        inside.kerjasama_region_ids = self.desa_a
        outside = new_test_user(
            self.env,
            login="kd_report_outside",
            groups="kerjasama_desa.kerjasama_desa_group_perangkat_desa",
        )
        outside.kerjasama_region_ids = self.desa_c
        content, _ext = (
            self.Report.with_user(inside)
            .with_context(report_no_attachment=True)
            ._render(PERATURAN, self.antar_desa.ids)
        )
        self.assertIn("Asep Saepudin", pdf_text(content))
        with self.assertRaises(AccessError):
            self.Report.with_user(outside)._render(PERATURAN, self.antar_desa.ids)

    def test_engine_escapes_markup(self):
        self.antar_desa.scope = "Pasal <b>tebal</b> & <script>alert(1)</script>"
        text = pdf_text(self.Report._render(PERATURAN, self.antar_desa.ids)[0])
        self.assertIn("<b>tebal</b> & <script>alert(1)</script>", text)

    def test_berita_acara_musyawarah(self):
        self.desa_a.partner_id.bpd_chair_name = "Hj. Euis Komariah"
        musyawarah = self.env["kerjasama.musyawarah"].create(
            {
                "agreement_id": self.antar_desa.id,
                "region_id": self.desa_a.id,
                "date": datetime.date(2026, 11, 23),
                "berita_acara_number": "BA/01/MD/2026",
                "decision": "agreed",
                "bpd_consent": True,
                "bpd_consent_date": datetime.date(2026, 11, 24),
                "notes": "Peserta musyawarah: 45 orang.\nUsulan pengelolaan oleh BUM Desa.",
            }
        )
        content, _ext = self.Report._render(
            "kerjasama_desa_report.berita_acara_musyawarah", musyawarah.ids
        )
        text = pdf_text(content)
        for expected in (
            "BERITA ACARA MUSYAWARAH DESA",
            "NOMOR BA/01/MD/2026",
            "KERJA SAMA PENGELOLAAN AIR BERSIH BERSAMA",
            "Pada hari ini Senin, tanggal 23 November 2026, bertempat di Desa Sukamaju & Ciburuy",
            "Kecamatan Cibodas, Kabupaten Uji",
            "MENYETUJUI",
            "pada tanggal 24 November 2026",
            "Rp 76.250.000 (tujuh puluh enam juta dua ratus lima puluh ribu rupiah)",
            "Rp 1.250.000 (satu juta dua ratus lima puluh ribu rupiah)",
            "Peserta musyawarah: 45 orang.",
            "KETUA BPD SUKAMAJU & CIBURUY,",
            "Hj. Euis Komariah",
            "Asep Saepudin",
            "DESA SUKAMAJU & CIBURUY",
            "Halaman 1 dari",
        ):
            self.assertIn(expected, text)

    def test_laporan_pelaksanaan(self):
        # reports follow a signed agreement
        self.pihak_ketiga.with_context(kerjasama_transition=True).write({"state": "berjalan"})
        # the running agreement may already have its report schedule
        Report = self.env["kerjasama.implementation.report"]
        report = Report.search(
            [
                ("agreement_id", "=", self.pihak_ketiga.id),
                ("period_start", "=", datetime.date(2026, 3, 2)),
            ]
        ) or Report.create(
            {"agreement_id": self.pihak_ketiga.id, "period_start": datetime.date(2026, 3, 2)}
        )
        report.write(
            {
                "progress": 62.5,
                "realisation_amount": 1250000,
                "activity_summary": "Pengangkutan sampah tiga kali seminggu berjalan.",
                "issues": "Armada kurang satu unit.",
            }
        )
        content, _ext = self.Report._render("kerjasama_desa_report.laporan_pelaksanaan", report.ids)
        text = pdf_text(content)
        for expected in (
            "Laporan Pelaksanaan Kerja Sama Desa",
            "Kepada Yth. Bupati Uji melalui Camat Sukaresmi di Uji",
            "periode 2 Maret 2026 sampai dengan",
            "Pengelolaan Sampah Terpadu",
            "Desa Mekarsari; PT Air Bersih <Sejahtera>",
            "62,50%",
            "Rp 1.250.000 (satu juta dua ratus lima puluh ribu rupiah)",
            "Pengangkutan sampah tiga kali seminggu berjalan.",
            "Armada kurang satu unit.",
            "KEPALA DESA MEKARSARI,",
            "Dadang Suhendar",
            "Tembusan:",
            "Ketua Badan Permusyawaratan Desa Mekarsari",
        ):
            self.assertIn(expected, text)
        self.assertIn(
            f"periode 2 Maret 2026 sampai dengan {format_date_id(report.period_end)}", text
        )
