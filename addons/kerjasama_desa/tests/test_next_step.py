"""The next step of an agreement: who it waits for, what the step still needs (the same list the
stage button refuses with), the activity of the users who must act, and the acts of each role
on its own desa's line only."""

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import KerjasamaDesaCommon

NEXT_STEP = "kerjasama_desa.mail_activity_type_agreement_next_step"


@tagged("post_install", "-at_install")
class TestNextStep(KerjasamaDesaCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.activity_type = cls.env.ref(NEXT_STEP)

    def _activities(self, agreement):
        return agreement.activity_ids.filtered(lambda a: a.activity_type_id == self.activity_type)

    def _to_musyawarah(self):
        agreement = self.create_agreement(title="Kerja sama langkah berikutnya")
        self.advance_agreement(agreement, "musyawarah")
        return agreement

    def test_banner_lists_what_the_button_refuses(self):
        agreement = self.create_agreement(title="Kerja sama banner")
        info = agreement.with_user(self.user_perangkat_a1).next_step_info
        texts = [item["text"] for item in info["missing"]]
        self.assertIn("inventory of potential", texts)
        self.assertIn("priority scale", texts)
        item = next(i for i in info["missing"] if i["text"] == "inventory of potential")
        self.assertEqual(item["field"], "potential_inventory")
        self.assertEqual(item["page"], "preparation", "the requirement leads to its tab")
        self.assertTrue(info["mine"], "a village officer of a party desa prepares the offer")
        self.assertFalse(agreement.with_user(self.user_dpmd).next_step_info["mine"])
        with self.assertRaises(UserError) as refused:
            agreement.with_user(self.user_perangkat_a1).action_to_penawaran()
        for text in texts:
            self.assertIn(text, str(refused.exception))
        self.fill_stage_requirements(agreement, "persiapan")
        agreement.invalidate_recordset()
        info = agreement.with_user(self.user_perangkat_a1).next_step_info
        self.assertEqual(info["missing"], [], "nothing missing once the stage is filled")
        self.assertEqual(info["step"], "propose the offer")

    def test_musyawarah_waits_for_each_bpd_and_schedules_its_activity(self):
        agreement = self.create_agreement(title="Kerja sama BPD")
        self.advance_agreement(agreement, "penawaran")
        self.fill_stage_requirements(agreement, "penawaran")
        agreement.with_user(self.user_kades_a1).action_to_musyawarah()
        self.assertEqual(
            set(self._activities(agreement).user_id.ids),
            {self.user_perangkat_a1.id, self.user_kades_a1.id, self.user_kades_a2.id},
            "the village officers of each party desa hold their musyawarah desa; the treasurer "
            "gets no officer's activity",
        )
        meetings = self.env["kerjasama.musyawarah"].create(
            [
                {
                    "agreement_id": agreement.id,
                    "region_id": desa.id,
                    "date": fields.Date.to_date("2025-11-15"),
                    "berita_acara_number": f"BA/{desa.code}/2025",
                    "decision": "agreed",
                }
                for desa in (self.desa_a1, self.desa_a2)
            ]
        )
        waiting = agreement.with_user(self.user_bpd_a1).next_step_info["waiting"]
        self.assertEqual(
            waiting,
            ["the consent of the BPD of Sukamaju", "the consent of the BPD of Sukamulya"],
        )
        self.assertEqual(
            set(self._activities(agreement).user_id.ids),
            {self.user_bpd_a1.id, self.user_bpd_a2.id},
            "the activity moves to the BPD of each desa",
        )
        # the BPD of A1 sees its own act; the BPD of another desa and a kepala desa do not
        self.assertTrue(agreement.with_user(self.user_bpd_a1).user_can_consent)
        self.assertFalse(agreement.with_user(self.user_kades_a1).user_can_consent)
        self.assertFalse(agreement.with_user(self.user_bpd_b1).user_can_consent)
        meeting_a1 = meetings.filtered(lambda m: m.region_id == self.desa_a1)
        self.assertTrue(meeting_a1.with_user(self.user_bpd_a1).user_is_bpd)
        self.assertFalse(
            meeting_a1.with_user(self.user_bpd_a2).user_is_bpd,
            "no consent button on another desa's row",
        )
        with self.assertRaises(AccessError):
            meeting_a1.with_user(self.user_bpd_a2).action_bpd_consent()
        agreement.with_user(self.user_bpd_a1).action_bpd_consent_mine()
        self.assertTrue(meeting_a1.bpd_consent)
        self.assertFalse(
            meetings.filtered(lambda m: m.region_id == self.desa_a2).bpd_consent,
            "one BPD consents for its own desa only",
        )
        self.assertEqual(self._activities(agreement).user_id, self.user_bpd_a2)
        with self.assertRaises(UserError):
            agreement.with_user(self.user_bpd_a1).action_bpd_consent_mine()

    def test_signing_by_own_desa_and_evaluation_waits_for_camat_then_dpmd(self):
        agreement = self.create_agreement(title="Kerja sama tanda tangan")
        self.advance_agreement(agreement, "penandatanganan")
        self.assertEqual(
            set(self._activities(agreement).user_id.ids),
            {self.user_kades_a1.id, self.user_kades_a2.id},
        )
        self.assertTrue(agreement.with_user(self.user_kades_a1).user_can_sign)
        self.assertFalse(agreement.with_user(self.user_kades_b1).user_can_sign)
        self.assertFalse(agreement.with_user(self.user_perangkat_a1).user_can_sign)
        party_a1 = agreement.party_ids.filtered(lambda p: p.region_id == self.desa_a1)
        party_a1.with_user(self.user_kades_a1).write(
            {"signatory_name": "Bapak Kepala Desa Sukamaju", "sign_date": self.SIGNING_DAY}
        )
        agreement.with_user(self.user_kades_a1).action_sign_mine()
        party_a2 = agreement.party_ids.filtered(lambda p: p.region_id == self.desa_a2)
        self.assertTrue(party_a1.signed_date)
        self.assertFalse(party_a2.signed_date, "a kepala desa signs for his own desa only")
        self.assertFalse(agreement.with_user(self.user_kades_a1).user_can_sign)
        self.assertEqual(
            agreement.with_user(self.user_kades_a1).next_step_info["waiting"],
            ["the signature of the village head of Sukamulya"],
        )
        self.assertEqual(self._activities(agreement).user_id, self.user_kades_a2)
        self.fill_stage_requirements(agreement, "penandatanganan")
        agreement.with_user(self.user_kades_a1).action_to_evaluasi()
        if agreement.camat_forwarding_required:
            info = agreement.with_user(self.user_kecamatan_a).next_step_info
            self.assertEqual(info["waiting"], ["the forwarding by the camat of Kecamatan Satu"])
            self.assertTrue(info["mine"])
            self.assertEqual(self._activities(agreement).user_id, self.user_kecamatan_a)
            self.forward(agreement)
        info = agreement.with_user(self.user_dpmd).next_step_info
        self.assertEqual(info["waiting"], ["the evaluation by the DPMD of Kabupaten Uji"])
        self.assertTrue(info["mine"])
        self.assertFalse(agreement.with_user(self.user_dpmd_other).next_step_info["mine"])
        self.assertIn(
            self.user_dpmd, self._activities(agreement).user_id, "the DPMD of the kabupaten"
        )
        self.assertNotIn(self.user_dpmd_other, self._activities(agreement).user_id)
        self.fill_stage_requirements(agreement, "evaluasi")
        agreement.with_user(self.user_dpmd).action_to_berjalan()
        self.assertNotIn(
            self.user_dpmd, self._activities(agreement).user_id, "the evaluation is made"
        )
        for activity in self._activities(agreement):
            # a running agreement waits only for its overdue reports (the fixture's dates are
            # of 2025), told to each user in his own language
            waiting = agreement.with_context(lang=activity.user_id.lang)._next_step_waiting()
            self.assertEqual([w.role for w in waiting], ["perangkat"])
            self.assertEqual(activity.summary, waiting[0].text)

    def test_record_rule_refusal_is_plain(self):
        agreement = self.create_agreement(title="Kerja sama desa lain")
        indonesian = bool(self.env["res.lang"]._lang_get("id_ID"))
        self.user_kades_b1.lang = "id_ID" if indonesian else "en_US"
        with self.assertRaises(AccessError) as refused:
            agreement.with_user(self.user_kades_b1).read(["title"])
        message = str(refused.exception)
        self.assertIn("Kerja sama desa lain", message)
        self.assertNotIn("cookies", message)
        if indonesian:
            self.assertIn("Anda tidak dapat membuka", message)
            self.assertIn("di luar wilayah kerja Anda (Mekarsari)", message)
            self.assertNotIn("tuli", message)
        else:
            self.assertIn("You cannot open", message)
            self.assertIn("outside your working regions (Mekarsari)", message)
