from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged

from .common import KerjasamaDesaCommon

STEP = "kerjasama_desa.kerjasama_initiative_step_%s"


@tagged("post_install", "-at_install")
class TestAgreementStep(KerjasamaDesaCommon):
    """Preparation steps by initiative (Pasal 14 prakarsa Desa, Pasal 15 prakarsa Pihak
    Ketiga) as configurable data, the checklist of each agreement and the stage guard."""

    def step(self, name):
        return self.env.ref(STEP % name)

    def line(self, agreement, name):
        return agreement.step_ids.filtered(lambda line: line.step_id == self.step(name))

    # ------------------------------------------------------------------ generation
    def test_checklist_generated_by_kind_and_initiative(self):
        village_third = self.create_agreement(kind="pihak_ketiga")
        self.assertEqual(
            village_third.step_ids.step_id,
            self.step("desa_rkp")
            | self.step("desa_cost_benefit")
            | self.step("desa_kak")
            | self.step("desa_spatial"),
        )
        self.assertEqual(village_third.step_progress, "0 / 4")
        antar_desa = self.create_agreement()
        self.assertEqual(antar_desa.step_ids.step_id, self.step("desa_cost_benefit"))
        third_initiative = self.create_agreement(kind="pihak_ketiga", initiative="pihak_ketiga")
        self.assertEqual(
            third_initiative.step_ids.step_id,
            self.step("pk_proposal") | self.step("pk_assessment") | self.step("pk_decision"),
        )

    def test_checklist_follows_initiative_change(self):
        agreement = self.create_agreement(kind="pihak_ketiga")
        kades = agreement.with_user(self.user_kades_a1)
        kades.initiative = "pihak_ketiga"
        self.assertEqual(
            agreement.step_ids.step_id,
            self.step("pk_proposal") | self.step("pk_assessment") | self.step("pk_decision"),
        )
        kades.initiative = "desa"
        self.assertEqual(len(agreement.step_ids), 4)
        self.assertNotIn(self.step("pk_decision"), agreement.step_ids.step_id)

    def test_antar_desa_cannot_be_third_party_initiative(self):
        with self.assertRaises(ValidationError):
            self.create_agreement(initiative="pihak_ketiga")
        agreement = self.create_agreement()
        with self.assertRaises(ValidationError):
            agreement.initiative = "pihak_ketiga"
        self.assertEqual(agreement.initiative, "desa")

    def test_form_kind_resets_initiative(self):
        with Form(self.env["kerjasama.agreement"]) as form:
            form.title = "Lewat formulir"
            form.kind = "pihak_ketiga"
            form.initiative = "pihak_ketiga"
            form.kind = "antar_desa"
            self.assertEqual(form.initiative, "desa")
            with form.party_ids.new() as party:
                party.region_id = self.desa_a1
            with form.party_ids.new() as party:
                party.region_id = self.desa_a2
        self.assertEqual(form.record.step_ids.step_id, self.step("desa_cost_benefit"))

    # ------------------------------------------------------------------ field-proven steps
    def test_step_proven_by_agreement_field(self):
        agreement = self.create_agreement(kind="pihak_ketiga")
        rkp = self.line(agreement, "desa_rkp")
        self.assertFalse(rkp.done)
        agreement.with_user(self.user_perangkat_a1).rkp_desa_item = "RKP Desa 2026 02.03.01"
        self.assertTrue(rkp.done)
        kak = self.line(agreement, "desa_kak")
        self.fill_stage_requirements(agreement, "persiapan")
        self.assertTrue(kak.done)
        self.assertEqual(agreement.step_progress, "4 / 4")
        # a field-proven step is not ticked by hand
        agreement.with_user(self.user_perangkat_a1).rkp_desa_item = False
        self.assertFalse(rkp.done)
        with self.assertRaises(UserError):
            rkp.with_user(self.user_perangkat_a1).done = True
        self.assertFalse(rkp.done)

    def test_village_initiative_steps_guard_offer(self):
        agreement = self.create_agreement(kind="pihak_ketiga")
        agreement.write(
            {"potential_inventory": "Potensi", "priority_scale": "high", "cost_benefit_note": "CBA"}
        )
        kades = agreement.with_user(self.user_kades_a1)
        with self.assertRaises(UserError) as caught:
            kades.action_to_penawaran()
        message = str(caught.exception)
        for step in ("desa_rkp", "desa_kak", "desa_spatial"):
            self.assertIn(self.step(step).name, message)
        self.assertNotIn(self.step("desa_cost_benefit").name, message)
        self.assertEqual(agreement.state, "persiapan")
        self.fill_stage_requirements(agreement, "persiapan")
        kades.action_to_penawaran()
        self.assertEqual(agreement.state, "penawaran")

    # ------------------------------------------------------------------ hand-ticked steps
    def test_third_party_initiative_steps_guard_drafting(self):
        agreement = self.create_agreement(kind="pihak_ketiga", initiative="pihak_ketiga")
        self.advance_agreement(agreement, "penawaran")
        kades = agreement.with_user(self.user_kades_a1)
        # the proposal is proven by the offer reference: listed once, as the offer field
        with self.assertRaises(UserError) as caught:
            kades.action_to_musyawarah()
        self.assertIn("offer letter number", str(caught.exception))
        self.assertNotIn(self.step("pk_proposal").name, str(caught.exception))
        self.fill_stage_requirements(agreement, "penawaran")
        kades.action_to_musyawarah()
        self.assertTrue(self.line(agreement, "pk_proposal").done)
        # musyawarah held, but the assessment and the decision letter are not ticked
        self.env["kerjasama.musyawarah"].create(
            {
                "agreement_id": agreement.id,
                "region_id": self.desa_a1.id,
                "date": "2025-11-15",
                "berita_acara_number": "BA/PK/1",
                "decision": "agreed",
            }
        ).action_bpd_consent()
        with self.assertRaises(UserError) as caught:
            kades.action_to_penyusunan()
        message = str(caught.exception)
        self.assertIn(self.step("pk_assessment").name, message)
        self.assertIn(self.step("pk_decision").name, message)
        self.assertEqual(agreement.state, "musyawarah")
        # a village officer of the party desa ticks the assessment: the date is set
        assessment = self.line(agreement, "pk_assessment").with_user(self.user_perangkat_a1)
        assessment.write({"done": True, "reference": "Kajian/01/2025"})
        self.assertTrue(assessment.date)
        with self.assertRaises(UserError) as caught:
            kades.action_to_penyusunan()
        self.assertNotIn(self.step("pk_assessment").name, str(caught.exception))
        self.assertIn(self.step("pk_decision").name, str(caught.exception))
        self.line(agreement, "pk_decision").with_user(self.user_kades_a1).done = True
        kades.action_to_penyusunan()
        self.assertEqual(agreement.state, "penyusunan")
        # the stage is passed: its steps are frozen
        self.assertTrue(assessment.is_locked)
        with self.assertRaises(UserError):
            assessment.done = False
        self.assertTrue(assessment.done)

    def test_new_configured_step_and_archive(self):
        agreement = self.create_agreement()
        self.advance_agreement(agreement, "penyusunan")
        self.fill_stage_requirements(agreement, "penyusunan")
        with self.assertRaises(AccessError):
            self.env["kerjasama.initiative.step"].with_user(self.user_dpmd).create(
                {"name": "Langkah DPMD", "required_before_state": "penandatanganan"}
            )
        step = (
            self.env["kerjasama.initiative.step"]
            .with_user(self.user_admin)
            .create(
                {
                    "name": "Draft reviewed by the camat",
                    "initiative": "desa",
                    "kind": "antar_desa",
                    "required_before_state": "penandatanganan",
                }
            )
        )
        kades = agreement.with_user(self.user_kades_a1)
        with self.assertRaises(UserError) as caught:
            kades.action_to_penandatanganan()
        self.assertIn("Draft reviewed by the camat", str(caught.exception))
        self.assertEqual(agreement.state, "penyusunan")
        kades.action_refresh_steps()
        self.assertIn(step, agreement.step_ids.step_id)
        # a step that does not apply to the kind is not required
        self.assertFalse(
            self.create_agreement(kind="pihak_ketiga").step_ids.filtered(
                lambda line: line.step_id == step
            )
        )
        step.with_user(self.user_admin).action_archive()
        kades.action_to_penandatanganan()
        self.assertEqual(agreement.state, "penandatanganan")

    # ------------------------------------------------------------------ access
    def test_checklist_access(self):
        agreement = self.create_agreement(kind="pihak_ketiga", initiative="pihak_ketiga")
        line = self.line(agreement, "pk_assessment")
        # the kecamatan reads but does not tick
        self.assertTrue(line.with_user(self.user_kecamatan_a).name)
        with self.assertRaises(AccessError):
            line.with_user(self.user_kecamatan_a).done = True
        # a desa that is not a party neither reads nor ticks
        with self.assertRaises(AccessError):
            line.with_user(self.user_kades_b1).read(["done"])
        with self.assertRaises(AccessError):
            line.with_user(self.user_kades_b1).done = True
        # lines are generated, not created by hand
        with self.assertRaises(AccessError):
            self.env["kerjasama.agreement.step"].with_user(self.user_perangkat_a1).create(
                {"agreement_id": agreement.id, "step_id": self.step("pk_decision").id}
            )
        self.assertFalse(line.done)
        line.with_user(self.user_perangkat_a1).done = True
        self.assertTrue(line.done)
        # every role reads the configuration, only the administrator changes it
        self.assertTrue(self.step("pk_decision").with_user(self.user_bpd_a1).name)
        with self.assertRaises(AccessError):
            self.step("pk_decision").with_user(self.user_dpmd).name = "Lain"
