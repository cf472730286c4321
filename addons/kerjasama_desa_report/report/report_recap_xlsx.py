# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import datetime
import json
import os
import shutil
import tempfile
import zipfile
from collections import defaultdict
from xml.sax.saxutils import escape as xml_escape

import pytz
import xlsxwriter
from xlsxwriter.utility import xl_rowcol_to_cell
from xlsxwriter.worksheet import Worksheet

from odoo import models
from odoo.tools import SQL

from odoo.addons.kerjasama_desa.models.kerjasama_agreement_reporting import (
    SIGNED_FOLLOWUP_STATES,
)
from odoo.addons.kerjasama_desa.tools.formatting import format_date_id

CHUNK_SIZE = 5000
# deflate level of the data rows of the workbook: 1 is several times faster than the default
# level 6 on the sheet XML, for a file about a third larger
ZIP_LEVEL = 1
# rows are handed from PostgreSQL's COPY to the zip stream in blocks of about this size
STREAM_BLOCK = 1 << 20
# the agreements of the recap being written (a temporary table) and its key in the data
AGREEMENT_TABLE = "kd_recap_agreement"
AGREEMENT_TABLE_KEY = "_kd_agreement_table"
# the agreements' columns of the per-kecamatan and per-desa sheets, computed once for both
AGREEMENT_ROW_TABLE = "kd_recap_agreement_row"
AGREEMENT_ROW_TABLE_KEY = "_kd_agreement_row_table"
# PostgreSQL settings while the recap's queries run (see _kd_set_query_settings)
QUERY_SETTINGS = {"jit": "off", "work_mem": "64MB"}
# characters XML 1.0 forbids: dropped from the texts
XML_FORBIDDEN = "".join(chr(c) for c in range(1, 32) if c not in (9, 10, 13))
# a text holding any of these needs escaping (regular expression)
XML_SPECIAL = "[&<>\\\\\x01-\x1f]"
# Excel's day 0 of the 1900 date system (as xlsxwriter writes dates)
EXCEL_EPOCH = "1899-12-30"
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
NATIONAL_ADMIN_GROUP = "kerjasama_desa.kerjasama_desa_group_national_admin"
SHEET_RANKING = "peringkat"
SHEET_EPDESKEL = "epdeskel"
SUBJECT_LABELS = {"agreement": "Kerja Sama", "bkad": "BKAD"}
RESULT_LABELS = {
    "sangat_baik": "Sangat Baik",
    "baik": "Baik",
    "cukup": "Cukup",
    "kurang": "Kurang",
}
RANKED_STATE_LABELS = {"kabupaten": "Divalidasi Kabupaten", "provinsi": "Dikukuhkan Provinsi"}
PRESENCE_LABELS = {"ada": "Ada", "tidak_ada": "Tidak Ada"}
RANKING_NOTE = (
    "Peringkat menurut nilai penilaian standar kerja sama desa per tahun: di kabupaten/kota "
    "penilaian yang divalidasi DPMD, di provinsi penilaian yang dikukuhkan provinsi; dasar "
    "pemberian penghargaan."
)
EPDESKEL_NOTE = (
    "Indikator Epdeskel (Evaluasi Perkembangan Desa dan Kelurahan): kerja sama desa yang telah "
    "ditandatangani dengan desa sebagai pihak, dalam periode rekapitulasi."
)
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


def xml_text(expr):
    """SQL: the text ``expr`` escaped for an XML text node on one line (line breaks and tabs
    as character references, no backslash left for COPY to escape). Most texts need nothing:
    one regular expression test spares them the replacements."""
    escaped = expr
    for char, entity in (
        ("&", "&amp;"),
        ("<", "&lt;"),
        (">", "&gt;"),
        ("\\", "&#92;"),
        ("\n", "&#10;"),
        ("\r", "&#13;"),
        ("\t", "&#9;"),
    ):
        escaped = SQL("replace(%s, %s, %s)", escaped, char, entity)
    return SQL(
        "CASE WHEN %s ~ %s THEN translate(%s, %s, '') ELSE %s END",
        expr,
        XML_SPECIAL,
        escaped,
        XML_FORBIDDEN,
        expr,
    )


class CellSQL:
    """SQL of the cells of one row of a sheet: ``<c>`` elements as xlsxwriter writes them
    (inline strings, numbers, dates as serial numbers, formulas with their cached value).
    ``rt`` is the column of the query holding the row's number (1-based) as text."""

    def __init__(self, rt=None):
        self.rt = rt or SQL("x.rt")

    def _ref(self, col):
        return xl_rowcol_to_cell(0, col)[:-1]

    def blank(self, col, fmt):
        return SQL("concat(%s, %s, %s)", f'<c r="{self._ref(col)}', self.rt, f'" s="{fmt}"/>')

    def text(self, col, fmt, expr, escaped=False):
        """A string cell; an empty or NULL text is a blank cell (as xlsxwriter writes it).
        ``escaped``: the text needs no escaping (codes, labels escaped beforehand)."""
        return SQL(
            "CASE WHEN COALESCE(%s, '') = '' THEN %s ELSE concat(%s, %s, %s, %s, %s) END",
            expr,
            self.blank(col, fmt),
            f'<c r="{self._ref(col)}',
            self.rt,
            f'" s="{fmt}" t="inlineStr"><is><t xml:space="preserve">',
            expr if escaped else xml_text(expr),
            "</t></is></c>",
        )

    def number(self, col, fmt, expr):
        return SQL(
            "concat(%s, %s, %s, (COALESCE(%s, 0))::float8::text, '</v></c>')",
            f'<c r="{self._ref(col)}',
            self.rt,
            f'" s="{fmt}"><v>',
            expr,
        )

    def date(self, col, fmt, expr):
        return SQL(
            "CASE WHEN %s IS NULL THEN %s ELSE concat(%s, %s, %s, (%s - DATE %s)::text, "
            "'</v></c>') END",
            expr,
            self.blank(col, fmt),
            f'<c r="{self._ref(col)}',
            self.rt,
            f'" s="{fmt}"><v>',
            expr,
            EXCEL_EPOCH,
        )

    def formula(self, col, fmt, terms, value):
        """``terms``: [(sign, column)], e.g. [("", 15), ("+", 16)] for =P4+Q4."""
        parts = []
        for sign, term_col in terms:
            parts += [SQL("%s", sign + self._ref(term_col)), self.rt]
        return SQL(
            "concat(%s, %s, %s, %s, '</f><v>', (COALESCE(%s, 0))::float8::text, '</v></c>')",
            f'<c r="{self._ref(col)}',
            self.rt,
            f'" s="{fmt}"><f>',
            SQL(", ").join(parts),
            value,
        )

    def row(self, cells):
        return SQL("concat('<row r=\"', %s, '\">', %s, '</row>')", self.rt, SQL(", ").join(cells))


# the agreement's columns of the rows of the per-kecamatan and per-desa sheets
AGREEMENT_COLUMNS = SQL(
    """ag.id AS agreement_id, ag.name, ag.title, ag.kind, ag.date_start, ag.date_end,
       ag.amount_total, ag.state, ag.bidang, ag.instrument_number,
       ag.party_names, ag.report_state"""
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


class RowStream:
    """File-like target of ``COPY ... TO STDOUT``: buffers the rows PostgreSQL sends (one
    ``<row>`` element a line), writes them to ``target`` in blocks and counts them."""

    def __init__(self, target):
        self.target = target
        self.buffer = []
        self.size = 0
        self.lines = 0

    def write(self, data):  # pylint: disable=method-required-super
        self.buffer.append(data)
        self.size += len(data)
        if self.size >= STREAM_BLOCK:
            self.flush()
        return len(data)

    def flush(self):
        if self.buffer:
            block = b"".join(self.buffer)
            self.lines += block.count(b"\n")
            self.target.write(block)
            self.buffer = []
            self.size = 0


class RawRows:
    """Data rows of a sheet written by PostgreSQL itself: ``query`` returns one ``<row>``
    element a line for the sheet rows ``first_row`` (0-based) to ``first_row + count - 1``;
    they are spliced into the sheet's XML before the row that follows them."""

    def __init__(self, query, first_row, count):
        self.query = query
        self.first_row = first_row
        self.count = count

    @property
    def next_row_tag(self):
        return f'<row r="{self.first_row + self.count + 1}"'.encode()


class ReportRecapXlsx(models.AbstractModel):
    """Rekapitulasi kerja sama desa (the recap DPMD sends up to the province and the ministry,
    Permendagri 96/2017 on pembinaan dan pengawasan), with the APBDesa linkage per desa and
    year (Permendagri 20/2018). Written with xlsxwriter in ``constant_memory`` mode from SQL
    rows fetched in chunks through a server-side cursor."""

    _name = "report.kerjasama_desa_report.recap_xlsx"
    _description = "Kerja Sama Desa Recap Workbook"

    # ---------------------------------------------------------------- entry point
    def _kd_generate(self, records, data):
        """The workbook as bytes (Odoo's report API); ``_kd_generate_file`` streams it."""
        handle, path = tempfile.mkstemp(suffix=".xlsx", prefix="kd_recap_")
        os.close(handle)
        try:
            self._kd_generate_file(data, path)
            with open(path, "rb") as output:
                return output.read()
        finally:
            os.unlink(path)

    def _kd_generate_file(self, data, path, progress=None):
        """Write the workbook to ``path``. Memory stays flat whatever the number of rows:
        xlsxwriter writes the sheets' frames (titles, headers, totals, filter sheet) to
        temporary files, the data rows go from PostgreSQL's ``COPY`` straight into the zip
        stream of the file. ``progress(done, total)`` is called after each sheet."""
        data = dict(data or {})
        tmpdir = tempfile.mkdtemp(prefix="kd_recap_")
        settings = self._kd_set_query_settings(QUERY_SETTINGS)
        data = self._kd_materialize_agreements(data)
        try:
            frame = os.path.join(tmpdir, "frame.xlsx")
            workbook = xlsxwriter.Workbook(
                frame,
                {
                    "constant_memory": True,
                    "in_memory": False,
                    "tmpdir": tmpdir,
                    "strings_to_numbers": False,
                    "strings_to_formulas": False,
                    "strings_to_urls": False,
                },
            )
            workbook.kd_raw = {}
            workbook.set_properties(
                {"title": "Rekapitulasi Kerja Sama Desa", "author": self.env.company.name or ""}
            )
            formats = self._kd_formats(workbook)
            sheets = data.get("sheets") or [SHEET_KECAMATAN, SHEET_DESA]
            builders = self._kd_sheet_builders()
            todo = [sheet for sheet in sheets if sheet in builders]
            for sheet in todo:
                builders[sheet](workbook, formats, data)
            self._kd_write_filter_sheet(workbook, formats, data)
            workbook.close()
            self._kd_assemble(frame, path, workbook.kd_raw, progress, len(todo))
        finally:
            self._kd_set_query_settings(settings)
            for table in (AGREEMENT_TABLE, AGREEMENT_ROW_TABLE):
                self.env.cr.execute(SQL("DROP TABLE IF EXISTS %s", SQL.identifier(table)))
            shutil.rmtree(tmpdir, ignore_errors=True)

    def _kd_set_query_settings(self, settings):
        """Set PostgreSQL settings for the rest of the transaction; return the previous ones.

        The recap's queries read whole tables: JIT compilation (triggered by their cost)
        takes longer than they run, and their sorts fit in memory with a larger work_mem."""
        cr = self.env.cr
        previous = {}
        for name, value in settings.items():
            cr.execute(
                SQL("SELECT current_setting(%s), set_config(%s, %s, TRUE)", name, name, value)
            )
            previous[name] = cr.fetchone()[0]
        return previous

    def _kd_assemble(self, frame, path, raw_sheets, progress=None, total=1):
        """Copy the frame workbook to ``path``, streaming the data rows of each sheet from
        PostgreSQL into its XML (the parts of the frame are small)."""
        self.env.flush_all()
        done = 0
        with (
            zipfile.ZipFile(frame) as source,
            zipfile.ZipFile(
                path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=ZIP_LEVEL
            ) as target,
        ):
            for info in source.infolist():
                content = source.read(info.filename)
                raw = raw_sheets.get(info.filename)
                if raw is None:
                    target.writestr(info.filename, content)
                    continue
                split = content.index(raw.next_row_tag) if raw.count else len(content)
                with target.open(info.filename, "w", force_zip64=True) as output:
                    output.write(content[:split])
                    if raw.count:
                        self._kd_copy_rows(raw, output)
                    output.write(content[split:])
                done += 1
                if progress:
                    progress(done, total)

    def _kd_copy_rows(self, raw, output):
        stream = RowStream(output)
        cr = self.env.cr
        statement = cr.mogrify(SQL("COPY (%s) TO STDOUT", raw.query)).decode()
        cr._obj.copy_expert(statement, stream)
        stream.flush()
        if stream.lines != raw.count:
            # the transaction's snapshot is the same for the count and the rows
            raise ValueError(f"recap sheet: {stream.lines} rows written, {raw.count} expected")

    def _kd_sheet_builders(self):
        """Sheets by key; the BKAD bridge adds its own."""
        return {
            SHEET_KECAMATAN: self._kd_write_kecamatan_sheet,
            SHEET_DESA: self._kd_write_desa_sheet,
            SHEET_APBDES: self._kd_write_apbdes_sheet,
            SHEET_RANKING: self._kd_write_ranking_sheet,
            SHEET_EPDESKEL: self._kd_write_epdeskel_sheet,
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
            "score": workbook.add_format({**base, "border": 1, "num_format": "0.00"}),
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
        """Subquery of the agreement ids matching the filters, record rules applied (while
        the workbook is written: the temporary table that holds them, see
        ``_kd_materialize_agreements``)."""
        if data.get(AGREEMENT_TABLE_KEY):
            return SQL("(SELECT id FROM %s)", SQL.identifier(data[AGREEMENT_TABLE_KEY]))
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

    def _kd_materialize_agreements(self, data):
        """Select the agreements of the recap once, into a temporary table (analysed, so that
        the planner knows their number); every query of the workbook reads it."""
        cr = self.env.cr
        self.env.flush_all()
        cr.execute(SQL("DROP TABLE IF EXISTS %s", SQL.identifier(AGREEMENT_TABLE)))
        cr.execute(
            SQL(
                "CREATE TEMPORARY TABLE %s ON COMMIT DROP AS SELECT id FROM kerjasama_agreement "
                "WHERE id IN %s",
                SQL.identifier(AGREEMENT_TABLE),
                self._kd_agreement_query(data),
            )
        )
        cr.execute(SQL("ALTER TABLE %s ADD PRIMARY KEY (id)", SQL.identifier(AGREEMENT_TABLE)))
        cr.execute(SQL("ANALYZE %s", SQL.identifier(AGREEMENT_TABLE)))
        return {**data, AGREEMENT_TABLE_KEY: AGREEMENT_TABLE}

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

    def _kd_agreement_ctes(self, data):
        """``ag``: the agreements of the recap with their columns, their parties in order and
        the state of their last report, computed once for all the sheets into a temporary
        table (``_kd_agreement_rows``)."""
        return SQL("ag AS (SELECT * FROM %s)", SQL.identifier(self._kd_agreement_rows(data)))

    def _kd_agreement_rows(self, data):
        """The temporary table of the agreements' columns (see ``AGREEMENT_COLUMNS``), made
        at the first sheet that reads it."""
        if data.get(AGREEMENT_ROW_TABLE_KEY):
            return data[AGREEMENT_ROW_TABLE_KEY]
        agreements = self._kd_agreement_query(data)
        if "kerjasama.implementation.report" in self.env:
            reports = SQL(
                """SELECT DISTINCT ON (r.agreement_id) r.agreement_id, r.state
                     FROM kerjasama_implementation_report r
                    WHERE r.agreement_id IN %s
                 ORDER BY r.agreement_id, r.period_start DESC, r.id DESC""",
                agreements,
            )
        else:
            reports = SQL("SELECT NULL::int AS agreement_id, NULL::varchar AS state WHERE FALSE")
        cr = self.env.cr
        self.env.flush_all()
        cr.execute(SQL("DROP TABLE IF EXISTS %s", SQL.identifier(AGREEMENT_ROW_TABLE)))
        cr.execute(
            SQL(
                """CREATE TEMPORARY TABLE %(table)s ON COMMIT DROP AS
                   WITH parties AS (
                       SELECT p.agreement_id,
                              string_agg(COALESCE(rp.name, ''), '; ' ORDER BY p.sequence, p.id)
                                  AS names
                         FROM kerjasama_agreement_party p
                    LEFT JOIN res_partner rp ON rp.id = p.partner_id
                        WHERE p.agreement_id IN %(agreements)s
                     GROUP BY p.agreement_id),
                   reports AS (%(reports)s)
                   SELECT a.id, a.name, a.title, a.kind, a.date_start, a.date_end,
                          COALESCE(a.amount_total, 0) AS amount_total, a.state,
                          %(bidang)s AS bidang, %(number)s AS instrument_number,
                          parties.names AS party_names, reports.state AS report_state
                     FROM kerjasama_agreement a
                LEFT JOIN kerjasama_bidang b ON b.id = a.bidang_id
                LEFT JOIN parties ON parties.agreement_id = a.id
                LEFT JOIN reports ON reports.agreement_id = a.id
                    WHERE a.id IN %(agreements)s""",
                table=SQL.identifier(AGREEMENT_ROW_TABLE),
                bidang=self._kd_translated("kerjasama.bidang", "name", "b"),
                number=self._kd_number_column(),
                agreements=agreements,
                reports=reports,
            )
        )
        cr.execute(SQL("ALTER TABLE %s ADD PRIMARY KEY (id)", SQL.identifier(AGREEMENT_ROW_TABLE)))
        cr.execute(SQL("ANALYZE %s", SQL.identifier(AGREEMENT_ROW_TABLE)))
        data[AGREEMENT_ROW_TABLE_KEY] = AGREEMENT_ROW_TABLE
        return AGREEMENT_ROW_TABLE

    def _kd_agreement_cells(self, cells, formats, col, labels):
        """The agreement's own columns from ``col`` on (the columns of ``AGREEMENT_COLUMNS``
        in the rows ``x``)."""
        xf = {name: fmt._get_xf_index() for name, fmt in formats.items()}
        return [
            cells.text(col, xf["text"], SQL("NULLIF(x.name, '/')")),
            cells.text(col + 1, xf["wrap"], SQL("x.title")),
            cells.text(
                col + 2,
                xf["text"],
                SQL("COALESCE(%s::jsonb ->> x.kind, x.kind)", labels["kind"]),
                escaped=True,
            ),
            cells.text(col + 3, xf["wrap"], SQL("x.party_names")),
            cells.text(col + 4, xf["text"], SQL("x.bidang")),
            cells.text(col + 5, xf["text"], SQL("x.instrument_number")),
            cells.date(col + 6, xf["date"], SQL("x.date_start")),
            cells.date(col + 7, xf["date"], SQL("x.date_end")),
            cells.number(col + 8, xf["rupiah"], SQL("x.amount_total")),
            cells.text(
                col + 9,
                xf["text"],
                SQL("COALESCE(%s::jsonb ->> x.state, x.state)", labels["state"]),
                escaped=True,
            ),
            cells.text(
                col + 10,
                xf["text"],
                SQL(
                    "COALESCE(%s::jsonb ->> x.report_state, %s)",
                    labels["report"],
                    xml_escape(NO_REPORT),
                ),
                escaped=True,
            ),
        ]

    def _kd_share_cells(self, cells, formats):
        xf = formats["rupiah"]._get_xf_index()
        return [
            cells.number(COL_CONTRIBUTION, xf, SQL("x.contribution")),
            cells.number(COL_INCOME, xf, SQL("x.income")),
            cells.formula(
                COL_SHARE,
                xf,
                [("", COL_CONTRIBUTION), ("+", COL_INCOME)],
                SQL("COALESCE(x.contribution, 0) + COALESCE(x.income, 0)"),
            ),
        ]

    def _kd_write_raw_rows(self, workbook, sheet, query, totals):
        """Register the data rows of ``sheet`` (``query``, one ``<row>`` a line), written
        when the file is assembled. ``totals`` is ``(count, {col: sum})``, the figures of the
        same rows in SQL: the cached values of the totals row. Return the last row."""
        count, sums = totals
        name = f"xl/worksheets/sheet{sheet.index + 1}.xml"
        workbook.kd_raw[name] = RawRows(query, FIRST_DATA_ROW, count)
        for col, value in sums.items():
            sheet.kd_sums[col] = float(value or 0)
        return FIRST_DATA_ROW + count - 1

    def _kd_json_labels(self, labels):
        """The selection labels as JSON for SQL, escaped for XML (the cells take them as
        they are; a selection key is a plain identifier)."""
        return {
            key: json.dumps({k: xml_escape(v) for k, v in values.items()})
            for key, values in labels.items()
        }

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

    def _kd_finish_sheet(
        self, sheet, formats, headers, last_row, sum_cols, label_col=1, total="total_rupiah"
    ):
        """Autofilter over the data and a totals row of SUBTOTAL formulas, each written with
        its computed value (in the format ``total``). Return the totals row."""
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
                    formats[total],
                    sheet.kd_sums[col],
                )
            else:
                sheet.write_number(total_row, col, 0, formats[total])
        return total_row

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
        return self._kd_write_agreement_rows(
            workbook,
            sheet,
            formats,
            data,
            headers,
            rows=self._kd_kecamatan_rows(data),
            unit_columns=("kab_name", "kec_code", "kec_name"),
            relation="kerjasama_agreement_kecamatan_rel",
            unit_condition=self._kd_kecamatan_condition(data, alias="unit"),
        )

    def _kd_write_agreement_rows(
        self, workbook, sheet, formats, data, headers, rows, unit_columns, relation, unit_condition
    ):
        """The rows of a per-kecamatan or per-desa sheet: No, the unit's three columns (the
        second one a code), the agreement's columns and the desa's shares; then the totals and
        the reconciliation with the register. Return the number of data rows."""
        cells = CellSQL()
        xf = {name: fmt._get_xf_index() for name, fmt in formats.items()}
        labels = self._kd_json_labels(self._kd_agreement_labels())
        first, code, name = unit_columns
        row_cells = [
            cells.number(0, xf["int"], SQL("x.rn")),
            cells.text(1, xf["text"], SQL.identifier("x", first)),
            cells.text(2, xf["text"], SQL.identifier("x", code), escaped=True),
            cells.text(3, xf["text"], SQL.identifier("x", name)),
            *self._kd_agreement_cells(cells, formats, 4, labels),
            *self._kd_share_cells(cells, formats),
        ]
        last_row = self._kd_write_raw_rows(
            workbook,
            sheet,
            self._kd_rows_xml(rows, row_cells, [code, "date_start", "agreement_id"]),
            self._kd_share_totals(data, relation, unit_condition),
        )
        total_row = self._kd_finish_sheet(
            sheet,
            formats,
            headers,
            last_row,
            [COL_CONTRIBUTION, COL_INCOME, COL_SHARE],
            label_col=3,
        )
        self._kd_write_reconciliation(sheet, formats, data, total_row, last_row)
        return last_row - 2

    def _kd_rows_xml(self, rows, row_cells, order):
        """One ``<row>`` element a line for the rows ``x`` of ``rows`` in the order of the
        columns ``order``, numbered ``rn`` from 1 (``rt``: the sheet's row number as text).
        The rows are numbered and sorted once, before their XML is made."""
        keys = SQL(", ").join(SQL.identifier("x", key) for key in order)
        return SQL(
            """%(rows)s
               SELECT %(xml)s
                 FROM (SELECT x.*, row_number() OVER (ORDER BY %(keys)s) AS rn,
                              (row_number() OVER (ORDER BY %(keys)s) + %(first)s)::text AS rt
                         FROM x) x
             ORDER BY %(keys)s""",
            rows=rows,
            xml=CellSQL().row(row_cells),
            keys=keys,
            first=FIRST_DATA_ROW,
        )

    def _kd_share_totals(self, data, relation, unit_condition):
        """(number of rows, {column: sum}) of a per-kecamatan or per-desa sheet, straight from
        the relation of its rows (agreement x kecamatan or x desa) and the finance view: the
        same rows and shares as the sheet's query, without its joins. The sums do not depend
        on the sheet: computed once for both."""
        self.env.flush_all()
        agreements = self._kd_agreement_query(data)
        key = "_kd_share_sums"
        if key not in data:
            self.env.cr.execute(
                SQL(
                    """SELECT COALESCE(SUM(v.planned_amount)
                                       FILTER (WHERE v.flow = 'contribution'), 0),
                              COALESCE(SUM(v.planned_amount) FILTER (WHERE v.flow = 'income'), 0)
                         FROM %(planned)s v
                         JOIN kerjasama_region desa ON desa.id = v.region_id
                    LEFT JOIN kerjasama_region kec ON kec.id = v.kecamatan_id
                        WHERE v.agreement_id IN %(agreements)s
                          AND %(desa)s AND %(kecamatan)s""",
                    planned=self._kd_planned_sql(),
                    agreements=agreements,
                    desa=self._kd_region_condition("desa", data),
                    kecamatan=self._kd_kecamatan_condition(data),
                )
            )
            data[key] = self.env.cr.fetchone()
        contribution, income = data[key]
        self.env.cr.execute(
            SQL(
                """SELECT COUNT(*) FROM %(relation)s rel
                     JOIN kerjasama_region unit ON unit.id = rel.region_id
                    WHERE rel.agreement_id IN %(agreements)s AND %(unit)s""",
                relation=SQL.identifier(relation),
                agreements=agreements,
                unit=unit_condition,
            )
        )
        count = self.env.cr.fetchone()[0]
        return count, {
            COL_CONTRIBUTION: contribution,
            COL_INCOME: income,
            COL_SHARE: float(contribution) + float(income),
        }

    def _kd_planned_sql(self):
        """The planned amounts of the financing lines: the finance view's rows without the
        APBDesa columns the shares do not read (``_kd_planned_sql`` of the view's model)."""
        return self.env["kerjasama.agreement.report.finance"]._kd_planned_sql()

    def _kd_kecamatan_rows(self, data):
        """``WITH ... x``: one row per agreement and kecamatan of its desa parties, with the
        financing lines of its desa parties of that kecamatan (from the finance view)."""
        return SQL(
            """WITH %(ctes)s,
               shares AS (
                   SELECT v.agreement_id, v.kecamatan_id,
                          SUM(v.planned_amount) FILTER (WHERE v.flow = 'contribution')
                              AS contribution,
                          SUM(v.planned_amount) FILTER (WHERE v.flow = 'income') AS income
                     FROM %(planned)s v
                     JOIN kerjasama_region desa ON desa.id = v.region_id
                    WHERE v.agreement_id IN (SELECT id FROM ag)
                      AND %(desa)s
                 GROUP BY v.agreement_id, v.kecamatan_id),
               x AS (
                   SELECT kab.name AS kab_name, kec.code AS kec_code, kec.name AS kec_name,
                          %(columns)s,
                          COALESCE(shares.contribution, 0) AS contribution,
                          COALESCE(shares.income, 0) AS income
                     FROM ag
                     JOIN kerjasama_agreement_kecamatan_rel ak ON ak.agreement_id = ag.id
                     JOIN kerjasama_region kec ON kec.id = ak.region_id
                LEFT JOIN kerjasama_region kab ON kab.id = kec.kabupaten_id
                LEFT JOIN shares ON shares.agreement_id = ag.id AND shares.kecamatan_id = kec.id
                    WHERE %(kecamatan)s)""",
            ctes=self._kd_agreement_ctes(data),
            planned=self._kd_planned_sql(),
            columns=AGREEMENT_COLUMNS,
            kecamatan=self._kd_kecamatan_condition(data),
            desa=self._kd_region_condition("desa", data),
        )

    def _kd_kecamatan_condition(self, data, alias="kec"):
        column = SQL.identifier(alias, "id")
        if data.get("kecamatan_ids"):
            return SQL("%s = ANY(%s)", column, list(data["kecamatan_ids"]))
        if data.get("region_ids"):
            return SQL(
                "%s IN (SELECT kecamatan_id FROM kerjasama_region WHERE id = ANY(%s))",
                column,
                list(data["region_ids"]),
            )
        if data.get("kabupaten_id"):
            return SQL("%s = %s", SQL.identifier(alias, "kabupaten_id"), data["kabupaten_id"])
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
        return self._kd_write_agreement_rows(
            workbook,
            sheet,
            formats,
            data,
            headers,
            rows=self._kd_desa_rows(data),
            unit_columns=("kec_name", "desa_code", "desa_name"),
            relation="kerjasama_agreement_region_rel",
            unit_condition=self._kd_region_condition("unit", data),
        )

    def _kd_desa_rows(self, data):
        """``WITH ... x``: one row per agreement and desa party, with the desa's own financing
        lines (those whose party is that desa: a pihak ketiga's contribution is not a desa's),
        from the finance view."""
        return SQL(
            """WITH %(ctes)s,
               shares AS (
                   SELECT v.agreement_id, v.region_id,
                          SUM(v.planned_amount) FILTER (WHERE v.flow = 'contribution')
                              AS contribution,
                          SUM(v.planned_amount) FILTER (WHERE v.flow = 'income') AS income
                     FROM %(planned)s v
                    WHERE v.agreement_id IN (SELECT id FROM ag)
                 GROUP BY v.agreement_id, v.region_id),
               x AS (
                   SELECT kec.name AS kec_name, desa.code AS desa_code, desa.name AS desa_name,
                          %(columns)s,
                          COALESCE(shares.contribution, 0) AS contribution,
                          COALESCE(shares.income, 0) AS income
                     FROM ag
                     JOIN kerjasama_agreement_region_rel ar ON ar.agreement_id = ag.id
                     JOIN kerjasama_region desa ON desa.id = ar.region_id
                LEFT JOIN kerjasama_region kec ON kec.id = desa.kecamatan_id
                LEFT JOIN shares ON shares.agreement_id = ag.id AND shares.region_id = desa.id
                    WHERE %(desa)s)""",
            ctes=self._kd_agreement_ctes(data),
            planned=self._kd_planned_sql(),
            columns=AGREEMENT_COLUMNS,
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
        key = "_kd_reconciliation"
        if key not in data:
            # the same figures for the per-kecamatan and per-desa sheets
            data[key] = self._kd_reconciliation_amounts(data)
        count, register_total, third_party, outside = data[key]
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
        last_row = FIRST_DATA_ROW - 1
        rows = self._kd_apbdes_rows(data)
        if rows is not None:
            cells = CellSQL()
            xf = {name: fmt._get_xf_index() for name, fmt in formats.items()}
            rupiah = xf["rupiah"]
            row_cells = [
                cells.number(0, xf["int"], SQL("x.rn")),
                cells.text(1, xf["text"], SQL("x.kec_name")),
                cells.text(2, xf["text"], SQL("x.desa_code"), escaped=True),
                cells.text(3, xf["text"], SQL("x.desa_name")),
                cells.number(4, xf["int"], SQL("x.year")),
                cells.number(5, rupiah, SQL("x.planned")),
                cells.number(6, rupiah, SQL("x.budgeted")),
                cells.number(7, rupiah, SQL("x.realised")),
                cells.formula(8, rupiah, [("", 5), ("-", 7)], SQL("x.planned - x.realised")),
                cells.formula(9, rupiah, [("", 6), ("-", 7)], SQL("x.budgeted - x.realised")),
            ]
            self.env.flush_all()
            self.env.cr.execute(
                SQL(
                    """%s SELECT COUNT(*), COALESCE(SUM(planned), 0), COALESCE(SUM(budgeted), 0),
                                 COALESCE(SUM(realised), 0) FROM x""",
                    rows,
                )
            )
            count, planned, budgeted, realised = (float(v) for v in self.env.cr.fetchone())
            sums = {
                5: planned,
                6: budgeted,
                7: realised,
                8: planned - realised,
                9: budgeted - realised,
            }
            last_row = self._kd_write_raw_rows(
                workbook,
                sheet,
                self._kd_rows_xml(rows, row_cells, ["desa_code", "year"]),
                (int(count), sums),
            )
        self._kd_finish_sheet(sheet, formats, headers, last_row, [5, 6, 7, 8, 9], label_col=3)
        return last_row - 2

    def _kd_apbdes_rows(self, data):
        """``WITH x``: planned, budgeted and realised per desa and fiscal year, from the
        finance view: the financing lines of the agreements of the recap (their year is the
        APBDesa year of their line, or the year the agreement starts when not yet budgeted),
        and what the cooperation lines of the APBDesa carry for no agreement. Together they are
        the anggaran and realisasi of the desa's cooperation lines."""
        if "kerjasama.apbdes.line" not in self.env:
            return None
        Line = self.env["kerjasama.apbdes.line"]
        domain = [("is_cooperation", "=", True)]
        years = SQL("v.year IS NOT NULL")
        if data.get("date_from"):
            domain.append(("year", ">=", int(data["date_from"][:4])))
            years = SQL("%s AND v.year >= %s", years, int(data["date_from"][:4]))
        if data.get("date_to"):
            domain.append(("year", "<=", int(data["date_to"][:4])))
            years = SQL("%s AND v.year <= %s", years, int(data["date_to"][:4]))
        return SQL(
            """WITH g AS (
                   SELECT v.region_id, v.year, SUM(v.planned_amount) AS planned,
                          SUM(v.budgeted_amount) AS budgeted, SUM(v.realized_amount) AS realised
                     FROM kerjasama_agreement_report_finance v
                    WHERE %(years)s
                      AND ((v.row_kind = 'funding' AND v.agreement_id IN %(agreements)s)
                           OR (v.row_kind = 'unattributed' AND v.apbdes_line_id IN %(lines)s))
                 GROUP BY v.region_id, v.year),
               x AS (
                   SELECT kec.name AS kec_name, desa.code AS desa_code, desa.name AS desa_name,
                          g.year, g.planned, g.budgeted, g.realised
                     FROM g
                     JOIN kerjasama_region desa ON desa.id = g.region_id
                LEFT JOIN kerjasama_region kec ON kec.id = desa.kecamatan_id
                    WHERE %(desa)s)""",
            years=years,
            agreements=self._kd_agreement_query(data),
            lines=Line._search(domain).subselect(),
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

    def _kd_write_ranking_sheet(self, workbook, formats, data):
        """Peringkat: the agreements and BKAD of the recap's regions ranked by their validated
        assessment (the core's ranking view, record rules applied), per year."""
        headers = [
            ("No", 6),
            ("Tahun", 8),
            ("Provinsi", 18),
            ("Kabupaten/Kota", 20),
            ("Jenis", 12),
            ("Nomor Registrasi / BKAD", 24),
            ("Judul Kerja Sama / Nama BKAD", 40),
            ("Nilai", 10),
            ("Hasil", 14),
            ("Peringkat di Kabupaten/Kota", 14),
            ("Peringkat di Provinsi", 14),
            ("Tahapan", 20),
        ]
        sheet = self._kd_start_sheet(
            workbook,
            formats,
            "Peringkat",
            "PERINGKAT PENILAIAN STANDAR KERJA SAMA DESA",
            headers,
            note=RANKING_NOTE,
        )
        domain = []
        if data.get("date_from"):
            domain.append(("year", ">=", int(data["date_from"][:4])))
        if data.get("date_to"):
            domain.append(("year", "<=", int(data["date_to"][:4])))
        regions = self._kd_region_filter_ids(data)
        if regions is not None:
            domain.append(("assessment_id.region_ids", "in", regions))
        Ranking = self.env["kerjasama.assessment.report.ranking"]
        query = SQL(
            """SELECT r.year, prov.name, kab.name, r.subject,
                      COALESCE(NULLIF(a.name, '/'), bk.name), COALESCE(a.title, bk.name),
                      r.score_total, r.category, r.rank_kabupaten, r.rank_provinsi, r.state
                 FROM kerjasama_assessment_report_ranking r
            LEFT JOIN kerjasama_region prov ON prov.id = r.provinsi_id
            LEFT JOIN kerjasama_region kab ON kab.id = r.kabupaten_id
            LEFT JOIN kerjasama_agreement a ON a.id = r.agreement_id AND r.subject = 'agreement'
            LEFT JOIN kerjasama_bkad bk ON bk.id = r.bkad_id AND r.subject = 'bkad'
                WHERE r.id IN %(rows)s
             ORDER BY r.year DESC, prov.code, kab.code, r.subject, r.rank_kabupaten, r.id""",
            rows=Ranking._search(domain).subselect(),
        )
        row = FIRST_DATA_ROW - 1
        for rows in self._kd_fetch_chunks(query, "peringkat"):
            for values in rows:
                row += 1
                year, prov, kab, subject, number, title, score, category = values[:8]
                rank_kab, rank_prov, state = values[8:]
                sheet.write_number(row, 0, row - FIRST_DATA_ROW + 1, formats["int"])
                sheet.write_number(row, 1, year, formats["int"])
                sheet.write_string(row, 2, prov or "", formats["text"])
                sheet.write_string(row, 3, kab or "", formats["text"])
                sheet.write_string(row, 4, SUBJECT_LABELS.get(subject, subject), formats["text"])
                sheet.write_string(row, 5, number or "", formats["text"])
                sheet.write_string(row, 6, title or "", formats["wrap"])
                sheet.write_number(row, 7, float(score or 0), formats["score"])
                sheet.write_string(row, 8, RESULT_LABELS.get(category, ""), formats["text"])
                sheet.write_number(row, 9, rank_kab, formats["int"])
                if rank_prov:
                    sheet.write_number(row, 10, rank_prov, formats["int"])
                else:
                    sheet.write_blank(row, 10, None, formats["int"])
                sheet.write_string(
                    row, 11, RANKED_STATE_LABELS.get(state, state or ""), formats["text"]
                )
        sheet.kd_summing = False
        sheet.autofilter(2, 0, max(row, 2), len(headers) - 1)
        return row - FIRST_DATA_ROW + 1

    def _kd_write_epdeskel_sheet(self, workbook, formats, data):
        """Epdeskel: for each desa of the recap's regions (inside the user's own), whether it
        has a signed kerja sama antar-desa and one with a pihak ketiga among the recap's
        agreements (the core's Epdeskel query)."""
        headers = [
            ("No", 6),
            ("Kecamatan", 20),
            ("Kode Desa", 14),
            ("Desa", 20),
            ("Kerja Sama Antar-Desa", 16),
            ("Jumlah Kerja Sama Antar-Desa", 14),
            ("Kerja Sama dengan Pihak Ketiga", 16),
            ("Jumlah Kerja Sama dengan Pihak Ketiga", 14),
        ]
        sheet = self._kd_start_sheet(
            workbook,
            formats,
            "Epdeskel",
            "INDIKATOR KERJA SAMA DESA DALAM EPDESKEL",
            headers,
            note=EPDESKEL_NOTE,
        )
        desa = self._kd_region_condition("desa", data)
        Epdeskel = self.env["kerjasama.region.report.epdeskel"]
        if not (self.env.su or self.env.user.has_group(NATIONAL_ADMIN_GROUP)):
            Region = self.env["kerjasama.region"].with_context(active_test=False)
            own = Region._search([("id", "child_of", self.env.user.kerjasama_region_ids.ids)])
            desa = SQL("%s AND desa.id IN %s", desa, own.subselect())
        query = SQL(
            """SELECT kec.name, e.region_code, e.name, e.antar_desa, e.antar_desa_count,
                      e.pihak_ketiga, e.pihak_ketiga_count
                 FROM (SELECT x.*, desa.name FROM (%(rows)s) x
                         JOIN kerjasama_region desa ON desa.id = x.region_id) e
            LEFT JOIN kerjasama_region kec ON kec.id = e.kecamatan_id
             ORDER BY e.region_code, e.region_id""",
            rows=Epdeskel._kd_epdeskel_sql(
                self._kd_agreement_query(data), SIGNED_FOLLOWUP_STATES, desa
            ),
        )
        row = FIRST_DATA_ROW - 1
        for rows in self._kd_fetch_chunks(query, "epdeskel"):
            for kec, code, name, antar, antar_count, ketiga, ketiga_count in rows:
                row += 1
                sheet.write_number(row, 0, row - FIRST_DATA_ROW + 1, formats["int"])
                sheet.write_string(row, 1, kec or "", formats["text"])
                sheet.write_string(row, 2, code or "", formats["text"])
                sheet.write_string(row, 3, name or "", formats["text"])
                sheet.write_string(row, 4, PRESENCE_LABELS[antar], formats["text"])
                sheet.write_number(row, 5, antar_count, formats["int"])
                sheet.write_string(row, 6, PRESENCE_LABELS[ketiga], formats["text"])
                sheet.write_number(row, 7, ketiga_count, formats["int"])
        self._kd_finish_sheet(sheet, formats, headers, row, [5, 7], label_col=3, total="total_int")
        return row - FIRST_DATA_ROW + 1
