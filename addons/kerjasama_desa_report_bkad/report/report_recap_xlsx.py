# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from xlsxwriter.utility import xl_rowcol_to_cell

from odoo import models
from odoo.tools import SQL

SHEET_BKAD = "bkad"


class ReportRecapXlsx(models.AbstractModel):
    """Adds the BKAD finance recap (contributions of the member desa, other income, expenses and
    balance per BKAD from its posted ledger) to the Rekapitulasi Kerja Sama Desa workbook."""

    _inherit = "report.kerjasama_desa_report.recap_xlsx"

    def _kd_sheet_builders(self):
        builders = super()._kd_sheet_builders()
        builders[SHEET_BKAD] = self._kd_write_bkad_sheet
        return builders

    def _kd_bkad_query(self, data):
        domain = []
        regions = self._kd_region_filter_ids(data)
        if regions is not None:
            domain.append(("member_region_ids", "in", regions))
        return self.env["kerjasama.bkad"]._search(domain).subselect()

    def _kd_write_bkad_sheet(self, workbook, formats, data):
        headers = [
            ("No", 6),
            ("BKAD", 34),
            ("Kecamatan", 28),
            ("Jumlah Desa Anggota", 12),
            ("Kontribusi Terutang (Rp)", 20),
            ("Kontribusi Diterima (Rp)", 20),
            ("Pendapatan Lain (Rp)", 20),
            ("Belanja (Rp)", 20),
            ("Selisih Periode (Rp)", 20),
            ("Saldo Akhir (Rp)", 20),
        ]
        sheet = self._kd_start_sheet(
            workbook, formats, "Keuangan BKAD", "REKAPITULASI KEUANGAN BKAD", headers
        )
        date_from = data.get("date_from")
        date_to = data.get("date_to")
        in_period = SQL("TRUE")
        if date_from:
            in_period = SQL("%s AND l.date >= %s", in_period, date_from)
        if date_to:
            in_period = SQL("%s AND l.date <= %s", in_period, date_to)
        until_end = SQL("l.date <= %s", date_to) if date_to else SQL("TRUE")
        years = SQL("TRUE")
        if date_from:
            years = SQL("%s AND c.year >= %s", years, int(date_from[:4]))
        if date_to:
            years = SQL("%s AND c.year <= %s", years, int(date_to[:4]))
        query = SQL(
            """SELECT bk.name,
                      (SELECT string_agg(DISTINCT kec.name, ', ')
                         FROM kerjasama_bkad_kecamatan_rel bkr
                         JOIN kerjasama_region kec ON kec.id = bkr.region_id
                        WHERE bkr.bkad_id = bk.id),
                      (SELECT COUNT(*) FROM kerjasama_bkad_region_rel m WHERE m.bkad_id = bk.id),
                      (SELECT COALESCE(SUM(c.amount_owed), 0) FROM kerjasama_bkad_contribution c
                        WHERE c.bkad_id = bk.id AND %(years)s),
                      COALESCE(SUM(l.amount_signed) FILTER (
                          WHERE l.entry_type = 'contribution' AND %(in_period)s), 0),
                      COALESCE(SUM(l.amount_signed) FILTER (
                          WHERE l.entry_type = 'income' AND %(in_period)s), 0),
                      COALESCE(-SUM(l.amount_signed) FILTER (
                          WHERE l.entry_type = 'expense' AND %(in_period)s), 0),
                      COALESCE(SUM(l.amount_signed) FILTER (WHERE %(until_end)s), 0)
                 FROM kerjasama_bkad bk
            LEFT JOIN kerjasama_bkad_ledger l ON l.bkad_id = bk.id AND l.state = 'posted'
                WHERE bk.id IN %(bkads)s
             GROUP BY bk.id, bk.name
             ORDER BY bk.name, bk.id""",
            years=years,
            in_period=in_period,
            until_end=until_end,
            bkads=self._kd_bkad_query(data),
        )
        row = 2
        for rows in self._kd_fetch_chunks(query, "bkad"):
            for values in rows:
                row += 1
                sheet.write_number(row, 0, row - 2, formats["int"])
                sheet.write_string(row, 1, values[0] or "", formats["text"])
                sheet.write_string(row, 2, values[1] or "", formats["wrap"])
                sheet.write_number(row, 3, values[2] or 0, formats["int"])
                for col, value in zip((4, 5, 6, 7), values[3:7]):
                    sheet.write_number(row, col, float(value or 0), formats["rupiah"])
                received, income, expense = (xl_rowcol_to_cell(row, c) for c in (5, 6, 7))
                sheet.write_formula(
                    row,
                    8,
                    f"={received}+{income}-{expense}",
                    formats["rupiah"],
                    float(values[4] or 0) + float(values[5] or 0) - float(values[6] or 0),
                )
                sheet.write_number(row, 9, float(values[7] or 0), formats["rupiah"])
        self._kd_finish_sheet(sheet, formats, headers, row, [4, 5, 6, 7, 8, 9], label_col=1)
        return row - 2
