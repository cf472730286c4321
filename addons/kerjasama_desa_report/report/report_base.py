# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import models
from odoo.exceptions import UserError

from odoo.addons.kerjasama_desa.tools.formatting import (
    format_date_id,
    format_rupiah,
    terbilang,
)

from . import engine

LEGAL_BASIS = [
    "Undang-Undang Nomor 6 Tahun 2014 tentang Desa (Lembaran Negara Republik Indonesia "
    "Tahun 2014 Nomor 7, Tambahan Lembaran Negara Republik Indonesia Nomor 5495) sebagaimana "
    "telah beberapa kali diubah, terakhir dengan Undang-Undang Nomor 3 Tahun 2024;",
    "Peraturan Pemerintah Nomor 43 Tahun 2014 tentang Peraturan Pelaksanaan Undang-Undang "
    "Nomor 6 Tahun 2014 tentang Desa (Lembaran Negara Republik Indonesia Tahun 2014 Nomor 123) "
    "sebagaimana telah beberapa kali diubah, terakhir dengan Peraturan Pemerintah Nomor 11 "
    "Tahun 2019 (Lembaran Negara Republik Indonesia Tahun 2019 Nomor 41);",
    "Peraturan Menteri Dalam Negeri Nomor 96 Tahun 2017 tentang Tata Cara Kerja Sama Desa di "
    "Bidang Pemerintahan Desa (Berita Negara Republik Indonesia Tahun 2017 Nomor 1448);",
]

ORDINALS = [
    "KESATU",
    "KEDUA",
    "KETIGA",
    "KEEMPAT",
    "KELIMA",
    "KEENAM",
    "KETUJUH",
    "KEDELAPAN",
    "KESEMBILAN",
    "KESEPULUH",
]

ROMAN = [
    (1000, "M"),
    (900, "CM"),
    (500, "D"),
    (400, "CD"),
    (100, "C"),
    (90, "XC"),
    (50, "L"),
    (40, "XL"),
    (10, "X"),
    (9, "IX"),
    (5, "V"),
    (4, "IV"),
    (1, "I"),
]


def roman(number):
    result = ""
    for value, letters in ROMAN:
        while number >= value:
            result += letters
            number -= value
    return result


def ordinal(index):
    """PIHAK KESATU, KEDUA... for a 0-based index."""
    return ORDINALS[index] if index < len(ORDINALS) else f"KE-{index + 1}"


class KerjasamaReportPdfAbstract(models.AbstractModel):
    """Base of the reportlab documents of kerja sama desa (Permendagri 96/2017): renders one
    record into a PDF with the shared engine (letterhead, fonts, page numbers)."""

    _name = "kerjasama.report.pdf.abstract"
    _description = "Kerja Sama Desa PDF Document"

    def _kd_generate(self, record, data):
        """Return the PDF bytes of ``record`` (one record)."""
        if not record:
            raise UserError(self.env._("Select the record to print."))
        record.ensure_one()
        try:
            engine.register_fonts()
        except engine.FontMissingError as error:
            raise UserError(
                self.env._(
                    "The font %(path)s is missing: install the Debian package fonts-dejavu-core "
                    "to print the documents.",
                    path=error.path,
                )
            ) from error
        styles = engine.make_styles()
        width = engine.content_width()
        story = self._kd_story(record, styles, width, data or {})
        return engine.build_pdf(
            story,
            title=self._kd_title(record),
            author=record.env.company.name or "",
            footer_label=self._kd_footer_label(record),
        )

    def _kd_story(self, record, styles, width, data):
        raise NotImplementedError()

    def _kd_title(self, record):
        return record.display_name or ""

    def _kd_footer_label(self, record):
        return ""

    # helpers shared by the documents
    def _kd_date(self, date):
        return format_date_id(date) or "...................."

    def _kd_rupiah(self, amount):
        return format_rupiah(amount)

    def _kd_rupiah_words(self, amount):
        return f"{format_rupiah(amount)} ({terbilang(amount)})"

    def _kd_kop(self, region, styles, width):
        if not region:
            return []
        return engine.kop_flowables(region._kd_get_kop(), styles, width)

    def _kd_desa_label(self, region):
        prefix = {"kelurahan": "Kelurahan", "desa_adat": "Desa Adat"}.get(
            region.village_type, "Desa"
        )
        return f"{prefix} {region.name}"

    def _kd_kepala_desa(self, region, party=None):
        """Name of the kepala desa of a desa: the party's signatory, else the village partner."""
        # a signatory that only repeats the office ("Kepala Desa") is not a name
        if (
            party
            and party.signatory_name
            and party.signatory_name.strip().lower()
            not in (
                "kepala desa",
                "lurah",
            )
        ):
            return party.signatory_name
        return region.sudo().partner_id.kepala_desa_name or ""

    def _kd_place(self, region):
        """Place name for "Ditetapkan di": the desa, else the kecamatan."""
        return region.name if region else ""

    def _kd_paragraphs(self, text, style, empty=""):
        """Paragraphs of a long user text, one per line (flowing over pages)."""
        lines = engine.text_lines(text) or ([empty] if empty else [])
        return [engine.para(line, style) for line in lines]
