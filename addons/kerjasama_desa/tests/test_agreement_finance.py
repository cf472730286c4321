from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common_finance import KerjasamaFinanceCommon


@tagged("post_install", "-at_install")
class TestAgreementFinance(KerjasamaFinanceCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # an antar-desa agreement across two kecamatan, funded by three villages
        cls.agreement = cls.create_agreement(desa=cls.desa_a1 | cls.desa_a2 | cls.desa_b1)
        cls.apbdes_a1 = cls.create_apbdes(
            cls.desa_a1,
            lines=[("belanja", 10_000_000, "Iuran"), ("pendapatan", 3_000_000, "Bagi hasil")],
        )
        cls.apbdes_a2 = cls.create_apbdes(cls.desa_a2, lines=[("belanja", 6_000_000, "Iuran")])
        cls.apbdes_b1 = cls.create_apbdes(cls.desa_b1, lines=[("belanja", 9_000_000, "Iuran")])
        for apbdes in cls.apbdes_a1 | cls.apbdes_a2 | cls.apbdes_b1:
            cls.approve(apbdes)
        cls.line_a1 = cls.apbdes_a1.line_ids.filtered(lambda ln: ln.account_type == "belanja")
        cls.line_a1_income = cls.apbdes_a1.line_ids - cls.line_a1
        cls.line_a2 = cls.apbdes_a2.line_ids
        cls.line_b1 = cls.apbdes_b1.line_ids
        cls.fund_a1 = cls.add_funding(cls.agreement, cls.desa_a1, 10_000_000, cls.line_a1)
        cls.fund_a2 = cls.add_funding(cls.agreement, cls.desa_a2, 8_000_000, cls.line_a2)
        cls.fund_b1 = cls.add_funding(cls.agreement, cls.desa_b1, 5_000_000)

    def test_figures_per_line_desa_and_agreement(self):
        self.realize(self.line_a1, 4_000_000, user=self.user_bendahara_a1)
        self.realize(self.line_a2, 6_000_000, user=self.user_bendahara_a2)
        funds = self.fund_a1 | self.fund_a2 | self.fund_b1
        self.assertEqual(funds.mapped("budgeted_amount"), [10_000_000, 6_000_000, 0])
        self.assertEqual(funds.mapped("unbudgeted_amount"), [0, 2_000_000, 5_000_000])
        self.assertEqual(funds.mapped("is_unbudgeted"), [False, True, True])
        # realisations were attributed automatically (each line funds one agreement)
        self.assertEqual(funds.mapped("realized_amount"), [4_000_000, 6_000_000, 0])
        self.assertEqual(funds.mapped("gap_amount"), [6_000_000, 2_000_000, 5_000_000])
        agreement = self.agreement
        self.assertEqual(agreement.finance_planned, 23_000_000)
        self.assertEqual(agreement.finance_budgeted, 16_000_000)
        self.assertEqual(agreement.finance_realized, 10_000_000)
        self.assertEqual(agreement.finance_gap, 13_000_000)
        self.assertEqual(agreement.finance_unbudgeted, 7_000_000)
        by_desa = agreement._get_finance_by_desa()[agreement]
        self.assertEqual(
            by_desa[self.desa_a2],
            {
                "planned": 8_000_000,
                "budgeted": 6_000_000,
                "realized": 6_000_000,
                "gap": 2_000_000,
                "unbudgeted": 2_000_000,
            },
        )
        self.assertEqual(by_desa[self.desa_b1]["budgeted"], 0)
        # consistency: the sums per desa are the agreement's figures
        for key in ("planned", "budgeted", "realized", "gap", "unbudgeted"):
            self.assertEqual(
                sum(values[key] for values in by_desa.values()), agreement[f"finance_{key}"]
            )
        # the treasurer's "planned but not yet budgeted" list
        unbudgeted = self.env["kerjasama.agreement.funding"].search(
            [("is_unbudgeted", "=", True), ("agreement_id", "=", agreement.id)]
        )
        self.assertEqual(unbudgeted, self.fund_a2 | self.fund_b1)
        self.assertEqual(self.line_a1.planned_amount, 10_000_000)

    def test_figures_follow_budget_changes(self):
        # Desa B1 links its line: budgeted now, gone from the unbudgeted list
        self.fund_b1.apbdes_line_id = self.line_b1
        self.assertEqual(self.fund_b1.budgeted_amount, 5_000_000)
        self.assertFalse(self.fund_b1.is_unbudgeted)
        # Desa A2 raises its line in a perubahan APBDesa
        self.apbdes_a2.with_user(self.user_kades_a2).action_start_perubahan()
        self.line_a2.with_user(self.user_bendahara_a2).amount = 8_000_000
        self.assertEqual(self.fund_a2.budgeted_amount, 8_000_000)
        self.assertEqual(self.agreement.finance_budgeted, 23_000_000)
        self.assertEqual(self.agreement.finance_unbudgeted, 0)

    def test_shared_budget_line(self):
        """One APBDesa line funding two agreements: shares and attribution."""
        other = self.create_agreement(desa=self.desa_a1 | self.desa_a2, title="Kerja sama kedua")
        fund_other = self.add_funding(other, self.desa_a1, 5_000_000, self.line_a1)
        # 15 million planned on a 10 million line: shared in proportion to the plans
        self.assertEqual(self.line_a1.planned_amount, 15_000_000)
        self.assertAlmostEqual(self.fund_a1.budgeted_amount, 6_666_667, delta=1)
        self.assertAlmostEqual(fund_other.budgeted_amount, 3_333_333, delta=1)
        self.assertLessEqual(
            self.fund_a1.budgeted_amount + fund_other.budgeted_amount, self.line_a1.amount
        )
        # a realisation naming no financing line stays on the budget line only
        self.realize(self.line_a1, 1_000_000, reference="BKU/UMUM")
        self.assertEqual(self.line_a1.realized_amount, 1_000_000)
        self.assertEqual(self.agreement.finance_realized + other.finance_realized, 0)
        # realisations naming their financing line are attributed to that agreement
        self.realize(self.line_a1, 2_000_000, reference="BKU/A", funding=self.fund_a1)
        self.realize(self.line_a1, 3_000_000, reference="BKU/B", funding=fund_other)
        self.assertEqual(self.agreement.finance_realized, 2_000_000)
        self.assertEqual(other.finance_realized, 3_000_000)
        self.assertEqual(self.line_a1.realized_amount, 6_000_000)
        # a realisation cannot name a financing line of another budget line
        with self.assertRaises(ValidationError):
            self.realize(self.line_a2, 1_000, funding=self.fund_a1)

    def test_wrong_budget_line_refused(self):
        # a line of another village's APBDesa
        with self.assertRaisesRegex(ValidationError, "not of the party"):
            self.fund_b1.apbdes_line_id = self.line_a2
        # a contribution cannot sit on a revenue line, an income not on a belanja line
        with self.assertRaises(ValidationError):
            self.fund_a1.apbdes_line_id = self.line_a1_income
        income = self.add_funding(self.agreement, self.desa_a1, 1_000_000, flow="income")
        with self.assertRaises(ValidationError):
            income.apbdes_line_id = self.line_a1
        income.apbdes_line_id = self.line_a1_income
        self.assertEqual(income.budgeted_amount, 1_000_000)

    def test_finance_views_actions(self):
        action = self.agreement.action_view_finance()
        self.assertEqual(action["res_model"], "kerjasama.agreement.funding")
        self.assertEqual(
            self.env[action["res_model"]].search(action["domain"]),
            self.fund_a1 | self.fund_a2 | self.fund_b1,
        )

    def test_finance_view_is_the_apbdesa_per_desa(self):
        """The finance view, per desa and year, gives the APBDesa's own figures of its
        cooperation lines (the shares of the agreements plus what no agreement carries), and
        is read in the user's regions only."""
        other = self.create_agreement(desa=self.desa_a1 | self.desa_a2, title="Kerja sama kedua")
        self.add_funding(other, self.desa_a1, 5_000_000, self.line_a1)
        self.realize(self.line_a1, 1_000_000, reference="BKU/UMUM")
        self.realize(self.line_a1, 2_000_000, reference="BKU/A", funding=self.fund_a1)
        Finance = self.env["kerjasama.agreement.report.finance"]
        rows = Finance.search([("region_id", "=", self.desa_a1.id), ("year", "=", 2026)])
        lines = (self.line_a1 | self.line_a1_income).filtered("is_cooperation")
        self.assertIn(self.line_a1, lines)
        self.assertAlmostEqual(sum(rows.mapped("budgeted_amount")), sum(lines.mapped("amount")), 2)
        self.assertEqual(sum(rows.mapped("realized_amount")), 3_000_000)
        self.assertEqual(sum(rows.mapped("planned_amount")), self.line_a1.planned_amount)
        unattributed = rows.filtered(lambda r: r.row_kind == "unattributed")
        self.assertIn(self.line_a1, unattributed.apbdes_line_id)
        self.assertEqual(
            sum(
                unattributed.filtered(lambda r: r.apbdes_line_id == self.line_a1).mapped(
                    "realized_amount"
                )
            ),
            1_000_000,
        )
        self.assertFalse(unattributed.agreement_id)
        # the agreement's own figures are the view's rows of its financing lines
        self.assertEqual(
            sum(
                Finance.search([("agreement_id", "=", self.agreement.id)]).mapped("planned_amount")
            ),
            self.agreement.finance_planned,
        )
        # a village user reads his village's rows only, the DPMD of the regency all of them
        mine = Finance.with_user(self.user_bendahara_a1).search([])
        self.assertTrue(mine)
        self.assertEqual(mine.region_id, self.desa_a1)
        dpmd = Finance.with_user(self.user_dpmd).search([])
        self.assertEqual(dpmd.region_id, self.desa_a1 | self.desa_a2 | self.desa_b1)
        self.assertFalse(Finance.with_user(self.user_dpmd_other).search([]))
