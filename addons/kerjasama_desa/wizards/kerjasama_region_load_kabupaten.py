import csv
import functools
import gzip

from odoo import api, fields, models
from odoo.tools.misc import file_path

REGION_FILE = "kerjasama_desa/data/wilayah/kode_wilayah_kepmendagri_2025.csv.gz"


def read_region_file():
    """Yield the rows of the shipped Kepmendagri 2025 file as dicts (see its README)."""
    with gzip.open(file_path(REGION_FILE), mode="rt", encoding="utf-8", newline="") as handle:
        yield from csv.DictReader(handle)


def clean_name(name):
    """Collapse the stray double spaces of the source names."""
    return " ".join((name or "").split())


@functools.cache
def kabupaten_catalogue():
    """Tuple of (code, name, provinsi name) of the 514 kabupaten/kota of the shipped file."""
    seen = {}
    for row in read_region_file():
        seen.setdefault(
            row["kode_kabupaten"],
            (
                row["kode_kabupaten"],
                clean_name(row["nama_kabupaten"]),
                clean_name(row["nama_provinsi"]),
            ),
        )
    return tuple(sorted(seen.values()))


@functools.cache
def kabupaten_village_counts():
    """Number of village rows (desa, desa adat, kelurahan) of each kabupaten/kota code."""
    counts = {}
    for row in read_region_file():
        counts[row["kode_kabupaten"]] = counts.get(row["kode_kabupaten"], 0) + 1
    return counts


class KerjasamaRegionLoadKabupaten(models.TransientModel):
    """A kabupaten/kota of the shipped Kepmendagri 2025 code list, offered for loading.

    Choice list of the region loading wizard (Kepmendagri No. 300.2.2-2138 Tahun 2025).
    """

    _name = "kerjasama.region.load.kabupaten"
    _description = "Regency/City Available for Loading"
    _order = "code"
    _rec_names_search = ["name", "code", "provinsi_name"]

    code = fields.Char(required=True, readonly=True)
    name = fields.Char(required=True, readonly=True)
    provinsi_name = fields.Char(string="Province", readonly=True)
    village_count = fields.Integer(string="Villages", compute="_compute_village_count")

    @api.depends("code")
    def _compute_village_count(self):
        counts = kabupaten_village_counts()
        for option in self:
            option.village_count = counts.get(option.code, 0)

    @api.depends("code", "name")
    def _compute_display_name(self):
        for option in self:
            option.display_name = f"{option.code} {option.name}"

    @api.model
    def _ensure_options(self):
        """Create the choice list of the current user once (it lives as long as transients)."""
        existing = set(self.search([("create_uid", "=", self.env.uid)]).mapped("code"))
        missing = [row for row in kabupaten_catalogue() if row[0] not in existing]
        if missing:
            self.create(
                [
                    {"code": code, "name": name, "provinsi_name": prov}
                    for code, name, prov in missing
                ]
            )
