# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import pytz
from reportlab.lib.units import cm
from reportlab.platypus import KeepTogether, Spacer

from odoo import models

from odoo.addons.kerjasama_desa.tools.formatting import day_name_id
from odoo.addons.kerjasama_desa_report.report import engine

DECISION_TEXT = {
    "agreed": "Menyepakati rancangan Peraturan Bersama Kepala Desa tentang {title}.",
    "refused": "Tidak menyepakati rancangan Peraturan Bersama Kepala Desa tentang {title}.",
    "postponed": "Menunda pembahasan rancangan Peraturan Bersama Kepala Desa tentang {title}.",
}


# the time zones of Indonesia and how a berita acara names them
INDONESIAN_ZONES = {
    "Asia/Jakarta": "WIB",
    "Asia/Pontianak": "WIB",
    "Asia/Makassar": "WITA",
    "Asia/Jayapura": "WIT",
}


class ReportBkadMad(models.AbstractModel):
    """Berita Acara Musyawarah Antar-Desa (MAD): attendance of the invited desa, quorum, agenda,
    proceedings and decisions (UU 6/2014 Pasal 92, Permendagri 96/2017 Pasal 13), for the
    meeting of a BKAD as for the meeting on an antar-desa agreement. It is dated on the day of
    the meeting, in the place where it was held."""

    _name = "report.kerjasama_desa_report_bkad.berita_acara_mad"
    _inherit = "kerjasama.report.pdf.abstract"
    _description = "MAD Berita Acara Document"

    def _kd_title(self, record):
        return f"Berita Acara MAD - {record.subject}"

    def _kd_footer_label(self, record):
        return f"Berita Acara MAD {record.name if record.name != '/' else ''}"

    def _kd_local_datetime(self, value):
        """The meeting's time where it was held: the user's Indonesian time zone, else WIB."""
        name = self.env.user.tz if self.env.user.tz in INDONESIAN_ZONES else "Asia/Jakarta"
        return pytz.utc.localize(value).astimezone(pytz.timezone(name)), INDONESIAN_ZONES[name]

    def _kd_meeting_of(self, mad):
        """Who meets: the BKAD, else the invited desa ("Desa A, Desa B dan Desa C")."""
        if mad.bkad_id:
            return mad.bkad_id.name
        labels = [self._kd_desa_label(region) for region in mad.attendance_ids.region_id]
        if len(labels) > 1:
            return f"{', '.join(labels[:-1])} dan {labels[-1]}"
        return labels[0] if labels else ""

    def _kd_decisions(self, mad):
        """The lines of the Keputusan: the decision on the agreement, then the BKAD's."""
        lines = []
        if mad.agreement_id and mad.decision:
            lines.append(
                mad.resolution or DECISION_TEXT[mad.decision].format(title=mad.agreement_id.title)
            )
        lines += mad.decision_ids.sorted("sequence").mapped("name")
        return lines

    def _kd_story(self, mad, styles, width, data):
        bkad = mad.bkad_id
        meeting_of = self._kd_meeting_of(mad)
        # the BKAD's own heading; a meeting of the desa on their agreement has the makers'
        story = self._kd_bkad_kop(bkad, styles, width) if bkad else []
        story.append(engine.para("BERITA ACARA", styles["title"]))
        story.append(engine.para("MUSYAWARAH ANTAR-DESA", styles["title"]))
        if bkad:
            story.append(engine.para(bkad.name.upper(), styles["title"]))
        if mad.name and mad.name != "/":
            story.append(engine.para(f"NOMOR {mad.name}", styles["title"]))
        story.append(engine.para(f"TENTANG {mad.subject.upper()}", styles["title"]))
        story.append(Spacer(1, 0.4 * cm))
        local, zone = self._kd_local_datetime(mad.date)
        date = local.date()
        led = ""
        if mad.chair_name:
            led = f", dipimpin oleh {mad.chair_name}"
            if mad.secretary_name:
                led += f" dengan notulis {mad.secretary_name}"
        story.append(
            engine.para(
                f"Pada hari ini {day_name_id(date)}, tanggal {self._kd_date(date)}, pukul "
                f"{local.strftime('%H.%M')} {zone}, bertempat di {mad.place or '....................'}, "
                f"telah diselenggarakan Musyawarah Antar-Desa {meeting_of}{led}, dengan "
                "kehadiran wakil Desa sebagai berikut:",
                styles["normal"],
            )
        )
        rows = [
            [
                str(index),
                self._kd_desa_label(line.region_id),
                line.delegate_names or "",
                "Hadir" if line.present else "Tidak hadir",
            ]
            for index, line in enumerate(mad.attendance_ids, 1)
        ]
        col = [1 * cm, 5 * cm, width - 9 * cm, 3 * cm]
        story.append(engine.grid_table(["No", "Desa", "Utusan", "Kehadiran"], rows, styles, col))
        quorum = "telah" if mad.quorum_reached else "tidak"
        story.append(
            engine.para(
                f"Desa yang hadir {mad.present_count} dari {mad.invited_count} Desa yang "
                f"diundang (kuorum {mad.quorum_min_count} Desa); musyawarah {quorum} memenuhi "
                "kuorum.",
                styles["normal"],
            )
        )
        story.append(engine.para("<b>Acara</b>", styles["left"], markup=True))
        story += self._kd_paragraphs(mad.agenda, styles["normal"], empty="-")
        story.append(engine.para("<b>Jalannya Musyawarah</b>", styles["left"], markup=True))
        story += self._kd_paragraphs(mad.minutes, styles["normal"], empty="-")
        story.append(engine.para("<b>Keputusan</b>", styles["left"], markup=True))
        decisions = self._kd_decisions(mad)
        if decisions:
            for index, decision in enumerate(decisions, 1):
                story.append(engine.para(f"{index}. {decision}", styles["item"]))
        else:
            story.append(engine.para("-", styles["normal"]))
        closing = [
            engine.para(
                "Demikian Berita Acara ini dibuat dengan sebenarnya untuk dipergunakan "
                "sebagaimana mestinya.",
                styles["normal"],
            )
        ]
        # dated on the day of the meeting (not the day it was closed in the register), in the
        # town where it was held
        town = mad.attendance_ids.region_id.kecamatan_id[:1].name or mad.place or ""
        closing.append(engine.place_date(f"{town}, {self._kd_date(date)}", styles, width))
        present = mad.attendance_ids.filtered("present").region_id
        # the kepala desa in office on the day of the meeting (officials register), else the
        # name the documents know
        heads = self.env["kerjasama.desa.official"]._get_official(present, "kepala_desa", date)
        blocks = []
        for region in present:
            head = heads[region]
            office = "PJ. KEPALA DESA" if head.office == "pj_kepala_desa" else "KEPALA DESA"
            blocks.append(
                (
                    [f"{office} {region.name.upper()},"],
                    head.name or self._kd_kepala_desa(region),
                )
            )
        if bkad:
            chair = bkad.sudo().pengurus_ids.filtered(
                lambda p: p.role_id.code == "ketua" and p.is_current
            )[:1]
            if chair.name != mad.chair_name:
                blocks.append(([f"KETUA {bkad.name.upper()},"], chair.name or ""))
        blocks.append((["PIMPINAN MUSYAWARAH,"], mad.chair_name or ""))
        blocks.append((["NOTULIS,"], mad.secretary_name or ""))
        # the signatures never stand alone on a page: they keep with the closing words
        story.append(
            KeepTogether(closing + engine.signature_blocks(blocks, styles, width, keep=False))
        )
        return story
