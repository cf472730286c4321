# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import base64
import datetime
import io

import openpyxl

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import KerjasamaReportCase


@tagged("post_install", "-at_install")
class TestRecap(KerjasamaReportCase):
    def _wizard(self, **vals):
        """A wizard; the sheets other addons add (BKAD bridge) are switched off."""
        Wizard = self.env["kerjasama.recap.wizard"]
        for fname in Wizard._fields:
            if fname.startswith("sheet_") and fname not in ("sheet_kecamatan", "sheet_desa"):
                vals.setdefault(fname, fname == "sheet_apbdes")
        return Wizard.create(vals)

    def _export(self, **vals):
        wizard = self._wizard(**vals)
        action = wizard.action_export()
        self.assertEqual(action["type"], "ir.actions.act_url")
        self.assertIn(f"/web/content/{wizard.attachment_id.id}", action["url"])
        return openpyxl.load_workbook(io.BytesIO(base64.b64decode(wizard.attachment_id.datas)))

    def _rows(self, sheet):
        """Data rows (below the header on row 3), without the totals row."""
        rows = list(sheet.iter_rows(min_row=4, values_only=True))
        return rows[:-1], rows[-1]

    def test_recap_per_kecamatan_and_desa(self):
        book = self._export(kabupaten_id=self.kabupaten.id, sheet_apbdes=False)
        self.assertEqual(book.sheetnames, ["Per Kecamatan", "Per Desa", "Filter"])
        sheet = book["Per Kecamatan"]
        self.assertEqual(sheet.freeze_panes, "A4")
        self.assertTrue(sheet.auto_filter.ref.startswith("A3:"))
        self.assertEqual(sheet.cell(3, 5).value, "Nomor Registrasi")
        rows, total = self._rows(sheet)
        # antar-Desa spans two kecamatan: one row under each; pihak ketiga: one row
        self.assertEqual(len(rows), 3)
        by_kecamatan = {}
        for row in rows:
            by_kecamatan.setdefault(row[3], []).append(row)
        self.assertEqual(sorted(by_kecamatan), ["Cibodas", "Sukaresmi"])
        water = by_kecamatan["Cibodas"][0]
        self.assertEqual(water[5], "Pengelolaan Air Bersih Bersama")
        self.assertIn("Desa Sukamaju & Ciburuy", water[7])
        self.assertIn("Desa Ngadirejo Ēndah", water[7])
        self.assertEqual(water[8], "Pembangunan Desa Uji")
        self.assertEqual(water[10], datetime.datetime(2026, 11, 21))
        self.assertEqual(water[11], datetime.datetime(2028, 11, 20))
        self.assertEqual(sheet.cell(4, 13).data_type, "n")  # a number, not a text
        self.assertEqual(sheet.cell(4, 11).data_type, "d")  # a date
        self.assertEqual(water[12], self.antar_desa.amount_total)
        self.assertEqual(water[12], 76250000)
        self.assertEqual(water[6], "Antar-Desa")
        self.assertEqual(water[13], "Persiapan")
        self.assertEqual(water[14], "Belum ada laporan")
        self.assertEqual(total[3], "JUMLAH")
        self.assertEqual(total[12], f"=SUBTOTAL(9,M4:M{3 + len(rows)})")
        self.assertEqual(sheet.cell(4, 13).number_format, '"Rp" #,##0;-"Rp" #,##0')
        # per desa: one row per agreement and desa, with the desa's own share
        rows, total = self._rows(book["Per Desa"])
        self.assertEqual([r[2] for r in rows], ["94.09.01.2001", "94.09.02.2002", "94.09.02.2003"])
        self.assertEqual([r[15] for r in rows], [1250000, 75000000, 3500000])
        shares = self.env["kerjasama.agreement.funding"]._read_group(
            [("agreement_id", "in", (self.antar_desa | self.pihak_ketiga).ids)], [], ["amount:sum"]
        )[0][0]
        self.assertEqual(sum(r[15] for r in rows), shares)
        self.assertEqual(total[15], "=SUBTOTAL(9,P4:P6)")
        filters = {
            r[0]: r[1] for r in book["Filter"].iter_rows(min_row=3, values_only=True) if r[0]
        }
        self.assertEqual(filters["Kabupaten/Kota"], "Kabupaten Uji")
        self.assertEqual(filters["Kecamatan"], "Semua")

    def test_filters_narrow_the_rows(self):
        book = self._export(
            kecamatan_ids=[(6, 0, self.kecamatan_b.ids)],
            kind="pihak_ketiga",
            date_from=datetime.date(2026, 1, 1),
            date_to=datetime.date(2026, 12, 31),
            sheet_apbdes=False,
        )
        rows, _total = self._rows(book["Per Desa"])
        self.assertEqual([r[5] for r in rows], ["Pengelolaan Sampah Terpadu"])
        filters = {
            r[0]: r[1] for r in book["Filter"].iter_rows(min_row=3, values_only=True) if r[0]
        }
        self.assertEqual(filters["Periode dari"], "1 Januari 2026")
        self.assertEqual(filters["Kecamatan"], "Sukaresmi")
        # period before every agreement: nothing
        book = self._export(
            date_from=datetime.date(2020, 1, 1), date_to=datetime.date(2020, 12, 31)
        )
        rows, _total = self._rows(book["Per Kecamatan"])
        self.assertFalse([r for r in rows if r[1] == "Kabupaten Uji"])

    def test_empty_result_is_a_valid_file(self):
        book = self._export(region_ids=[(6, 0, self.desa_a.ids)], kind="pihak_ketiga")
        for name in ("Per Kecamatan", "Per Desa", "APBDesa"):
            sheet = book[name]
            rows = list(sheet.iter_rows(min_row=4, values_only=True))
            self.assertEqual(len(rows), 1, name)  # the totals row only
            self.assertIn("JUMLAH", rows[0])
        self.assertEqual(book["Per Desa"].cell(3, 1).value, "No")

    def test_bad_filters(self):
        wizard = self._wizard(
            date_from=datetime.date(2026, 12, 31), date_to=datetime.date(2026, 1, 1)
        )
        with self.assertRaisesRegex(UserError, "ends .* before it starts"):
            wizard.action_export()
        wizard = self._wizard(sheet_kecamatan=False, sheet_desa=False, sheet_apbdes=False)
        with self.assertRaisesRegex(UserError, "at least one recap"):
            wizard.action_export()
        other_kab = self.env["kerjasama.region"].create(
            {"code": "94.08", "name": "Kabupaten Lain", "parent_id": self.provinsi.id}
        )
        wizard = self._wizard(
            kabupaten_id=other_kab.id, kecamatan_ids=[(6, 0, self.kecamatan_a.ids)]
        )
        with self.assertRaisesRegex(UserError, "would be empty"):
            wizard.action_export()
        wizard = self._wizard(
            kecamatan_ids=[(6, 0, self.kecamatan_a.ids)], region_ids=[(6, 0, self.desa_c.ids)]
        )
        with self.assertRaisesRegex(UserError, "outside the selected regions"):
            wizard.action_export()
        self.assertFalse(wizard.attachment_id)

    def test_apbdes_linkage(self):
        apbdes = self.env["kerjasama.apbdes"].create({"region_id": self.desa_a.id, "year": 2026})
        line = self.env["kerjasama.apbdes.line"].create(
            {
                "apbdes_id": apbdes.id,
                "account_code_id": self.env.ref(
                    "kerjasama_desa.kerjasama_account_code_rek_5_2_1_01"
                ).id,
                "kegiatan_id": self.env.ref(
                    "kerjasama_desa.kerjasama_account_code_kegiatan_01_04_09"
                ).id,
                "description": "Iuran kerja sama air bersih",
                "amount": 1500000,
            }
        )
        funding_a = self.antar_desa.funding_ids.filtered(lambda f: f.region_id == self.desa_a)
        funding_a.apbdes_line_id = line
        apbdes.action_approve()
        self.env["kerjasama.apbdes.realization"].create(
            {
                "line_id": line.id,
                "date": datetime.date(2026, 12, 1),
                "reference": "BKU/12/001",
                "amount": 1000000,
            }
        )
        book = self._export(
            kabupaten_id=self.kabupaten.id,
            date_from=datetime.date(2026, 1, 1),
            date_to=datetime.date(2026, 12, 31),
            sheet_kecamatan=False,
            sheet_desa=False,
        )
        self.assertEqual(book.sheetnames, ["APBDesa", "Filter"])
        sheet = book["APBDesa"]
        rows, total = self._rows(sheet)
        by_desa = {row[2]: row for row in rows}
        self.assertEqual(sorted(by_desa), ["94.09.01.2001", "94.09.02.2002", "94.09.02.2003"])
        desa_a = by_desa["94.09.01.2001"]
        self.assertEqual(desa_a[4], 2026)
        self.assertEqual(desa_a[5:8], (1250000, 1500000, 1000000))
        row_number = 4 + rows.index(desa_a)
        self.assertEqual(desa_a[8], f"=F{row_number}-H{row_number}")
        self.assertEqual(desa_a[9], f"=G{row_number}-H{row_number}")
        # not yet budgeted: planned only, in the year the agreement starts
        self.assertEqual(by_desa["94.09.02.2002"][5:8], (75000000, 0, 0))
        self.assertEqual(by_desa["94.09.02.2003"][5:8], (3500000, 0, 0))
        self.assertEqual(total[5], f"=SUBTOTAL(9,F4:F{3 + len(rows)})")
        planned = sum(
            self.env["kerjasama.agreement.funding"]
            .search([("region_id", "child_of", self.kabupaten.id)])
            .mapped("amount")
        )
        self.assertEqual(sum(row[5] for row in rows), planned)
