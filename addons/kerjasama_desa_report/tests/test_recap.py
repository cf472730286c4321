# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import ast
import base64
import datetime
import io
import re

import openpyxl
from freezegun import freeze_time

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import KerjasamaReportCase

CELL = re.compile(r"\$?([A-Z]{1,3})\$?(\d+)")
SUBTOTAL = re.compile(r"^=SUBTOTAL\(9,([A-Z]{1,3})(\d+):([A-Z]{1,3})(\d+)\)$")
# columns (0-based) of the per-kecamatan and per-desa sheets
AMOUNT, CONTRIBUTION, INCOME, SHARE = 12, 15, 16, 17


def _arithmetic(node):
    """Value of a formula made of numbers, + and - (the recap's row formulas)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, int | float):
        return node.value
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        return -_arithmetic(node.operand)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add | ast.Sub):
        left, right = _arithmetic(node.left), _arithmetic(node.right)
        return left + right if isinstance(node.op, ast.Add) else left - right
    raise ValueError(f"Unexpected formula element {ast.dump(node)}")


def assert_formulas_cached(test, content):
    """Every formula of the workbook carries its computed value as cached result (what a
    viewer that does not recalculate shows): SUBTOTAL totals equal the sum of their column,
    row formulas the arithmetic of their cells."""
    formulas = openpyxl.load_workbook(io.BytesIO(content))
    values = openpyxl.load_workbook(io.BytesIO(content), data_only=True)
    count = 0
    for sheet in formulas.worksheets:
        cached = values[sheet.title]
        for row in sheet.iter_rows():
            for cell in row:
                if not (isinstance(cell.value, str) and cell.value.startswith("=")):
                    continue
                count += 1
                value = cached[cell.coordinate].value
                test.assertIsInstance(value, int | float, f"{sheet.title}!{cell.coordinate}")
                match = SUBTOTAL.match(cell.value)
                if match:
                    col, first, _col, last = match.groups()
                    expected = sum(
                        cached[f"{col}{r}"].value or 0 for r in range(int(first), int(last) + 1)
                    )
                else:
                    expression = CELL.sub(
                        lambda m, c=cached: repr(float(c[f"{m[1]}{m[2]}"].value or 0)),
                        cell.value[1:],
                    )
                    expected = _arithmetic(ast.parse(expression, mode="eval").body)
                test.assertAlmostEqual(value, expected, 2, f"{sheet.title}!{cell.coordinate}")
    return count


@tagged("post_install", "-at_install")
class TestRecap(KerjasamaReportCase):
    def _wizard(self, **vals):
        """A wizard; the sheets other addons add (BKAD bridge) are switched off."""
        Wizard = self.env["kerjasama.recap.wizard"]
        for fname in Wizard._fields:
            if fname.startswith("sheet_") and fname not in ("sheet_kecamatan", "sheet_desa"):
                vals.setdefault(fname, fname == "sheet_apbdes")
        return Wizard.create(vals)

    def _export_content(self, **vals):
        wizard = self._wizard(**vals)
        action = wizard.action_export()
        self.assertEqual(action["type"], "ir.actions.act_url")
        self.assertIn(f"/web/content/{wizard.attachment_id.id}", action["url"])
        return base64.b64decode(wizard.attachment_id.datas)

    def _export(self, data_only=False, **vals):
        content = self._export_content(**vals)
        return openpyxl.load_workbook(io.BytesIO(content), data_only=data_only)

    def _rows(self, sheet):
        """Data rows (below the header on row 3) and the totals row."""
        data, total, _after = self._blocks(sheet)
        return data, total

    def _blocks(self, sheet):
        """(data rows, the JUMLAH row, the rows below it: the reconciliation)."""
        rows = list(sheet.iter_rows(min_row=4, values_only=True))
        index = next(i for i, row in enumerate(rows) if "JUMLAH" in row)
        return rows[:index], rows[index], [row for row in rows[index + 1 :] if any(row)]

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
        # the whole value of an agreement repeats on each of its rows: never summed
        self.assertIsNone(total[AMOUNT])
        self.assertEqual(total[SHARE], f"=SUBTOTAL(9,R4:R{3 + len(rows)})")
        self.assertEqual(sheet.cell(4, 13).number_format, '"Rp" #,##0;-"Rp" #,##0')
        # the kecamatan's share: the financing lines of its desa
        shares = {(r[3], r[5]): r[CONTRIBUTION : SHARE + 1] for r in rows}
        self.assertEqual(shares["Cibodas", self.antar_desa.title][:2], (1250000, 0))
        self.assertEqual(shares["Sukaresmi", self.antar_desa.title][:2], (75000000, 0))
        self.assertEqual(shares["Sukaresmi", self.pihak_ketiga.title][:2], (0, 3500000))
        self.assertEqual(rows[0][SHARE], "=P4+Q4")
        self.assertIn("Bagian Desa di Kecamatan", sheet.cell(2, 1).value)
        # per desa: one row per agreement and desa, with the desa's own share
        sheet = book["Per Desa"]
        self.assertEqual(sheet.cell(3, 16).value, "Kontribusi Desa (Rp)")
        self.assertEqual(sheet.cell(3, 17).value, "Pendapatan Desa (Rp)")
        self.assertEqual(sheet.cell(3, 18).value, "Bagian Desa (Rp)")
        self.assertIn("kontribusi pihak ketiga bukan bagian desa", sheet.cell(2, 1).value)
        rows, total = self._rows(sheet)
        self.assertEqual([r[2] for r in rows], ["94.09.01.2001", "94.09.02.2002", "94.09.02.2003"])
        self.assertEqual([r[CONTRIBUTION] for r in rows], [1250000, 75000000, 0])
        self.assertEqual([r[INCOME] for r in rows], [0, 0, 3500000])
        self.assertEqual(total[SHARE], "=SUBTOTAL(9,R4:R6)")
        filters = {
            r[0]: r[1] for r in book["Filter"].iter_rows(min_row=3, values_only=True) if r[0]
        }
        self.assertEqual(filters["Kabupaten/Kota"], "Kabupaten Uji")
        self.assertEqual(filters["Kecamatan"], "Semua")

    def _funding_sum(self, domain):
        return self.env["kerjasama.agreement.funding"]._read_group(domain, [], ["amount:sum"])[0][0]

    def test_desa_shares_reconcile_with_register(self):
        """Each desa row carries the desa's own financing lines (a pihak ketiga's contribution
        is no desa's); the JUMLAH equals the database sum of those lines and, with the pihak
        ketiga's lines, the register's total of the agreements."""
        company = self.pihak_ketiga.party_ids.filtered(lambda p: not p.region_id)
        self.env["kerjasama.agreement.funding"].create(
            {
                "agreement_id": self.pihak_ketiga.id,
                "party_id": company.id,
                "source": "pihak_ketiga",
                "amount": 2000000,
                "description": "Armada pengangkutan",
            }
        )
        agreements = self.antar_desa | self.pihak_ketiga
        content = self._export_content(kabupaten_id=self.kabupaten.id, sheet_apbdes=False)
        book = openpyxl.load_workbook(io.BytesIO(content), data_only=True)
        desa_lines = self._funding_sum(
            [("agreement_id", "in", agreements.ids), ("region_id", "!=", False)]
        )
        register = sum(agreements.mapped("amount_total"))
        self.assertEqual(desa_lines, 79750000)
        self.assertEqual(register, 81750000)
        for name in ("Per Kecamatan", "Per Desa"):
            data, total, after = self._blocks(book[name])
            self.assertEqual(sum(r[SHARE] for r in data), desa_lines, name)
            # the cached value of the JUMLAH formula: what a viewer shows without recalculating
            self.assertEqual(total[SHARE], desa_lines, name)
            self.assertEqual(total[CONTRIBUTION] + total[INCOME], desa_lines, name)
            labels = {row[3]: row[SHARE] for row in after}
            self.assertEqual(labels["Pendanaan pihak ketiga (bukan bagian desa)"], 2000000)
            self.assertEqual(labels["Pendanaan desa di luar wilayah yang dipilih"], 0)
            self.assertEqual(labels["Nilai 2 kerja sama menurut register"], register)
            self.assertEqual(labels["Selisih register - (JUMLAH + pendanaan lain)"], 0)
        self.assertGreater(assert_formulas_cached(self, content), 10)

    def test_desa_shares_with_a_desa_filter(self):
        """Filtered to one desa: the other desa's lines of the same agreement are reported
        apart, and the register still reconciles."""
        content = self._export_content(region_ids=[(6, 0, self.desa_a.ids)], sheet_apbdes=False)
        book = openpyxl.load_workbook(io.BytesIO(content), data_only=True)
        data, total, after = self._blocks(book["Per Desa"])
        self.assertEqual([r[2] for r in data], ["94.09.01.2001"])
        self.assertEqual(total[SHARE], 1250000)
        labels = {row[3]: row[SHARE] for row in after}
        self.assertEqual(labels["Pendanaan desa di luar wilayah yang dipilih"], 75000000)
        self.assertEqual(labels["Pendanaan pihak ketiga (bukan bagian desa)"], 0)
        self.assertEqual(
            labels["Nilai 1 kerja sama menurut register"], self.antar_desa.amount_total
        )
        self.assertEqual(labels["Selisih register - (JUMLAH + pendanaan lain)"], 0)
        assert_formulas_cached(self, content)

    def test_generated_at_in_user_time_zone(self):
        """ "Dibuat pada" in the user's time zone (Asia/Jakarta when none), with its name."""
        Wizard = self.env["kerjasama.recap.wizard"].with_context(tz=False)
        for tz, expected in (
            (False, "2 Desember 2026 pukul 05.18 WIB"),
            ("Asia/Makassar", "2 Desember 2026 pukul 06.18 WITA"),
            ("Asia/Jayapura", "2 Desember 2026 pukul 07.18 WIT"),
        ):
            self.env.user.tz = tz
            wizard = Wizard.create({"sheet_kecamatan": False, "sheet_apbdes": False})
            with freeze_time("2026-12-01 22:18:30"):
                wizard.action_export()
            book = openpyxl.load_workbook(io.BytesIO(base64.b64decode(wizard.attachment_id.datas)))
            filters = {r[0]: r[1] for r in book["Filter"].iter_rows(values_only=True) if r[0]}
            self.assertEqual(filters["Dibuat pada"], expected)

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
            data, total = self._rows(book[name])
            self.assertEqual(data, [], name)  # the totals row only
            self.assertIn("JUMLAH", total)
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
        # the formulas carry their values (totals and the per-row differences)
        content = self._export_content(
            kabupaten_id=self.kabupaten.id,
            date_from=datetime.date(2026, 1, 1),
            date_to=datetime.date(2026, 12, 31),
            sheet_kecamatan=False,
            sheet_desa=False,
        )
        self.assertGreaterEqual(assert_formulas_cached(self, content), 5 + 2 * len(rows))
        cached = openpyxl.load_workbook(io.BytesIO(content), data_only=True)["APBDesa"]
        _rows, cached_total = self._rows(cached)
        self.assertEqual(cached_total[5:10], (79750000, 1500000, 1000000, 78750000, 500000))
        planned = sum(
            self.env["kerjasama.agreement.funding"]
            .search([("region_id", "child_of", self.kabupaten.id)])
            .mapped("amount")
        )
        self.assertEqual(sum(row[5] for row in rows), planned)

    def test_background_recap_same_file(self):
        """Above the threshold the recap is queued, built by the cron (triggered at once) as
        the requesting user, and sent to him: the same workbook as the direct export."""
        vals = {"kabupaten_id": self.kabupaten.id}
        with freeze_time("2026-12-01 22:18:30"):
            direct = self._export_content(**vals)
        self.env["ir.config_parameter"].sudo().set_param(
            "kerjasama_desa_report.recap_background_rows", "0"
        )
        cron = self.env.ref("kerjasama_desa_report.kerjasama_recap_job_cron")
        triggers = self.env["ir.cron.trigger"].sudo().search([("cron_id", "=", cron.id)])
        wizard = self._wizard(**vals)
        action = wizard.action_export()
        self.assertEqual(action["res_model"], "kerjasama.recap.job")
        self.assertFalse(wizard.attachment_id)
        job = self.env["kerjasama.recap.job"].browse(action["res_id"])
        self.assertEqual(job.state, "queued")
        self.assertGreater(job.estimated_rows, 0)
        new_triggers = self.env["ir.cron.trigger"].sudo().search([("cron_id", "=", cron.id)])
        self.assertGreater(len(new_triggers), len(triggers), "the cron is triggered at once")
        with freeze_time("2026-12-01 22:18:30"):
            cron.sudo().method_direct_trigger()
        job.invalidate_recordset()
        self.assertEqual(job.state, "done")
        self.assertEqual(job.progress, 100)
        background = base64.b64decode(job.attachment_id.datas)
        self._assert_same_workbook(direct, background)
        # the requester is sent the file
        message = job.message_ids.filtered(lambda m: job.attachment_id in m.attachment_ids)
        self.assertTrue(message)
        self.assertIn(self.env.user.partner_id, message.partner_ids)
        self.assertEqual(job.action_download()["type"], "ir.actions.act_url")

    def _assert_same_workbook(self, first, second):
        for data_only in (False, True):
            book_a = openpyxl.load_workbook(io.BytesIO(first), data_only=data_only)
            book_b = openpyxl.load_workbook(io.BytesIO(second), data_only=data_only)
            self.assertEqual(book_a.sheetnames, book_b.sheetnames)
            for name in book_a.sheetnames:
                self.assertEqual(
                    list(book_a[name].iter_rows(values_only=True)),
                    list(book_b[name].iter_rows(values_only=True)),
                    name,
                )
