from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import KerjasamaDesaCommon


@tagged("post_install", "-at_install")
class TestMusyawarahAttendance(KerjasamaDesaCommon):
    """The berita acara of a Musyawarah Desa: chair, secretary, community representative and
    attendance, recorded by the desa that held it, frozen with the deliberation."""

    def _musyawarah(self):
        agreement = self.create_agreement()
        return self.env["kerjasama.musyawarah"].create(
            {
                "agreement_id": agreement.id,
                "region_id": self.desa_a1.id,
                "date": "2025-11-10",
                "berita_acara_number": "BA/HADIR/1",
                "decision": "agreed",
            }
        )

    def test_bpd_records_attendance_of_its_desa(self):
        musyawarah = self._musyawarah()
        own = musyawarah.with_user(self.user_bpd_a1)
        own.write(
            {
                "place": "Balai Desa",
                "chair_name": "Ketua BPD",
                "secretary_name": "Sekretaris BPD",
                "community_representative_name": "Tokoh Masyarakat",
                "attendance_ids": [
                    Command.create({"name": "Anggota Satu", "category": "bpd"}),
                    Command.create({"name": "Warga Dua", "category": "masyarakat"}),
                ],
            }
        )
        self.assertEqual(musyawarah.attendance_count, 2)
        # the BPD of another desa only reads
        other = musyawarah.attendance_ids[0].with_user(self.user_bpd_a2)
        self.assertEqual(other.name, "Anggota Satu")
        with self.assertRaises(AccessError):
            other.name = "Diubah"
        # the BPD corrects its own list
        musyawarah.attendance_ids[1].with_user(self.user_bpd_a1).unlink()
        self.assertEqual(musyawarah.attendance_count, 1)

    def test_attendance_frozen_past_deliberation(self):
        musyawarah = self._musyawarah()
        musyawarah.attendance_ids = [Command.create({"name": "Anggota", "category": "bpd"})]
        musyawarah.with_user(self.user_bpd_a1).action_bpd_consent()
        self.advance_agreement(musyawarah.agreement_id, "penyusunan")
        line = musyawarah.attendance_ids
        with self.assertRaises(UserError):
            line.name = "Diubah"
        with self.assertRaises(UserError):
            line.unlink()
        with self.assertRaises(UserError):
            self.env["kerjasama.musyawarah.attendance"].create(
                {"musyawarah_id": musyawarah.id, "name": "Terlambat"}
            )
