# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from reportlab.lib.units import cm
from reportlab.platypus import Spacer

from odoo import models
from odoo.exceptions import UserError

from odoo.addons.kerjasama_desa.tools.formatting import terbilang

from . import engine
from .engine import DOTS, ordinal
from .report_agreement_common import (
    KEWENANGAN_LABELS,
    date_in_words_id,
    party_document_number,
    party_signatory,
)

# how the recitals name the kind of a pihak ketiga (Permendagri 96/2017 Pasal 3)
PARTY_FORMS = {
    "swasta": "badan usaha swasta",
    "ormas": "organisasi kemasyarakatan",
    "lembaga": "lembaga",
    "bumdes": "Badan Usaha Milik Desa",
    "bumdesma": "Badan Usaha Milik Desa Bersama",
}


# the legal form of a pihak ketiga as its identity and the recitals name it
LEGAL_FORM_NAMES = {
    "pt": "Perseroan Terbatas (PT)",
    "cv": "Persekutuan Komanditer (CV)",
    "firma": "Firma",
    "koperasi": "Koperasi",
    "yayasan": "Yayasan",
    "perkumpulan": "Perkumpulan",
    "ud": "Usaha Dagang (UD)",
    "bumdes": "Badan Usaha Milik Desa",
    "bumdesma": "Badan Usaha Milik Desa Bersama",
}


class ReportPerjanjianBersama(models.AbstractModel):
    """Perjanjian Bersama between a desa and a pihak ketiga (Permendagri 96/2017 Pasal 5,
    14 and 15): the parties' identities, the recitals, the articles of Pasal 6, the signatures
    (PIHAK KEDUA over a meterai) and the witnesses. Not yet signed (before the kabupaten's
    evaluation), it prints as a RANCANGAN without a signing day."""

    _name = "report.kerjasama_desa_report.perjanjian_bersama"
    _inherit = "kerjasama.report.agreement.abstract"
    _description = "Perjanjian Bersama"

    def _kd_title(self, record):
        return f"Perjanjian Bersama - {record.title}"

    def _kd_footer_label(self, record):
        number = party_document_number(record, self._kd_desa_parties(record)[:1]) or DOTS
        draft = "Rancangan " if self._kd_is_draft(record) else ""
        return f"{draft}Perjanjian Bersama Nomor {number.replace(' TAHUN ', ' Tahun ')}"

    def _kd_desa_address(self, region):
        partner = region.sudo().partner_id
        place = partner.street or f"Kantor {self._kd_desa_label(region)}"
        return ", ".join(
            filter(None, [place, f"Kecamatan {region.kecamatan_id.name}", region.kabupaten_id.name])
        )

    def _kd_partner_address(self, partner):
        town = " ".join(filter(None, [partner.city, partner.zip]))
        return ", ".join(filter(None, [partner.street, partner.street2, town]))

    def _kd_party_identity(self, party):
        """``(name, rows, acting)``: the signatory's name, the identity rows (label, value) and
        the "acting for" text of a party."""
        name, office = party_signatory(party)
        if party.region_id:
            region = party.region_id
            label = self._kd_desa_label(region)
            rows = [("Jabatan", office), ("Alamat", self._kd_desa_address(region))]
            acting = (
                f"dalam hal ini bertindak untuk dan atas nama Pemerintah {label}, Kecamatan "
                f"{region.kecamatan_id.name}, {region.kabupaten_id.name}"
            )
            return name, rows, acting
        partner = party.partner_id.sudo()
        rows = [("Jabatan", office or DOTS), ("Mewakili", partner.name or "")]
        form = self._kd_legal_form(partner)
        if form:
            rows.append(("Bentuk badan", form[:1].upper() + form[1:]))
        rows.append(("Alamat", self._kd_partner_address(partner) or DOTS))
        # the legal identity of the company: its deed of establishment and NIB
        rows.append(("Akta pendirian", self._kd_deed(partner)))
        rows.append(("NIB", partner.kerjasama_nib or partner.company_registry or DOTS))
        if partner.vat:
            rows.append(("NPWP", partner.vat))
        acting = f"dalam hal ini bertindak untuk dan atas nama {partner.name or ''}"
        return name, rows, acting

    def _kd_legal_form(self, partner):
        """ "Perseroan Terbatas (PT)", else the kind of party ("badan usaha swasta")."""
        return LEGAL_FORM_NAMES.get(partner.kerjasama_legal_form) or PARTY_FORMS.get(
            partner.kerjasama_party_type, ""
        )

    def _kd_deed(self, partner):
        """ "Nomor 12 tanggal 3 Maret 2015, Notaris Hj. Rina S.H." (dots when not recorded)."""
        if not partner.kerjasama_deed_number:
            return DOTS
        text = f"Nomor {partner.kerjasama_deed_number}"
        if partner.kerjasama_deed_date:
            text += f" tanggal {self._kd_date(partner.kerjasama_deed_date)}"
        if partner.kerjasama_deed_notary:
            text += f", dibuat di hadapan Notaris {partner.kerjasama_deed_notary}"
        return text

    def _kd_opening(self, agreement, first_desa):
        place = self._kd_desa_label(first_desa) if first_desa else DOTS
        date = self._kd_signing_date(agreement)
        if date:
            return (
                f"Pada hari ini {date_in_words_id(date)} ({self._kd_date(date)}), bertempat di "
                f"{place}, yang bertanda tangan di bawah ini:"
            )
        # a draft: the day of signing is filled in when it is signed
        return (
            "Pada hari ini .......... tanggal .......... bulan .......... tahun .........., "
            f"bertempat di {place}, yang bertanda tangan di bawah ini:"
        )

    def _kd_recitals(self, agreement, parties):
        """ "Para Pihak terlebih dahulu menerangkan ...": lettered recitals."""
        recitals = []
        for index, party in enumerate(parties):
            who = f"PIHAK {ordinal(index)}"
            if party.region_id:
                recitals.append(
                    f"bahwa {who} adalah Pemerintah {self._kd_desa_label(party.region_id)} yang "
                    "berwenang mengatur dan mengurus urusan pemerintahan dan kepentingan "
                    "masyarakat setempat berdasarkan Undang-Undang Nomor 6 Tahun 2014 tentang "
                    "Desa;"
                )
            else:
                partner = party.partner_id.sudo()
                form = self._kd_legal_form(partner) or "pihak ketiga"
                address = self._kd_partner_address(partner)
                text = f"bahwa {who} adalah {partner.name or ''}, suatu {form}"
                if partner.kerjasama_deed_number:
                    text += f" yang didirikan dengan Akta Pendirian {self._kd_deed(partner)}"
                if address:
                    text += f", berkedudukan di {address}"
                recitals.append(f"{text};")
        recitals.append(
            "bahwa berdasarkan Pasal 91 Undang-Undang Nomor 6 Tahun 2014 tentang Desa, Desa "
            "dapat mengadakan kerja sama dengan pihak ketiga, yang tata caranya diatur dalam "
            "Peraturan Menteri Dalam Negeri Nomor 96 Tahun 2017 tentang Tata Cara Kerja Sama "
            "Desa di Bidang Pemerintahan Desa;"
        )
        for party in parties.filtered("region_id"):
            region = party.region_id
            meeting = agreement.musyawarah_ids.filtered(
                lambda m, r=region: m.region_id == r and m.decision == "agreed"
            ).sorted("date")[-1:]
            text = (
                f"bahwa rencana kerja sama ini telah dibahas dan disepakati dalam Musyawarah "
                f"Desa {region.name}"
            )
            if meeting.date:
                text += f" pada tanggal {self._kd_date(meeting.date)}"
            if meeting.berita_acara_number:
                text += (
                    " sebagaimana tercantum dalam Berita Acara Musyawarah Desa Nomor "
                    f"{meeting.berita_acara_number}"
                )
            recitals.append(f"{text};")
        for use in self._kd_utilizations(agreement):
            asset = use.asset_id
            recitals.append(
                f"bahwa {asset.name} merupakan aset {self._kd_desa_label(asset.region_id)} yang "
                f"tercatat dalam buku inventaris aset Desa dengan kode {asset.code or DOTS}, "
                "tidak dipergunakan langsung untuk penyelenggaraan pemerintahan Desa, sehingga "
                f"dapat dimanfaatkan oleh pihak lain dalam bentuk {use.form_id.name or DOTS};"
            )
        bidang = agreement.bidang_id.name
        kewenangan = KEWENANGAN_LABELS.get(agreement.kewenangan)
        if bidang or kewenangan:
            text = "bahwa kerja sama ini"
            if bidang:
                text += f" di bidang {bidang}"
            if kewenangan:
                text += f" dilaksanakan berdasarkan kewenangan Desa berupa {kewenangan}"
            recitals.append(f"{text};")
        return recitals

    def _kd_story(self, agreement, styles, width, data):
        if agreement.kind != "pihak_ketiga":
            raise UserError(
                self.env._(
                    "%(agreement)s is an antar-Desa cooperation: print its Peraturan Bersama "
                    "Kepala Desa instead.",
                    agreement=agreement.display_name,
                )
            )
        desa_parties = self._kd_desa_parties(agreement)
        parties = desa_parties | self._kd_third_parties(agreement)
        if len(parties) < 2:
            raise UserError(
                self.env._(
                    "%(agreement)s needs a village and a third party before its Perjanjian "
                    "Bersama can be printed.",
                    agreement=agreement.display_name,
                )
            )
        first_desa = desa_parties[:1].region_id
        names = [self._kd_party_name(p) for p in parties]
        # a legal instrument of the parties: no letterhead of one of them
        story = []
        if self._kd_is_draft(agreement):
            story.append(engine.para("RANCANGAN", styles["title"]))
            story.append(Spacer(1, 0.2 * cm))
        story.append(engine.para("PERJANJIAN BERSAMA", styles["title"]))
        story.append(engine.para("ANTARA", styles["title"]))
        story.append(engine.para(f"PEMERINTAH {names[0].upper()}", styles["title"]))
        for name in names[1:]:
            story.append(engine.para("DENGAN", styles["title"]))
            story.append(engine.para(name.upper(), styles["title"]))
        for party in desa_parties:
            number = party_document_number(agreement, party) or DOTS
            story.append(engine.para(f"NOMOR: {number}", styles["title"]))
        story.append(Spacer(1, 0.3 * cm))
        story.append(engine.para("TENTANG", styles["title"]))
        story.append(engine.para(agreement.title.upper(), styles["title"]))
        story.append(Spacer(1, 0.4 * cm))
        story.append(engine.para(self._kd_opening(agreement, first_desa), styles["normal"]))
        mark_width = 0.8 * cm
        for index, party in enumerate(parties):
            name, rows, acting = self._kd_party_identity(party)
            identity = [
                engine.para(f"<b>{engine.esc(name)}</b>", styles["left"], markup=True),
                engine.label_table(rows, styles, width - mark_width, label_width=3.9 * cm),
                engine.para(
                    f"{acting}, selanjutnya disebut PIHAK {ordinal(index)}.", styles["normal"]
                ),
            ]
            story.append(engine.hanging_block(f"{index + 1}.", identity, styles, width, mark_width))
        together = " dan ".join(f"PIHAK {ordinal(i)}" for i in range(len(parties)))
        story.append(
            engine.para(
                f"{together} yang selanjutnya secara bersama-sama disebut Para Pihak, terlebih "
                "dahulu menerangkan hal-hal sebagai berikut:",
                styles["normal"],
            )
        )
        for index, line in enumerate(self._kd_recitals(agreement, parties)):
            story.append(engine.hanging_item(f"{chr(ord('a') + index)}.", line, styles, width))
        story.append(
            engine.para(
                "Berdasarkan hal-hal tersebut di atas, Para Pihak sepakat untuk mengadakan "
                f"Perjanjian Bersama tentang {agreement.title} dengan ketentuan sebagai berikut:",
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
                        "bermeterai cukup dan mempunyai kekuatan hukum yang sama, dan mulai "
                        "berlaku sejak tanggal ditandatangani.",
                    ),
                    (
                        "text",
                        "Salinan Perjanjian Bersama ini disampaikan kepada Badan "
                        f"Permusyawaratan Desa dan kepada {self._kd_regent(agreement)} melalui "
                        f"{self._kd_camat(agreement)}.",
                    ),
                ]
            ],
        )
        body, closing_flowables = self._kd_render_chapters(
            chapters, closing, styles, with_bab=False
        )
        story += body
        blocks, witnesses = [], []
        for index, party in reversed(list(enumerate(parties))):
            name, office = party_signatory(party)
            heading = [f"PIHAK {ordinal(index)},"]
            if party.region_id:
                heading.append(f"{office.upper()},")
            else:
                heading.append((party.partner_id.name or "").upper())
                if office:
                    heading.append(f"{office.upper()},")
            # the pihak ketiga signs over a meterai
            space = None if party.region_id else engine.meterai_box()
            blocks.append((heading, name, space))
            witnesses.append(([f"SAKSI PIHAK {ordinal(index)},"], DOTS))
        signatures = engine.signature_blocks(blocks, styles, width, keep=False)
        witness_block = [
            Spacer(1, 0.5 * cm),
            engine.para("SAKSI-SAKSI:", styles["title"]),
        ] + engine.signature_blocks(witnesses, styles, width, keep=False)
        # the closing Pasal, the signatures and the witnesses stay on one page
        story.append(self._kd_keep_with_closing(closing_flowables, signatures + witness_block))
        return story
