# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from reportlab.lib.units import cm
from reportlab.platypus import PageBreak, Spacer

from odoo import models

from odoo.addons.kerjasama_desa.tools.formatting import terbilang

from . import engine
from .engine import DOTS
from .report_agreement_common import KETUA_BPD, date_in_words_id, party_signatory, selection_label

# the unsur (groups) of the participants of a Musyawarah Desa in the words of the berita
# acara, in the order it counts them: (category, column of the list, phrase of the count)
ATTENDEE_GROUPS = [
    ("bpd", "BPD", "unsur Badan Permusyawaratan Desa"),
    ("pemerintah_desa", "Pemerintah Desa", "unsur Pemerintah Desa"),
    ("lembaga", "Lembaga Kemasyarakatan", "unsur lembaga kemasyarakatan Desa"),
    ("masyarakat", "Wakil Masyarakat", "unsur wakil masyarakat"),
    ("lainnya", "Lainnya", "unsur lainnya"),
]
ATTENDEE_UNSUR = {category: unsur for category, unsur, _phrase in ATTENDEE_GROUPS}


class ReportBeritaAcaraMusyawarah(models.AbstractModel):
    """Berita Acara Musyawarah Desa: the record of the BPD's village deliberation that agrees
    or refuses a kerja sama desa (Permendagri 96/2017 Pasal 13-15): day and date in words,
    place, chair and secretary, the attendance with its count, what was discussed and decided,
    the signatures of the chair, the secretary and a community representative, and the
    attendance list attached."""

    _name = "report.kerjasama_desa_report.berita_acara_musyawarah"
    _inherit = "kerjasama.report.agreement.abstract"
    _description = "Berita Acara Musyawarah Desa"

    def _kd_title(self, record):
        return f"Berita Acara Musyawarah Desa - {record.region_id.name}"

    def _kd_footer_label(self, record):
        return f"Berita Acara Musyawarah Desa Nomor {record.berita_acara_number or ''}"

    def _kd_subject(self, agreement):
        """ "KERJA SAMA PENGELOLAAN AIR BERSIH", never "KERJA SAMA KERJA SAMA ..."."""
        title = (agreement.title or "").upper()
        if title.replace("KERJASAMA", "KERJA SAMA").startswith("KERJA SAMA"):
            return title
        return f"KERJA SAMA {title}"

    def _kd_bpd_kop(self, region, styles, width):
        """Letterhead of the BPD that holds the deliberation, with the desa's logo."""
        kop = region._kd_get_kop()
        kind = self._kd_desa_label(region)[: -len(region.name)].strip() or "Desa"
        lines = [
            f"BADAN PERMUSYAWARATAN {kind}".upper(),
            (region.name or "").upper(),
            f"KECAMATAN {region.kecamatan_id.name or ''}".upper(),
            region.kabupaten_id.name or "",
        ]
        return engine.kop_flowables({"lines": lines, "logo": kop.get("logo")}, styles, width)

    def _kd_signatories(self, musyawarah):
        """``(chair, secretary, community representative)``: the names recorded on the
        deliberation; the chair defaults to the BPD chair of the register, the community
        representative to the first community representative present."""
        region = musyawarah.region_id
        chair = (musyawarah.chair_name or "").strip()
        if not chair:
            chair = party_signatory(region, KETUA_BPD)[0]
        community = (musyawarah.community_representative_name or "").strip()
        if not community:
            community = musyawarah.attendance_ids.filtered(lambda a: a.category == "masyarakat")[
                :1
            ].name
        return chair or DOTS, (musyawarah.secretary_name or "").strip() or DOTS, community or DOTS

    def _kd_attendance_text(self, musyawarah):
        """ "dihadiri oleh 12 (dua belas) orang, terdiri atas: 5 (lima) orang unsur ..."."""
        attendance = musyawarah.attendance_ids
        if not attendance:
            return "dengan daftar hadir sebagaimana terlampir"
        count = len(attendance)
        parts = []
        for category, _unsur, label in ATTENDEE_GROUPS:
            number = len(attendance.filtered(lambda a, c=category: a.category == c))
            if number:
                parts.append(f"{number} ({terbilang(number, currency='')}) orang {label}")
        return (
            f"dihadiri oleh {count} ({terbilang(count, currency='')}) orang peserta yang terdiri "
            f"atas {self._kd_join_words(parts)}, sebagaimana tercantum dalam daftar hadir "
            "terlampir"
        )

    def _kd_story(self, musyawarah, styles, width, data):
        agreement = musyawarah.agreement_id
        region = musyawarah.region_id
        desa = self._kd_desa_label(region)
        chair, secretary, community = self._kd_signatories(musyawarah)
        story = self._kd_bpd_kop(region, styles, width)
        story.append(engine.para("BERITA ACARA MUSYAWARAH DESA", styles["title"]))
        story.append(engine.para(f"NOMOR {musyawarah.berita_acara_number}", styles["title"]))
        story.append(engine.para("TENTANG", styles["title"]))
        story.append(engine.para(self._kd_subject(agreement), styles["title"]))
        story.append(Spacer(1, 0.4 * cm))
        date = musyawarah.date
        day = f"{date_in_words_id(date)} ({self._kd_date(date)})" if date else DOTS
        place = f"{musyawarah.place}, {desa}" if musyawarah.place else f"Kantor {desa}"
        led = f"dipimpin oleh {chair} selaku pimpinan musyawarah"
        if secretary != DOTS:
            led += f" dan {secretary} selaku sekretaris musyawarah"
        story.append(
            engine.para(
                f"Pada hari ini {day}, bertempat di {place}, Kecamatan "
                f"{region.kecamatan_id.name}, {region.kabupaten_id.name}, Badan "
                f"Permusyawaratan {desa} telah menyelenggarakan Musyawarah Desa yang {led}, "
                f"{self._kd_attendance_text(musyawarah)}, untuk membahas rencana kerja sama "
                "desa sebagai berikut:",
                styles["normal"],
            )
        )
        parties = "; ".join(self._kd_party_name(p) for p in agreement.party_ids)
        own_funding = agreement.funding_ids.filtered(lambda f: f.region_id == region)
        rows = [
            ("Nama kerja sama", agreement.title),
            ("Nomor registrasi", agreement.name if agreement.name != "/" else "-"),
            ("Jenis", selection_label(agreement, "kind") or "-"),
            ("Para pihak", parties or "-"),
            ("Bidang", agreement.bidang_id.name or "-"),
            ("Jangka waktu", self._kd_duration_text(agreement)),
            ("Nilai kerja sama", self._kd_rupiah_words(agreement.amount_total)),
            ("Bagian Desa", self._kd_rupiah_words(sum(own_funding.mapped("amount")))),
        ]
        story.append(engine.label_table(rows, styles, width, label_width=4.2 * cm))
        if agreement.scope:
            story.append(engine.para("Ruang lingkup kerja sama:", styles["left"]))
            story += self._kd_paragraphs(agreement.scope, styles["item"])
        if musyawarah.notes:
            story.append(engine.para("Pokok-pokok pembahasan:", styles["left"]))
            story += self._kd_paragraphs(musyawarah.notes, styles["normal"])
        story.append(Spacer(1, 0.2 * cm))
        decision = "MENYETUJUI" if musyawarah.decision == "agreed" else "MENOLAK"
        story.append(
            engine.para(
                f"Setelah dibahas dan dimusyawarahkan, Musyawarah Desa {engine.esc(region.name)} "
                f"secara mufakat <b>{decision}</b> rencana kerja sama tersebut.",
                styles["normal"],
                markup=True,
            )
        )
        # the berita acara records what happened at the meeting, never a later act
        if musyawarah.bpd_consent and musyawarah.bpd_consent_date == date:
            story.append(
                engine.para(
                    f"Atas kesepakatan tersebut, Badan Permusyawaratan {desa} memberikan "
                    "persetujuannya dalam musyawarah ini.",
                    styles["normal"],
                )
            )
        closing = [
            engine.para(
                "Demikian Berita Acara ini dibuat dengan sebenarnya untuk dipergunakan "
                "sebagaimana mestinya.",
                styles["normal"],
            ),
            Spacer(1, 0.3 * cm),
            engine.place_date(f"{region.name}, {self._kd_date(date)}", styles, width),
        ]
        party = agreement.party_ids.filtered(lambda p: p.region_id == region)[:1]
        blocks = [
            (["PIMPINAN MUSYAWARAH,"], chair),
            (["SEKRETARIS MUSYAWARAH,"], secretary),
            (["WAKIL MASYARAKAT,"], community),
            (
                ["Mengetahui,", f"KEPALA DESA {region.name.upper()},"],
                party_signatory(party or region)[0],
            ),
        ]
        # the signatures never stand alone on a page: they keep with the closing words
        story.append(
            self._kd_keep_with_closing(
                closing, engine.signature_blocks(blocks, styles, width, keep=False)
            )
        )
        story += self._kd_attendance_list(musyawarah, styles, width)
        return story

    def _kd_attendance_list(self, musyawarah, styles, width):
        """The attendance list attached to the berita acara, on its own page."""
        attendance = musyawarah.attendance_ids
        if not attendance:
            return []
        story = [
            PageBreak(),
            engine.para("LAMPIRAN", styles["title"]),
            engine.para(
                f"BERITA ACARA MUSYAWARAH DESA NOMOR {musyawarah.berita_acara_number}",
                styles["title"],
            ),
            engine.para("DAFTAR HADIR MUSYAWARAH DESA", styles["title"]),
            Spacer(1, 0.2 * cm),
            engine.para(
                f"Hari/tanggal: {self._kd_date(musyawarah.date)}; jumlah hadir: "
                f"{len(attendance)} ({terbilang(len(attendance), currency='')}) orang.",
                styles["left"],
            ),
            Spacer(1, 0.2 * cm),
        ]
        rows = [
            [
                str(index),
                line.name,
                ATTENDEE_UNSUR.get(line.category, ""),
                line.position or "",
                f"{index}. ........",
            ]
            for index, line in enumerate(attendance, start=1)
        ]
        col = [1.0 * cm, 5.0 * cm, 3.6 * cm]
        col += [width - sum(col) - 3.0 * cm, 3.0 * cm]
        story.append(
            engine.grid_table(["No", "Nama", "Unsur", "Jabatan", "Tanda Tangan"], rows, styles, col)
        )
        return story
