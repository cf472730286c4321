# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import datetime
import io
from collections import defaultdict

import pytz
import xlsxwriter
from xlsxwriter.utility import xl_rowcol_to_cell
from xlsxwriter.worksheet import Worksheet

from odoo import models
from odoo.tools import SQL

from odoo.addons.kerjasama_desa.tools.formatting import format_date_id

CHUNK_SIZE = 5000
FIRST_DATA_ROW = 3
DEFAULT_TZ = "Asia/Jakarta"
# Indonesian names of the country's three time zones
TZ_LABELS = {
    "Asia/Jakarta": "WIB",
    "Asia/Pontianak": "WIB",
    "Asia/Makassar": "WITA",
    "Asia/Jayapura": "WIT",
}
# the recap is the official Indonesian format whatever the language of the exporting user
KIND_LABELS = {"antar_desa": "Antar-Desa", "pihak_ketiga": "Dengan Pihak Ketiga"}
STATE_LABELS = {
    "persiapan": "Persiapan",
    "penawaran": "Penawaran",
    "musyawarah": "Musyawarah Desa",
    "penyusunan": "Penyusunan",
    "penandatanganan": "Penandatanganan",
    "evaluasi": "Evaluasi Kabupaten",
    "berjalan": "Pelaksanaan",
    "berakhir": "Berakhir",
    "dibatalkan": "Dibatalkan",
}
REPORT_STATE_LABELS = {
    "draft": "Laporan dalam penyusunan",
    "submitted": "Laporan disampaikan",
    "received": "Laporan diterima",
}
NO_REPORT = "Belum ada laporan"
SHEET_KECAMATAN = "kecamatan"
SHEET_DESA = "desa"
SHEET_APBDES = "apbdes"
# columns of the per-kecamatan and per-desa sheets after the agreement's own columns
COL_AMOUNT = 12  # value of the whole agreement: repeated on each of its rows, never summed
COL_CONTRIBUTION, COL_INCOME, COL_SHARE = 15, 16, 17
SHARE_NOTE = (
    "Catatan: kolom Nilai Kerja Sama memuat nilai seluruh kerja sama; karena satu kerja sama "
    "tampil pada baris setiap %(unit)s pihaknya, kolom itu tidak dijumlahkan. Kolom Bagian "
    "%(unit_title)s memuat baris pendanaan kerja sama yang pihaknya desa %(scope)s (kontribusi "
    "dan pendapatan); kontribusi pihak ketiga bukan bagian desa. Rekonsiliasi dengan nilai "
    "menurut register ada di bawah baris JUMLAH."
)


class RecapWorksheet(Worksheet):
    """A worksheet that adds up, per column, the numbers and formula results written in its
    data rows, so that the totals row carries its computed value as the cached result of its
    formulas (viewers that do not recalculate show it, not 0). Works in ``constant_memory``
    mode: only the running sums are kept."""

    def __init__(self):
        super().__init__()
        self.kd_summing = False
        self.kd_sums = defaultdict(float)

    def _kd_add(self, row, col, value):
        if self.kd_summing and row >= FIRST_DATA_ROW and isinstance(value, int | float):
            self.kd_sums[col] += value

    def _write_number(self, row, col, number, cell_format=None):
        self._kd_add(row, col, number)
        return super()._write_number(row, col, number, cell_format)

    def _write_formula(self, row, col, formula, cell_format=None, value=0):
        self._kd_add(row, col, value)
        return super()._write_formula(row, col, formula, cell_format, value)


class ReportRecapXlsx(models.AbstractModel):
    """Rekapitulasi kerja sama desa (the recap DPMD sends up to the province and the ministry,
    Permendagri 96/2017 on pembinaan dan pengawasan), with the APBDesa linkage per desa and
    year (Permendagri 20/2018). Written with xlsxwriter in ``constant_memory`` mode from SQL
    rows fetched in chunks through a server-side cursor."""

    _name = "report.kerjasama_desa_report.recap_xlsx"
    _description = "Kerja Sama Desa Recap Workbook"

    # ---------------------------------------------------------------- entry point
    def _kd_generate(self, records, data):
        data = dict(data or {})
        output = io.BytesIO()
        workbook = xlsxwriter.Workbook(
            output,
            {
                "constant_memory": True,
                "in_memory": False,
                "strings_to_numbers": False,
                "strings_to_formulas": False,
                "strings_to_urls": False,
            },
        )
        workbook.set_properties(
            {"title": "Rekapitulasi Kerja Sama Desa", "author": self.env.company.name or ""}
        )
        formats = self._kd_formats(workbook)
        sheets = data.get("sheets") or [SHEET_KECAMATAN, SHEET_DESA]
        builders = self._kd_sheet_builders()
        for sheet in sheets:
            if sheet in builders:
                builders[sheet](workbook, formats, data)
        self._kd_write_filter_sheet(workbook, formats, data)
        workbook.close()
        return output.getvalue()

    def _kd_sheet_builders(self):
        """Sheets by key; the BKAD bridge adds its own."""
        return {
            SHEET_KECAMATAN: self._kd_write_kecamatan_sheet,
            SHEET_DESA: self._kd_write_desa_sheet,
            SHEET_APBDES: self._kd_write_apbdes_sheet,
        }

    def _kd_formats(self, workbook):
        base = {"font_name": "Arial", "font_size": 10, "valign": "top"}
        return {
            "title": workbook.add_format({**base, "bold": True, "font_size": 13}),
            "header": workbook.add_format(
                {
                    **base,
                    "bold": True,
                    "bg_color": "#D9E1F2",
                    "border": 1,
                    "text_wrap": True,
                    "align": "center",
                    "valign": "vcenter",
                }
            ),
            "text": workbook.add_format({**base, "border": 1}),
            "wrap": workbook.add_format({**base, "border": 1, "text_wrap": True}),
            "int": workbook.add_format({**base, "border": 1, "num_format": "0"}),
            "date": workbook.add_format({**base, "border": 1, "num_format": "dd/mm/yyyy"}),
            "rupiah": workbook.add_format(
                {**base, "border": 1, "num_format": '"Rp" #,##0;-"Rp" #,##0'}
            ),
            "total_label": workbook.add_format({**base, "bold": True, "border": 1}),
            "total_rupiah": workbook.add_format(
                {**base, "bold": True, "border": 1, "num_format": '"Rp" #,##0;-"Rp" #,##0'}
            ),
            "total_int": workbook.add_format({**base, "bold": True, "border": 1}),
            "label": workbook.add_format({**base, "bold": True}),
            "note": workbook.add_format({**base, "italic": True, "font_size": 9}),
            "plain": workbook.add_format(base),
        }

    # ---------------------------------------------------------------- SQL helpers
    def _kd_agreement_query(self, data):
        """Subquery of the agreement ids matching the filters, record rules applied."""
        domain = [("active", "=", True)]
        if data.get("date_from"):
            domain += ["|", ("date_end", "=", False), ("date_end", ">=", data["date_from"])]
        if data.get("date_to"):
            domain += ["|", ("date_start", "=", False), ("date_start", "<=", data["date_to"])]
        if data.get("kind"):
            domain.append(("kind", "=", data["kind"]))
        if data.get("bidang_id"):
            domain.append(("bidang_id", "child_of", data["bidang_id"]))
        if data.get("states"):
            domain.append(("state", "in", data["states"]))
        regions = self._kd_region_filter_ids(data)
        if regions is not None:
            domain.append(("region_ids", "in", regions))
        return self.env["kerjasama.agreement"]._search(domain).subselect()

    def _kd_region_filter_ids(self, data):
        """Desa ids the filters select, or None for no region filter."""
        if data.get("region_ids"):
            return list(data["region_ids"])
        Region = self.env["kerjasama.region"]
        if data.get("kecamatan_ids"):
            return Region.with_context(active_test=False)._search(
                [("kecamatan_id", "in", data["kecamatan_ids"]), ("level", "=", "desa")]
            )
        if data.get("kabupaten_id"):
            return Region.with_context(active_test=False)._search(
                [("kabupaten_id", "=", data["kabupaten_id"]), ("level", "=", "desa")]
            )
        return None

    def _kd_region_condition(self, alias, data):
        regions = self._kd_region_filter_ids(data)
        if regions is None:
            return SQL("TRUE")
        if isinstance(regions, list):
            return SQL("%s = ANY(%s)", SQL.identifier(alias, "id"), regions)
        return SQL("%s IN %s", SQL.identifier(alias, "id"), regions.subselect())

    def _kd_number_column(self):
        return SQL("COALESCE(a.document_number, '')")

    def _kd_report_status_column(self):
        if "kerjasama.implementation.report" not in self.env:
            return SQL("NULL")
        return SQL(
            """(SELECT r.state FROM kerjasama_implementation_report r
                 WHERE r.agreement_id = a.id
              ORDER BY r.period_start DESC, r.id DESC LIMIT 1)"""
        )

    def _kd_translated(self, model, fname, alias):
        field = self.env[model]._fields[fname]
        column = SQL.identifier(alias, fname)
        if not field.translate:
            return column
        lang = self.env.lang or "en_US"
        return SQL("COALESCE(%s->>%s, %s->>'en_US')", column, lang, column)

    def _kd_fetch_chunks(self, query, name):
        """Yield the rows of ``query`` in chunks through a server-side cursor."""
        self.env.flush_all()
        cr = self.env.cr
        cursor_name = f"kd_recap_{name}"
        cr.execute(SQL("DECLARE %s NO SCROLL CURSOR FOR %s", SQL.identifier(cursor_name), query))
        try:
            while True:
                cr.execute(SQL("FETCH FORWARD %s FROM %s", CHUNK_SIZE, SQL.identifier(cursor_name)))
                rows = cr.fetchall()
                if not rows:
                    break
                yield rows
        finally:
            cr.execute(SQL("CLOSE %s", SQL.identifier(cursor_name)))

    def _kd_labels(self, model, fname):
        field = self.env[model]._fields[fname]
        return dict(field._description_selection(self.env))

    def _kd_agreement_select(self, data, group_alias):
        """Common columns of one agreement row; ``group_alias`` is the region of the row."""
        return SQL(
            """a.name, a.title, a.kind,
               (SELECT string_agg(COALESCE(rp.name, ''), '; ' ORDER BY p.sequence, p.id)
                  FROM kerjasama_agreement_party p
             LEFT JOIN res_partner rp ON rp.id = p.partner_id
                 WHERE p.agreement_id = a.id) AS parties,
               %(bidang)s AS bidang, %(number)s AS instrument_number,
               a.date_start, a.date_end, COALESCE(a.amount_total, 0), a.state,
               %(report_status)s AS report_status""",
            bidang=self._kd_translated("kerjasama.bidang", "name", "b"),
            number=self._kd_number_column(),
            report_status=self._kd_report_status_column(),
        )

    # ---------------------------------------------------------------- sheets
    AGREEMENT_HEADERS = [
        ("Nomor Registrasi", 16),
        ("Judul Kerja Sama", 40),
        ("Jenis", 18),
        ("Para Pihak", 45),
        ("Bidang", 24),
        ("Nomor Peraturan/Perjanjian Bersama", 24),
        ("Tanggal Mulai", 13),
        ("Tanggal Berakhir", 13),
        ("Nilai Kerja Sama (Rp)", 18),
        ("Tahapan", 18),
        ("Status Laporan", 18),
    ]

    def _kd_start_sheet(self, workbook, formats, name, title, headers, note=None):
        """A sheet with its title (row 1), an optional note (row 2) and its header (row 3).

        The numbers written below the header are added up per column for the totals row."""
        sheet = workbook.add_worksheet(name, worksheet_class=RecapWorksheet)
        for col, (_label, width) in enumerate(headers):
            sheet.set_column(col, col, width)
        sheet.freeze_panes(FIRST_DATA_ROW, 0)
        sheet.write_string(0, 0, title, formats["title"])
        if note:
            sheet.write_string(1, 0, note, formats["note"])
        sheet.set_row(2, 30)
        for col, (label, _width) in enumerate(headers):
            sheet.write_string(2, col, label, formats["header"])
        sheet.kd_summing = True
        return sheet

    def _kd_finish_sheet(self, sheet, formats, headers, last_row, sum_cols, label_col=1):
        """Autofilter over the data and a totals row of SUBTOTAL formulas, each written with
        its computed value. Return the totals row."""
        sheet.kd_summing = False
        sheet.autofilter(2, 0, max(last_row, 2), len(headers) - 1)
        total_row = last_row + 1
        sheet.write_string(total_row, label_col, "JUMLAH", formats["total_label"])
        for col in sum_cols:
            if last_row >= FIRST_DATA_ROW:
                first = xl_rowcol_to_cell(FIRST_DATA_ROW, col)
                last = xl_rowcol_to_cell(last_row, col)
                sheet.write_formula(
                    total_row,
                    col,
                    f"=SUBTOTAL(9,{first}:{last})",
                    formats["total_rupiah"],
                    sheet.kd_sums[col],
                )
            else:
                sheet.write_number(total_row, col, 0, formats["total_rupiah"])
        return total_row

    def _kd_write_agreement_cells(self, sheet, formats, row, col, values, labels):
        (
            name,
            title,
            kind,
            parties,
            bidang,
            number,
            date_start,
            date_end,
            amount,
            state,
            report_status,
        ) = values
        fmt = formats
        sheet.write_string(row, col, name if name and name != "/" else "", fmt["text"])
        sheet.write_string(row, col + 1, title or "", fmt["wrap"])
        sheet.write_string(row, col + 2, labels["kind"].get(kind, kind or ""), fmt["text"])
        sheet.write_string(row, col + 3, parties or "", fmt["wrap"])
        sheet.write_string(row, col + 4, bidang or "", fmt["text"])
        sheet.write_string(row, col + 5, number or "", fmt["text"])
        for offset, date in ((6, date_start), (7, date_end)):
            if date:
                sheet.write_datetime(
                    row, col + offset, datetime.datetime.combine(date, datetime.time()), fmt["date"]
                )
            else:
                sheet.write_blank(row, col + offset, None, fmt["date"])
        sheet.write_number(row, col + 8, float(amount or 0), fmt["rupiah"])
        sheet.write_string(row, col + 9, labels["state"].get(state, state or ""), fmt["text"])
        sheet.write_string(
            row,
            col + 10,
            labels["report"].get(report_status, NO_REPORT),
            fmt["text"],
        )

    def _kd_agreement_labels(self):
        labels = {
            "kind": self._kd_labels("kerjasama.agreement", "kind"),
            "state": self._kd_labels("kerjasama.agreement", "state"),
            "report": {},
        }
        if "kerjasama.implementation.report" in self.env:
            labels["report"] = self._kd_labels("kerjasama.implementation.report", "state")
        labels["kind"].update(KIND_LABELS)
        labels["state"].update(STATE_LABELS)
        labels["report"].update(REPORT_STATE_LABELS)
        return labels

    def _kd_share_headers(self, unit):
        return [
            (f"Kontribusi Desa{unit} (Rp)", 18),
            (f"Pendapatan Desa{unit} (Rp)", 18),
            (f"Bagian Desa{unit} (Rp)", 18),
        ]

    def _kd_write_share_cells(self, sheet, formats, row, contribution, income):
        """The desa's own financing lines of the agreement: contribution, income, and their sum
        (a formula written with its value)."""
        contribution, income = float(contribution or 0), float(income or 0)
        sheet.write_number(row, COL_CONTRIBUTION, contribution, formats["rupiah"])
        sheet.write_number(row, COL_INCOME, income, formats["rupiah"])
        first = xl_rowcol_to_cell(row, COL_CONTRIBUTION)
        second = xl_rowcol_to_cell(row, COL_INCOME)
        sheet.write_formula(
            row, COL_SHARE, f"={first}+{second}", formats["rupiah"], contribution + income
        )

    def _kd_write_kecamatan_sheet(self, workbook, formats, data):
        headers = [("No", 6), ("Kabupaten/Kota", 22), ("Kode Kecamatan", 12), ("Kecamatan", 20)]
        headers += self.AGREEMENT_HEADERS + self._kd_share_headers(" di Kecamatan")
        sheet = self._kd_start_sheet(
            workbook,
            formats,
            "Per Kecamatan",
            "REKAPITULASI KERJA SAMA DESA PER KECAMATAN",
            headers,
            note=SHARE_NOTE
            % {"unit": "kecamatan", "unit_title": "Desa di Kecamatan", "scope": "di kecamatan itu"},
        )
        query = self._kd_kecamatan_query(data)
        labels = self._kd_agreement_labels()
        row = 2
        for rows in self._kd_fetch_chunks(query, "kecamatan"):
            for values in rows:
                row += 1
                sheet.write_number(row, 0, row - 2, formats["int"])
                sheet.write_string(row, 1, values[0] or "", formats["text"])
                sheet.write_string(row, 2, values[1] or "", formats["text"])
                sheet.write_string(row, 3, values[2] or "", formats["text"])
                self._kd_write_agreement_cells(sheet, formats, row, 4, values[3:14], labels)
                self._kd_write_share_cells(sheet, formats, row, values[14], values[15])
        total_row = self._kd_finish_sheet(
            sheet, formats, headers, row, [COL_CONTRIBUTION, COL_INCOME, COL_SHARE], label_col=3
        )
        self._kd_write_reconciliation(sheet, formats, data, total_row, row)
        return row - 2

    def _kd_kecamatan_query(self, data):
        """One row per agreement and kecamatan of its desa parties, with the financing lines of
        its desa parties of that kecamatan."""
        return SQL(
            """SELECT kab.name, kec.code, kec.name, %(columns)s,
                      share.contribution, share.income
                 FROM kerjasama_agreement a
                 JOIN kerjasama_agreement_kecamatan_rel ak ON ak.agreement_id = a.id
                 JOIN kerjasama_region kec ON kec.id = ak.region_id
            LEFT JOIN kerjasama_region kab ON kab.id = kec.kabupaten_id
            LEFT JOIN kerjasama_bidang b ON b.id = a.bidang_id
            LEFT JOIN LATERAL (
                    SELECT COALESCE(SUM(f.amount) FILTER (WHERE f.flow = 'contribution'), 0)
                               AS contribution,
                           COALESCE(SUM(f.amount) FILTER (WHERE f.flow = 'income'), 0) AS income
                      FROM kerjasama_agreement_funding f
                      JOIN kerjasama_region desa ON desa.id = f.region_id
                     WHERE f.agreement_id = a.id AND desa.kecamatan_id = kec.id AND %(desa)s
                 ) share ON TRUE
                WHERE a.id IN %(agreements)s AND %(kecamatan)s
             ORDER BY kec.code, a.date_start, a.id""",
            columns=self._kd_agreement_select(data, "kec"),
            agreements=self._kd_agreement_query(data),
            kecamatan=self._kd_kecamatan_condition(data),
            desa=self._kd_region_condition("desa", data),
        )

    def _kd_kecamatan_condition(self, data):
        if data.get("kecamatan_ids"):
            return SQL("kec.id = ANY(%s)", list(data["kecamatan_ids"]))
        if data.get("region_ids"):
            return SQL(
                "kec.id IN (SELECT kecamatan_id FROM kerjasama_region WHERE id = ANY(%s))",
                list(data["region_ids"]),
            )
        if data.get("kabupaten_id"):
            return SQL("kec.kabupaten_id = %s", data["kabupaten_id"])
        return SQL("TRUE")

    def _kd_write_desa_sheet(self, workbook, formats, data):
        headers = [("No", 6), ("Kecamatan", 20), ("Kode Desa", 14), ("Desa", 20)]
        headers += self.AGREEMENT_HEADERS + self._kd_share_headers("")
        sheet = self._kd_start_sheet(
            workbook,
            formats,
            "Per Desa",
            "REKAPITULASI KERJA SAMA DESA PER DESA",
            headers,
            note=SHARE_NOTE % {"unit": "desa", "unit_title": "Desa", "scope": "itu"},
        )
        query = self._kd_desa_query(data)
        labels = self._kd_agreement_labels()
        row = 2
        for rows in self._kd_fetch_chunks(query, "desa"):
            for values in rows:
                row += 1
                sheet.write_number(row, 0, row - 2, formats["int"])
                sheet.write_string(row, 1, values[0] or "", formats["text"])
                sheet.write_string(row, 2, values[1] or "", formats["text"])
                sheet.write_string(row, 3, values[2] or "", formats["text"])
                self._kd_write_agreement_cells(sheet, formats, row, 4, values[3:14], labels)
                self._kd_write_share_cells(sheet, formats, row, values[14], values[15])
        total_row = self._kd_finish_sheet(
            sheet, formats, headers, row, [COL_CONTRIBUTION, COL_INCOME, COL_SHARE], label_col=3
        )
        self._kd_write_reconciliation(sheet, formats, data, total_row, row)
        return row - 2

    def _kd_desa_query(self, data):
        """One row per agreement and desa party, with the desa's own financing lines (those
        whose party is that desa: a pihak ketiga's contribution is not a desa's)."""
        return SQL(
            """SELECT kec.name, desa.code, desa.name, %(columns)s,
                      share.contribution, share.income
                 FROM kerjasama_agreement a
                 JOIN kerjasama_agreement_region_rel ar ON ar.agreement_id = a.id
                 JOIN kerjasama_region desa ON desa.id = ar.region_id
            LEFT JOIN kerjasama_region kec ON kec.id = desa.kecamatan_id
            LEFT JOIN kerjasama_bidang b ON b.id = a.bidang_id
            LEFT JOIN LATERAL (
                    SELECT COALESCE(SUM(f.amount) FILTER (WHERE f.flow = 'contribution'), 0)
                               AS contribution,
                           COALESCE(SUM(f.amount) FILTER (WHERE f.flow = 'income'), 0) AS income
                      FROM kerjasama_agreement_funding f
                     WHERE f.agreement_id = a.id AND f.region_id = desa.id
                 ) share ON TRUE
                WHERE a.id IN %(agreements)s AND %(desa)s
             ORDER BY desa.code, a.date_start, a.id""",
            columns=self._kd_agreement_select(data, "desa"),
            agreements=self._kd_agreement_query(data),
            desa=self._kd_region_condition("desa", data),
        )

    def _kd_reconciliation_amounts(self, data):
        """Figures that reconcile the desa shares with the register: (number of agreements,
        their total value, the pihak ketiga's lines, the lines of desa outside the filter)."""
        self.env.flush_all()
        agreements = self._kd_agreement_query(data)
        self.env.cr.execute(
            SQL(
                """SELECT COUNT(*), COALESCE(SUM(a.amount_total), 0)
                     FROM kerjasama_agreement a
                    WHERE a.id IN %(agreements)s
                      AND EXISTS (SELECT 1 FROM kerjasama_agreement_region_rel ar
                                    JOIN kerjasama_region desa ON desa.id = ar.region_id
                                   WHERE ar.agreement_id = a.id AND %(desa)s)""",
                agreements=agreements,
                desa=self._kd_region_condition("desa", data),
            )
        )
        count, register_total = self.env.cr.fetchone()
        self.env.cr.execute(
            SQL(
                """SELECT COALESCE(SUM(f.amount) FILTER (WHERE f.region_id IS NULL), 0),
                          COALESCE(SUM(f.amount) FILTER (
                              WHERE f.region_id IS NOT NULL AND NOT %(desa)s), 0)
                     FROM kerjasama_agreement_funding f
                LEFT JOIN kerjasama_region desa ON desa.id = f.region_id
                    WHERE f.agreement_id IN %(agreements)s
                      AND EXISTS (SELECT 1 FROM kerjasama_agreement_region_rel ar
                                    JOIN kerjasama_region d ON d.id = ar.region_id
                                   WHERE ar.agreement_id = f.agreement_id AND %(d)s)""",
                agreements=agreements,
                desa=self._kd_region_condition("desa", data),
                d=self._kd_region_condition("d", data),
            )
        )
        third_party, outside = self.env.cr.fetchone()
        return count, float(register_total), float(third_party), float(outside)

    def _kd_write_reconciliation(self, sheet, formats, data, total_row, last_row):
        """Below JUMLAH: the pihak ketiga's lines and those of desa outside the filter, the
        register's total of the agreements listed, and the difference (0 when it reconciles)."""
        count, register_total, third_party, outside = self._kd_reconciliation_amounts(data)
        share_total = sheet.kd_sums[COL_SHARE] if last_row >= FIRST_DATA_ROW else 0.0
        label_col = 3
        rows = [
            ("Pendanaan pihak ketiga (bukan bagian desa)", third_party),
            ("Pendanaan desa di luar wilayah yang dipilih", outside),
            (f"Nilai {count} kerja sama menurut register", register_total),
        ]
        row = total_row + 1
        cells = []
        for label, amount in rows:
            row += 1
            sheet.write_string(row, label_col, label, formats["label"])
            sheet.write_number(row, COL_SHARE, amount, formats["total_rupiah"])
            cells.append(xl_rowcol_to_cell(row, COL_SHARE))
        row += 1
        total_cell = xl_rowcol_to_cell(total_row, COL_SHARE)
        sheet.write_string(
            row, label_col, "Selisih register - (JUMLAH + pendanaan lain)", formats["label"]
        )
        sheet.write_formula(
            row,
            COL_SHARE,
            f"={cells[2]}-({total_cell}+{cells[0]}+{cells[1]})",
            formats["total_rupiah"],
            register_total - (share_total + third_party + outside),
        )
        return row

    def _kd_write_apbdes_sheet(self, workbook, formats, data):
        headers = [
            ("No", 6),
            ("Kecamatan", 20),
            ("Kode Desa", 14),
            ("Desa", 20),
            ("Tahun", 8),
            ("Direncanakan dalam Kerja Sama (Rp)", 20),
            ("Dianggarkan dalam APBDesa (Rp)", 20),
            ("Direalisasikan (Rp)", 20),
            ("Selisih Rencana - Realisasi (Rp)", 20),
            ("Sisa Anggaran (Rp)", 20),
        ]
        sheet = self._kd_start_sheet(
            workbook,
            formats,
            "APBDesa",
            "KETERKAITAN KERJA SAMA DESA DENGAN APBDESA PER DESA DAN TAHUN",
            headers,
        )
        row = 2
        query = self._kd_apbdes_query(data)
        if query is not None:
            for rows in self._kd_fetch_chunks(query, "apbdes"):
                for values in rows:
                    row += 1
                    sheet.write_number(row, 0, row - 2, formats["int"])
                    sheet.write_string(row, 1, values[0] or "", formats["text"])
                    sheet.write_string(row, 2, values[1] or "", formats["text"])
                    sheet.write_string(row, 3, values[2] or "", formats["text"])
                    sheet.write_number(row, 4, values[3] or 0, formats["int"])
                    for col, value in zip((5, 6, 7), values[4:7]):
                        sheet.write_number(row, col, float(value or 0), formats["rupiah"])
                    planned, budgeted, realised = (xl_rowcol_to_cell(row, c) for c in (5, 6, 7))
                    sheet.write_formula(
                        row,
                        8,
                        f"={planned}-{realised}",
                        formats["rupiah"],
                        float(values[4] or 0) - float(values[6] or 0),
                    )
                    sheet.write_formula(
                        row,
                        9,
                        f"={budgeted}-{realised}",
                        formats["rupiah"],
                        float(values[5] or 0) - float(values[6] or 0),
                    )
        self._kd_finish_sheet(sheet, formats, headers, row, [5, 6, 7, 8, 9], label_col=3)
        return row - 2

    def _kd_apbdes_query(self, data):
        """Planned, budgeted and realised per desa and fiscal year.

        Budgeted and realised come from the APBDesa lines tied to cooperation; planned is what
        the agreements' financing lines of the desa put on those lines, plus the financing lines
        not yet budgeted (counted in the year the agreement starts)."""
        if "kerjasama.apbdes.line" not in self.env:
            return None
        Line = self.env["kerjasama.apbdes.line"]
        domain = [("is_cooperation", "=", True)]
        year_from = int(data["date_from"][:4]) if data.get("date_from") else None
        year_to = int(data["date_to"][:4]) if data.get("date_to") else None
        if year_from:
            domain.append(("year", ">=", year_from))
        if year_to:
            domain.append(("year", "<=", year_to))
        parts = [
            SQL(
                """SELECT l.region_id, l.year, COALESCE(l.planned_amount, 0) AS planned,
                          COALESCE(l.amount, 0) AS budgeted,
                          COALESCE(l.realized_amount, 0) AS realised
                     FROM kerjasama_apbdes_line l
                    WHERE l.id IN %s""",
                Line._search(domain).subselect(),
            )
        ]
        if "apbdes_line_id" in self.env["kerjasama.agreement.funding"]._fields:
            year = SQL("EXTRACT(YEAR FROM a.date_start)::int")
            years = SQL("TRUE")
            if year_from:
                years = SQL("%s AND %s >= %s", years, year, year_from)
            if year_to:
                years = SQL("%s AND %s <= %s", years, year, year_to)
            parts.append(
                SQL(
                    """SELECT f.region_id, %(year)s, COALESCE(f.amount, 0), 0, 0
                         FROM kerjasama_agreement_funding f
                         JOIN kerjasama_agreement a ON a.id = f.agreement_id
                        WHERE f.apbdes_line_id IS NULL AND f.region_id IS NOT NULL
                          AND a.date_start IS NOT NULL AND %(years)s
                          AND a.id IN %(agreements)s""",
                    year=year,
                    years=years,
                    agreements=self._kd_agreement_query(data),
                )
            )
        # aggregate first (materialized), then name the desa: one row per desa and year
        return SQL(
            """WITH x AS MATERIALIZED (
                    SELECT u.region_id, u.year, SUM(u.planned) AS planned,
                           SUM(u.budgeted) AS budgeted, SUM(u.realised) AS realised
                      FROM (%(parts)s) AS u(region_id, year, planned, budgeted, realised)
                  GROUP BY u.region_id, u.year)
               SELECT kec.name, desa.code, desa.name, x.year, x.planned, x.budgeted, x.realised
                 FROM x
                 JOIN kerjasama_region desa ON desa.id = x.region_id
            LEFT JOIN kerjasama_region kec ON kec.id = desa.kecamatan_id
                WHERE %(desa)s
             ORDER BY desa.code, x.year""",
            parts=SQL(" UNION ALL ").join(parts),
            desa=self._kd_region_condition("desa", data),
        )

    def _kd_write_filter_sheet(self, workbook, formats, data):
        sheet = workbook.add_worksheet("Filter")
        sheet.set_column(0, 0, 28)
        sheet.set_column(1, 1, 60)
        sheet.write_string(0, 0, "FILTER YANG DIGUNAKAN", formats["title"])
        row = 2
        for label, value in data.get("filter_labels") or []:
            sheet.write_string(row, 0, label, formats["label"])
            sheet.write_string(row, 1, value or "", formats["plain"])
            row += 1
        sheet.write_string(row + 1, 0, "Dibuat pada", formats["label"])
        sheet.write_string(row + 1, 1, self._kd_generated_at(), formats["plain"])
        sheet.write_string(row + 2, 0, "Dibuat oleh", formats["label"])
        sheet.write_string(row + 2, 1, self.env.user.name or "", formats["plain"])

    def _kd_generated_at(self, now=None):
        """ "2 Desember 2026 pukul 05.18 WIB": now in the user's time zone (Asia/Jakarta when
        the user has none), with the zone's Indonesian name (WIB, WITA, WIT)."""
        tz_name = self.env.context.get("tz") or self.env.user.tz or DEFAULT_TZ
        try:
            tz = pytz.timezone(tz_name)
        except pytz.UnknownTimeZoneError:
            tz_name, tz = DEFAULT_TZ, pytz.timezone(DEFAULT_TZ)
        now = now or datetime.datetime.now(datetime.UTC)
        local = now.astimezone(tz)
        zone = TZ_LABELS.get(tz_name) or local.tzname() or tz_name
        return f"{format_date_id(local)} pukul {local:%H.%M} {zone}"
