# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from reportlab.lib.units import cm
from reportlab.platypus import KeepTogether, Spacer

from odoo import models
from odoo.exceptions import UserError

from . import engine


class ReportPeraturanBersama(models.AbstractModel):
    """Peraturan Bersama Kepala Desa of an antar-Desa cooperation (UU 6/2014 Pasal 92,
    Permendagri 96/2017 Pasal 5 and 13), in the layout of Indonesian legal drafting."""

    _name = "report.kerjasama_desa_report.peraturan_bersama"
    _inherit = "kerjasama.report.agreement.abstract"
    _description = "Peraturan Bersama Kepala Desa"

    def _kd_title(self, record):
        return f"Peraturan Bersama Kepala Desa - {record.title}"

    def _kd_footer_label(self, record):
        return f"Peraturan Bersama Nomor {self._kd_number(record)}"

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
        kepala_desa = [f"KEPALA DESA {p.region_id.name.upper()}" for p in desa_parties]
        joined = self._kd_join(kepala_desa)
        title = agreement.title.upper()
        story = self._kd_kop(agreement.kabupaten_id, styles, width)
        for line in kepala_desa:
            story.append(engine.para(line, styles["title"]))
        story.append(
            engine.para(self._kd_location_suffix(agreement).strip().upper(), styles["title"])
        )
        story.append(Spacer(1, 0.4 * cm))
        story.append(engine.para(f"PERATURAN BERSAMA {joined}", styles["title"]))
        story.append(engine.para(f"NOMOR {self._kd_number(agreement)}", styles["title"]))
        story.append(Spacer(1, 0.3 * cm))
        story.append(engine.para("TENTANG", styles["title"]))
        story.append(engine.para(title, styles["title"]))
        story.append(Spacer(1, 0.3 * cm))
        story.append(engine.para("DENGAN RAHMAT TUHAN YANG MAHA ESA", styles["title"]))
        story.append(Spacer(1, 0.3 * cm))
        story.append(engine.para(f"{joined},", styles["title"]))
        story.append(Spacer(1, 0.3 * cm))
        villages = ", ".join(self._kd_desa_label(p.region_id) for p in desa_parties)
        bidang = agreement.bidang_id.name or "yang disepakati"
        menimbang = [
            f"bahwa dalam rangka meningkatkan pelayanan, pembangunan dan pemberdayaan "
            f"masyarakat, {villages} memandang perlu melaksanakan kerja sama antar-Desa di "
            f"bidang {bidang};",
            "bahwa kerja sama tersebut telah disepakati dalam Musyawarah Desa masing-masing dan "
            "Musyawarah Antar-Desa sesuai dengan Peraturan Menteri Dalam Negeri Nomor 96 Tahun "
            "2017 tentang Tata Cara Kerja Sama Desa di Bidang Pemerintahan Desa;",
            f"bahwa berdasarkan pertimbangan sebagaimana dimaksud dalam huruf a dan huruf b, "
            f"perlu menetapkan Peraturan Bersama Kepala Desa tentang {agreement.title};",
        ]
        story.append(
            engine.label_table(
                [
                    ("Menimbang", self._kd_list(menimbang, styles, letters=True)),
                    ("Mengingat", self._kd_list(self._kd_legal_basis(agreement), styles)),
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
        closing = (
            "KETENTUAN PENUTUP",
            [
                [
                    (
                        "text",
                        "Peraturan Bersama ini mulai berlaku pada tanggal ditetapkan dan "
                        "disampaikan kepada Bupati/Wali Kota melalui Camat.",
                    ),
                    (
                        "text",
                        "Agar setiap orang mengetahuinya, memerintahkan pengundangan Peraturan "
                        "Bersama ini dengan penempatannya dalam Berita Desa masing-masing.",
                    ),
                ]
            ],
        )
        story += self._kd_render_chapters(chapters, closing, styles)
        story.append(Spacer(1, 0.5 * cm))
        first = desa_parties[0].region_id
        story.append(
            engine.label_table(
                [
                    ("Ditetapkan di", self._kd_place(first)),
                    ("pada tanggal", self._kd_date(self._kd_signing_date(agreement))),
                ],
                styles,
                width / 2,
                label_width=3.2 * cm,
            )
        )
        story[-1].hAlign = "RIGHT"
        blocks = [
            ([f"KEPALA DESA {p.region_id.name.upper()},"], self._kd_kepala_desa(p.region_id, p))
            for p in desa_parties
        ]
        # the place and date stay on the page of the first signatures
        place = story.pop()
        signatures = engine.signature_blocks(blocks, styles, width)
        story.append(KeepTogether([place] + signatures[:1]))
        story += signatures[1:]
        return story

    def _kd_join(self, names):
        if len(names) <= 1:
            return "".join(names)
        return f"{', '.join(names[:-1])} DAN {names[-1]}"

    def _kd_list(self, lines, styles, letters=False):
        result = []
        for index, line in enumerate(lines):
            mark = f"{chr(ord('a') + index)}." if letters and index < 26 else f"{index + 1}."
            result.append(engine.para(f"{mark} {line}", styles["item"]))
        return result
