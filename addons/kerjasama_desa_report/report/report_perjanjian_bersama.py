# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from reportlab.lib.units import cm
from reportlab.platypus import Spacer

from odoo import models
from odoo.exceptions import UserError

from odoo.addons.kerjasama_desa.tools.formatting import day_name_id, month_name_id, terbilang

from . import engine
from .report_base import ordinal


class ReportPerjanjianBersama(models.AbstractModel):
    """Perjanjian Bersama between a desa and a pihak ketiga (Permendagri 96/2017 Pasal 5,
    14 and 15): identities of the parties, the articles of Pasal 6, signature blocks."""

    _name = "report.kerjasama_desa_report.perjanjian_bersama"
    _inherit = "kerjasama.report.agreement.abstract"
    _description = "Perjanjian Bersama"

    def _kd_title(self, record):
        return f"Perjanjian Bersama - {record.title}"

    def _kd_footer_label(self, record):
        return f"Perjanjian Bersama Nomor {self._kd_number(record)}"

    def _kd_party_identity(self, party):
        """(name, title, acting-for text) of a party."""
        if party.region_id:
            region = party.region_id
            label = self._kd_desa_label(region)
            name = self._kd_kepala_desa(region, party)
            title = party.signatory_title or f"Kepala {label}"
            acting = (
                f"dalam hal ini bertindak untuk dan atas nama Pemerintah {label}, Kecamatan "
                f"{region.kecamatan_id.name}, {region.kabupaten_id.name}"
            )
            return name, title, acting
        partner = party.partner_id
        address = ", ".join(
            filter(None, [partner.street, partner.street2, partner.city, partner.zip])
        )
        acting = f"dalam hal ini bertindak untuk dan atas nama {partner.name or ''}"
        if address:
            acting += f", berkedudukan di {address}"
        return party.signatory_name or "", party.signatory_title or "", acting

    def _kd_story(self, agreement, styles, width, data):
        if agreement.kind != "pihak_ketiga":
            raise UserError(
                self.env._(
                    "%(agreement)s is an antar-Desa cooperation: print its Peraturan Bersama "
                    "Kepala Desa instead.",
                    agreement=agreement.display_name,
                )
            )
        parties = self._kd_desa_parties(agreement) | self._kd_third_parties(agreement)
        if len(parties) < 2:
            raise UserError(
                self.env._(
                    "%(agreement)s needs a village and a third party before its Perjanjian "
                    "Bersama can be printed.",
                    agreement=agreement.display_name,
                )
            )
        first_desa = self._kd_desa_parties(agreement)[:1].region_id
        names = [self._kd_party_name(p) for p in parties]
        story = self._kd_kop(first_desa, styles, width)
        story.append(engine.para("PERJANJIAN BERSAMA", styles["title"]))
        story.append(engine.para("ANTARA", styles["title"]))
        story.append(engine.para(f"PEMERINTAH {names[0].upper()}", styles["title"]))
        for name in names[1:]:
            story.append(engine.para("DENGAN", styles["title"]))
            story.append(engine.para(name.upper(), styles["title"]))
        story.append(Spacer(1, 0.3 * cm))
        story.append(engine.para("TENTANG", styles["title"]))
        story.append(engine.para(agreement.title.upper(), styles["title"]))
        story.append(engine.para(f"NOMOR {self._kd_number(agreement)}", styles["title"]))
        story.append(Spacer(1, 0.4 * cm))
        date = self._kd_signing_date(agreement)
        if date:
            opening = (
                f"Pada hari ini {day_name_id(date)} tanggal {terbilang(date.day, currency='')} "
                f"bulan {month_name_id(date.month)} tahun {terbilang(date.year, currency='')} "
                f"({self._kd_date(date)}), bertempat di {first_desa.name if first_desa else ''}, "
                "kami yang bertanda tangan di bawah ini:"
            )
        else:
            opening = (
                "Pada hari ini .......... tanggal .........., kami yang bertanda tangan di "
                "bawah ini:"
            )
        story.append(engine.para(opening, styles["normal"]))
        for index, party in enumerate(parties):
            name, title, acting = self._kd_party_identity(party)
            story.append(
                engine.para(f"{index + 1}. {name or '....................'}", styles["item"])
            )
            story.append(
                engine.label_table(
                    [("Jabatan", title or "-"), ("Mewakili", self._kd_party_name(party))],
                    styles,
                    width - 0.9 * cm,
                    label_width=2.6 * cm,
                )
            )
            story.append(
                engine.para(
                    f"{acting}, selanjutnya disebut PIHAK {ordinal(index)}.", styles["subitem"]
                )
            )
        story.append(
            engine.para(
                "Para pihak sepakat untuk mengadakan kerja sama dengan ketentuan sebagai "
                "berikut:",
                styles["normal"],
            )
        )
        chapters = self._kd_articles(agreement, styles, width)
        closing = (
            "PENUTUP",
            [
                [
                    (
                        "text",
                        f"Perjanjian Bersama ini dibuat dalam rangkap {len(parties)} "
                        f"({terbilang(len(parties), currency='')}) asli, masing-masing "
                        "bermaterai cukup dan mempunyai kekuatan hukum yang sama, dan mulai "
                        "berlaku sejak tanggal ditandatangani.",
                    ),
                    (
                        "text",
                        "Salinan Perjanjian Bersama ini disampaikan kepada Badan "
                        "Permusyawaratan Desa dan kepada Bupati/Wali Kota melalui Camat.",
                    ),
                ]
            ],
        )
        story += self._kd_render_chapters(chapters, closing, styles, with_bab=False)
        blocks = []
        for index, party in reversed(list(enumerate(parties))):
            name, title, _acting = self._kd_party_identity(party)
            heading = [f"PIHAK {ordinal(index)},"]
            heading.append(title.upper() if title else self._kd_party_name(party).upper())
            blocks.append((heading, name))
        story += engine.signature_blocks(blocks, styles, width)
        return story
