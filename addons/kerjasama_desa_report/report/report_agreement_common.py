# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from dateutil.relativedelta import relativedelta
from reportlab.lib.units import cm
from reportlab.platypus import Spacer

from odoo import models

from odoo.addons.kerjasama_desa.tools.formatting import terbilang

from . import engine
from .report_base import LEGAL_BASIS, roman

FLOW_LABELS = {"contribution": "Kontribusi", "income": "Pendapatan"}
SOURCE_LABELS = {"apbdes": "APBDesa", "pihak_ketiga": "Pihak Ketiga", "lainnya": "Lainnya"}
KEWENANGAN_LABELS = {
    "asal_usul": "hak asal usul",
    "lokal": "kewenangan lokal berskala Desa",
    "penugasan": "kewenangan yang ditugaskan oleh Pemerintah, Pemerintah Daerah Provinsi atau "
    "Pemerintah Daerah Kabupaten/Kota",
    "lainnya": "kewenangan lain yang ditugaskan sesuai peraturan perundang-undangan",
}

# fields A1 may add for the signed instrument: first one present and set wins
NUMBER_FIELDS = ("document_number", "instrument_number", "signed_number")
SIGNING_DATE_FIELDS = ("signing_date", "date_signed", "document_date")


class KerjasamaReportAgreementAbstract(models.AbstractModel):
    """Content shared by the Peraturan Bersama Kepala Desa and the Perjanjian Bersama: the
    articles that Permendagri 96/2017 Pasal 6 requires, built from the agreement."""

    _name = "kerjasama.report.agreement.abstract"
    _inherit = "kerjasama.report.pdf.abstract"
    _description = "Kerja Sama Desa Agreement Document"

    def _kd_number(self, agreement):
        for fname in NUMBER_FIELDS:
            if fname in agreement._fields and agreement[fname]:
                return agreement[fname]
        if agreement.name and agreement.name != "/":
            return agreement.name
        return "...................."

    def _kd_signing_date(self, agreement):
        for fname in SIGNING_DATE_FIELDS:
            if fname in agreement._fields and agreement[fname]:
                return agreement[fname]
        return agreement.date_start

    def _kd_desa_parties(self, agreement):
        return agreement.party_ids.filtered(lambda p: p.party_kind == "desa" and p.region_id)

    def _kd_third_parties(self, agreement):
        return agreement.party_ids.filtered(lambda p: p.party_kind == "pihak_ketiga")

    def _kd_party_name(self, party):
        if party.region_id:
            return self._kd_desa_label(party.region_id)
        return party.partner_id.name or party.display_name or ""

    def _kd_legal_basis(self, agreement):
        return LEGAL_BASIS + [
            line if line.endswith((";", ".")) else f"{line};"
            for line in engine.text_lines(agreement.legal_basis)
        ]

    def _kd_duration_text(self, agreement):
        start, end = agreement.date_start, agreement.date_end
        if start and end:
            # the end date is the last day of the term
            delta = relativedelta(end + relativedelta(days=1), start)
            months = delta.years * 12 + delta.months
            if delta.months == 0 and delta.days == 0 and delta.years:
                span = f"{delta.years} ({self._kd_words(delta.years)}) tahun"
            elif delta.days == 0 and months:
                span = f"{months} ({self._kd_words(months)}) bulan"
            else:
                days = (end - start).days + 1
                span = f"{days} ({self._kd_words(days)}) hari"
            return (
                f"Kerja sama ini berlaku untuk jangka waktu {span}, terhitung sejak tanggal "
                f"{self._kd_date(start)} sampai dengan tanggal {self._kd_date(end)}."
            )
        if start:
            return (
                f"Kerja sama ini berlaku sejak tanggal {self._kd_date(start)} sampai dengan "
                "tercapainya tujuan kerja sama atau diakhiri sesuai ketentuan ini."
            )
        return "Jangka waktu kerja sama ditetapkan oleh para pihak dalam musyawarah."

    def _kd_words(self, number):
        return terbilang(number, currency="")

    def _kd_dispute_lines(self, agreement):
        lines = engine.text_lines(agreement.dispute_clause)
        if lines:
            return lines
        facilitator = (
            "Bupati/Wali Kota"
            if agreement.is_cross_kecamatan
            else "Camat atas nama Bupati/Wali Kota"
        )
        return [
            "Setiap perselisihan yang timbul dalam pelaksanaan kerja sama ini diselesaikan "
            "secara musyawarah dan kekeluargaan oleh para pihak.",
            f"Dalam hal musyawarah tidak mencapai mufakat, penyelesaian perselisihan difasilitasi "
            f"dan diselesaikan oleh {facilitator}.",
            "Hasil penyelesaian perselisihan dituangkan dalam berita acara yang ditandatangani "
            "oleh para pihak dan pejabat yang memfasilitasi.",
        ]

    def _kd_amendment_lines(self, agreement):
        return engine.text_lines(agreement.amendment_clause) or [
            "Perubahan, penundaan atau pembatalan kerja sama dilakukan atas kesepakatan para "
            "pihak melalui musyawarah.",
            "Perubahan sebagaimana dimaksud pada ayat (1) dituangkan dalam perubahan dokumen "
            "kerja sama yang merupakan bagian tidak terpisahkan dari dokumen ini.",
        ]

    def _kd_termination_lines(self, agreement):
        return engine.text_lines(agreement.termination_clause) or [
            "Kerja sama berakhir apabila: a. terdapat kesepakatan para pihak; b. tujuan kerja "
            "sama telah tercapai; c. terdapat keadaan kahar (force majeure); d. salah satu pihak "
            "tidak melaksanakan kewajibannya; e. dibuat perjanjian baru yang menggantikan; "
            "f. bertentangan dengan peraturan perundang-undangan; g. objek kerja sama hilang; "
            "h. merugikan kepentingan desa, daerah atau nasional; atau i. berakhirnya jangka "
            "waktu kerja sama.",
        ]

    def _kd_funding_flowables(self, agreement, styles, width):
        """Pendanaan: one row per financing line, total with its terbilang."""
        fundings = agreement.funding_ids
        rows = []
        for index, funding in enumerate(fundings, start=1):
            rows.append(
                [
                    str(index),
                    self._kd_party_name(funding.party_id),
                    FLOW_LABELS.get(funding.flow, funding.flow or ""),
                    SOURCE_LABELS.get(funding.source, funding.source or ""),
                    funding.description or "",
                    engine.para(self._kd_rupiah(funding.amount), styles["cell_right"]),
                ]
            )
        total = agreement.amount_total
        flowables = []
        if rows:
            col = [0.9 * cm, 3.8 * cm, 2.2 * cm, 2.2 * cm]
            col += [width - sum(col) - 3.7 * cm, 3.7 * cm]
            flowables.append(
                engine.grid_table(
                    ["No", "Pihak", "Jenis", "Sumber", "Uraian", "Jumlah"],
                    rows,
                    styles,
                    col,
                    total_row=[
                        "",
                        "Jumlah",
                        "",
                        "",
                        "",
                        engine.para(
                            f"<b>{self._kd_rupiah(total)}</b>", styles["cell_right"], markup=True
                        ),
                    ],
                )
            )
            flowables.append(Spacer(1, 0.2 * cm))
        flowables.append(
            engine.para(
                f"Jumlah pendanaan kerja sama sebesar {self._kd_rupiah_words(total)}.",
                styles["normal"],
            )
        )
        return flowables

    def _kd_articles(self, agreement, styles, width, with_bab=True):
        """The body: list of (bab title, [(pasal paragraphs)]) rendered as BAB/Pasal."""
        desa_parties = self._kd_desa_parties(agreement)
        bidang = agreement.bidang_id.name or ""
        if agreement.sub_bidang_id:
            bidang = f"{bidang}, sub-bidang {agreement.sub_bidang_id.name}"
        kewenangan = KEWENANGAN_LABELS.get(agreement.kewenangan)
        chapters = []
        definitions = [
            f"Desa adalah {', '.join(self._kd_desa_label(p.region_id) for p in desa_parties)}"
            f"{self._kd_location_suffix(agreement)}."
            if desa_parties
            else None,
            "Pemerintah Desa adalah Kepala Desa dibantu perangkat Desa sebagai unsur "
            "penyelenggara Pemerintahan Desa.",
            "Kerja Sama Desa adalah kesepakatan bersama antar-Desa dan/atau antara Desa dengan "
            "pihak ketiga yang dibuat secara tertulis untuk mengerjakan bidang tertentu yang "
            "menimbulkan hak dan kewajiban.",
        ]
        if agreement.bkad_id:
            definitions.append(
                f"Badan Kerja Sama Antar-Desa yang selanjutnya disingkat BKAD adalah "
                f"{agreement.bkad_id.name}."
            )
        chapters.append(
            (
                "KETENTUAN UMUM",
                [
                    [("text", "Dalam dokumen ini yang dimaksud dengan:")]
                    + [("item", f"{i}.", d) for i, d in enumerate(filter(None, definitions), 1)]
                ],
            )
        )
        scope = [("text", f"Kerja sama ini di bidang {bidang or '-'}.")]
        if kewenangan:
            scope.append(("text", f"Kerja sama didasarkan pada kewenangan: {kewenangan}."))
        scope += [("text", line) for line in engine.text_lines(agreement.scope)]
        articles = [scope]
        if agreement.objective:
            articles.insert(
                0,
                [("text", "Maksud dan tujuan kerja sama ini adalah:")]
                + [("text", line) for line in engine.text_lines(agreement.objective)],
            )
        chapters.append(("MAKSUD, TUJUAN DAN RUANG LINGKUP", articles))
        if agreement.implementation_terms:
            chapters.append(
                (
                    "TATA CARA DAN KETENTUAN PELAKSANAAN",
                    [
                        [
                            ("text", line)
                            for line in engine.text_lines(agreement.implementation_terms)
                        ]
                    ],
                )
            )
        rights = []
        for party in agreement.party_ids:
            name = self._kd_party_name(party)
            article = [("text", f"(1) Hak {name}:")]
            article += [("subitem", "-", line) for line in engine.text_lines(party.rights) or ["-"]]
            article.append(("text", f"(2) Kewajiban {name}:"))
            article += [
                ("subitem", "-", line) for line in engine.text_lines(party.obligations) or ["-"]
            ]
            rights.append(article)
        chapters.append(("HAK DAN KEWAJIBAN", rights or [[("text", "-")]]))
        chapters.append(
            ("PENDANAAN", [[("flowables", self._kd_funding_flowables(agreement, styles, width))]])
        )
        chapters.append(("JANGKA WAKTU", [[("text", self._kd_duration_text(agreement))]]))
        chapters.append(
            ("PENYELESAIAN PERSELISIHAN", [self._kd_numbered(self._kd_dispute_lines(agreement))])
        )
        chapters.append(
            (
                "PERUBAHAN, PENUNDAAN DAN PEMBATALAN",
                [self._kd_numbered(self._kd_amendment_lines(agreement))],
            )
        )
        chapters.append(("PENGAKHIRAN", [self._kd_numbered(self._kd_termination_lines(agreement))]))
        return chapters

    def _kd_location_suffix(self, agreement):
        kecamatan = agreement.kecamatan_ids
        suffix = ""
        if len(kecamatan) == 1:
            suffix = f" Kecamatan {kecamatan.name}"
        if agreement.kabupaten_id:
            suffix += f" {agreement.kabupaten_id.name}"
        return suffix

    def _kd_numbered(self, lines):
        if len(lines) == 1:
            return [("text", lines[0])]
        return [("text", f"({i}) {line}") for i, line in enumerate(lines, 1)]

    def _kd_render_chapters(self, chapters, closing, styles, with_bab=True):
        """Flowables of the chapters; Pasal numbered across the document."""
        story = []
        pasal = 0
        for index, (title, articles) in enumerate(chapters + [closing], start=1):
            if with_bab:
                story.append(engine.para(f"BAB {roman(index)}", styles["heading"]))
                story.append(engine.para(title, styles["heading"]))
            for article in articles:
                pasal += 1
                story.append(
                    engine.para(f"Pasal {pasal}", styles["heading" if not with_bab else "pasal"])
                )
                if not with_bab and article is articles[0]:
                    story.append(engine.para(title, styles["pasal"]))
                for element in article:
                    kind = element[0]
                    if kind == "text":
                        story.append(engine.para(element[1], styles["normal"]))
                    elif kind == "item":
                        story.append(engine.para(f"{element[1]} {element[2]}", styles["item"]))
                    elif kind == "subitem":
                        story.append(engine.para(f"{element[1]} {element[2]}", styles["subitem"]))
                    elif kind == "flowables":
                        story.extend(element[1])
        return story
