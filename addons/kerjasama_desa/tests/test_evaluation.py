from psycopg2 import IntegrityError

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import KerjasamaDesaCommon

D = fields.Date.to_date


@tagged("post_install", "-at_install")
class TestEvaluation(KerjasamaDesaCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.agreement = cls.create_agreement()
        cls.advance_agreement(cls.agreement, "berjalan")
        cls.instrument = cls.env["kerjasama.evaluation.instrument"].create(
            {
                "name": "Instrumen Uji",
                "sequence": 1,
                "threshold_very_good": 85,
                "threshold_good": 70,
                "threshold_fair": 55,
                "criterion_ids": [
                    Command.create({"name": "Kriteria 1", "weight": 60, "sequence": 1}),
                    Command.create({"name": "Kriteria 2", "weight": 40, "sequence": 2}),
                ],
            }
        )

    def _evaluation(self, user=None):
        Evaluation = self.env["kerjasama.evaluation"]
        if user:
            Evaluation = Evaluation.with_user(user)
        return Evaluation.create(
            {
                "agreement_id": self.agreement.id,
                "instrument_id": self.instrument.id,
                "period_start": D("2026-01-01"),
                "period_end": D("2026-06-30"),
            }
        )

    def test_default_instrument_data(self):
        default = self.env.ref("kerjasama_desa.evaluation_instrument_default")
        self.assertEqual(default.total_weight, 100)
        self.assertGreaterEqual(len(default.criterion_ids), 4)

    def test_only_signed_agreement(self):
        draft = self.create_agreement(title="Belum ditandatangani")
        with self.assertRaises(ValidationError):
            self.env["kerjasama.evaluation"].create(
                {
                    "agreement_id": draft.id,
                    "period_start": D("2026-01-01"),
                    "period_end": D("2026-06-30"),
                }
            )

    def test_weights_must_total_100(self):
        with self.assertRaises(ValidationError):
            self.env["kerjasama.evaluation.instrument"].create(
                {
                    "name": "Salah",
                    "criterion_ids": [
                        Command.create({"name": "A", "weight": 50}),
                        Command.create({"name": "B", "weight": 40}),
                    ],
                }
            )
        with self.assertRaises(ValidationError):
            self.instrument.write(
                {
                    "criterion_ids": [
                        Command.update(self.instrument.criterion_ids[0].id, {"weight": 50})
                    ]
                }
            )
        with self.assertRaises(ValidationError):
            self.instrument.write({"threshold_good": 90})

    def test_weighted_score_and_category(self):
        evaluation = self._evaluation()
        self.assertEqual(len(evaluation.line_ids), 2, "one line per criterion")
        line1, line2 = evaluation.line_ids.sorted("sequence")
        line1.score = 90
        line2.score = 80
        self.assertAlmostEqual(evaluation.score_total, 86.0)  # 90*0.6 + 80*0.4
        self.assertEqual(evaluation.category, "sangat_baik")
        line1.score = 70
        self.assertAlmostEqual(evaluation.score_total, 74.0)
        self.assertEqual(evaluation.category, "baik")
        line2.score = 30
        self.assertAlmostEqual(evaluation.score_total, 54.0)
        self.assertEqual(evaluation.category, "kurang")
        self.instrument.threshold_fair = 50
        self.assertEqual(evaluation.category, "cukup", "thresholds are configurable")
        with self.assertRaises(IntegrityError), mute_logger("odoo.sql_db"), self.cr.savepoint():
            line2.write({"score": 101})
        evaluation.action_done()
        self.assertEqual(evaluation.state, "done")
        with self.assertRaises(UserError):
            evaluation.write({"period_end": D("2026-12-31")})

    def test_access(self):
        evaluation = self._evaluation(self.user_dpmd)
        self.assertEqual(evaluation.evaluator_id, self.user_dpmd)
        evaluation.line_ids[0].with_user(self.user_dpmd).score = 80
        self.assertTrue(evaluation.with_user(self.user_kades_a1).score_total)
        with self.assertRaises(AccessError):
            self._evaluation(self.user_kades_a1)
        with self.assertRaises(AccessError):
            evaluation.line_ids[0].with_user(self.user_kades_a1).write({"score": 100})
        with self.assertRaises(AccessError):
            evaluation.with_user(self.user_dpmd_other).read(["score_total"])
