from dateutil.relativedelta import relativedelta
from psycopg2.errors import CheckViolation

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged
from odoo.tools import mute_logger

from ..tools.numbering import next_number
from .common import SIGNED_SCAN, KerjasamaDesaCommon


@tagged("post_install", "-at_install")
class TestAgreement(KerjasamaDesaCommon):
    """Creation, party rules, lifecycle with its preconditions and roles, numbering."""

    # ------------------------------------------------------------------ creation and parties
    def test_create_antar_desa_one_kecamatan(self):
        agreement = self.create_agreement()
        self.assertEqual(agreement.state, "persiapan")
        self.assertEqual(agreement.instrument, "peraturan_bersama")
        self.assertEqual(agreement.region_ids, self.desa_a1 | self.desa_a2)
        self.assertEqual(agreement.kecamatan_ids, self.region_kecamatan_a)
        self.assertEqual(agreement.kabupaten_id, self.region_kabupaten)
        self.assertFalse(agreement.is_cross_kecamatan)
        self.assertEqual(agreement.coverage, "one_kecamatan")
        self.assertEqual(agreement.duration_months, 24)
        # the register number is given at registration (the offer), not at creation
        self.assertEqual(agreement.name, "/")
        self.assertTrue(all(agreement.party_ids.partner_id))
        self.assertEqual(
            agreement.party_ids.partner_id.mapped("kerjasama_party_type"), ["desa", "desa"]
        )

    def test_create_antar_desa_across_kecamatan(self):
        agreement = self.create_agreement(desa=self.desa_a1 | self.desa_b1)
        self.assertTrue(agreement.is_cross_kecamatan)
        self.assertEqual(agreement.coverage, "cross_kecamatan")
        self.assertEqual(agreement.kecamatan_ids, self.region_kecamatan_a | self.region_kecamatan_b)

    def test_create_pihak_ketiga(self):
        agreement = self.create_agreement(kind="pihak_ketiga")
        self.assertEqual(agreement.instrument, "perjanjian_bersama")
        self.assertEqual(agreement.region_ids, self.desa_a1)
        self.assertIn(self.partner_swasta, agreement.party_ids.partner_id)

    def test_numbering_per_kabupaten_and_year(self):
        first = next_number(self.env, "TST", self.region_kabupaten, "2026-03-01")
        second = next_number(self.env, "TST", self.desa_a1, "2026-05-01")
        other = next_number(self.env, "TST", self.region_kabupaten_other, "2026-05-01")
        next_year = next_number(self.env, "TST", self.region_kabupaten, "2027-01-02")
        self.assertEqual(first, "TST/99.01/2026/0001")
        self.assertEqual(second, "TST/99.01/2026/0002")
        self.assertEqual(other, "TST/99.02/2026/0001")
        self.assertEqual(next_year, "TST/99.01/2027/0001")
        with self.assertRaises(UserError):
            next_number(self.env, "TST", self.region_provinsi, "2026-01-01")

    def test_number_assigned_at_registration(self):
        agreement = self.env["kerjasama.agreement"].create({"title": "Tanpa pihak"})
        self.assertEqual(agreement.name, "/")
        agreement.write(
            {
                "party_ids": [
                    Command.create({"party_kind": "desa", "region_id": self.desa_a1.id}),
                    Command.create({"party_kind": "desa", "region_id": self.desa_a2.id}),
                ]
            }
        )
        self.assertEqual(agreement.name, "/")
        # a draft without number may still be deleted: no hole in the register
        draft = self.create_agreement()
        draft.with_user(self.user_admin).unlink()
        self.advance_agreement(agreement, "penawaran")
        self.assertRegex(agreement.name, r"^KSD/99\.01/\d{4}/\d{4}$")
        # registered: never deleted, never archived
        with self.assertRaises(UserError):
            agreement.with_user(self.user_admin).unlink()
        with self.assertRaises(UserError):
            agreement.with_user(self.user_kades_a1).action_archive()

    def _assert_refused(self, exception, func, message=None):
        count = self.env["kerjasama.agreement"].search_count([])
        parties = self.env["kerjasama.agreement.party"].search_count([])
        with mute_logger("odoo.sql_db"), self.assertRaises(exception) as caught:
            with self.env.cr.savepoint():
                func()
        self.assertEqual(self.env["kerjasama.agreement"].search_count([]), count)
        self.assertEqual(self.env["kerjasama.agreement.party"].search_count([]), parties)
        if message:
            self.assertIn(message, str(caught.exception))
        return caught.exception

    def test_bad_kelurahan_party(self):
        self._assert_refused(
            ValidationError,
            lambda: self.create_agreement(desa=self.desa_a1 | self.kelurahan_a),
            "kelurahan",
        )

    def test_bad_desa_with_itself(self):
        def build():
            self.env["kerjasama.agreement"].create(
                {
                    "title": "Sendiri",
                    "party_ids": [
                        Command.create({"party_kind": "desa", "region_id": self.desa_a1.id}),
                        Command.create({"party_kind": "desa", "region_id": self.desa_a1.id}),
                    ],
                }
            )

        self._assert_refused(ValidationError, build, "cannot cooperate with itself")

    def test_bad_single_desa_antar_desa(self):
        self._assert_refused(
            ValidationError, lambda: self.create_agreement(desa=self.desa_a1), "two different desa"
        )

    def test_bad_other_kabupaten(self):
        self._assert_refused(
            ValidationError,
            lambda: self.create_agreement(desa=self.desa_a1 | self.desa_other),
            "antar-daerah",
        )

    def test_bad_third_party_in_antar_desa(self):
        self._assert_refused(
            ValidationError,
            lambda: self.create_agreement(third_parties=self.partner_bumdesma),
            "desa only",
        )

    def test_bad_pihak_ketiga_without_third_party(self):
        self._assert_refused(
            ValidationError,
            lambda: self.create_agreement(
                kind="pihak_ketiga", third_parties=self.env["res.partner"]
            ),
            "at least one desa and at least one third party",
        )

    def test_bad_village_partner_as_third_party(self):
        village_partner = self.desa_b1._get_village_partner()
        self._assert_refused(
            ValidationError,
            lambda: self.create_agreement(kind="pihak_ketiga", third_parties=village_partner),
            "is a village",
        )

    def test_bad_end_before_start(self):
        self._assert_refused(
            ValidationError,
            lambda: self.create_agreement(
                date_start=fields.Date.to_date("2026-06-01"),
                date_end=fields.Date.to_date("2026-01-01"),
            ),
            "before the start date",
        )
        agreement = self.create_agreement()
        with self.assertRaises(ValidationError):
            agreement.date_end = fields.Date.to_date("2025-01-01")
        self.assertEqual(agreement.date_end, fields.Date.to_date("2027-12-31"))

    def test_bad_bkad_on_pihak_ketiga(self):
        bkad = self.env["kerjasama.bkad"].create(
            {
                "name": "BKAD Uji",
                "member_region_ids": [Command.set((self.desa_a1 | self.desa_a2).ids)],
            }
        )
        self._assert_refused(
            ValidationError,
            lambda: self.create_agreement(kind="pihak_ketiga", bkad_id=bkad.id),
            "BKAD",
        )
        agreement = self.create_agreement(bkad_id=bkad.id)
        self.assertEqual(agreement.bkad_id, bkad)

    def test_bad_region_code(self):
        Region = self.env["kerjasama.region"]
        with mute_logger("odoo.sql_db"), self.assertRaises(ValidationError):
            with self.env.cr.savepoint():
                Region.create(
                    {
                        "code": "99.01.01.20",
                        "name": "Kode salah",
                        "level": "desa",
                        "parent_id": self.region_kecamatan_a.id,
                    }
                )
        self.assertFalse(Region.search([("code", "=", "99.01.01.20")]))

    def test_bad_negative_amount(self):
        agreement = self.create_agreement()
        Funding = self.env["kerjasama.agreement.funding"]
        with mute_logger("odoo.sql_db"), self.assertRaises(CheckViolation):
            with self.env.cr.savepoint():
                Funding.create(
                    {
                        "agreement_id": agreement.id,
                        "party_id": agreement.party_ids[0].id,
                        "amount": -5,
                    }
                )
        self.assertFalse(Funding.search([("agreement_id", "=", agreement.id)]))
        self.assertEqual(agreement.amount_total, 0)

    # ------------------------------------------------------------------ onchange (Form)
    def test_form_onchange_bidang_and_kind(self):
        other_sub = self.env["kerjasama.bidang"].create({"code": "T8", "name": "Bidang Lain"})
        with Form(self.env["kerjasama.agreement"]) as form:
            form.title = "Lewat formulir"
            form.kind = "antar_desa"
            form.bidang_id = self.bidang
            form.sub_bidang_id = self.sub_bidang
            form.bidang_id = other_sub
            self.assertFalse(form.sub_bidang_id)
            with form.party_ids.new() as party:
                party.party_kind = "desa"
                party.region_id = self.desa_a1
            with form.party_ids.new() as party:
                party.party_kind = "desa"
                party.region_id = self.desa_b1
            self.assertEqual(form.instrument, "peraturan_bersama")
            form.kind = "pihak_ketiga"
            self.assertEqual(form.instrument, "perjanjian_bersama")
            form.kind = "antar_desa"
        agreement = form.record
        self.assertEqual(agreement.region_ids, self.desa_a1 | self.desa_b1)
        self.assertEqual(agreement.coverage, "cross_kecamatan")
        self.assertTrue(agreement.party_ids[0].partner_id)

    # ------------------------------------------------------------------ lifecycle
    def test_full_lifecycle_antar_desa(self):
        agreement = self.create_agreement(desa=self.desa_a1 | self.desa_b1)
        self.advance_agreement(agreement, "berakhir")
        self.assertEqual(agreement.state, "berakhir")
        self.assertTrue(agreement.termination_date)
        self.assertEqual(agreement.evaluation_user_id, self.user_admin)

    def test_full_lifecycle_pihak_ketiga(self):
        agreement = self.create_agreement(kind="pihak_ketiga")
        self.advance_agreement(agreement, "berjalan")
        self.assertEqual(agreement.state, "berjalan")

    def test_persiapan_requirements(self):
        agreement = self.create_agreement(kind="pihak_ketiga")
        kades = agreement.with_user(self.user_kades_a1)
        with self.assertRaises(UserError) as caught:
            kades.action_to_penawaran()
        message = str(caught.exception)
        for piece in ("inventory of potential", "priority scale", "RKP Desa", "KAK"):
            self.assertIn(piece, message)
        self.assertEqual(agreement.state, "persiapan")
        agreement.write(
            {
                "potential_inventory": "Potensi",
                "priority_scale": "high",
                "cost_benefit_note": "Analisis",
            }
        )
        with self.assertRaises(UserError) as caught:
            kades.action_to_penawaran()
        self.assertNotIn("priority scale", str(caught.exception))
        self.assertIn("RKP Desa", str(caught.exception))
        self.fill_stage_requirements(agreement, "persiapan")
        kades.action_to_penawaran()
        self.assertEqual(agreement.state, "penawaran")

    def test_persiapan_antar_desa_needs_no_kak(self):
        agreement = self.create_agreement()
        agreement.write(
            {"potential_inventory": "Potensi", "priority_scale": "low", "cost_benefit_note": "CBA"}
        )
        agreement.with_user(self.user_perangkat_a1).action_to_penawaran()
        self.assertEqual(agreement.state, "penawaran")

    def test_penawaran_requires_offer(self):
        agreement = self.create_agreement()
        self.advance_agreement(agreement, "penawaran")
        with self.assertRaises(UserError) as caught:
            agreement.with_user(self.user_kades_a1).action_to_musyawarah()
        self.assertIn("offer date", str(caught.exception))
        self.assertEqual(agreement.state, "penawaran")

    def test_musyawarah_requires_every_desa(self):
        agreement = self.create_agreement()
        self.advance_agreement(agreement, "musyawarah")
        Musyawarah = self.env["kerjasama.musyawarah"]
        Musyawarah.create(
            {
                "agreement_id": agreement.id,
                "region_id": self.desa_a1.id,
                "date": "2025-11-10",
                "berita_acara_number": "BA/1",
                "decision": "agreed",
            }
        ).with_user(self.user_bpd_a1).action_bpd_consent()
        refused = Musyawarah.create(
            {
                "agreement_id": agreement.id,
                "region_id": self.desa_a2.id,
                "date": "2025-11-10",
                "berita_acara_number": "BA/2",
                "decision": "refused",
            }
        )
        kades = agreement.with_user(self.user_kades_a1)
        with self.assertRaises(UserError) as caught:
            kades.action_to_penyusunan()
        self.assertIn("Sukamulya", str(caught.exception))
        self.assertNotIn("Sukamaju", str(caught.exception))
        # agreed but without BPD consent is not enough
        refused.with_user(self.user_kades_a2).decision = "agreed"
        with self.assertRaises(UserError):
            kades.action_to_penyusunan()
        # the BPD of desa A2 records its consent
        refused.with_user(self.user_bpd_a2).action_bpd_consent()
        self.assertEqual(refused.bpd_user_id, self.user_bpd_a2)
        self.assertTrue(refused.bpd_consent_date)
        self.fill_mad(agreement)
        kades.action_to_penyusunan()
        self.assertEqual(agreement.state, "penyusunan")
        # past the deliberation stage the records are frozen
        with self.assertRaises(UserError):
            refused.with_user(self.user_bpd_a2).notes = "Perubahan"

    def test_musyawarah_region_must_be_party(self):
        agreement = self.create_agreement()
        with self.assertRaises(ValidationError):
            self.env["kerjasama.musyawarah"].create(
                {
                    "agreement_id": agreement.id,
                    "region_id": self.desa_b1.id,
                    "date": "2025-11-10",
                    "berita_acara_number": "BA/3",
                    "decision": "agreed",
                }
            )

    def test_bpd_consent_only_by_bpd(self):
        agreement = self.create_agreement()
        musyawarah = self.env["kerjasama.musyawarah"].create(
            {
                "agreement_id": agreement.id,
                "region_id": self.desa_a1.id,
                "date": "2025-11-10",
                "berita_acara_number": "BA/4",
                "decision": "agreed",
            }
        )
        with self.assertRaises(AccessError):
            musyawarah.with_user(self.user_kades_a1).action_bpd_consent()
        self.assertFalse(musyawarah.bpd_consent)
        # the BPD of another desa cannot record it either
        with self.assertRaises(AccessError):
            musyawarah.with_user(self.user_bpd_a2).action_bpd_consent()
        # nobody writes the consent directly, whatever the context
        for user in (self.user_bpd_a1, self.user_kades_a1, self.user_admin):
            with self.assertRaises(UserError):
                musyawarah.with_user(user).with_context(kerjasama_transition=True).write(
                    {"bpd_consent": True}
                )
        self.assertFalse(musyawarah.bpd_consent)
        musyawarah.with_user(self.user_bpd_a1).action_bpd_consent()
        self.assertTrue(musyawarah.bpd_consent)
        self.assertEqual(musyawarah.bpd_user_id, self.user_bpd_a1)

    def test_penyusunan_requires_pasal_6(self):
        agreement = self.create_agreement()
        self.advance_agreement(agreement, "penyusunan")
        with self.assertRaises(UserError) as caught:
            agreement.with_user(self.user_kades_a1).action_to_penandatanganan()
        message = str(caught.exception)
        for piece in ("scope", "implementation", "dispute", "rights and obligations", "financing"):
            self.assertIn(piece, message)
        self.assertEqual(agreement.state, "penyusunan")

    def test_penandatanganan_requires_signature(self):
        agreement = self.create_agreement()
        self.advance_agreement(agreement, "penandatanganan")
        kades = agreement.with_user(self.user_kades_a1)
        with self.assertRaises(UserError) as caught:
            kades.action_to_evaluasi()
        message = str(caught.exception)
        for piece in ("signature of Desa Sukamaju", "signature of Desa Sukamulya", "scan"):
            self.assertIn(piece, message)
        party_a1, party_a2 = agreement.party_ids
        # nobody signs for another desa, nor writes a signature directly
        with self.assertRaises(AccessError):
            party_a2.with_user(self.user_kades_a1).action_sign()
        with self.assertRaises(AccessError):
            party_a2.with_user(self.user_kades_a1).signatory_name = "Orang Lain"
        with self.assertRaises(UserError):
            party_a1.with_user(self.user_kades_a1).write({"signed_date": "2025-12-20"})
        # a village officer (not the head) cannot sign
        with self.assertRaises(AccessError):
            party_a1.with_user(self.user_perangkat_a1).action_sign()
        party_a1.with_user(self.user_kades_a1).write(
            {"signatory_name": "H. Asep", "sign_date": "2025-12-18"}
        )
        party_a1.with_user(self.user_kades_a1).action_sign()
        self.assertEqual(party_a1.document_number, "1 TAHUN 2025")
        self.assertFalse(party_a1.berita_desa_number, "promulgated once stipulated by all")
        self.assertFalse(agreement.signing_date, "signed only when every party has signed")
        with self.assertRaises(UserError):
            party_a1.with_user(self.user_kades_a1).signatory_name = "Ganti"
        agreement.write({"signed_document": SIGNED_SCAN, "signed_document_filename": "s.pdf"})
        with self.assertRaises(UserError):
            kades.action_to_evaluasi()
        party_a2.with_user(self.user_kades_a2).write(
            {"signatory_name": "Ujang", "sign_date": "2025-12-20"}
        )
        party_a2.with_user(self.user_kades_a2).action_sign()
        self.assertEqual(agreement.signing_date, fields.Date.to_date("2025-12-20"))
        self.assertIn("1 TAHUN 2025", agreement.document_number)
        # stipulated on the last signature, promulgated that day in each desa's Berita Desa
        for party in (party_a1, party_a2):
            self.assertEqual(party.promulgation_date, fields.Date.to_date("2025-12-20"))
            self.assertEqual(party.berita_desa_year, 2025)
            self.assertEqual(party.berita_desa_number, "1")
        with self.assertRaises(AccessError):
            agreement.with_user(self.user_perangkat_a1).action_to_evaluasi()
        self.assertEqual(agreement.state, "penandatanganan")
        kades.action_to_evaluasi()
        self.assertEqual(agreement.state, "evaluasi")

    def test_evaluation_by_dpmd_only(self):
        agreement = self.create_agreement()
        self.advance_agreement(agreement, "evaluasi")
        with self.assertRaises(UserError) as caught:
            agreement.with_user(self.user_dpmd).action_to_berjalan()
        self.assertIn("evaluation", str(caught.exception))
        # a village head cannot record the evaluation
        with self.assertRaises(AccessError):
            agreement.with_user(self.user_kades_a1).write({"evaluation_result": "approved"})
        # DPMD of another regency cannot see the agreement at all
        with self.assertRaises(AccessError):
            agreement.with_user(self.user_dpmd_other).write({"evaluation_result": "approved"})
        with self.assertRaises(AccessError):
            agreement.with_user(self.user_kades_a1).action_to_berjalan()
        dpmd = agreement.with_user(self.user_dpmd)
        # the camat never evaluates
        with self.assertRaises(AccessError):
            agreement.with_user(self.user_kecamatan_a).write({"evaluation_result": "approved"})
        dpmd.write({"evaluation_result": "revision", "evaluation_date": "2026-01-05"})
        with self.assertRaises(UserError):
            dpmd.action_to_berjalan()
        dpmd.evaluation_note = "Pasal pendanaan perlu diperjelas."
        with self.assertRaises(UserError) as caught:
            dpmd.action_return_to_penyusunan()
        self.assertIn("camat", str(caught.exception))
        # the camat of the desa forwards the signed agreement; another camat cannot
        with self.assertRaises(AccessError):
            agreement.with_user(self.user_kecamatan_b).action_camat_forward()
        self.forward(agreement, self.user_kecamatan_a)
        self.assertEqual(agreement.camat_forward_user_id, self.user_kecamatan_a)
        dpmd.action_return_to_penyusunan()
        self.assertFalse(agreement.party_ids.filtered("signed_date"))
        self.assertEqual(agreement.state, "penyusunan")
        self.advance_agreement(agreement, "evaluasi")
        self.forward(agreement, self.user_kecamatan_a)
        dpmd.write({"evaluation_result": "approved"})
        dpmd.action_to_berjalan()
        self.assertEqual(agreement.state, "berjalan")
        self.assertEqual(agreement.evaluation_user_id, self.user_dpmd)

    def test_berakhir_requires_reason_and_dpmd(self):
        agreement = self.create_agreement()
        self.advance_agreement(agreement, "berjalan")
        with self.assertRaises(UserError) as caught:
            agreement.with_user(self.user_dpmd).action_to_berakhir()
        self.assertIn("termination reason", str(caught.exception))
        agreement.with_user(self.user_dpmd).termination_reason_id = self.env.ref(
            "kerjasama_desa.kerjasama_termination_reason_goal_achieved"
        )
        with self.assertRaises(AccessError):
            agreement.with_user(self.user_kades_a1).action_to_berakhir()
        agreement.with_user(self.user_dpmd).action_to_berakhir()
        self.assertEqual(agreement.state, "berakhir")

    def test_termination_reasons_data(self):
        reasons = self.env["kerjasama.termination.reason"].search([])
        self.assertGreaterEqual(len(reasons), 9)

    def test_cancel_requires_reason(self):
        agreement = self.create_agreement()
        perangkat = agreement.with_user(self.user_perangkat_a1)
        with self.assertRaises(UserError) as caught:
            perangkat.action_cancel()
        self.assertIn("cancellation reason", str(caught.exception))
        perangkat.cancel_reason = "Tidak disepakati."
        perangkat.action_cancel()
        self.assertEqual(agreement.state, "dibatalkan")
        with self.assertRaises(UserError):
            perangkat.action_cancel()

    def test_cancel_signed_only_by_dpmd(self):
        agreement = self.create_agreement()
        self.advance_agreement(agreement, "berjalan")
        agreement.with_user(self.user_dpmd).cancel_reason = "Bertentangan dengan peraturan."
        with self.assertRaises(AccessError):
            agreement.with_user(self.user_kades_a1).action_cancel()
        agreement.with_user(self.user_dpmd).action_cancel()
        self.assertEqual(agreement.state, "dibatalkan")

    def test_wrong_stage_transition(self):
        agreement = self.create_agreement()
        with self.assertRaises(UserError):
            agreement.with_user(self.user_kades_a1).action_to_penyusunan()
        with self.assertRaises(UserError):
            agreement.with_user(self.user_kades_a1).write({"state": "berjalan"})
        self.assertEqual(agreement.state, "persiapan")

    def test_kecamatan_cannot_make_steps(self):
        agreement = self.create_agreement()
        self.fill_stage_requirements(agreement, "persiapan")
        with self.assertRaises(AccessError):
            agreement.with_user(self.user_kecamatan_a).action_to_penawaran()
        with self.assertRaises(AccessError):
            agreement.with_user(self.user_bpd_a1).action_to_penawaran()
        # a kepala desa of a desa that is not a party cannot either
        with self.assertRaises(AccessError):
            agreement.with_user(self.user_kades_b1).action_to_penawaran()
        self.assertEqual(agreement.state, "persiapan")

    def test_signed_content_locked_and_not_deleted(self):
        agreement = self.create_agreement()
        self.advance_agreement(agreement, "berjalan")
        with self.assertRaises(UserError):
            agreement.with_user(self.user_kades_a1).scope = "Ruang lingkup baru"
        with self.assertRaises(UserError):
            agreement.party_ids[0].with_user(self.user_kades_a1).rights = "Hak baru"
        with self.assertRaises(UserError):
            agreement.with_user(self.user_admin).unlink()
        self.assertTrue(agreement.exists())
        with self.assertRaises(UserError):
            agreement.with_user(self.user_admin).action_archive()
        self.assertTrue(agreement.active)
        # no context key a client can send unlocks the content
        for key in ("kerjasama_amendment", "kerjasama_amendment_apply", "kerjasama_transition"):
            with self.assertRaises(UserError):
                agreement.with_context(**{key: True}).with_user(self.user_kades_a1).write(
                    {"scope": "Ruang lingkup hasil perubahan"}
                )
        self.assertNotEqual(agreement.scope, "Ruang lingkup hasil perubahan")

    def test_unsigned_draft_can_be_deleted_by_admin(self):
        agreement = self.create_agreement()
        agreement.with_user(self.user_admin).unlink()
        self.assertFalse(agreement.exists())

    def test_ending_soon(self):
        agreement = self.create_agreement(
            date_start=fields.Date.to_date("2025-01-01"),
            date_end=fields.Date.today() + relativedelta(days=30),
        )
        self.advance_agreement(agreement, "berjalan")
        self.assertTrue(agreement.is_ending_soon)
        found = self.env["kerjasama.agreement"].search([("is_ending_soon", "=", True)])
        self.assertIn(agreement, found)
        not_found = self.env["kerjasama.agreement"].search([("is_ending_soon", "=", False)])
        self.assertNotIn(agreement, not_found)
