# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import base64
import datetime
import io

from reportlab.lib.utils import ImageReader

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

from odoo.addons.kerjasama_desa.tools.formatting import format_date_id
from odoo.addons.kerjasama_desa.tools.guard import unlocked

from ..report.engine import DOTS
from .common import (
    KerjasamaReportCase,
    pdf_page_count,
    pdf_pages_with_images,
    pdf_text,
    pdf_words,
    phrase_page,
    phrase_pages,
    sign_for_test,
)

PERATURAN = "kerjasama_desa_report.peraturan_bersama"
PERJANJIAN = "kerjasama_desa_report.perjanjian_bersama"
MUSYAWARAH = "kerjasama_desa_report.berita_acara_musyawarah"
LAPORAN = "kerjasama_desa_report.laporan_pelaksanaan"


def _png_logo():
    """A tiny PNG logo drawn with reportlab's renderPM-free path: a 1x1 PNG."""
    return base64.b64decode(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
    )


@tagged("post_install", "-at_install")
class TestDocuments(KerjasamaReportCase):
    def _render(self, report, record):
        content, extension = self.Report.with_context(report_no_attachment=True)._render(
            report, record.ids
        )
        self.assertEqual(extension, "pdf")
        self.assertTrue(content.startswith(b"%PDF"))
        return content

    def _sign(self, agreement, number, date, state="berjalan"):
        sign_for_test(agreement, number, date, state)

    # ------------------------------------------------------------ Peraturan Bersama
    def test_peraturan_bersama_content(self):
        content = self._render(PERATURAN, self.antar_desa)
        text = pdf_text(content)
        for expected in (
            "PERATURAN BERSAMA KEPALA DESA SUKAMAJU & CIBURUY DAN KEPALA DESA NGADIREJO ĒNDAH",
            "TENTANG",
            "PENGELOLAAN AIR BERSIH BERSAMA",
            "Menimbang",
            "Mengingat",
            "Undang-Undang Nomor 6 Tahun 2014 tentang Desa (Lembaran Negara Republik Indonesia "
            "Tahun 2014 Nomor 7, Tambahan Lembaran Negara Republik Indonesia Nomor 5495)",
            "Undang-Undang Nomor 3 Tahun 2024",
            "Peraturan Pemerintah Nomor 43 Tahun 2014",
            "Peraturan Pemerintah Nomor 47 Tahun 2015",
            "Peraturan Pemerintah Nomor 11 Tahun 2019",
            "Peraturan Menteri Dalam Negeri Nomor 111 Tahun 2014 tentang Pedoman Teknis "
            "Peraturan di Desa",
            "Peraturan Menteri Dalam Negeri Nomor 96 Tahun 2017",
            # the record's own legal basis adds a regulation: a further numbered item
            "5. Peraturan Daerah Kabupaten Uji Nomor 5 Tahun 2020 tentang Desa;",
            "MEMUTUSKAN",
            "Menetapkan :",
            "BAB I",
            "KETENTUAN UMUM",
            "Pasal 1",
            # proper names keep their capitals
            "Desa adalah Desa Sukamaju & Ciburuy dan Desa Ngadirejo Ēndah di Kabupaten Uji.",
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
            # cross-kecamatan: the bupati settles, named
            "difasilitasi dan diselesaikan oleh Bupati Uji.",
            "PENGAKHIRAN",
            "KETENTUAN PENUTUP",
            "disampaikan kepada Bupati Uji melalui Camat Cibodas dan Camat Sukaresmi.",
            "Ditetapkan di",
            "KEPALA DESA SUKAMAJU & CIBURUY,",
            "Asep Saepudin",
            "Siti Ñurhaliza",
            # the promulgation, per desa
            "Diundangkan di Sukamaju & Ciburuy",
            "SEKRETARIS DESA SUKAMAJU & CIBURUY,",
            "BERITA DESA SUKAMAJU & CIBURUY TAHUN .... NOMOR ....",
            "Diundangkan di Ngadirejo Ēndah",
            "BERITA DESA NGADIREJO ĒNDAH TAHUN .... NOMOR ....",
            f"Ruang lingkup butir {120}:",
        ):
            self.assertIn(expected, text)
        self.assertNotIn("Bupati/Wali Kota", text)
        # the long scope flows over several pages, each numbered
        pages = pdf_page_count(content)
        self.assertGreater(pages, 3)
        self.assertIn(f"Halaman 1 dari {pages}", text)
        self.assertIn(f"Halaman {pages} dari {pages}", text)
        # a village product: no letterhead of the kabupaten; it opens with its makers
        self.assertNotIn("PEMERINTAH KABUPATEN", text)
        # nothing above the draft mark and the makers' heading at the top of the first page
        words = [w for w in pdf_words(content) if w[0] == 1]
        top = min(words, key=lambda w: w[2])
        self.assertEqual(top[5], "RANCANGAN")
        makers = next(w for w in words if w[5] == "KEPALA")
        self.assertLess(makers[2], 110)

    def test_peraturan_bersama_draft(self):
        """Not signed: RANCANGAN (heading and watermark), dots for the number, the year and
        the date; never the internal register number."""
        content = self._render(PERATURAN, self.antar_desa)
        text = pdf_text(content)
        self.assertIn("RANCANGAN KEPALA DESA SUKAMAJU", text)
        # the watermark across every page
        pages = pdf_page_count(content)
        self.assertEqual(pdf_pages_with_images(content), list(range(1, pages + 1)))
        self.assertEqual(text.count("NOMOR .... TAHUN ...."), 2)
        self.assertIn(f"pada tanggal : {DOTS}", text)
        self.assertNotIn(self.antar_desa.name, text)

    def test_peraturan_bersama_signed(self):
        """Signed: one NOMOR per desa, its year the year of the stipulation (whatever year the
        recorded number carries), the date of stipulation, no RANCANGAN."""
        self._sign(self.antar_desa, "6 TAHUN 2026", datetime.date(2025, 3, 31))
        content = self._render(PERATURAN, self.antar_desa)
        self.assertEqual(pdf_pages_with_images(content), [])
        text = pdf_text(content)
        self.assertEqual(text.count("NOMOR 6 TAHUN 2025"), 2)
        self.assertNotIn("TAHUN 2026", text)
        self.assertIn("pada tanggal : 31 Maret 2025", text)
        self.assertNotIn("RANCANGAN", text)
        self.assertIn("Peraturan Bersama Kepala Desa Nomor 6 Tahun 2025", text)  # footer

    def test_peraturan_bersama_promulgation(self):
        """Signed: each desa promulgates it in its Berita Desa, dated, numbered and signed by
        the sekretaris desa in office on that day (officials register)."""
        self.env["kerjasama.desa.official"].create(
            {
                "region_id": self.desa_a.id,
                "office": "sekretaris_desa",
                "name": "Cecep Hidayat",
                "date_start": datetime.date(2020, 1, 1),
            }
        )
        self._sign(self.antar_desa, "6", datetime.date(2025, 3, 31))
        parties = self.antar_desa.party_ids
        text = pdf_text(self._render(PERATURAN, self.antar_desa))
        for party in parties:
            name = party.region_id.name.upper()
            self.assertIn(f"BERITA DESA {name} TAHUN 2025 NOMOR {party.berita_desa_number}", text)
        self.assertEqual(text.count("pada tanggal 31 Maret 2025 SEKRETARIS DESA"), 2)
        self.assertIn("Cecep Hidayat", text)
        self.assertNotIn("TAHUN .... NOMOR ....", text)

    def test_paper_size_of_the_kabupaten(self):
        """Every document prints on the paper its kabupaten sets: A4 or F4 (215 x 330 mm)."""
        from PyPDF2 import PdfReader

        def size(report, record):
            box = PdfReader(io.BytesIO(self._render(report, record))).pages[0].mediabox
            return round(float(box.width) / 72 * 25.4), round(float(box.height) / 72 * 25.4)

        self.assertEqual(size(PERATURAN, self.antar_desa), (210, 297))
        self.kabupaten.report_paper_format = "f4"
        self.assertEqual(size(PERATURAN, self.antar_desa), (215, 330))
        self.assertEqual(size(PERJANJIAN, self.pihak_ketiga), (215, 330))
        self.assertEqual(size(MUSYAWARAH, self._musyawarah()), (215, 330))
        self.assertEqual(size(LAPORAN, self._implementation_report()), (215, 330))

    def test_peraturan_bersama_legal_basis_not_repeated(self):
        # a legal basis citing only regulations of the standard list adds nothing
        self.antar_desa.legal_basis = (
            "UU 6/2014 Pasal 91-92; PP 43/2014 Pasal 143; Permendagri 96/2017."
        )
        text = pdf_text(self._render(PERATURAN, self.antar_desa))
        self.assertNotIn("UU 6/2014", text)
        self.assertNotIn("5. ", text.split("Mengingat")[1].split("MEMUTUSKAN")[0])
        # an abbreviated new regulation is written out
        self.antar_desa.legal_basis = "UU 6/2014; Permendagri 1/2016 tentang Pengelolaan Aset Desa."
        text = pdf_text(self._render(PERATURAN, self.antar_desa))
        self.assertIn(
            "5. Peraturan Menteri Dalam Negeri Nomor 1 Tahun 2016 tentang Pengelolaan Aset Desa;",
            text,
        )

    def test_peraturan_bersama_layout(self):
        """The signatures stay on the page of the last Pasal, the promulgation with them; the
        funding table's header words are whole."""
        for lines in (10, 40, 75, 120):
            self.antar_desa.scope = "\n".join(
                f"Ruang lingkup butir {i}: pembangunan sarana air bersih." for i in range(lines)
            )
            words = pdf_words(self._render(PERATURAN, self.antar_desa))
            closing = phrase_page(self, words, "KETENTUAN PENUTUP")
            self.assertEqual(phrase_page(self, words, "Asep Saepudin"), closing, lines)
            self.assertEqual(phrase_page(self, words, "Siti Ñurhaliza"), closing, lines)
            self.assertEqual(phrase_page(self, words, "Ditetapkan di"), closing, lines)
            self.assertEqual(phrase_pages(words, "BERITA DESA NGADIREJO ĒNDAH"), [closing], lines)
            # the Pasal before the closing chapter ends on the previous page or on this one
            self.assertLessEqual(phrase_page(self, words, "PENGAKHIRAN"), closing)
        self.assertEqual(
            len(phrase_pages(words, "No Pihak Jenis dan Sumber Kode Rekening Uraian Jumlah")), 1
        )
        texts = [w[5] for w in words]
        self.assertIn("Kontribusi", texts)
        self.assertFalse([t for t in texts if t in ("N", "o", "Kontribus", "i")])

    # ------------------------------------------------------------ Perjanjian Bersama
    def _asset_and_budget(self):
        """The pasar of Mekarsari in the asset register, used under the Perjanjian, and the
        APBDesa line that carries the village's income."""
        asset = self.env["kerjasama.asset"].create(
            {
                "name": "Pasar Desa Mekarsari",
                "region_id": self.desa_c.id,
                "kind_id": self.env.ref("kerjasama_desa.kerjasama_asset_kind_pasar_desa").id,
                "location": "Jl. Raya Mekarsari RT 01/RW 02",
                "area": 4200,
                "uom": "m2",
                "legal_document": "Sertifikat Hak Pakai",
                "certificate_number": "10.08.05.02.4.00777",
            }
        )
        self.env["kerjasama.asset.utilization"].create(
            {
                "asset_id": asset.id,
                "agreement_id": self.pihak_ketiga.id,
                "form_id": self.env.ref("kerjasama_desa.kerjasama_utilization_form_ksp").id,
                "partner_id": self.third_party.id,
                "date_start": datetime.date(2026, 3, 2),
                "date_end": datetime.date(2027, 3, 1),
                "amount": 3500000,
            }
        )
        apbdes = self.env["kerjasama.apbdes"].create({"region_id": self.desa_c.id, "year": 2026})
        line = self.env["kerjasama.apbdes.line"].create(
            {
                "apbdes_id": apbdes.id,
                "account_code_id": self.env.ref(
                    "kerjasama_desa.kerjasama_account_code_rek_4_3_2"
                ).id,
                "description": "Bagi hasil pengelolaan sampah",
                "amount": 3500000,
            }
        )
        self.pihak_ketiga.funding_ids.apbdes_line_id = line
        return asset

    def test_perjanjian_bersama_content(self):
        self.third_party.write(
            {
                "kerjasama_legal_form": "pt",
                "kerjasama_deed_number": "27",
                "kerjasama_deed_date": datetime.date(2015, 3, 16),
                "kerjasama_deed_notary": "Hj. Rina Marliani, S.H.",
                "kerjasama_nib": "9120001234567",
                "vat": "01.234.567.8-901.000",
            }
        )
        asset = self._asset_and_budget()
        content = self._render(PERJANJIAN, self.pihak_ketiga)
        text = pdf_text(content)
        for expected in (
            "PERJANJIAN BERSAMA",
            "PEMERINTAH DESA MEKARSARI",
            "PT AIR BERSIH <SEJAHTERA>",
            "1. Dadang Suhendar Jabatan : Kepala Desa Mekarsari",
            "2. Ir. Bambang Wijaya Jabatan : Direktur Utama Mewakili : PT Air Bersih <Sejahtera>",
            # the legal identity of the company
            "Bentuk badan : Perseroan Terbatas (PT)",
            "Alamat : Jl. Merdeka No. 17, Bandung",
            "Akta pendirian : Nomor 27 tanggal 16 Maret 2015, dibuat di hadapan Notaris Hj. "
            "Rina Marliani, S.H.",
            "NIB : 9120001234567",
            "NPWP : 01.234.567.8-901.000",
            "selanjutnya disebut PIHAK KESATU",
            "selanjutnya disebut PIHAK KEDUA",
            # recitals
            "terlebih dahulu menerangkan hal-hal sebagai berikut:",
            "bahwa PIHAK KEDUA adalah PT Air Bersih <Sejahtera>, suatu Perseroan Terbatas (PT) "
            "yang didirikan dengan Akta Pendirian Nomor 27 tanggal 16 Maret 2015",
            "berkedudukan di Jl. Merdeka No. 17, Bandung;",
            f"tercatat dalam buku inventaris aset Desa dengan kode {asset.code},",
            # the asset from the register
            "Objek kerja sama adalah aset Desa yang tercatat dalam buku inventaris aset Desa",
            "Nama aset : Pasar Desa Mekarsari",
            f"Kode inventaris : {asset.code}",
            "Bukti kepemilikan : Sertifikat Hak Pakai Nomor 10.08.05.02.4.00777",
            "Lokasi : Jl. Raya Mekarsari RT 01/RW 02",
            "Luas : 4.200 m²",
            "Jangka waktu : 2 Maret 2026 sampai dengan 1 Maret 2027",
            # the funding with its APBDesa account code
            "4.3.2 APBDesa 2026",
            "Rp 3.500.000 (tiga juta lima ratus ribu rupiah)",
            "Camat Sukaresmi atas nama Bupati Uji",
            "PIHAK KEDUA, PT AIR BERSIH <SEJAHTERA> DIREKTUR UTAMA,",
            "METERAI",
            "SAKSI-SAKSI:",
            "SAKSI PIHAK KESATU,",
            "Halaman 1 dari",
        ):
            self.assertIn(expected, text)
        self.assertNotIn("Bupati/Wali Kota", text)
        # a legal instrument of the parties: no letterhead
        self.assertNotIn("PEMERINTAH KABUPATEN", text)
        words = pdf_words(content)
        closing = phrase_page(self, words, "PENUTUP")
        for phrase in ("Dadang Suhendar", "Ir. Bambang Wijaya", "METERAI", "SAKSI-SAKSI:"):
            self.assertEqual(phrase_pages(words, phrase)[-1], closing, phrase)
        # the funding table's header words are whole
        texts = [w[5] for w in words]
        self.assertIn("Rekening", texts)
        self.assertFalse([t for t in texts if t in ("Rekenin", "Kode-", "Sumbe")])

    def test_perjanjian_bersama_identity_not_recorded(self):
        """Without a recorded deed or NIB the identity keeps the lines, with dots to fill in."""
        text = pdf_text(self._render(PERJANJIAN, self.pihak_ketiga))
        self.assertIn("Bentuk badan : Badan usaha swasta", text)
        self.assertIn(f"Akta pendirian : {DOTS}", text)
        self.assertIn(f"NIB : {DOTS}", text)
        self.assertIn("bahwa PIHAK KEDUA adalah PT Air Bersih <Sejahtera>, suatu badan usaha", text)

    def test_perjanjian_bersama_draft_and_signed(self):
        # in preparation: a draft, no signing day, no number
        text = pdf_text(self._render(PERJANJIAN, self.pihak_ketiga))
        self.assertIn("RANCANGAN PERJANJIAN BERSAMA", text)
        self.assertIn(
            "Pada hari ini .......... tanggal .......... bulan .......... tahun .........., "
            "bertempat di Desa Mekarsari",
            text,
        )
        self.assertIn(f"NOMOR: {DOTS}", text)
        self.assertNotIn(self.pihak_ketiga.name, text)
        self.assertNotIn("dua bulan Maret", text)
        # signed: the day and date in words, the number
        self._sign(self.pihak_ketiga, "01/PB/MKS/2026", datetime.date(2026, 3, 2))
        text = pdf_text(self._render(PERJANJIAN, self.pihak_ketiga))
        self.assertNotIn("RANCANGAN", text)
        self.assertIn("NOMOR: 01/PB/MKS/2026", text)
        self.assertIn(
            "Pada hari ini Senin tanggal dua bulan Maret tahun dua ribu dua puluh enam "
            "(2 Maret 2026), bertempat di Desa Mekarsari",
            text,
        )

    def test_perjanjian_bersama_signatory_names(self):
        """An office recorded as the signatory is no name: the kepala desa's name, else dots."""
        desa_party, company_party = self.pihak_ketiga.party_ids
        desa_party.write({"signatory_name": "Kepala Desa", "signatory_title": "Kepala Desa"})
        company_party.write({"signatory_name": "Direktur", "signatory_title": "Direktur"})
        self.desa_c.partner_id.kepala_desa_name = "Hj. Yayah Rokayah"
        text = pdf_text(self._render(PERJANJIAN, self.pihak_ketiga))
        self.assertIn("1. Hj. Yayah Rokayah Jabatan : Kepala Desa Mekarsari", text)
        self.assertIn(f"2. {DOTS} Jabatan : Direktur", text)
        self.assertNotIn("Direktur Jabatan", text)

    def test_wrong_kind_is_a_clear_error(self):
        with self.assertRaisesRegex(UserError, "Perjanjian Bersama"):
            self.Report._render(PERATURAN, self.pihak_ketiga.ids)
        with self.assertRaisesRegex(UserError, "Peraturan Bersama"):
            self.Report._render(PERJANJIAN, self.antar_desa.ids)

    # ------------------------------------------------------------ letterhead, attachments
    def test_letterhead_configured_per_desa_with_logo(self):
        report = self._implementation_report()
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
        text = pdf_text(self._render(LAPORAN, report))
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
        text = pdf_text(self._render(PERATURAN, self.antar_desa))
        self.assertIn("<b>tebal</b> & <script>alert(1)</script>", text)

    # ------------------------------------------------------------ Berita Acara, Laporan
    def _musyawarah(self, **vals):
        self.desa_a.partner_id.bpd_chair_name = "Hj. Euis Komariah"
        return self.env["kerjasama.musyawarah"].create(
            {
                "agreement_id": self.antar_desa.id,
                "region_id": self.desa_a.id,
                "date": datetime.date(2026, 11, 23),
                "berita_acara_number": "BA/01/MD/2026",
                "decision": "agreed",
                "notes": "Usulan pengelolaan oleh BUM Desa.",
                **vals,
            }
        )

    def test_berita_acara_musyawarah(self):
        musyawarah = self._musyawarah(
            place="Balai Desa",
            secretary_name="Nia Kurniasih",
            bpd_consent_date=datetime.date(2026, 11, 23),
            attendance_ids=[
                Command.create({"name": "Hj. Euis Komariah", "category": "bpd"}),
                Command.create({"name": "Ujang Rahmat", "category": "bpd"}),
                Command.create({"name": "Asep Saepudin", "category": "pemerintah_desa"}),
                Command.create({"name": "Rudi Hartono", "category": "lembaga"}),
                Command.create(
                    {"name": "H. Maman Suparman", "category": "masyarakat", "position": "RW 03"}
                ),
            ],
        )
        musyawarah.action_bpd_consent()
        self.assertEqual(musyawarah.attendance_count, 5)
        content = self._render(MUSYAWARAH, musyawarah)
        text = pdf_text(content)
        for expected in (
            # the BPD's own heading, no kabupaten kop
            "BADAN PERMUSYAWARATAN DESA SUKAMAJU & CIBURUY KECAMATAN CIBODAS Kabupaten Uji",
            "BERITA ACARA MUSYAWARAH DESA",
            "NOMOR BA/01/MD/2026",
            "TENTANG KERJA SAMA PENGELOLAAN AIR BERSIH BERSAMA",
            # day, date and year in words, the place
            "Pada hari ini Senin tanggal dua puluh tiga bulan November tahun dua ribu dua puluh "
            "enam (23 November 2026), bertempat di Balai Desa, Desa Sukamaju & Ciburuy, "
            "Kecamatan Cibodas, Kabupaten Uji",
            # chair (the BPD chair by default) and secretary
            "dipimpin oleh Hj. Euis Komariah selaku pimpinan musyawarah dan Nia Kurniasih "
            "selaku sekretaris musyawarah",
            # the attendance with its count, from the record
            "dihadiri oleh 5 (lima) orang peserta yang terdiri atas 2 (dua) orang unsur Badan "
            "Permusyawaratan Desa, 1 (satu) orang unsur Pemerintah Desa, 1 (satu) orang unsur "
            "lembaga kemasyarakatan Desa dan 1 (satu) orang unsur wakil masyarakat",
            "MENYETUJUI",
            "memberikan persetujuannya dalam musyawarah ini.",
            "Rp 76.250.000 (tujuh puluh enam juta dua ratus lima puluh ribu rupiah)",
            "Rp 1.250.000 (satu juta dua ratus lima puluh ribu rupiah)",
            "Usulan pengelolaan oleh BUM Desa.",
            # the signatures of the form: chair, secretary, community representative
            "PIMPINAN MUSYAWARAH, SEKRETARIS MUSYAWARAH, Hj. Euis Komariah Nia Kurniasih",
            "WAKIL MASYARAKAT, Mengetahui, KEPALA DESA SUKAMAJU & CIBURUY, H. Maman Suparman "
            "Asep Saepudin",
            # the attendance list attached
            "DAFTAR HADIR MUSYAWARAH DESA",
            "jumlah hadir: 5 (lima) orang.",
            "5 H. Maman Suparman Wakil Masyarakat",
            "RW 03",
            "Halaman 1 dari",
        ):
            self.assertIn(expected, text)
        self.assertNotIn("PEMERINTAH KABUPATEN", text)
        words = pdf_words(content)
        # the signatures keep with the closing words; the list on its own page after them
        signed = phrase_page(self, words, "PIMPINAN MUSYAWARAH,")
        self.assertEqual(phrase_page(self, words, "Demikian Berita Acara ini dibuat"), signed)
        self.assertEqual(phrase_page(self, words, "H. Maman Suparman Asep Saepudin"), signed)
        self.assertGreater(phrase_page(self, words, "DAFTAR HADIR MUSYAWARAH DESA"), signed)
        # a title that already says "Kerja Sama" is not doubled
        self.antar_desa.title = "Kerja Sama Pengelolaan Air Bersih"
        text = pdf_text(self._render(MUSYAWARAH, musyawarah))
        self.assertIn("TENTANG KERJA SAMA PENGELOLAAN AIR BERSIH", text)
        self.assertNotIn("KERJA SAMA KERJA SAMA", text)

    def test_berita_acara_musyawarah_records_the_meeting_only(self):
        """A consent given after the meeting is not in its berita acara; without an
        attendance list the form still has its places to sign."""
        musyawarah = self._musyawarah(bpd_consent_date=datetime.date(2026, 11, 24))
        musyawarah.action_bpd_consent()
        text = pdf_text(self._render(MUSYAWARAH, musyawarah))
        self.assertNotIn("24 November 2026", text)
        self.assertNotIn("persetujuan", text)
        self.assertIn("bertempat di Kantor Desa Sukamaju & Ciburuy, Kecamatan Cibodas", text)
        self.assertIn(f"SEKRETARIS MUSYAWARAH, Hj. Euis Komariah {DOTS}", text)
        self.assertNotIn("DAFTAR HADIR", text)

    def _implementation_report(self, **vals):
        # reports follow a signed agreement
        self._sign(self.pihak_ketiga, "01/PB/MKS/2026", datetime.date(2026, 3, 2))
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
                **vals,
            }
        )
        return report

    def test_laporan_pelaksanaan(self):
        report = self._implementation_report()
        self.assertFalse(report.number)
        text = pdf_text(self._render(LAPORAN, report))
        for expected in (
            "Laporan Pelaksanaan Kerja Sama Desa",
            # a draft report has no letter number yet: a clear placeholder
            f"Nomor : {DOTS} (diberikan saat laporan disampaikan)",
            # the recipient recorded on the report, in Indonesian: the BPD (pihak ketiga)
            "Kepada Yth. Ketua Badan Permusyawaratan Desa Mekarsari di Mekarsari",
            # a draft: blanks for the date
            "periode 2 Maret 2026 sampai dengan",
            "Pengelolaan Sampah Terpadu",
            "Perjanjian Bersama Nomor 01/PB/MKS/2026",
            "Desa Mekarsari; PT Air Bersih <Sejahtera>",
            "62,50%",
            "Rp 1.250.000 (satu juta dua ratus lima puluh ribu rupiah)",
            "Pengangkutan sampah tiga kali seminggu berjalan.",
            "Armada kurang satu unit.",
            "KEPALA DESA MEKARSARI,",
            "Dadang Suhendar",
            "Tembusan: 1. Bupati Uji melalui Camat Sukaresmi 2. Arsip.",
            "Rancangan Laporan Pelaksanaan",
        ):
            self.assertIn(expected, text)
        self.assertIn(f"Mekarsari, {DOTS} Nomor", text)
        self.assertIn(
            f"periode 2 Maret 2026 sampai dengan {format_date_id(report.period_end)}", text
        )
        # no signatory recorded on the party: the kepala desa of the village signs
        with unlocked("kerjasama.agreement.party:signature"):  # fixture: as if never recorded
            self.pihak_ketiga.party_ids.filtered("region_id").signatory_name = False
        self.desa_c.partner_id.kepala_desa_name = "Hj. Yayah Rokayah"
        text = pdf_text(self._render(LAPORAN, report))
        self.assertIn("KEPALA DESA MEKARSARI, Hj. Yayah Rokayah", text)

    def test_laporan_submitted_has_number_and_signatory(self):
        """Submitted: its letter number, its date, the named kepala desa, no RANCANGAN."""
        report = self._implementation_report()
        with unlocked("kerjasama.implementation.report:lifecycle"):
            report.write({"state": "submitted", "date_submitted": datetime.date(2026, 9, 5)})
        report._assign_number()
        self.assertTrue(report.number)
        content = self._render(LAPORAN, report)
        text = pdf_text(content)
        self.assertIn(f"Nomor : {report.number}", text)
        self.assertIn("Mekarsari, 5 September 2026", text)
        self.assertIn("KEPALA DESA MEKARSARI, Dadang Suhendar", text)
        self.assertNotIn("Rancangan", text)
        self.assertEqual(pdf_pages_with_images(content), [])

    def test_laporan_tembusan_keeps_with_its_list(self):
        """Whatever the length of the report, "Tembusan:" is on the page of its list and the
        signature on the page of the closing words."""
        report = self._implementation_report()
        seen_pages = set()
        for lines in range(0, 44, 3):
            report.activity_summary = "\n".join(
                f"Kegiatan {i}: pengangkutan sampah rumah tangga." for i in range(lines)
            )
            words = pdf_words(self._render(LAPORAN, report))
            # the signature keeps with the closing words
            self.assertEqual(
                phrase_page(self, words, "Dadang Suhendar"),
                phrase_page(self, words, "Demikian laporan ini kami sampaikan,"),
                lines,
            )
            tembusan = phrase_page(self, words, "Tembusan:")
            self.assertEqual(phrase_page(self, words, "Arsip."), tembusan, lines)
            self.assertEqual(
                phrase_page(self, words, "1. Bupati Uji melalui Camat Sukaresmi"),
                tembusan,
            )
            seen_pages.add(tembusan)
        # the lengths tried moved the list across a page break
        self.assertGreater(len(seen_pages), 1)
