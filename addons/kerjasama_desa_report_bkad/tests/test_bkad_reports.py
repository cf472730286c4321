# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import base64
import datetime
import io

import openpyxl

from odoo.tests import TransactionCase, tagged

from odoo.addons.kerjasama_desa.tools.formatting import format_date_id
from odoo.addons.kerjasama_desa_report.tests.common import (
    KerjasamaReportCase,
    pdf_text,
    pdf_words,
    phrase_page,
)


@tagged("post_install", "-at_install")
class TestBkadReports(KerjasamaReportCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.bkad = cls.env["kerjasama.bkad"].create(
            {
                "name": "BKAD Sukaresmi Raya",
                "member_region_ids": [(6, 0, (cls.desa_b | cls.desa_c).ids)],
                "peraturan_bersama_number": "1 Tahun 2026",
                "peraturan_bersama_date": datetime.date(2026, 1, 5),
                "mad_quorum_percent": 50.0,
            }
        )
        cls.bkad.action_activate()
        cls.env["kerjasama.bkad.pengurus"].create(
            {
                "name": "Ujang Kurniawan",
                "bkad_id": cls.bkad.id,
                "role_id": cls.env.ref("kerjasama_desa_bkad.bkad_role_ketua").id,
                "region_id": cls.desa_b.id,
                "date_start": datetime.date(2026, 1, 1),
            }
        )
        cls.contribution = cls.env["kerjasama.bkad.contribution"].create(
            {
                "bkad_id": cls.bkad.id,
                "year": 2026,
                "region_id": cls.desa_b.id,
                "amount_owed": 10000000,
            }
        )
        Ledger = cls.env["kerjasama.bkad.ledger"]
        cls.ledger = Ledger.create(
            [
                {
                    "bkad_id": cls.bkad.id,
                    "date": datetime.date(2026, 2, 10),
                    "entry_type": "contribution",
                    "contribution_id": cls.contribution.id,
                    "description": "Iuran Desa Ngadirejo",
                    "amount": 4000000,
                },
                {
                    "bkad_id": cls.bkad.id,
                    "date": datetime.date(2026, 3, 5),
                    "entry_type": "income",
                    "description": "Hibah",
                    "amount": 500000,
                },
            ]
        )
        cls.ledger.action_post()

    def test_accountability_report(self):
        report = self.env["kerjasama.bkad.accountability.report"].create(
            {
                "title": "Semester I 2026",
                "bkad_id": self.bkad.id,
                "date_from": datetime.date(2026, 1, 1),
                "date_to": datetime.date(2026, 6, 30),
                "summary": "Pengelolaan air bersih berjalan baik.",
                "issues": "Iuran Desa Mekarsari belum dibayar.",
            }
        )
        self.assertEqual(report.balance_closing, 4500000)
        content, _ext = self.Report._render(
            "kerjasama_desa_report_bkad.accountability_report", report.ids
        )
        text = pdf_text(content)
        for expected in (
            "LAPORAN PERTANGGUNGJAWABAN",
            "BKAD SUKARESMI RAYA",
            "PERIODE 1 JANUARI 2026 SAMPAI DENGAN 30 JUNI 2026",
            "Kepala Desa Ngadirejo Ēndah",
            "Kepala Desa Mekarsari",
            "Pengelolaan air bersih berjalan baik.",
            "Rp 4.000.000",
            "Rp 500.000",
            "Rp 4.500.000 (empat juta lima ratus ribu rupiah)",
            "terutang Rp 10.000.000, dibayar Rp 4.000.000",
            "Iuran Desa Mekarsari belum dibayar.",
            "KETUA BKAD SUKARESMI RAYA,",
            "Ujang Kurniawan",
            "Ketua Badan Permusyawaratan Desa Mekarsari",
            "Bupati Uji melalui Camat Sukaresmi",
            "Halaman 1 dari",
        ):
            self.assertIn(expected, text)

    def test_berita_acara_mad(self):
        mad = self.env["kerjasama.mad"].create(
            {
                "subject": "Penetapan Program Kerja 2026",
                "bkad_id": self.bkad.id,
                "place": "Balai Desa Mekarsari",
                "date": datetime.datetime(2026, 11, 23, 2, 30),  # 09.30 in Jakarta
                "agenda": "Pembahasan program kerja.",
                "minutes": "Musyawarah dibuka oleh Ketua BKAD.",
                "chair_name": "Ujang Kurniawan",
                "secretary_name": "Neng Rina",
            }
        )
        self.assertEqual(len(mad.attendance_ids), 2)
        mad.attendance_ids.write({"present": True, "delegate_names": "Kepala Desa dan BPD"})
        mad.action_hold()
        mad.decision_ids = [(0, 0, {"decision_type": "other", "name": "Menyepakati iuran 2026."})]
        mad.action_close()
        self.env.user.tz = "Asia/Jakarta"
        content, _ext = self.Report._render("kerjasama_desa_report_bkad.berita_acara_mad", mad.ids)
        text = pdf_text(content)
        for expected in (
            "BERITA ACARA",
            "MUSYAWARAH ANTAR-DESA",
            "BKAD SUKARESMI RAYA",
            f"NOMOR {mad.name}",
            "TENTANG PENETAPAN PROGRAM KERJA 2026",
            "Pada hari ini Senin, tanggal 23 November 2026, pukul 09.30 WIB, bertempat di Balai "
            "Desa Mekarsari, telah diselenggarakan Musyawarah Antar-Desa BKAD Sukaresmi Raya, "
            "dipimpin oleh Ujang Kurniawan dengan notulis Neng Rina",
            "Desa Ngadirejo Ēndah",
            "Hadir",
            "Desa yang hadir 2 dari 2 Desa",
            "memenuhi kuorum",
            "Musyawarah dibuka oleh Ketua BKAD.",
            "1. Menyepakati iuran 2026.",
            # dated on the day of the meeting, not on the day it was closed
            "Sukaresmi, 23 November 2026",
            "KEPALA DESA MEKARSARI,",
            "Siti Ñurhaliza",
            "PIMPINAN MUSYAWARAH,",
            "Ujang Kurniawan",
            "NOTULIS,",
        ):
            self.assertIn(expected, text)
        # the chair of the BKAD chaired: he signs once
        self.assertEqual(text.count("Ujang Kurniawan"), 2)  # the opening sentence, the signature
        self.assertNotIn("KETUA BKAD SUKARESMI RAYA,", text)

    def test_berita_acara_mad_of_agreement(self):
        """The berita acara of a meeting on an antar-desa agreement (no BKAD): the invited
        desa meet, the decision on the agreement is written out, and the document carries the
        date of the meeting even when it is closed later."""
        mad = self.env["kerjasama.mad"].create(
            {
                "agreement_id": self.antar_desa.id,
                "place": "Balai Desa Ngadirejo",
                "date": datetime.datetime(2025, 3, 3, 1, 0),  # Monday 08.00 in Jakarta
                "agenda": "Pembahasan rancangan Peraturan Bersama.",
                "minutes": "Para Kepala Desa membahas rancangan pasal demi pasal.",
                "chair_name": "Asep Saepudin",
                "secretary_name": "Ujang Sekdes",
            }
        )
        self.assertEqual(mad.subject, "Draft Peraturan Bersama on Pengelolaan Air Bersih Bersama")
        # the officials register names the kepala desa in office on the day of the meeting
        self.env["kerjasama.desa.official"].create(
            [
                {
                    "region_id": self.desa_b.id,
                    "name": "Endang Permana",
                    "office": "kepala_desa",
                    "date_start": datetime.date(2020, 1, 1),
                },
                {
                    "region_id": self.desa_a.id,
                    "name": "Drs. Wawan Setiawan",
                    "office": "pj_kepala_desa",
                    "date_start": datetime.date(2024, 6, 1),
                    "date_end": datetime.date(2025, 6, 30),
                },
            ]
        )
        mad.attendance_ids.write({"present": True})
        mad.action_hold()
        mad.decision = "agreed"
        mad.action_close()
        self.assertNotEqual(mad.date_closed, datetime.date(2025, 3, 3))
        self.assertTrue(mad.name.startswith("BA-MAD/94.09/2025/"), mad.name)
        self.env.user.tz = "Asia/Jakarta"
        content, _ext = self.Report._render("kerjasama_desa_report_bkad.berita_acara_mad", mad.ids)
        text = pdf_text(content)
        for expected in (
            f"NOMOR {mad.name}",
            "Pada hari ini Senin, tanggal 3 Maret 2025, pukul 08.00",
            "Musyawarah Antar-Desa Desa Sukamaju & Ciburuy dan Desa Ngadirejo Ēndah",
            "Para Kepala Desa membahas rancangan pasal demi pasal.",
            "1. Menyepakati rancangan Peraturan Bersama Kepala Desa tentang Pengelolaan Air "
            "Bersih Bersama.",
            # dated in the town of the meeting (the kecamatan of the first desa invited)
            "Cibodas, 3 Maret 2025",
            "PJ. KEPALA DESA SUKAMAJU & CIBURUY,",
            "Drs. Wawan Setiawan",
            "KEPALA DESA NGADIREJO ĒNDAH,",
            "Endang Permana",
            "PIMPINAN MUSYAWARAH,",
            "Asep Saepudin",
            "NOTULIS,",
            "Ujang Sekdes",
        ):
            self.assertIn(expected, text)
        self.assertNotIn("KETUA", text)
        self.assertNotIn("Siti Ñurhaliza", text)  # the village partner's name gives way

    def test_bkad_finance_recap(self):
        wizard = self.env["kerjasama.recap.wizard"].create(
            {
                "kabupaten_id": self.kabupaten.id,
                "date_from": datetime.date(2026, 1, 1),
                "date_to": datetime.date(2026, 12, 31),
                "sheet_kecamatan": False,
                "sheet_desa": False,
                "sheet_apbdes": False,
                "sheet_ranking": False,
                "sheet_epdeskel": False,
            }
        )
        wizard.action_export()
        book = openpyxl.load_workbook(io.BytesIO(base64.b64decode(wizard.attachment_id.datas)))
        self.assertEqual(book.sheetnames, ["Keuangan BKAD", "Filter"])
        rows = list(book["Keuangan BKAD"].iter_rows(min_row=4, values_only=True))
        data, total = rows[:-1], rows[-1]
        self.assertEqual(len(data), 1)
        row = data[0]
        self.assertEqual(row[1], "BKAD Sukaresmi Raya")
        self.assertEqual(row[3], 2)
        self.assertEqual(row[4:8], (10000000, 4000000, 500000, 0))
        self.assertEqual(row[8], "=F4+G4-H4")
        self.assertEqual(row[9], 4500000)
        self.assertEqual(total[9], "=SUBTOTAL(9,J4:J4)")


@tagged("post_install", "-at_install")
class TestDemoMad(TransactionCase):
    """The demo berita acara of the Musyawarah Antar-Desa (``make test`` installs the demo):
    dated on the meeting's own day, with their proceedings."""

    def test_demo_berita_acara_dated_on_meeting_day(self):
        xmlids = [
            "kerjasama_desa_bkad.demo_bkad_mad_2025_01",
            "kerjasama_desa_bkad.demo_bkad_mad_2025_06",
            "kerjasama_desa.demo_mad_sid_leles",
            "kerjasama_desa.demo_mad_pelatihan",
            "kerjasama_desa.demo_mad_banjir",
        ]
        meetings = self.env["kerjasama.mad"]
        for xmlid in xmlids:
            meetings |= self.env.ref(xmlid, raise_if_not_found=False) or meetings
        if not meetings:
            self.skipTest("the demo data is not installed")
        self.env.user.tz = "Asia/Jakarta"
        for mad in meetings:
            with self.subTest(mad=mad.display_name):
                self.assertEqual(mad.state, "closed")
                self.assertTrue(mad.minutes and mad.chair_name and mad.secretary_name)
                day = mad._local_date()
                self.assertIn(f"/{day.year}/", mad.name)
                content, _ext = self.env["ir.actions.report"]._render(
                    "kerjasama_desa_report_bkad.berita_acara_mad", mad.ids
                )
                text = pdf_text(content)
                town = mad.attendance_ids.region_id.kecamatan_id[:1].name
                self.assertIn(f"{town}, {format_date_id(day)}", text)
                # the signatures keep with the closing words
                words = pdf_words(content)
                self.assertEqual(
                    phrase_page(self, words, "PIMPINAN MUSYAWARAH,"),
                    phrase_page(self, words, "Demikian Berita Acara ini dibuat"),
                )
                # a BKAD's meeting carries the BKAD's own heading, never the kabupaten's
                self.assertNotIn("PEMERINTAH KABUPATEN", text)
                self.assertIn(f"tanggal {format_date_id(day)}", text)
                self.assertIn(" ".join(mad.minutes.split("\n")[0].split()), text)
