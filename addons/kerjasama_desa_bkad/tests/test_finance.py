from datetime import date

import psycopg2

from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import BkadCase


@tagged("post_install", "-at_install")
class TestFinance(BkadCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.program = cls._make_program(year=2026)
        cls._ratify(cls.program)
        cls.program.action_start()
        cls.activity = cls.program.program_activity_ids[0]
        cls.contributions = cls.env["kerjasama.bkad.contribution"].create(
            [
                {
                    "bkad_id": cls.bkad.id,
                    "year": 2026,
                    "region_id": region.id,
                    "amount_owed": 5_000_000.0,
                }
                for region in cls.members
            ]
        )

    def _entry(self, entry_type, amount, when=date(2026, 3, 1), contribution=None, post=True):
        entry = self.env["kerjasama.bkad.ledger"].create(
            {
                "bkad_id": self.bkad.id,
                "date": when,
                "entry_type": entry_type,
                "amount": amount,
                "description": f"{entry_type} {amount}",
                "contribution_id": contribution.id if contribution else False,
                "activity_id": self.activity.id if entry_type == "expense" else False,
            }
        )
        if post:
            entry.action_post()
        return entry

    def test_contributions_and_balance(self):
        c1, c2 = self.contributions[:2]
        self._entry("contribution", 5_000_000.0, contribution=c1)
        self._entry("contribution", 2_000_000.0, contribution=c2)
        self._entry("income", 500_000.0)
        draft = self._entry("income", 999.0, post=False)
        self.assertEqual((c1.amount_paid, c1.amount_due, c1.payment_state), (5e6, 0.0, "paid"))
        self.assertEqual((c2.amount_paid, c2.amount_due, c2.payment_state), (2e6, 3e6, "partial"))
        self.assertEqual(self.contributions[2].payment_state, "unpaid")
        self.assertEqual(self.bkad.ledger_balance, 7_500_000.0)
        with self.assertRaises(UserError):  # more than still owed
            self._entry("contribution", 3_000_001.0, contribution=c2)
        expense = self._entry("expense", 1_500_000.0)
        self.assertEqual(expense.direction, "out")
        self.assertEqual(expense.amount_signed, -1_500_000.0)
        self.assertEqual(self.activity.expense_total, 1_500_000.0)
        self.assertEqual(self.program.expense_total, 1_500_000.0)
        self.assertEqual(self.bkad.ledger_balance, 6_000_000.0)
        with self.assertRaises(UserError):  # the cash cannot go below zero
            self._entry("expense", 6_000_001.0)
        self.assertEqual(self.bkad.ledger_balance, 6_000_000.0)
        self.assertEqual(draft.state, "draft")
        self.assertTrue(expense.name.startswith("KAS-BKAD/"))
        totals = self.env["kerjasama.bkad.contribution"]._read_group(
            [("bkad_id", "=", self.bkad.id)], [], ["amount_owed:sum", "amount_paid:sum"]
        )
        self.assertEqual(totals, [(20_000_000.0, 7_000_000.0)])

    def test_reversal_restores_figures(self):
        c1 = self.contributions[0]
        payment = self._entry("contribution", 4_000_000.0, contribution=c1)
        self.assertIs(payment.action_reverse(), True)
        reversal = payment.reversal_ids
        self.assertEqual(reversal.reversed_entry_id, payment)
        self.assertEqual(reversal.direction, "out")
        self.assertEqual(reversal.state, "posted")
        self.assertTrue(payment.is_reversed)
        self.assertEqual(c1.amount_paid, 0.0)
        self.assertEqual(c1.payment_state, "unpaid")
        self.assertEqual(self.bkad.ledger_balance, 0.0)
        with self.assertRaises(UserError):
            payment.action_reverse()
        with self.assertRaises(UserError):
            reversal.action_reverse()
        # an expense reversal brings the money back in
        self._entry("income", 1_000_000.0)
        expense = self._entry("expense", 400_000.0)
        expense.action_reverse()
        self.assertEqual(self.bkad.ledger_balance, 1_000_000.0)
        self.assertEqual(self.activity.expense_total, 0.0)

    def test_posted_entries_immutable(self):
        entry = self._entry("income", 750_000.0)
        for vals in (
            {"amount": 1.0},
            {"date": date(2026, 1, 1)},
            {"entry_type": "expense"},
            {"state": "draft"},
            {"description": "x"},
        ):
            with self.assertRaises(UserError):
                entry.write(vals)
        with self.assertRaises(UserError):
            entry.unlink()
        entry.reference = "KW-001"  # a reference may still be noted
        self.assertEqual(entry.amount, 750_000.0)
        draft = self._entry("income", 1.0, post=False)
        draft.amount = 2.0
        draft.unlink()
        with self.assertRaises(UserError):  # nothing to post
            self._entry("income", 0.0)

    def test_sql_guards(self):
        entry = self._entry("income", 10.0)
        self.env.flush_all()
        with self.assertRaises(psycopg2.errors.CheckViolation), mute_logger("odoo.sql_db"):
            with self.env.cr.savepoint(flush=False):
                self.env.cr.execute(
                    "UPDATE kerjasama_bkad_ledger SET amount = -1 WHERE id = %s", [entry.id]
                )
        with self.assertRaises(psycopg2.errors.CheckViolation), mute_logger("odoo.sql_db"):
            with self.env.cr.savepoint(flush=False):
                self.env.cr.execute(
                    "UPDATE kerjasama_bkad_ledger SET direction = 'out' WHERE id = %s",
                    [entry.id],
                )

    def test_accountability_report(self):
        c1 = self.contributions[0]
        self._entry("income", 1_000_000.0, when=date(2025, 12, 15))
        self._entry("contribution", 5_000_000.0, when=date(2026, 2, 1), contribution=c1)
        self._entry("income", 250_000.0, when=date(2026, 4, 1))
        self._entry("expense", 2_000_000.0, when=date(2026, 5, 1))
        self._entry("expense", 100_000.0, when=date(2026, 7, 2))  # after the period
        self.activity.date_start = date(2026, 1, 1)
        self.activity.date_end = date(2026, 6, 30)
        self.program.program_activity_ids[1].date_start = date(2026, 7, 1)
        report = self.env["kerjasama.bkad.accountability.report"].create(
            {
                "title": "Laporan Semester I 2026",
                "bkad_id": self.bkad.id,
                "date_from": date(2026, 1, 1),
                "date_to": date(2026, 6, 30),
            }
        )
        self.assertEqual(report.balance_opening, 1_000_000.0)
        self.assertEqual(report.income_contribution, 5_000_000.0)
        self.assertEqual(report.income_other, 250_000.0)
        self.assertEqual(report.expense_total, 2_000_000.0)
        self.assertEqual(report.balance_closing, 4_250_000.0)
        self.assertEqual(report.contribution_owed, 20_000_000.0)
        self.assertEqual(report.contribution_paid, 5_000_000.0)
        self.assertEqual(report.program_activity_ids, self.activity)
        report.action_submit()
        self.assertEqual(report.state, "submitted")
        self.assertEqual(report.submitted_by_id, self.env.user)
        self.assertEqual(report.receipt_ids.region_id, self.members)
        self.assertTrue(report.name.startswith("LPJ-BKAD/"))
        # figures are fixed once submitted
        self._entry("income", 1.0, when=date(2026, 6, 1))
        with self.assertRaises(UserError):
            report.action_refresh_figures()
        self.assertEqual(report.balance_closing, 4_250_000.0)
        # a member village head acknowledges for their village only
        report.with_user(self.kades).action_confirm_receipt()
        received = report.receipt_ids.filtered("received_date")
        self.assertEqual(received.region_id, self.members[0])
        self.assertEqual(received.received_by_id, self.kades)
        self.assertEqual(report.state, "submitted")
        with self.assertRaises(UserError):
            report.with_user(self.kades).action_confirm_receipt()
        for region in self.members[1:]:
            head = self.env["res.users"].create(
                {
                    "name": f"Kades {region.name}",
                    "login": f"kades_{region.id}",
                    "groups_id": [(6, 0, self.kades.groups_id.ids)],
                    "kerjasama_region_ids": [(6, 0, region.ids)],
                }
            )
            report.with_user(head).action_confirm_receipt()
        self.assertEqual(report.state, "received")
        self.assertTrue(report.received_date)
        with self.assertRaises(UserError):
            report.unlink()


@tagged("post_install", "-at_install")
class TestContributionApbdes(BkadCase):
    """The contribution is tied to the member village's APBDesa belanja line."""

    def test_apbdes_line_link(self):
        Code = self.env["kerjasama.account.code"]
        belanja = Code.create(
            {"code": "5.9.9.99", "name": "Iuran BKAD uji", "account_type": "belanja"}
        )
        kegiatan = Code.create(
            {"code": "09.09.99", "name": "Kerja sama uji", "account_type": "kegiatan"}
        )
        lines = self.env["kerjasama.apbdes.line"]
        for region in self.members[:2]:
            apbdes = self.env["kerjasama.apbdes"].create({"region_id": region.id, "year": 2026})
            lines |= self.env["kerjasama.apbdes.line"].create(
                {
                    "apbdes_id": apbdes.id,
                    "account_code_id": belanja.id,
                    "kegiatan_id": kegiatan.id,
                    "description": "Iuran BKAD",
                    "amount": 5e6,
                }
            )
        contribution = self.env["kerjasama.bkad.contribution"].create(
            {
                "bkad_id": self.bkad.id,
                "year": 2026,
                "region_id": self.members[0].id,
                "amount_owed": 5e6,
                "apbdes_line_id": lines[0].id,
            }
        )
        self.assertEqual(contribution.apbdes_line_id.region_id, self.members[0])
        with self.assertRaises(ValidationError):
            contribution.apbdes_line_id = lines[1]  # another village's budget
        # the BKAD staff read the budget lines of their member villages only
        staff_lines = (
            self.env["kerjasama.apbdes.line"]
            .with_user(self.staff)
            .search([("id", "in", lines.ids)])
        )
        self.assertEqual(staff_lines, lines)
        self.assertFalse(
            self.env["kerjasama.apbdes.line"]
            .with_user(self.staff_other)
            .search([("id", "in", lines.ids)])
        )
