# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from reportlab.lib.units import cm
from reportlab.platypus import Spacer

from odoo import models
from odoo.exceptions import UserError

from . import engine
from .report_agreement_common import (
    SEKRETARIS_DESA,
    desa_official_name,
    nomor_tahun,
    party_document_number,
    party_signatory,
)


class ReportPeraturanBersama(models.AbstractModel):
    """Peraturan Bersama Kepala Desa of an antar-Desa cooperation (UU 6/2014 Pasal 92,
    Permendagri 96/2017 Pasal 5 and 13), in the form of the village legal products of
    Permendagri 111/2014: the makers' heading (no kop: it is the villages' own product), a
    NOMOR ... TAHUN ... per desa in the year of stipulation, Menimbang, Mengingat with the
    LN/TLN numbers, the articles, the signatures of the kepala desa and, per desa, the
    promulgation in its Berita Desa. Not yet signed, it prints as a RANCANGAN."""

    _name = "report.kerjasama_desa_report.peraturan_bersama"
    _inherit = "kerjasama.report.agreement.abstract"
    _description = "Peraturan Bersama Kepala Desa"

    def _kd_title(self, record):
        return f"Peraturan Bersama Kepala Desa - {record.title}"

    def _kd_footer_label(self, record):
        number = nomor_tahun(
            party_document_number(record, self._kd_desa_parties(record)[:1]),
            self._kd_signing_date(record),
        )
        draft = "Rancangan " if self._kd_is_draft(record) else ""
        return f"{draft}Peraturan Bersama Kepala Desa {number.title()}"

    def _kd_story(self, agreement, styles, width, data):
        if agreement.kind != "antar_desa":
            raise UserError(
                self.env._(
                    "%(agreement)s is not an antar-Desa cooperation: print its Perjanjian "
                    "Bersama instead.",
                    agreement=agreement.display_name,
                )
            )
        desa_parties = self._kd_desa_parties(agreement)
        if not desa_parties:
            raise UserError(
                self.env._(
                    "%(agreement)s has no village party: add the villages before printing.",
                    agreement=agreement.display_name,
                )
            )
        signing_date = self._kd_signing_date(agreement)
        kepala_desa = [f"KEPALA DESA {p.region_id.name.upper()}" for p in desa_parties]
        joined = self._kd_join_words(kepala_desa, last="DAN")
        title = agreement.title.upper()
        story = []
        if self._kd_is_draft(agreement):
            story.append(engine.para("RANCANGAN", styles["title"]))
            story.append(Spacer(1, 0.2 * cm))
        # the makers, then their kabupaten/kota: a village product carries no kop
        for line in kepala_desa:
            story.append(engine.para(line, styles["title"]))
        kabupaten = agreement.kabupaten_id or desa_parties.region_id[:1].kabupaten_id
        story.append(engine.para((kabupaten.name or "").upper(), styles["title"]))
        story.append(Spacer(1, 0.5 * cm))
        story.append(engine.para(f"PERATURAN BERSAMA {joined}", styles["title"]))
        # each desa numbers the regulation in its own register, in the year it is stipulated
        for party in desa_parties:
            number = nomor_tahun(party_document_number(agreement, party), signing_date)
            if len(desa_parties) > 1:
                # whose register gives which number
                number = f"{self._kd_desa_label(party.region_id).upper()} {number}"
            story.append(engine.para(number, styles["title"]))
        story.append(Spacer(1, 0.3 * cm))
        story.append(engine.para("TENTANG", styles["title"]))
        story.append(engine.para(title, styles["title"]))
        story.append(Spacer(1, 0.3 * cm))
        story.append(engine.para("DENGAN RAHMAT TUHAN YANG MAHA ESA", styles["title"]))
        story.append(Spacer(1, 0.3 * cm))
        story.append(engine.para(f"{joined},", styles["title"]))
        story.append(Spacer(1, 0.3 * cm))
        villages = self._kd_join_words([self._kd_desa_label(p.region_id) for p in desa_parties])
        bidang = agreement.bidang_id.name or "yang disepakati"
        menimbang = [
            f"bahwa dalam rangka meningkatkan pelayanan, pembangunan dan pemberdayaan "
            f"masyarakat, {villages} memandang perlu melaksanakan kerja sama antar-Desa di "
            f"bidang {bidang};",
            "bahwa kerja sama tersebut telah disepakati dalam Musyawarah Antar-Desa sesuai "
            "dengan Peraturan Menteri Dalam Negeri Nomor 96 Tahun 2017 tentang Tata Cara Kerja "
            "Sama Desa di Bidang Pemerintahan Desa;",
            "bahwa sesuai ketentuan Pasal 92 Undang-Undang Nomor 6 Tahun 2014 tentang Desa, "
            "kerja sama antar-Desa dituangkan dalam Peraturan Bersama Kepala Desa melalui "
            "kesepakatan musyawarah antar-Desa;",
            f"bahwa berdasarkan pertimbangan sebagaimana dimaksud dalam huruf a, huruf b dan "
            f"huruf c, perlu menetapkan Peraturan Bersama Kepala Desa tentang {agreement.title};",
        ]
        # the label column, the colon, then the items (see engine.label_table)
        list_width = width - 3.1 * cm - 0.5 * cm
        story.append(
            engine.label_table(
                [
                    ("Menimbang", self._kd_list(menimbang, styles, list_width, letters=True)),
                    (
                        "Mengingat",
                        self._kd_list(self._kd_legal_basis(agreement), styles, list_width),
                    ),
                ],
                styles,
                width,
                label_width=3.1 * cm,
            )
        )
        story.append(Spacer(1, 0.3 * cm))
        story.append(engine.para("Dengan Kesepakatan Bersama", styles["title"]))
        for index, line in enumerate(kepala_desa):
            if index:
                story.append(engine.para("dan", styles["title"]))
            story.append(engine.para(line, styles["title"]))
        story.append(Spacer(1, 0.3 * cm))
        story.append(engine.para("MEMUTUSKAN:", styles["title"]))
        story.append(
            engine.label_table(
                [("Menetapkan", f"PERATURAN BERSAMA {joined} TENTANG {title}.")],
                styles,
                width,
                label_width=3.1 * cm,
            )
        )
        chapters = self._kd_articles(agreement, styles, width)
        regent = self._kd_regent(agreement)
        closing = (
            "KETENTUAN PENUTUP",
            [
                [
                    ("text", "Peraturan Bersama ini mulai berlaku pada tanggal diundangkan."),
                    (
                        "text",
                        f"Peraturan Bersama ini disampaikan kepada {regent} melalui "
                        f"{self._kd_camat(agreement)}.",
                    ),
                    (
                        "text",
                        "Agar setiap orang mengetahuinya, memerintahkan pengundangan Peraturan "
                        "Bersama ini dengan penempatannya dalam Berita Desa masing-masing.",
                    ),
                ]
            ],
        )
        body, closing_flowables = self._kd_render_chapters(chapters, closing, styles)
        story += body
        place = engine.label_table(
            [
                ("Ditetapkan di", self._kd_place(desa_parties[0].region_id)),
                ("pada tanggal", self._kd_date(signing_date)),
            ],
            styles,
            width / 2,
            label_width=3.2 * cm,
        )
        place.hAlign = "RIGHT"
        blocks = []
        for party in desa_parties:
            name, _office = party_signatory(party)
            blocks.append(([f"KEPALA DESA {party.region_id.name.upper()},"], name))
        signatures = engine.signature_blocks(blocks, styles, width, keep=False)
        # the last Pasal, the place and date, the signatures and the promulgation stay on one
        # page (when there are so many desa that they do not fit one, they flow on)
        story.append(
            self._kd_keep_with_closing(
                closing_flowables + [Spacer(1, 0.4 * cm), place],
                signatures + self._kd_promulgation(agreement, desa_parties, styles, width),
            )
        )
        return story

    def _kd_promulgation(self, agreement, desa_parties, styles, width):
        """Per desa: "Diundangkan di ... pada tanggal ... SEKRETARIS DESA ..., (name)" and its
        "BERITA DESA ... TAHUN ... NOMOR ..." (dates and numbers filled in when promulgated)."""
        blocks = []
        signed = not self._kd_is_draft(agreement)
        for party in desa_parties:
            region = party.region_id
            day = party.promulgation_date if signed else False
            name, _office = party_signatory(region, SEKRETARIS_DESA)
            if day:
                # the sekretaris desa in office on the day of promulgation
                name = desa_official_name(region, SEKRETARIS_DESA, day) or name
            year = party.berita_desa_year if day else "...."
            number = (party.berita_desa_number or "....") if day else "...."
            blocks.append(
                (
                    [
                        f"Diundangkan di {self._kd_place(region)}",
                        f"pada tanggal {self._kd_date(day)}",
                        f"SEKRETARIS DESA {region.name.upper()},",
                    ],
                    name,
                    Spacer(1, 1.4 * cm),
                    [f"BERITA DESA {region.name.upper()}", f"TAHUN {year} NOMOR {number}"],
                )
            )
        return [Spacer(1, 0.3 * cm)] + engine.signature_blocks(
            blocks, styles, width, keep=False, style="center_small"
        )

    def _kd_list(self, lines, styles, width, letters=False):
        result = []
        for index, line in enumerate(lines):
            mark = f"{chr(ord('a') + index)}." if letters and index < 26 else f"{index + 1}."
            result.append(engine.hanging_item(mark, line, styles, width))
        return result
