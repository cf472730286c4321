from psycopg2 import IntegrityError
from psycopg2.errors import CheckViolation

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common_finance import KerjasamaFinanceCommon


@tagged("post_install", "-at_install")
class TestApbdes(KerjasamaFinanceCommon):
    def test_company_currency_idr_without_decimals(self):
        currency = self.env.ref("base.main_company").currency_id
        self.assertEqual(currency, self.env.ref("base.IDR"))
        self.assertEqual(currency.decimal_places, 0)

    def test_unique_desa_year(self):
        self.create_apbdes(self.desa_a1, 2026)
        self.create_apbdes(self.desa_a1, 2027)
        with self.assertRaises(IntegrityError), mute_logger("odoo.sql_db"):
            self.create_apbdes(self.desa_a1, 2026)

    def test_kelurahan_has_no_apbdes(self):
        with self.assertRaises(ValidationError):
            self.create_apbdes(self.kelurahan_a)

    def test_belanja_line_needs_kegiatan_and_budget_not_negative(self):
        apbdes = self.create_apbdes(self.desa_a1)
        Line = self.env["kerjasama.apbdes.line"]
        with self.assertRaises(ValidationError):
            Line.create(
                {
                    "apbdes_id": apbdes.id,
                    "account_code_id": self.code_kontribusi.id,
                    "description": "Tanpa kegiatan",
                    "amount": 1000,
                }
            )
        with self.assertRaises(IntegrityError), mute_logger("odoo.sql_db"):
            Line.create(
                {
                    "apbdes_id": apbdes.id,
                    "account_code_id": self.code_kerjasama_antar_desa.id,
                    "description": "Negatif",
                    "amount": -1,
                }
            )

    def test_display_name_and_totals(self):
        apbdes = self.create_apbdes(
            self.desa_a1,
            lines=[
                ("belanja", 10_000_000, "Iuran kerja sama"),
                ("belanja", 5_000_000, "Iuran BKAD"),
                ("pendapatan", 7_000_000, "Bagi hasil"),
            ],
        )
        self.assertEqual(apbdes.line_ids[0].display_name[:18], "5.2.9 [01.04.09] I")
        self.assertEqual(apbdes.amount_belanja, 15_000_000)
        self.assertEqual(apbdes.amount_pendapatan, 7_000_000)
        self.assertTrue(all(apbdes.line_ids.mapped("is_cooperation")))

    def test_locked_year(self):
        apbdes = self.create_apbdes(
            self.desa_a1, lines=[("belanja", 10_000_000, "Iuran")], user=self.user_bendahara_a1
        )
        line = apbdes.line_ids
        # before approval the treasurer edits freely
        line.with_user(self.user_bendahara_a1).amount = 12_000_000
        # the treasurer cannot approve, the village head can
        with self.assertRaises(AccessError):
            apbdes.with_user(self.user_bendahara_a1).action_approve()
        self.approve(apbdes)
        self.assertEqual(apbdes.state, "ditetapkan")
        self.assertEqual(apbdes.approved_by_id, self.user_kades_a1)
        as_treasurer = line.with_user(self.user_bendahara_a1)
        with self.assertRaisesRegex(UserError, "locked"):
            as_treasurer.amount = 20_000_000
        with self.assertRaisesRegex(UserError, "locked"):
            self.env["kerjasama.apbdes.line"].with_user(self.user_bendahara_a1).create(
                {
                    "apbdes_id": apbdes.id,
                    "account_code_id": self.code_kerjasama_antar_desa.id,
                    "description": "Baru",
                    "amount": 1,
                }
            )
        with self.assertRaisesRegex(UserError, "locked"):
            as_treasurer.unlink()
        self.assertEqual(line.amount, 12_000_000)
        # realisation is still allowed on an approved year
        self.realize(line, 2_000_000, user=self.user_bendahara_a1)
        self.assertEqual(line.realized_amount, 2_000_000)
        # the administrator may still correct a locked line
        line.with_user(self.user_admin).amount = 15_000_000
        self.assertEqual(line.amount, 15_000_000)
        # a perubahan APBDesa reopens the lines until the next approval
        apbdes.with_user(self.user_kades_a1).action_start_perubahan()
        as_treasurer.amount = 16_000_000
        self.approve(apbdes)
        with self.assertRaises(UserError):
            as_treasurer.amount = 1_000
        self.assertEqual(line.amount, 16_000_000)

    def test_treasurer_cannot_set_state_directly(self):
        apbdes = self.create_apbdes(self.desa_a1, lines=[("belanja", 1_000, "x")])
        with self.assertRaises(UserError):
            apbdes.with_user(self.user_bendahara_a1).write({"state": "ditetapkan"})
        self.assertEqual(apbdes.state, "draft")
        with self.assertRaises(UserError):
            self.env["kerjasama.apbdes"].with_user(self.user_bendahara_a1).create(
                {"region_id": self.desa_a1.id, "year": 2030, "state": "ditetapkan"}
            )

    def test_realization_only_on_approved_budget(self):
        apbdes = self.create_apbdes(self.desa_a1, lines=[("belanja", 10_000_000, "Iuran")])
        with self.assertRaisesRegex(ValidationError, "draft"):
            self.realize(apbdes.line_ids, 1_000)

    def test_over_budget_realisation_refused(self):
        apbdes = self.create_apbdes(self.desa_a1, lines=[("belanja", 10_000_000, "Iuran")])
        self.approve(apbdes)
        line = apbdes.line_ids
        first = self.realize(line, 6_000_000, reference="BKU/01", user=self.user_bendahara_a1)
        with self.assertRaises(ValidationError) as caught:
            self.realize(line, 5_000_000, reference="BKU/02", user=self.user_bendahara_a1)
        message = str(caught.exception)
        self.assertTrue(line.is_spending)
        for figure in (
            "Rp 10.000.000",
            "Rp 6.000.000",
            "Rp 5.000.000",
            "Rp 11.000.000",
            "Rp 1.000.000",
        ):
            self.assertIn(figure, message)
        self.assertEqual(line.realized_amount, 6_000_000)
        self.assertEqual(len(line.realization_ids), 1)
        # exactly up to the budget is fine
        self.realize(line, 4_000_000, reference="BKU/03", user=self.user_bendahara_a1)
        self.assertEqual(line.remaining_amount, 0)
        # raising an existing entry above the budget is refused too
        with self.assertRaises(ValidationError):
            first.with_user(self.user_bendahara_a1).amount = 6_000_001
        # zero or negative entries are refused
        with self.assertRaises(IntegrityError), mute_logger("odoo.sql_db"):
            self.realize(line, 0)

    def test_budget_not_below_realised(self):
        apbdes = self.create_apbdes(self.desa_a1, lines=[("belanja", 10_000_000, "Iuran")])
        self.approve(apbdes)
        self.realize(apbdes.line_ids, 8_000_000)
        apbdes.with_user(self.user_kades_a1).action_start_perubahan()
        with self.assertRaises(ValidationError):
            apbdes.line_ids.with_user(self.user_bendahara_a1).amount = 7_000_000

    def test_revenue_realised_above_target_accepted(self):
        """Pendapatan realised above its target is normal (Permendagri 20/2018): accepted in
        Python and by the database trigger; the target may even be set below it."""
        apbdes = self.create_apbdes(self.desa_a1, lines=[("pendapatan", 3_000_000, "Bagi hasil")])
        self.approve(apbdes)
        line = apbdes.line_ids
        self.assertFalse(line.is_spending)
        self.realize(line, 2_000_000, reference="BKU/P1", user=self.user_bendahara_a1)
        self.realize(line, 2_500_000, reference="BKU/P2", user=self.user_bendahara_a1)
        self.assertEqual(line.realized_amount, 4_500_000)
        self.assertEqual(line.remaining_amount, -1_500_000)
        self.assertEqual(apbdes.amount_realized, 4_500_000)
        # the deferred trigger agrees
        self.env.flush_all()
        self.env.cr.execute("SET CONSTRAINTS kerjasama_apbdes_realization_budget_guard IMMEDIATE")
        self.env.cr.execute("SET CONSTRAINTS kerjasama_apbdes_realization_budget_guard DEFERRED")
        # a perubahan may lower the target below what came in
        apbdes.with_user(self.user_kades_a1).action_start_perubahan()
        line.with_user(self.user_bendahara_a1).amount = 4_000_000
        self.assertEqual(line.amount, 4_000_000)

    def test_financing_expenditure_capped(self):
        """Pembiayaan pengeluaran (6.2) is spending: capped by its budget like belanja."""
        apbdes = self.create_apbdes(self.desa_a1)
        line = self.env["kerjasama.apbdes.line"].create(
            {
                "apbdes_id": apbdes.id,
                "account_code_id": self.code_penyertaan_modal.id,
                "description": "Penyertaan modal BUM Desa",
                "amount": 2_000_000,
            }
        )
        self.assertEqual(line.pembiayaan_direction, "out")
        self.assertTrue(line.is_spending)
        self.approve(apbdes)
        with self.assertRaises(ValidationError) as caught:
            self.realize(line, 2_000_001, user=self.user_bendahara_a1)
        self.assertIn("Realisation refused", str(caught.exception))
        self.assertIn("a budget of Rp 2.000.000", str(caught.exception))
        self.realize(line, 2_000_000, user=self.user_bendahara_a1)
        self.assertEqual(line.remaining_amount, 0)

    def test_database_guard_over_budget(self):
        """The deferred trigger refuses an over-budget total even when Python is bypassed."""
        apbdes = self.create_apbdes(self.desa_a1, lines=[("belanja", 1_000_000, "Iuran")])
        self.approve(apbdes)
        line = apbdes.line_ids
        self.env.flush_all()
        with self.assertRaises(CheckViolation), mute_logger("odoo.sql_db"):
            with self.env.cr.savepoint(flush=False):
                self.env.cr.execute(
                    """INSERT INTO kerjasama_apbdes_realization (line_id, date, reference, amount)
                       VALUES (%s, '2026-02-01', 'X', 1500000)""",
                    [line.id],
                )
                self.env.cr.execute(
                    "SET CONSTRAINTS kerjasama_apbdes_realization_budget_guard IMMEDIATE"
                )
