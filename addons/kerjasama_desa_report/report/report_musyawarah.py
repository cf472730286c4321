# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from reportlab.lib.units import cm
from reportlab.platypus import Spacer

from odoo import models

from . import engine
from .report_agreement_common import KETUA_BPD, date_in_words_id, party_signatory


class ReportBeritaAcaraMusyawarah(models.AbstractModel):
    """Berita Acara Musyawarah Desa: the record of the BPD's village deliberation that agrees
    or refuses a kerja sama desa (Permendagri 96/2017 Pasal 13-15)."""

    _name = "report.kerjasama_desa_report.berita_acara_musyawarah"
    _inherit = "kerjasama.report.agreement.abstract"
    _description = "Berita Acara Musyawarah Desa"

    def _kd_title(self, record):
        return f"Berita Acara Musyawarah Desa - {record.region_id.name}"

    def _kd_footer_label(self, record):
        return f"Berita Acara Nomor {record.berita_acara_number or ''}"

    def _kd_subject(self, agreement):
        """ "KERJA SAMA PENGELOLAAN AIR BERSIH", never "KERJA SAMA KERJA SAMA ..."."""
        title = (agreement.title or "").upper()
        if title.replace("KERJASAMA", "KERJA SAMA").startswith("KERJA SAMA"):
            return title
        return f"KERJA SAMA {title}"

    def _kd_story(self, musyawarah, styles, width, data):
        agreement = musyawarah.agreement_id
        region = musyawarah.region_id
        desa = self._kd_desa_label(region)
        story = self._kd_kop(region, styles, width)
        story.append(engine.para("BERITA ACARA MUSYAWARAH DESA", styles["title"]))
        story.append(engine.para(f"NOMOR {musyawarah.berita_acara_number}", styles["title"]))
        story.append(engine.para("TENTANG", styles["title"]))
        story.append(engine.para(self._kd_subject(agreement), styles["title"]))
        story.append(Spacer(1, 0.4 * cm))
        date = musyawarah.date
        day = f"{date_in_words_id(date)} ({self._kd_date(date)})" if date else engine.DOTS
        story.append(
            engine.para(
                f"Pada hari ini {day}, bertempat di "
                f"{desa}, Kecamatan {region.kecamatan_id.name}, {region.kabupaten_id.name}, "
                f"Badan Permusyawaratan Desa {region.name} telah menyelenggarakan Musyawarah "
                "Desa untuk membahas rencana kerja sama desa sebagai berikut:",
                styles["normal"],
            )
        )
        parties = "; ".join(self._kd_party_name(p) for p in agreement.party_ids)
        own_funding = agreement.funding_ids.filtered(lambda f: f.region_id == region)
        kind = (
            "Kerja sama antar-Desa"
            if agreement.kind == "antar_desa"
            else "Kerja sama dengan pihak ketiga"
        )
        rows = [
            ("Nama kerja sama", agreement.title),
            ("Nomor registrasi", agreement.name if agreement.name != "/" else "-"),
            ("Jenis", kind),
            ("Para pihak", parties or "-"),
            ("Bidang", agreement.bidang_id.name or "-"),
            ("Jangka waktu", self._kd_duration_text(agreement)),
            ("Nilai kerja sama", self._kd_rupiah_words(agreement.amount_total)),
            (
                f"Bagian {desa}",
                self._kd_rupiah_words(sum(own_funding.mapped("amount"))),
            ),
        ]
        story.append(engine.label_table(rows, styles, width, label_width=4.2 * cm))
        if agreement.scope:
            story.append(engine.para("Ruang lingkup kerja sama:", styles["left"]))
            story += self._kd_paragraphs(agreement.scope, styles["item"])
        story.append(Spacer(1, 0.3 * cm))
        decision = "MENYETUJUI" if musyawarah.decision == "agreed" else "MENOLAK"
        story.append(
            engine.para(
                f"Setelah dibahas dan dimusyawarahkan, Musyawarah Desa {engine.esc(region.name)} "
                f"<b>{decision}</b> rencana kerja sama tersebut.",
                styles["normal"],
                markup=True,
            )
        )
        if musyawarah.bpd_consent:
            consent = (
                "Badan Permusyawaratan Desa memberikan persetujuan atas kerja sama tersebut "
                f"pada tanggal {self._kd_date(musyawarah.bpd_consent_date)}."
            )
        else:
            consent = "Persetujuan Badan Permusyawaratan Desa belum diberikan."
        story.append(engine.para(consent, styles["normal"]))
        if musyawarah.notes:
            story.append(engine.para("Catatan musyawarah:", styles["left"]))
            story += self._kd_paragraphs(musyawarah.notes, styles["normal"])
        closing = [
            engine.para(
                "Demikian Berita Acara ini dibuat dengan sebenarnya untuk dipergunakan "
                "sebagaimana mestinya.",
                styles["normal"],
            ),
            Spacer(1, 0.3 * cm),
            engine.para(f"{region.name}, {self._kd_date(date)}", styles["center"]),
        ]
        party = agreement.party_ids.filtered(lambda p: p.region_id == region)[:1]
        blocks = [
            ([f"KETUA BPD {region.name.upper()},"], party_signatory(region, KETUA_BPD)[0]),
            ([f"KEPALA DESA {region.name.upper()},"], party_signatory(party or region)[0]),
        ]
        # the signatures never stand alone on a page: they keep with the closing words
        story.append(
            self._kd_keep_with_closing(
                closing, engine.signature_blocks(blocks, styles, width, keep=False)
            )
        )
        return story
