# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import datetime

from odoo.tests import tagged

from ..report.engine import DOTS
from ..report.report_agreement_common import (
    KETUA_BPD,
    SEKRETARIS_DESA,
    date_in_words_id,
    legal_basis_lines,
    nomor_tahun,
    party_document_number,
    party_signatory,
    regent_title,
)
from .common import KerjasamaReportCase, sign_for_test


@tagged("post_install", "-at_install")
class TestReportHelpers(KerjasamaReportCase):
    def test_party_signatory(self):
        party_a, party_b = self.antar_desa.party_ids
        # no signatory recorded: the kepala desa of the village
        self.assertEqual(
            party_signatory(party_a), ("Asep Saepudin", "Kepala Desa Sukamaju & Ciburuy")
        )
        # an office recorded as the signatory is no name
        party_a.write({"signatory_name": "Kepala Desa", "signatory_title": "Kepala Desa"})
        self.assertEqual(party_signatory(party_a)[0], "Asep Saepudin")
        self.desa_a.partner_id.kepala_desa_name = False
        self.assertEqual(party_signatory(party_a), (DOTS, "Kepala Desa Sukamaju & Ciburuy"))
        # a recorded name and a specific office win
        party_b.write({"signatory_name": "Drs. Wawan", "signatory_title": "Penjabat Kepala Desa"})
        self.assertEqual(party_signatory(party_b), ("Drs. Wawan", "Penjabat Kepala Desa"))
        # a pihak ketiga: its signatory, never its office as a name
        company = self.pihak_ketiga.party_ids.filtered(lambda p: not p.region_id)
        self.assertEqual(party_signatory(company), ("Ir. Bambang Wijaya", "Direktur Utama"))
        company.write({"signatory_name": "Direktur Utama"})
        self.assertEqual(party_signatory(company), (DOTS, "Direktur Utama"))
        # the other officials of a desa, from the desa itself
        self.desa_b.partner_id.bpd_chair_name = "H. Endang"
        self.assertEqual(
            party_signatory(self.desa_b, KETUA_BPD),
            ("H. Endang", "Ketua Badan Permusyawaratan Desa Ngadirejo Ēndah"),
        )
        self.assertEqual(
            party_signatory(self.desa_b, SEKRETARIS_DESA),
            (DOTS, "Sekretaris Desa Ngadirejo Ēndah"),
        )

    def test_document_number(self):
        party = self.antar_desa.party_ids[:1]
        # never the internal register number
        self.assertTrue(self.antar_desa.name.startswith("KSD/"))
        self.assertEqual(party_document_number(self.antar_desa, party), "")
        sign_for_test(self.antar_desa, "6 TAHUN 2026", datetime.date(2026, 3, 31), "berjalan")
        self.assertEqual(party_document_number(self.antar_desa, party), "6 TAHUN 2026")
        # the year is the stipulation's, whatever the recorded number says
        self.assertEqual(
            nomor_tahun("6 TAHUN 2026", datetime.date(2025, 3, 31)), "NOMOR 6 TAHUN 2025"
        )
        self.assertEqual(nomor_tahun("6", datetime.date(2025, 3, 31)), "NOMOR 6 TAHUN 2025")
        self.assertEqual(nomor_tahun("", False), "NOMOR .... TAHUN ....")

    def test_legal_basis(self):
        standard = legal_basis_lines("")
        self.assertEqual(len(standard), 4)
        self.assertTrue(all(line.endswith(";") for line in standard))
        self.assertIn("Tambahan Lembaran Negara Republik Indonesia Nomor 5539", standard[1])
        # items citing only listed regulations are not repeated; others are, written out
        lines = legal_basis_lines(
            "UU 6/2014 Pasal 91-92; Undang-Undang Nomor 3 Tahun 2024; PP 47/2015;\n"
            "Permendagri 1/2016 tentang Pengelolaan Aset Desa.\n"
            "Peraturan Bupati Garut Nomor 10 Tahun 2020 tentang Kerja Sama Desa"
        )
        self.assertEqual(
            lines[4:],
            [
                "Peraturan Menteri Dalam Negeri Nomor 1 Tahun 2016 tentang Pengelolaan Aset "
                "Desa;",
                "Peraturan Bupati Garut Nomor 10 Tahun 2020 tentang Kerja Sama Desa;",
            ],
        )

    def test_words_and_titles(self):
        self.assertEqual(
            date_in_words_id(datetime.date(2025, 3, 24)),
            "Senin tanggal dua puluh empat bulan Maret tahun dua ribu dua puluh lima",
        )
        self.assertEqual(regent_title(self.kabupaten), "Bupati Uji")
        kota = self.env["kerjasama.region"].create(
            {"code": "94.71", "name": "Kota Uji", "parent_id": self.provinsi.id}
        )
        self.assertTrue(kota.is_kota)
        self.assertEqual(regent_title(kota), "Wali Kota Uji")
