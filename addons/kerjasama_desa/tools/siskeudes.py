"""Reading a Siskeudes export: the tables of the Siskeudes database (Microsoft Access ``.mdb``
of BPKP's Sistem Keuangan Desa), each exported as one CSV file named after its table
(``Ta_RAB.csv``, ...), together in one ZIP file. This is the format OpenSID's Siskeudes import
reads (OpenSID/OpenSID, ``Keuangan_model`` and ``Keuangan_manual``: ``get_csv($zip, 'Ta_RAB.csv')``,
header row with the column names, comma separated).

Only the tables and columns below are read (column names are matched without regard to case;
any other table or column of the ZIP is ignored):

Anggaran (budget)
  ``Ta_Desa``      Tahun, Kd_Desa, No_Perdes (the desa of the file and its APBDesa regulation)
  ``Ta_RAB``       Tahun, Kd_Desa, Kd_Keg, Kd_Rincian, Anggaran, AnggaranStlhPAK: one row per
                   budget line (kegiatan x kode rekening obyek)
  ``Ta_RABRinci``  Tahun, Kd_Desa, Kd_Keg, Kd_Rincian, Anggaran, AnggaranStlhPAK (optional):
                   the detail of a line; when present its sum is the line's amount (as OpenSID
                   sums ``AnggaranStlhPAK`` of ``Ta_RABRinci`` per ``Kd_Rincian``)
  ``Ta_Kegiatan``  Tahun, Kd_Desa, Kd_Keg, ID_Keg, Nama_Kegiatan: names of the kegiatan
  ``Ref_Rek1..4``  Akun/Nama_Akun, Kelompok/Nama_Kelompok, Jenis/Nama_Jenis, Obyek/Nama_Obyek
                   (optional): names of account codes the suite does not have yet
  ``Ta_Pemda``     Kd_Prov, Kd_Kab (optional): the kabupaten of the file

Realisasi (optional, read when both tables of a pair are present)
  ``Ta_TBP`` + ``Ta_TBPRinci``   No_Bukti, Tgl_Bukti, Uraian / Tahun, Kd_Desa, No_Bukti, Kd_Keg,
                                 Kd_Rincian, Nilai: receipts (tanda bukti penerimaan)
  ``Ta_SPP`` + ``Ta_SPPRinci``   No_SPP, Tgl_SPP, Jn_SPP, Keterangan / Tahun, Kd_Desa, No_SPP,
                                 Kd_Keg, Kd_Rincian, Nilai: payment requests; an advance
                                 (Jn_SPP ``UM``, panjar) is left out, its accountability comes
                                 with the SPJ
  ``Ta_SPJ`` + ``Ta_SPJRinci``   No_SPJ, Tgl_SPJ, Keterangan / Tahun, Kd_Desa, No_SPJ, Kd_Keg,
                                 Kd_Rincian, Nilai: accountability of advances

This is OpenSID's own formula for the realisation of belanja (SPP minus its UM part, plus SPJ)
and of pendapatan (TBP). OpenSID also adds ``Ta_Mutasi`` (bank interest) and
``Ta_JurnalUmumRinci`` (journal corrections); they are not read here.

Codes: ``Kd_Desa`` is the desa's code in the Siskeudes database of its kabupaten (e.g.
``01.2001.``); ``Kd_Keg`` is ``Kd_Desa`` followed by the kegiatan (bidang.sub bidang.kegiatan,
e.g. ``01.2001.01.01.01.``; ``00.00.00.`` for a line without kegiatan); ``Kd_Rincian`` is the
kode rekening down to obyek (``5.1.1.01.``). The trailing dots are dropped.
"""

import csv
import io
import re
import zipfile
from datetime import datetime

# table -> columns it must have (lower case)
TABLE_COLUMNS = {
    "Ta_Desa": ("tahun", "kd_desa"),
    "Ta_RAB": ("tahun", "kd_desa", "kd_keg", "kd_rincian", "anggaran"),
    "Ta_RABRinci": ("tahun", "kd_desa", "kd_keg", "kd_rincian", "anggaran"),
    "Ta_Kegiatan": ("tahun", "kd_desa", "kd_keg", "nama_kegiatan"),
    "Ref_Rek1": ("akun", "nama_akun"),
    "Ref_Rek2": ("kelompok", "nama_kelompok"),
    "Ref_Rek3": ("jenis", "nama_jenis"),
    "Ref_Rek4": ("obyek", "nama_obyek"),
    "Ta_Pemda": ("kd_prov", "kd_kab"),
    "Ta_TBP": ("no_bukti", "tgl_bukti"),
    "Ta_TBPRinci": ("tahun", "kd_desa", "no_bukti", "kd_keg", "kd_rincian", "nilai"),
    "Ta_SPP": ("no_spp", "tgl_spp"),
    "Ta_SPPRinci": ("tahun", "kd_desa", "no_spp", "kd_keg", "kd_rincian", "nilai"),
    "Ta_SPJ": ("no_spj", "tgl_spj"),
    "Ta_SPJRinci": ("tahun", "kd_desa", "no_spj", "kd_keg", "kd_rincian", "nilai"),
}
REQUIRED_TABLES = ("Ta_Desa", "Ta_RAB", "Ta_Kegiatan")
# realisation: (detail table, header table, document number column, date column, text column)
REALIZATION_SOURCES = (
    ("Ta_TBPRinci", "Ta_TBP", "no_bukti", "tgl_bukti", "uraian"),
    ("Ta_SPPRinci", "Ta_SPP", "no_spp", "tgl_spp", "keterangan"),
    ("Ta_SPJRinci", "Ta_SPJ", "no_spj", "tgl_spj", "keterangan"),
)
DATE_FORMATS = (
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d",
    "%m/%d/%Y %H:%M:%S",
    "%m/%d/%Y",
    "%m/%d/%y %H:%M:%S",
    "%d-%m-%Y",
)
_TABLES_BY_LOWER = {name.lower(): name for name in TABLE_COLUMNS}


class SiskeudesFileError(Exception):
    """The upload is not a ZIP of CSV files."""


def norm_code(value):
    """``"4.1.1.01."`` -> ``"4.1.1.01"``; spaces and trailing dots dropped."""
    return re.sub(r"\s+", "", value or "").rstrip(".")


def is_empty_kegiatan(code):
    return not code or not code.replace(".", "").strip("0")


def parse_amount(value):
    """A Siskeudes amount: ``1500000``, ``1500000.00``, ``1.500.000,00`` or empty (0)."""
    text = re.sub(r"[\s]", "", value or "")
    if not text:
        return 0.0
    if "," in text and "." in text:
        if text.rfind(",") > text.rfind("."):
            text = text.replace(".", "").replace(",", ".")
        else:
            text = text.replace(",", "")
    elif "," in text:
        text = text.replace(",", ".")
    return float(text)


def parse_date(value):
    """A Siskeudes date as Access exports it (``01/31/2026 00:00:00``) or ISO; None if not."""
    text = (value or "").strip()
    for fmt in DATE_FORMATS:
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


def _decode(raw):
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return raw.decode("latin-1")


def _read_csv(text):
    first = text.split("\n", 1)[0]
    delimiter = max((",", ";", "\t"), key=first.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header = None
    rows = []
    for values in reader:
        if header is None:
            header = [name.strip().lower() for name in values]
            continue
        if not any(value.strip() for value in values):
            continue
        rows.append(
            {name: (value or "").strip() for name, value in zip(header, values, strict=False)}
        )
    return header or [], rows


def read_zip(data):
    """Tables of the ZIP ``data`` (bytes) the import knows: ``{table: (columns, rows)}``, rows
    as dicts keyed by lower-case column name, each with its CSV line number in ``"#"``."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError) as exc:
        raise SiskeudesFileError(str(exc)) from exc
    tables = {}
    with archive:
        for info in archive.infolist():
            base = info.filename.replace("\\", "/").rsplit("/", 1)[-1]
            if info.is_dir() or not base.lower().endswith(".csv"):
                continue
            table = _TABLES_BY_LOWER.get(base[:-4].lower())
            if not table:
                continue
            columns, rows = _read_csv(_decode(archive.read(info)))
            for number, row in enumerate(rows, start=2):
                row["#"] = number
            tables[table] = (columns, rows)
    return tables
