from odoo import Command, fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common_assessment import AssessmentCommon

D = fields.Date.to_date


@tagged("post_install", "-at_install")
class TestAssessment(AssessmentCommon):
    # ------------------------------------------------------------------ the standard
    def test_national_standard_data(self):
        for xmlid in ("standard_agreement", "standard_bkad"):
            standard = self.env.ref(f"kerjasama_desa.{xmlid}")
            self.assertEqual(standard.total_weight, 100, xmlid)
            self.assertFalse(standard.kabupaten_id)
            self.assertTrue(standard.aspect_ids.indicator_ids.criterion_ids)
            self.assertEqual(
                standard.aspect_ids.indicator_ids.criterion_ids, standard.criterion_ids, xmlid
            )
            self.assertAlmostEqual(sum(standard.aspect_ids.mapped("weight")), 100)
            self.assertTrue(standard.criterion_ids.filtered("proof_required"))
            self.assertIn("met", standard.criterion_ids.mapped("scoring"))

    def test_standard_editing_and_kabupaten_copy(self):
        national = self.env.ref("kerjasama_desa.standard_agreement")
        criterion = national.criterion_ids[:1]
        with self.assertRaises(AccessError):
            criterion.with_user(self.user_admin).write({"name": "Diubah kabupaten"})
        with self.assertRaises(AccessError):
            national.with_user(self.user_admin).write({"threshold_good": 72})
        national.with_user(self.user_national_admin).write({"description": "Nasional."})
        # the kabupaten's administrator copies it and adapts his copy
        action = national.with_user(self.user_admin).action_copy_for_kabupaten()
        copy = self.env["kerjasama.evaluation.instrument"].browse(action["res_id"])
        self.assertEqual(copy.kabupaten_id, self.region_kabupaten)
        self.assertEqual(copy.national_id, national)
        self.assertEqual(len(copy.criterion_ids), len(national.criterion_ids))
        self.assertEqual(len(copy.aspect_ids.indicator_ids), len(national.aspect_ids.indicator_ids))
        self.assertEqual(copy.criterion_ids.indicator_id.instrument_id, copy)
        self.assertEqual(copy.total_weight, 100)
        copy.criterion_ids[:1].with_user(self.user_admin).write({"name": "Versi Kabupaten"})
        # the other kabupaten's DPMD administrator cannot touch it
        admin_other = self.env["res.users"].create(
            {
                "name": "test.admin.other",
                "login": "test.admin.other",
                "groups_id": [
                    Command.set([self.env.ref("kerjasama_desa.kerjasama_desa_group_admin").id])
                ],
                "kerjasama_region_ids": [Command.set(self.region_kabupaten_other.ids)],
            }
        )
        with self.assertRaises(AccessError):
            copy.criterion_ids[:1].with_user(admin_other).write({"name": "Bukan miliknya"})
        # the kabupaten's assessments use its copy, the others the national standard
        Instrument = self.env["kerjasama.evaluation.instrument"]
        self.assertEqual(Instrument._kd_standard_for("agreement", self.region_kabupaten), copy)
        fallback = Instrument._kd_standard_for("agreement", self.region_kabupaten_other)
        self.assertFalse(fallback.kabupaten_id, "elsewhere: a national standard")
        self.assertEqual(fallback.usage, "agreement")
        assessment = (
            self.env["kerjasama.assessment"]
            .with_user(self.user_kades_a1)
            .create({"agreement_id": self.agreement.id, "year": 2026})
        )
        self.assertEqual(assessment.instrument_id, copy)
        self.assertEqual(assessment.line_ids.criterion_id, copy.criterion_ids)

    # ------------------------------------------------------------------ scores
    def test_weighted_score(self):
        assessment = self._assessment()
        self.assertEqual(assessment.region_ids, self.desa_a1 | self.desa_a2)
        self.assertEqual(assessment.kabupaten_id, self.region_kabupaten)
        self.assertEqual(assessment.provinsi_id, self.region_provinsi)
        # Met (100 x 50%) + 80 x 30% + 50 x 20%
        self.assertAlmostEqual(assessment.score_total, 84.0)
        self.assertEqual(assessment.category, "baik")
        line_met = assessment.line_ids.sorted("sequence")[0]
        line_met.with_user(self.user_kades_a1).met = False
        self.assertAlmostEqual(assessment.score_total, 34.0)
        self.assertEqual(assessment.category, "kurang")
        line_met.with_user(self.user_kades_a1).score = 100  # ignored: a Met/Unmet criterion
        self.assertAlmostEqual(assessment.score_total, 34.0)
        self.assertEqual(self.aspect_a.weight, 80)
        self.assertEqual(self.aspect_a.indicator_ids.mapped("weight"), [50, 30])

    def test_required_proof_and_signed_agreement(self):
        assessment = self._assessment()
        assessment.line_ids.sorted("sequence")[0].attachment_ids = [Command.clear()]
        self.assertEqual(assessment.proof_missing_count, 1)
        with self.assertRaises(UserError):
            assessment.with_user(self.user_kades_a1).action_submit()
        draft = self.create_agreement(title="Belum ditandatangani")
        with self.assertRaises(ValidationError):
            self.env["kerjasama.assessment"].create({"agreement_id": draft.id, "year": 2026})
        with self.assertRaises(ValidationError):
            self.env["kerjasama.assessment"].create(
                {"agreement_id": self.agreement.id, "year": 2020}
            )

    # ------------------------------------------------------------------ validation upward
    def test_validation_upward_by_the_right_roles(self):
        assessment = self._assessment()
        proof = assessment.line_ids.attachment_ids
        # only a preparer of a party desa records or submits
        with self.assertRaises(AccessError):
            self._assessment(user=self.user_kecamatan_a)
        with self.assertRaises(AccessError):
            assessment.with_user(self.user_kades_b1).action_submit()
        assessment.with_user(self.user_kades_a1).action_submit()
        self.assertEqual(assessment.state, "submitted")
        self.assertEqual(assessment.submit_user_id, self.user_kades_a1)
        # content is frozen once submitted, the proof readable upward
        with self.assertRaises(UserError):
            assessment.line_ids[:1].with_user(self.user_kades_a1).write({"score": 10})
        self.assertTrue(proof.with_user(self.user_dpmd).read(["name"]))
        steps = [
            ("action_verify", self.user_kecamatan_a, "kecamatan"),
            ("action_validate", self.user_dpmd, "kabupaten"),
            ("action_confirm", self.user_supervisor, "provinsi"),
        ]
        wrong = {
            "action_verify": [
                self.user_kades_a1,
                self.user_kecamatan_b,
                self.user_dpmd,
                self.user_supervisor,
            ],
            "action_validate": [
                self.user_kades_a1,
                self.user_kecamatan_a,
                self.user_dpmd_other,
                self.user_supervisor,
            ],
            "action_confirm": [
                self.user_kades_a1,
                self.user_kecamatan_a,
                self.user_dpmd,
                self.user_supervisor_other,
            ],
        }
        for action, right_user, state in steps:
            for user in wrong[action]:
                with self.subTest(action=action, user=user.login):
                    with self.assertRaises(AccessError):
                        getattr(assessment.with_user(user), action)()
                    # nor by writing the stage directly
                    with self.assertRaises(AccessError):
                        assessment.with_user(user).write({"state": state})
                    self.assertNotEqual(assessment.state, state)
            getattr(assessment.with_user(right_user), action)()
            self.assertEqual(assessment.state, state)
            self.assertEqual(assessment[f"{state}_user_id"], right_user)
        # whoever may make the steps goes through them, never a direct write
        with self.assertRaises(UserError):
            assessment.with_user(self.user_national_admin).write({"state": "draft"})

    def test_return_for_correction(self):
        assessment = self._validate(self._assessment(), upto="kecamatan")
        with self.assertRaises(AccessError):
            assessment.with_user(self.user_kecamatan_a).action_return()
        assessment.with_user(self.user_dpmd).action_return()
        self.assertEqual(assessment.state, "draft")
        assessment.line_ids.sorted("sequence")[1].with_user(self.user_kades_a1).score = 90
        self.assertAlmostEqual(assessment.score_total, 87.0)

    def test_region_scoping(self):
        assessment = self._assessment()
        self.assertTrue(assessment.with_user(self.user_kecamatan_a).read(["score_total"]))
        for user in (self.user_kecamatan_b, self.user_dpmd_other, self.user_kades_b1):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                assessment.with_user(user).read(["score_total"])

    # ------------------------------------------------------------------ ranking
    def test_ranking_order(self):
        first = self._validate(self._assessment(scores=(True, 90, 90)))  # 95
        third = self._validate(
            self._assessment(self.agreement_b, self.user_kades_b1, scores=(False, 80, 80)),
            camat=self.user_kecamatan_b,
            upto="kabupaten",
        )  # 40
        second = self._validate(self._assessment(year=2025, scores=(True, 10, 10)))  # other year
        self.env.flush_all()
        Ranking = self.env["kerjasama.assessment.report.ranking"]
        rows = Ranking.search(
            [("kabupaten_id", "=", self.region_kabupaten.id), ("year", "=", 2026)]
        )
        by_assessment = {row.assessment_id: row for row in rows}
        self.assertEqual(set(by_assessment), {first, third})
        self.assertEqual(by_assessment[first].rank_kabupaten, 1)
        self.assertEqual(by_assessment[third].rank_kabupaten, 2)
        self.assertEqual(by_assessment[first].ranked_kabupaten, 2)
        # the province ranks the assessments it confirmed only
        self.assertEqual(by_assessment[first].rank_provinsi, 1)
        self.assertFalse(by_assessment[third].rank_provinsi)
        other_year = Ranking.search([("assessment_id", "=", second.id)])
        self.assertEqual(other_year.rank_kabupaten, 1)
        # a draft or a merely verified assessment is not ranked
        draft = self._assessment(self.agreement_b, self.user_kades_b1, year=2025)
        self.env.flush_all()
        self.assertFalse(Ranking.search([("assessment_id", "=", draft.id)]))
        # grouped per kabupaten: the average of its ranked agreements
        groups = Ranking._read_group(
            [("year", "=", 2026), ("kabupaten_id", "=", self.region_kabupaten.id)],
            ["kabupaten_id"],
            ["score_total:avg", "__count"],
        )
        self.assertEqual(groups[0][2], 2)
        self.assertAlmostEqual(groups[0][1], (95 + 40) / 2)
        # region scoping of the ranking
        self.assertFalse(Ranking.with_user(self.user_dpmd_other).search([("id", "in", rows.ids)]))

    def test_bkad_assessment(self):
        Bkad = self.env["kerjasama.bkad"]
        bkad = Bkad.create(
            {
                "name": "BKAD Uji",
                "member_region_ids": [Command.set((self.desa_a1 | self.desa_a2).ids)],
                "peraturan_bersama_number": "1 Tahun 2025",
                "peraturan_bersama_date": D("2025-02-01"),
            }
        )
        with self.assertRaises(ValidationError):
            self.env["kerjasama.assessment"].create({"subject": "bkad", "bkad_id": bkad.id})
        bkad.action_activate()
        assessment = (
            self.env["kerjasama.assessment"]
            .with_user(self.user_perangkat_a1)
            .create({"subject": "bkad", "bkad_id": bkad.id, "year": 2025, "date": D("2026-02-01")})
        )
        self.assertEqual(assessment.instrument_id, self.env.ref("kerjasama_desa.standard_bkad"))
        self.assertEqual(assessment.region_ids, bkad.member_region_ids)
        with self.assertRaises(AccessError):
            self.env["kerjasama.assessment"].with_user(self.user_kades_b1).create(
                {"subject": "bkad", "bkad_id": bkad.id, "year": 2026}
            )

    # ------------------------------------------------------------------ Epdeskel
    def test_epdeskel_indicators(self):
        self.env.flush_all()
        Epdeskel = self.env["kerjasama.region.report.epdeskel"]
        rows = {
            row.region_id: row
            for row in Epdeskel.search([("kabupaten_id", "=", self.region_kabupaten.id)])
        }
        self.assertNotIn(self.kelurahan_a, rows, "a kelurahan has no kerja sama desa")
        self.assertEqual(rows[self.desa_a1].antar_desa, "ada")
        self.assertEqual(rows[self.desa_a1].pihak_ketiga, "tidak_ada")
        self.assertEqual(rows[self.desa_b1].antar_desa, "tidak_ada")
        self.assertEqual(rows[self.desa_b1].pihak_ketiga, "ada")
        self.assertEqual(rows[self.desa_b2].antar_desa, "tidak_ada")
        self.assertEqual(rows[self.desa_b2].pihak_ketiga, "tidak_ada")
        # an agreement not yet signed is no cooperation yet
        self.create_agreement(kind="pihak_ketiga", desa=self.desa_b2)
        self.env.flush_all()
        self.assertEqual(
            Epdeskel.search([("region_id", "=", self.desa_b2.id)]).pihak_ketiga, "tidak_ada"
        )
        self.assertEqual(Epdeskel.with_user(self.user_kades_b1).search([]).region_id, self.desa_b1)
