# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import models
from odoo.exceptions import UserError

from odoo.addons.kerjasama_desa.tools.formatting import (
    format_date_id,
    format_rupiah,
    format_rupiah_terbilang,
)

from . import engine


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
        pagesize = engine.PAPER_SIZES[self._kd_paper_format(record)]
        width = engine.content_width(pagesize)
        story = self._kd_story(record, styles, width, data or {})
        return engine.build_pdf(
            story,
            pagesize=pagesize,
            title=self._kd_title(record),
            author=record.env.company.name or "",
            footer_label=self._kd_footer_label(record),
            watermark=self._kd_watermark(record),
        )

    def _kd_story(self, record, styles, width, data):
        raise NotImplementedError()

    def _kd_kabupaten(self, record):
        """The kabupaten/kota of the record: its own, its agreement's, its desa's, its
        BKAD's member villages'."""
        record = record.sudo()
        for path in ("kabupaten_id", "agreement_id.kabupaten_id", "region_id.kabupaten_id"):
            first = path.split(".")[0]
            if first in record._fields:
                kabupaten = record.mapped(path)[:1]
                if kabupaten:
                    return kabupaten
        if "bkad_id" in record._fields:
            return record.bkad_id.member_region_ids.kabupaten_id[:1]
        if record._name == "kerjasama.bkad":
            return record.member_region_ids.kabupaten_id[:1]
        return record.env["kerjasama.region"]

    def _kd_paper_format(self, record):
        """ "a4" or "f4": the paper size its kabupaten/kota prints on (A4 by default)."""
        kabupaten = self._kd_kabupaten(record)
        return (kabupaten and kabupaten.sudo().report_paper_format) or "a4"

    def _kd_title(self, record):
        return record.display_name or ""

    def _kd_footer_label(self, record):
        return ""

    def _kd_watermark(self, record):
        """Text printed across every page ("RANCANGAN" on a draft), or ""."""
        return ""

    # helpers shared by the documents
    def _kd_date(self, date):
        return format_date_id(date) or "...................."

    def _kd_rupiah(self, amount):
        return format_rupiah(amount)

    def _kd_rupiah_words(self, amount):
        return format_rupiah_terbilang(amount)

    def _kd_kop(self, region, styles, width):
        if not region:
            return []
        return engine.kop_flowables(region._kd_get_kop(), styles, width)

    def _kd_bkad_kop(self, bkad, styles, width):
        """Letterhead of a BKAD: its own name, its kecamatan and kabupaten, with the logo of
        the kabupaten (a BKAD document carries no kabupaten kop)."""
        bkad = bkad.sudo()
        members = bkad.member_region_ids
        kabupaten = members.kabupaten_id[:1]
        kop = kabupaten._kd_get_kop() if kabupaten else {"logo": None}
        kecamatan = ", ".join(k._full_name() for k in members.kecamatan_id)
        lines = [
            "BADAN KERJA SAMA ANTAR-DESA",
            (bkad.name or "").upper(),
            kecamatan.upper(),
            kabupaten.name or "",
        ]
        return engine.kop_flowables({"lines": lines, "logo": kop.get("logo")}, styles, width)

    def _kd_desa_label(self, region):
        """ "Desa Sukamaju", "Desa Adat ...": the region's own name with its kind."""
        return region._full_name()

    def _kd_kepala_desa(self, region, party=None):
        """Name of the kepala desa of a desa (see ``party_signatory``)."""
        # imported here: report_agreement_common defines a model inheriting this one
        from .report_agreement_common import party_signatory

        return party_signatory(party or region)[0]

    def _kd_place(self, region):
        """Place name for "Ditetapkan di": the desa, else the kecamatan."""
        return region.name if region else ""

    def _kd_paragraphs(self, text, style, empty=""):
        """Paragraphs of a long user text, one per line (flowing over pages)."""
        lines = engine.text_lines(text) or ([empty] if empty else [])
        return [engine.para(line, style) for line in lines]
