# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import base64
import gzip
import io
import os

import openpyxl
from reportlab.pdfbase import pdfmetrics

from odoo.tests import TransactionCase, tagged
from odoo.tools.misc import file_path

from odoo.addons.kerjasama_desa.tools.formatting import (
    format_date_id,
    format_rupiah,
    format_rupiah_terbilang,
)

from ..report import engine
from ..report.report_agreement_common import date_in_words_id, nomor_tahun, party_signatory
from .common import pdf_page_count, pdf_text, pdf_words, phrase_page
from .test_recap import AMOUNT, SHARE, assert_formulas_cached

REGION_DATA = "kerjasama_desa/data/wilayah/kode_wilayah_kepmendagri_2025.csv.gz"


@tagged("post_install", "-at_install")
class TestDemoDocuments(TransactionCase):
    """Every document printed from the demo data (``make test`` installs it) and read back."""

    def _demo(self, xmlid):
        record = self.env.ref(xmlid, raise_if_not_found=False)
        if not record:
            self.skipTest(f"demo record {xmlid} is not installed")
        return record

    def _render(self, report, record, words=False):
        content, extension = (
            self.env["ir.actions.report"]
            .with_context(report_no_attachment=True)
            ._render(report, record.ids)
        )
        self.assertEqual(extension, "pdf")
        text = pdf_text(content)
        pages = pdf_page_count(content)
        self.assertIn(f"Halaman {pages} dari {pages}", text)
        return (text, pdf_words(content)) if words else text

    def _assert_parties(self, agreement, text):
        for party in agreement.party_ids:
            name = party.region_id.name if party.region_id else party.partner_id.name
            self.assertIn(name, text)

    def test_peraturan_bersama_demo(self):
        agreement = self._demo("kerjasama_desa.demo_agreement_pelatihan")
        text, words = self._render(
            "kerjasama_desa_report.action_report_peraturan_bersama", agreement, words=True
        )
        for expected in ("TENTANG", agreement.title.upper(), "Menimbang", "bahwa"):
            self.assertIn(expected, text)
        for expected in ("Mengingat", "Undang-Undang Nomor 6 Tahun 2014", "MEMUTUSKAN:"):
            self.assertIn(expected, text)
        # one NOMOR per desa, in the year the regulation was stipulated (signed)
        parties = agreement.party_ids
        for party in parties:
            self.assertTrue(party.document_number)
            self.assertIn(nomor_tahun(party.document_number, agreement.signing_date), text)
        self.assertIn(f"pada tanggal : {format_date_id(agreement.signing_date)}", text)
        self.assertNotIn("RANCANGAN", text)
        # no kop on a village product; the bupati named; the record's legal basis cites only
        # regulations already in the Mengingat: not repeated
        self.assertNotIn("PEMERINTAH KABUPATEN", text)
        self.assertIn("Bupati Garut", text)
        self.assertNotIn("Bupati/Wali Kota", text)
        self.assertNotIn("UU 6/2014", text)
        for party in parties:
            # promulgated in its Berita Desa on the day of stipulation, with its number
            self.assertEqual(party.promulgation_date, agreement.signing_date)
            self.assertIn(
                f"BERITA DESA {party.region_id.name.upper()} TAHUN "
                f"{agreement.signing_date.year} NOMOR {party.berita_desa_number}",
                text,
            )
            self.assertIn(party_signatory(party)[0], text)
        self.assertNotIn("TAHUN .... NOMOR ....", text)
        # the signatures on the page of the last Pasal
        self.assertEqual(
            phrase_page(self, words, "KETENTUAN PENUTUP"), phrase_page(self, words, "Ditetapkan di")
        )
        for expected in ("Menetapkan", "BAB I", "Pasal 1", "KETENTUAN PENUTUP"):
            self.assertIn(expected, text)
        self._assert_parties(agreement, text)
        for party in agreement.party_ids:
            self.assertIn(f"KEPALA DESA {party.region_id.name.upper()},", text)
        self.assertIn(format_rupiah_terbilang(agreement.amount_total), text)
        for funding in agreement.funding_ids:
            self.assertIn(format_rupiah(funding.amount), text)
        self.assertIn(format_date_id(agreement.date_start), text)
        self.assertIn(format_date_id(agreement.date_end), text)

    def test_perjanjian_bersama_demo(self):
        agreement = self._demo("kerjasama_desa.demo_agreement_pasar")
        text = self._render("kerjasama_desa_report.action_report_perjanjian_bersama", agreement)
        self.assertIn("PERJANJIAN BERSAMA", text)
        self.assertIn("PIHAK KESATU", text)
        self.assertIn("PIHAK KEDUA", text)
        self._assert_parties(agreement, text)
        self.assertIn(format_rupiah_terbilang(agreement.amount_total), text)
        # signed: its number and signing day in words; the signatories by name
        self.assertNotIn("RANCANGAN", text)
        self.assertIn(f"NOMOR: {agreement.document_number}", text)
        self.assertIn(f"Pada hari ini {date_in_words_id(agreement.signing_date)}", text)
        for party in agreement.party_ids:
            self.assertEqual(text.count(party.signatory_name), 2)  # identity and signature
        for expected in ("terlebih dahulu menerangkan", "METERAI", "SAKSI-SAKSI:"):
            self.assertIn(expected, text)
        # the company's legal identity, the asset from the register, the APBDesa codes
        company = agreement.party_ids.filtered(lambda p: p.party_kind == "pihak_ketiga").partner_id
        self.assertIn(f"NIB : {company.kerjasama_nib}", text)
        self.assertIn(f"Akta pendirian : Nomor {company.kerjasama_deed_number} tanggal", text)
        for use in agreement.asset_utilization_ids:
            asset = use.asset_id
            self.assertIn(f"Kode inventaris : {asset.code}", text)
            self.assertIn(f"Nomor {asset.certificate_number}", text)
            self.assertIn(f"Lokasi : {asset.location}", text)
        lines = agreement.funding_ids.apbdes_line_id
        self.assertTrue(lines, "the demo funds the village's share from its APBDesa")
        for line in lines:
            self.assertIn(line.account_code, text)

    def test_perjanjian_bersama_draft_demo(self):
        agreement = self._demo("kerjasama_desa.demo_agreement_sampah_terpadu")
        self.assertEqual(agreement.state, "penyusunan")
        text = self._render("kerjasama_desa_report.action_report_perjanjian_bersama", agreement)
        self.assertIn("RANCANGAN PERJANJIAN BERSAMA", text)
        self.assertIn("Pada hari ini .......... tanggal ..........", text)
        self.assertNotIn(agreement.name, text)

    def test_berita_acara_musyawarah_demo(self):
        musyawarah = self._demo("kerjasama_desa.demo_musyawarah_pelatihan_1")
        text = self._render(
            "kerjasama_desa_report.action_report_berita_acara_musyawarah", musyawarah
        )
        self.assertIn("BERITA ACARA MUSYAWARAH DESA", text)
        self.assertIn(f"NOMOR {musyawarah.berita_acara_number}", text)
        self.assertIn(f"Pada hari ini {date_in_words_id(musyawarah.date)}", text)
        self.assertNotIn("KERJA SAMA KERJA SAMA", text)
        self.assertIn(musyawarah.region_id.name, text)
        self.assertIn(musyawarah.agreement_id.title, text)
        self.assertIn(format_rupiah_terbilang(musyawarah.agreement_id.amount_total), text)
        # the meeting's own record: attendance counted, chair, secretary, community
        # representative; no act dated after the meeting
        count = musyawarah.attendance_count
        self.assertTrue(count)
        self.assertIn(f"dihadiri oleh {count} (", text)
        for name in musyawarah.attendance_ids.mapped("name"):
            self.assertIn(name, text)
        for name in (
            musyawarah.chair_name,
            musyawarah.secretary_name,
            musyawarah.community_representative_name,
        ):
            self.assertIn(name, text)
        self.assertLessEqual(musyawarah.bpd_consent_date, musyawarah.date)
        self.assertIn(str(musyawarah.date.year), musyawarah.berita_acara_number)

    def test_demo_deliberations_precede_what_follows(self):
        """No berita acara dated after the act it precedes; its number in its own year."""
        for musyawarah in self.env["kerjasama.musyawarah"].search([]):
            with self.subTest(musyawarah=musyawarah.display_name):
                self.assertLessEqual(
                    musyawarah.bpd_consent_date or musyawarah.date, musyawarah.date
                )
                agreement = musyawarah.agreement_id
                if agreement.signing_date:
                    self.assertLess(musyawarah.date, agreement.signing_date)
                if "/20" in musyawarah.berita_acara_number:
                    self.assertTrue(
                        musyawarah.berita_acara_number.endswith(str(musyawarah.date.year))
                    )

    def test_laporan_pelaksanaan_demo(self):
        report = self.env["kerjasama.implementation.report"].search(
            [
                ("agreement_id", "=", self.env.ref("kerjasama_desa.demo_agreement_pelatihan").id),
                ("state", "=", "submitted"),
            ],
            limit=1,
        )
        # demo reports recorded as submitted got their letter number
        self.assertTrue(report.number)
        text = self._render("kerjasama_desa_report.action_report_laporan_pelaksanaan", report)
        self.assertIn(report.number, text)
        self.assertIn(format_date_id(report.date_submitted), text)
        self.assertIn(format_date_id(report.period_start), text)
        self.assertIn(format_date_id(report.period_end), text)
        self.assertIn(format_rupiah_terbilang(report.realisation_amount), text)
        self.assertIn("Tembusan", text)
        self._assert_parties(report.agreement_id, text)
        bkad = report.agreement_id.bkad_id
        if bkad and "pengurus_ids" in bkad._fields:
            # with the BKAD bridge the current chair signs the antar-Desa report
            chair = bkad.pengurus_ids.filtered(
                lambda p: p.role_id.code == "ketua" and p.is_current
            )[:1]
            if chair:
                self.assertIn(chair.name, text)
        # recipient stored in Indonesian on the record and printed from it
        self.assertIn(report.recipient, text)
        self.assertNotIn("through", report.recipient_copies)

    def test_bkad_documents_demo(self):
        if "kerjasama.bkad.accountability.report" not in self.env:
            self.skipTest("kerjasama_desa_report_bkad is not installed")
        report = self._demo("kerjasama_desa_bkad.demo_bkad_report_2025_s1")
        text = self._render("kerjasama_desa_report_bkad.action_report_bkad_accountability", report)
        self.assertIn(f"NOMOR {report.name}", text)
        self.assertIn(report.bkad_id.name.upper(), text)
        self.assertIn(format_rupiah_terbilang(report.balance_closing), text)
        self.assertIn(format_rupiah(report.income_contribution), text)
        self.assertIn(format_rupiah(report.expense_total), text)
        for region in report.bkad_id.member_region_ids:
            self.assertIn(region.name, text)
        mad = self._demo("kerjasama_desa_bkad.demo_bkad_mad_2025_01")
        text = self._render("kerjasama_desa_report_bkad.action_report_bkad_mad", mad)
        self.assertIn("MUSYAWARAH ANTAR-DESA", text)
        self.assertIn(f"Desa yang hadir {mad.present_count} dari {mad.invited_count}", text)
        for decision in mad.decision_ids:
            self.assertIn(decision.name[:40], text)

    def test_recap_demo_kabupaten(self):
        kabupaten = self._demo("kerjasama_desa.region_32_05")
        Wizard = self.env["kerjasama.recap.wizard"]
        vals = {"kabupaten_id": kabupaten.id}
        for fname in Wizard._fields:
            if fname.startswith("sheet_") and fname not in ("sheet_kecamatan", "sheet_desa"):
                vals[fname] = False
        wizard = Wizard.create(vals)
        wizard.action_export()
        content = base64.b64decode(wizard.attachment_id.datas)
        book = openpyxl.load_workbook(io.BytesIO(content))
        cached = openpyxl.load_workbook(io.BytesIO(content), data_only=True)
        sheet = book["Per Kecamatan"]
        rows = list(sheet.iter_rows(min_row=4, values_only=True))
        end = next(i for i, row in enumerate(rows) if "JUMLAH" in row)
        rows, total = rows[:end], rows[end]
        self.assertTrue(rows)
        self.assertIsNone(total[AMOUNT])  # the whole values repeat per kecamatan: not summed
        self.assertEqual(total[SHARE], f"=SUBTOTAL(9,R4:R{3 + len(rows)})")
        amounts = {}
        for index, row in enumerate(rows, start=4):
            self.assertEqual(sheet.cell(index, 13).data_type, "n")
            amounts[row[5]] = row[12]  # by title: a draft not yet registered has no number
        agreements = self.env["kerjasama.agreement"].search([("title", "in", list(amounts))])
        self.assertEqual(len(agreements), len(amounts))
        # every row carries the value of its agreement
        self.assertEqual(amounts, {a.title: a.amount_total for a in agreements})
        db_total = self.env["kerjasama.agreement"]._read_group(
            [("id", "in", agreements.ids)], [], ["amount_total:sum"]
        )[0][0]
        self.assertGreater(db_total, 0)
        # the desa shares add up to the financing lines of the desa in the database, and with
        # the pihak ketiga's lines to the register's total
        Funding = self.env["kerjasama.agreement.funding"]
        desa_lines = Funding._read_group(
            [("agreement_id", "in", agreements.ids), ("region_id", "!=", False)],
            [],
            ["amount:sum"],
        )[0][0]
        third_party = Funding._read_group(
            [("agreement_id", "in", agreements.ids), ("region_id", "=", False)],
            [],
            ["amount:sum"],
        )[0][0]
        for name in ("Per Kecamatan", "Per Desa"):
            values = list(cached[name].iter_rows(min_row=4, values_only=True))
            end = next(i for i, row in enumerate(values) if "JUMLAH" in row)
            self.assertEqual(values[end][SHARE], desa_lines, name)
            after = {row[3]: row[SHARE] for row in values[end + 1 :] if row[3]}
            self.assertEqual(after["Pendanaan pihak ketiga (bukan bagian desa)"], third_party)
            self.assertEqual(
                after[f"Nilai {len(agreements)} kerja sama menurut register"], db_total, name
            )
            self.assertEqual(after["Selisih register - (JUMLAH + pendanaan lain)"], 0, name)
        self.assertEqual(desa_lines + third_party, db_total)
        assert_formulas_cached(self, content)


@tagged("post_install", "-at_install")
class TestFontCoverage(TransactionCase):
    """Every character of every region name of the Kepmendagri data has a glyph in the fonts
    the documents register."""

    def test_region_names_have_glyphs(self):
        engine.register_fonts()
        path = file_path(REGION_DATA)
        self.assertTrue(os.path.isfile(path))
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            characters = set(handle.read())
        characters -= {"\n", "\r", "\t"}
        self.assertGreater(len(characters), 40)
        for font_name in ("KDSerif", "KDSerif-Bold", "KDSans"):
            font = pdfmetrics.getFont(font_name)
            cmap = font.face.charToGlyph
            missing = sorted(c for c in characters if ord(c) not in cmap)
            self.assertFalse(missing, f"{font_name} lacks glyphs for {missing!r}")

    def test_missing_glyph_is_detected(self):
        # a character DejaVu does not carry (a CJK ideograph) is reported as missing
        engine.register_fonts()
        self.assertNotIn(ord("\u4e00"), pdfmetrics.getFont("KDSerif").face.charToGlyph)
