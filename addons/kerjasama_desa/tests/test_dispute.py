from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import KerjasamaDesaCommon


@tagged("post_install", "-at_install")
class TestDispute(KerjasamaDesaCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.agreement_local = cls.create_agreement(title="Satu kecamatan")  # A1 + A2
        cls.agreement_cross = cls.create_agreement(
            title="Lintas kecamatan", desa=cls.desa_a1 | cls.desa_b1
        )
        for agreement in (cls.agreement_local, cls.agreement_cross):
            cls.advance_agreement(agreement, "berjalan")
        cls.Dispute = cls.env["kerjasama.dispute"]

    def _dispute(self, agreement, user=None):
        Dispute = self.Dispute.with_user(user) if user else self.Dispute
        return Dispute.create(
            {
                "name": "Pembagian hasil",
                "agreement_id": agreement.id,
                "date": fields.Date.to_date("2026-06-01"),
                "description": "Para pihak berbeda pendapat tentang pembagian hasil.",
                "party_ids": [fields.Command.set(agreement.party_ids.ids)],
            }
        )

    def _settlement_vals(self):
        return {
            "outcome": "Disepakati pembagian 50:50.",
            "berita_acara_number": "BA/01/2026",
            "date_settled": fields.Date.to_date("2026-06-10"),
            "signatories": "Kepala Desa Sukamaju, Kepala Desa Sukamulya, Camat",
        }

    def test_only_signed_agreement(self):
        draft = self.create_agreement(title="Belum ditandatangani")
        with self.assertRaises(ValidationError):
            self._dispute(draft)
        self.assertFalse(self.Dispute.search([("agreement_id", "=", draft.id)]))

    def test_escalation_target(self):
        self.assertEqual(self._dispute(self.agreement_local).escalation_target, "camat")
        self.assertEqual(self._dispute(self.agreement_cross).escalation_target, "bupati")

    def test_settled_by_musyawarah(self):
        dispute = self._dispute(self.agreement_local, self.user_kades_a1).with_user(
            self.user_kades_a1
        )
        dispute.action_start_musyawarah()
        self.assertEqual((dispute.state, dispute.stage), ("musyawarah", "musyawarah"))
        with self.assertRaises(UserError):
            dispute.action_settle()  # berita acara missing
        self.assertEqual(dispute.state, "musyawarah")
        dispute.write(self._settlement_vals())
        dispute.action_settle()
        self.assertEqual(dispute.state, "settled")
        with self.assertRaises(UserError):
            dispute.sudo().unlink()

    def test_escalation_to_camat(self):
        dispute = self._dispute(self.agreement_local)
        with self.assertRaises(UserError):
            dispute.action_escalate()  # not in musyawarah yet
        dispute.action_start_musyawarah()
        with self.assertRaises(UserError):
            dispute.action_escalate()  # outcome of the musyawarah missing
        dispute.write({"outcome": "Musyawarah belum mencapai kata sepakat."})
        dispute.with_user(self.user_kades_a1).action_escalate()
        self.assertEqual((dispute.state, dispute.stage), ("escalated", "camat"))
        dispute.write(self._settlement_vals())
        # neither the village head nor DPMD records the camat's facilitation
        with self.assertRaises(AccessError):
            dispute.with_user(self.user_kades_a1).action_settle()
        with self.assertRaises(AccessError):
            dispute.with_user(self.user_dpmd).action_settle()
        self.assertEqual(dispute.state, "escalated")
        dispute.with_user(self.user_kecamatan_a).action_settle()
        self.assertEqual(dispute.state, "settled")

    def test_escalation_to_bupati_and_legal_route(self):
        dispute = self._dispute(self.agreement_cross)
        dispute.action_start_musyawarah()
        dispute.write({"outcome": "Tidak sepakat."})
        dispute.action_escalate()
        self.assertEqual(dispute.stage, "bupati")
        with self.assertRaises(AccessError):
            dispute.with_user(self.user_kecamatan_a).action_fail()
        dispute.with_user(self.user_dpmd).action_fail()
        self.assertEqual(dispute.state, "failed")

    def test_access(self):
        dispute = self._dispute(self.agreement_local, self.user_kades_a1)
        # parties' officials see it; BPD reads only
        self.assertEqual(dispute.with_user(self.user_kades_a2).name, "Pembagian hasil")
        self.assertEqual(dispute.with_user(self.user_bpd_a1).name, "Pembagian hasil")
        with self.assertRaises(AccessError):
            dispute.with_user(self.user_bpd_a1).write({"name": "Ubah"})
        with self.assertRaises(AccessError):
            self._dispute(self.agreement_local, self.user_bpd_a1)
        # another desa, another kecamatan, another kabupaten: nothing
        for user in (self.user_kades_b1, self.user_kecamatan_b, self.user_dpmd_other):
            with self.assertRaises(AccessError):
                dispute.with_user(user).read(["name"])
        # a village head cannot file a dispute on an agreement of other villages
        with self.assertRaises(AccessError):
            self._dispute(self.agreement_local, self.user_kades_b1)
        self.assertEqual(dispute.with_user(self.user_admin).name, "Pembagian hasil")
