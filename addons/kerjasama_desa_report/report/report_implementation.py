# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from reportlab.lib.units import cm
from reportlab.platypus import Spacer

from odoo import models

from odoo.addons.kerjasama_desa.tools.formatting import format_number_id

from . import engine
from .engine import DOTS
from .report_agreement_common import (
    kabupaten_short_name,
    nomor_tahun,
    party_document_number,
    party_signatory,
    regent_title,
)

# the letter number is given when the report is submitted
NO_NUMBER = f"{DOTS} (diberikan saat laporan disampaikan)"


class ReportLaporanPelaksanaan(models.AbstractModel):
    """Laporan Pelaksanaan Kerja Sama Desa (Permendagri 96/2017, pelaporan): addressed to the
    bupati/walikota through the camat, with a copy to the BPD."""

    _name = "report.kerjasama_desa_report.laporan_pelaksanaan"
    _inherit = "kerjasama.report.agreement.abstract"
    _description = "Laporan Pelaksanaan Kerja Sama Desa"

    def _kd_title(self, record):
        return f"Laporan Pelaksanaan Kerja Sama - {record.agreement_id.title}"

    def _kd_footer_label(self, record):
        draft = "Rancangan " if record.state == "draft" else ""
        return f"{draft}Laporan Pelaksanaan {record.agreement_id.title}"

    def _kd_watermark(self, record):
        # a report not yet submitted has no letter number nor signature: a draft
        return "RANCANGAN" if record.state == "draft" else ""

    def _kd_instrument(self, agreement, party):
        """ "Peraturan Bersama Kepala Desa Nomor 6 Tahun 2025" / "Perjanjian Bersama Nomor
        01/PB/2025": the signed instrument the report is about."""
        number = party_document_number(agreement, party)
        if agreement.kind == "antar_desa":
            nomor = nomor_tahun(number, agreement.signing_date)
            nomor = nomor.replace("NOMOR", "Nomor").replace("TAHUN", "Tahun")
            return f"Peraturan Bersama Kepala Desa {nomor}"
        return f"Perjanjian Bersama Nomor {(number or DOTS).replace(' TAHUN ', ' Tahun ')}"

    def _kd_bkad_chair(self, bkad):
        """Name of the BKAD chair signing an antar-Desa report (the BKAD bridge knows it)."""
        return ""

    def _kd_story(self, report, styles, width, data):
        agreement = report.agreement_id
        desa_parties = self._kd_desa_parties(agreement)
        villages = desa_parties.region_id
        first = villages[:1]
        kabupaten = agreement.kabupaten_id or first.kabupaten_id
        antar_desa = agreement.kind == "antar_desa"
        if antar_desa and agreement.bkad_id:
            story = self._kd_bkad_kop(agreement.bkad_id, styles, width)
        else:
            story = self._kd_kop(
                first if not antar_desa or len(villages) == 1 else kabupaten, styles, width
            )
        # dated when submitted; a draft leaves the date blank
        report_date = report.date_submitted if report.state != "draft" else False
        story.append(
            engine.place_date(f"{first.name or ''}, {self._kd_date(report_date)}", styles, width)
        )
        story.append(Spacer(1, 0.2 * cm))
        attachments = len(report.attachment_ids)
        story.append(
            engine.label_table(
                [
                    ("Nomor", report.number or NO_NUMBER),
                    ("Lampiran", f"{attachments} berkas" if attachments else "-"),
                    ("Perihal", "Laporan Pelaksanaan Kerja Sama Desa"),
                ],
                styles,
                width,
                label_width=2.4 * cm,
            )
        )
        story.append(Spacer(1, 0.3 * cm))
        # the reporting line as recorded on the report, in Indonesian
        recipients = engine.text_lines(report.recipient) or [regent_title(kabupaten)]
        story.append(engine.para("Kepada Yth.", styles["left"]))
        for line in recipients:
            story.append(engine.para(line, styles["left"]))
        place = first.name if len(villages) == 1 and not antar_desa else "Tempat"
        story.append(engine.para(f"di {place or kabupaten_short_name(kabupaten)}", styles["left"]))
        story.append(Spacer(1, 0.4 * cm))
        story.append(
            engine.para(
                "Dengan hormat, bersama ini kami sampaikan laporan pelaksanaan kerja sama desa "
                f"untuk periode {self._kd_date(report.period_start)} sampai dengan "
                f"{self._kd_date(report.period_end)} sebagai berikut:",
                styles["normal"],
            )
        )
        rows = [
            ("Nama kerja sama", agreement.title),
            ("Dasar kerja sama", self._kd_instrument(agreement, desa_parties[:1])),
            ("Para pihak", "; ".join(self._kd_party_name(p) for p in agreement.party_ids)),
            ("Bidang", agreement.bidang_id.name or "-"),
            ("Jangka waktu", self._kd_duration_text(agreement)),
            ("Nilai kerja sama", self._kd_rupiah_words(agreement.amount_total)),
            ("Kemajuan fisik", f"{format_number_id(report.progress, 2)}%"),
            ("Realisasi keuangan", self._kd_rupiah_words(report.realisation_amount)),
        ]
        story.append(engine.label_table(rows, styles, width, label_width=4.4 * cm))
        story.append(engine.para("<b>A. Hasil Pelaksanaan</b>", styles["left"], markup=True))
        story += self._kd_paragraphs(report.activity_summary, styles["normal"], empty="-")
        story.append(
            engine.para("<b>B. Permasalahan dan Tindak Lanjut</b>", styles["left"], markup=True)
        )
        story += self._kd_paragraphs(report.issues, styles["normal"], empty="-")
        if report.attachment_ids:
            story.append(engine.para("<b>C. Dokumen Pendukung</b>", styles["left"], markup=True))
            for index, name in enumerate(report.attachment_ids.mapped("name"), 1):
                story.append(engine.para(f"{index}. {name}", styles["item"]))
        closing = [
            engine.para(
                "Demikian laporan ini kami sampaikan, atas perhatiannya diucapkan terima kasih.",
                styles["normal"],
            )
        ]
        if antar_desa:
            signer = agreement.bkad_id.name and f"KETUA {agreement.bkad_id.name.upper()},"
            blocks = [([signer or "KETUA BKAD,"], self._kd_bkad_chair(agreement.bkad_id))]
        else:
            name, _office = party_signatory(desa_parties[:1] or first)
            blocks = [([f"KEPALA DESA {first.name.upper()},"], name)]
        # the signature keeps with the closing words
        story.append(
            self._kd_keep_with_closing(
                closing, engine.signature_blocks(blocks, styles, width, keep=False)
            )
        )
        copies = engine.text_lines(report.recipient_copies) + ["Arsip."]
        # "Tembusan:" never stands alone at the foot of a page: it keeps with its list
        story.append(engine.copies_block(copies, styles))
        return story
