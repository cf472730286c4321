# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from reportlab.lib.units import cm
from reportlab.platypus import KeepTogether, Spacer

from odoo import models

from odoo.addons.kerjasama_desa.tools.formatting import format_number_id
from odoo.addons.kerjasama_desa_report.report import engine


class ReportBkadAccountability(models.AbstractModel):
    """Laporan Pertanggungjawaban BKAD: the BKAD reports the results of the antar-Desa
    cooperation to the kepala desa of its member desa, with copies to the BPD and to the
    bupati/walikota through the camat (Permendagri 96/2017, pelaporan)."""

    _name = "report.kerjasama_desa_report_bkad.accountability_report"
    _inherit = "kerjasama.report.pdf.abstract"
    _description = "BKAD Accountability Report Document"

    def _kd_title(self, record):
        return f"Laporan Pertanggungjawaban {record.bkad_id.name} - {record.title}"

    def _kd_footer_label(self, record):
        return f"Laporan Pertanggungjawaban {record.name if record.name != '/' else ''}"

    def _kd_officer(self, bkad, code):
        officials = bkad.sudo().pengurus_ids.filtered(
            lambda p: p.role_id.code == code and p.is_current
        )
        return officials[:1].name or ""

    def _kd_story(self, report, styles, width, data):
        bkad = report.bkad_id
        members = bkad.member_region_ids
        kabupaten = members.kabupaten_id[:1]
        story = self._kd_bkad_kop(bkad, styles, width)
        story.append(engine.para("LAPORAN PERTANGGUNGJAWABAN", styles["title"]))
        story.append(engine.para(bkad.name.upper(), styles["title"]))
        if report.name and report.name != "/":
            story.append(engine.para(f"NOMOR {report.name}", styles["title"]))
        story.append(
            engine.para(
                f"PERIODE {self._kd_date(report.date_from).upper()} SAMPAI DENGAN "
                f"{self._kd_date(report.date_to).upper()}",
                styles["title"],
            )
        )
        story.append(Spacer(1, 0.4 * cm))
        story.append(engine.para("Kepada Yth.", styles["left"]))
        for region in members:
            story.append(engine.para(f"Kepala {self._kd_desa_label(region)}", styles["item"]))
        story.append(Spacer(1, 0.2 * cm))
        story.append(
            engine.para(
                f"Dengan hormat, {bkad.name} menyampaikan laporan pertanggungjawaban "
                f"pelaksanaan kerja sama antar-Desa: {report.title}.",
                styles["normal"],
            )
        )
        story.append(engine.para("<b>A. Ringkasan Hasil</b>", styles["left"], markup=True))
        story += self._kd_paragraphs(report.summary, styles["normal"], empty="-")
        story.append(engine.para("<b>B. Kegiatan Program Kerja</b>", styles["left"], markup=True))
        activities = report.program_activity_ids
        if activities:
            rows = [
                [
                    str(index),
                    activity.name,
                    activity.target or "",
                    engine.para(self._kd_rupiah(activity.budget), styles["cell_right"]),
                    engine.para(f"{format_number_id(activity.progress, 2)}%", styles["cell_right"]),
                ]
                for index, activity in enumerate(activities, 1)
            ]
            col = [0.9 * cm, width - 9.5 * cm, 3.2 * cm, 3.2 * cm, 2.2 * cm]
            story.append(
                engine.grid_table(
                    ["No", "Kegiatan", "Target", "Anggaran", "Kemajuan"], rows, styles, col
                )
            )
            story.append(
                engine.para(
                    f"Rata-rata kemajuan kegiatan: {format_number_id(report.progress_avg, 2)}%.",
                    styles["normal"],
                )
            )
        else:
            story.append(engine.para("Tidak ada kegiatan pada periode ini.", styles["normal"]))
        story.append(engine.para("<b>C. Keuangan</b>", styles["left"], markup=True))
        finance = [
            ("Saldo awal", report.balance_opening),
            ("Iuran/kontribusi Desa diterima", report.income_contribution),
            ("Pendapatan lain", report.income_other),
            ("Belanja kegiatan", report.expense_total),
            ("Saldo akhir", report.balance_closing),
        ]
        rows = [
            [label, engine.para(self._kd_rupiah(amount), styles["cell_right"])]
            for label, amount in finance
        ]
        story.append(
            engine.grid_table(["Uraian", "Jumlah"], rows, styles, [width - 5 * cm, 5 * cm])
        )
        story.append(
            engine.para(
                f"Saldo akhir periode sebesar {self._kd_rupiah_words(report.balance_closing)}. "
                f"Kontribusi Desa tahun berjalan: terutang "
                f"{self._kd_rupiah(report.contribution_owed)}, dibayar "
                f"{self._kd_rupiah(report.contribution_paid)}.",
                styles["normal"],
            )
        )
        story.append(
            engine.para("<b>D. Permasalahan dan Tindak Lanjut</b>", styles["left"], markup=True)
        )
        story += self._kd_paragraphs(report.issues, styles["normal"], empty="-")
        closing = [
            engine.para(
                "Demikian laporan pertanggungjawaban ini disampaikan untuk dipergunakan "
                "sebagaimana mestinya.",
                styles["normal"],
            )
        ]
        date = report.submitted_date or report.date_to
        closing.append(Spacer(1, 0.3 * cm))
        place = members.kecamatan_id[:1].name or kabupaten.name or ""
        closing.append(engine.place_date(f"{place}, {self._kd_date(date)}", styles, width))
        blocks = [
            ([f"KETUA {bkad.name.upper()},"], self._kd_officer(bkad, "ketua")),
            ([f"BENDAHARA {bkad.name.upper()},"], self._kd_officer(bkad, "bendahara")),
        ]
        # the signatures never stand alone on a page: they keep with the closing words
        story.append(
            KeepTogether(closing + engine.signature_blocks(blocks, styles, width, keep=False))
        )
        copies = [f"Ketua Badan Permusyawaratan Desa {r.name}" for r in members]
        if kabupaten:
            kecamatan = ", ".join(members.kecamatan_id.mapped("name"))
            copies.append(f"{kabupaten._head_title()} melalui Camat {kecamatan}")
        copies.append("Arsip.")
        # "Tembusan:" keeps with its list
        story.append(engine.copies_block(copies, styles))
        return story
