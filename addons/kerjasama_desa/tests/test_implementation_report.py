import re

from freezegun import freeze_time
from psycopg2 import IntegrityError

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import KerjasamaDesaCommon

D = fields.Date.to_date


@tagged("post_install", "-at_install")
class TestImplementationReport(KerjasamaDesaCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.agreement = cls.create_agreement()  # desa A1 + A2, 2026-01-01 .. 2027-12-31
        cls.advance_agreement(cls.agreement, "berjalan")
        cls.Report = cls.env["kerjasama.implementation.report"]

    def test_schedule_semester_default(self):
        self.assertEqual(self.agreement.report_frequency, "semester")
        reports = self.agreement.report_ids
        self.assertEqual(len(reports), 4, "berjalan generates the semester schedule")
        self.assertEqual(
            [(r.period_start, r.period_end, r.date_due) for r in reports],
            [
                (D("2026-01-01"), D("2026-06-30"), D("2026-07-15")),
                (D("2026-07-01"), D("2026-12-31"), D("2027-01-15")),
                (D("2027-01-01"), D("2027-06-30"), D("2027-07-15")),
                (D("2027-07-01"), D("2027-12-31"), D("2028-01-15")),
            ],
        )
        self.assertEqual(self.agreement.next_report_due, D("2026-07-15"))
        # generating again creates nothing new
        self.agreement._generate_report_schedule()
        self.assertEqual(len(self.agreement.report_ids), 4)

    def test_schedule_quarterly_and_clipped_end(self):
        agreement = self.create_agreement(
            report_frequency="triwulan", date_end=D("2026-08-15"), title="Triwulan"
        )
        schedule = agreement._get_report_schedule()
        self.assertEqual(
            [(p["period_start"], p["period_end"]) for p in schedule],
            [
                (D("2026-01-01"), D("2026-03-31")),
                (D("2026-04-01"), D("2026-06-30")),
                (D("2026-07-01"), D("2026-08-15")),
            ],
        )
        self.assertEqual(schedule[0]["date_due"], D("2026-04-15"))
        self.env["ir.config_parameter"].set_param("kerjasama_desa.report_grace_days", "30")
        self.assertEqual(agreement._get_report_schedule()[0]["date_due"], D("2026-04-30"))
        # no report before the agreement is signed
        with self.assertRaises(ValidationError):
            self.Report.create({"agreement_id": agreement.id, "period_start": D("2026-01-01")})
        self.advance_agreement(agreement, "berjalan")
        self.assertEqual(agreement.report_ids[0].date_due, D("2026-04-30"))
        self.assertEqual(agreement.report_ids[-1].period_end, D("2026-08-15"))
        # a report created by hand gets its end and due date from the frequency
        report = self.Report.create({"agreement_id": agreement.id, "period_start": D("2026-02-01")})
        self.assertEqual(report.period_end, D("2026-04-30"))
        self.assertEqual(report.date_due, D("2026-05-30"))

    def test_schedule_needs_dates(self):
        agreement = self.create_agreement(title="Tanpa tanggal", date_end=False)
        self.assertEqual(agreement._get_report_schedule(), [])
        with self.assertRaises(UserError):
            agreement.action_generate_report_schedule()

    def test_overdue_flag_and_search(self):
        first = self.agreement.report_ids[0]
        Agreement = self.env["kerjasama.agreement"]
        with freeze_time("2026-07-15"):
            self.assertFalse(first.is_overdue, "not overdue on its due date")
            self.assertFalse(self.agreement.has_overdue_report)
            self.assertNotIn(self.agreement, Agreement.search([("has_overdue_report", "=", True)]))
        with freeze_time("2026-07-16"):
            first.invalidate_recordset(["is_overdue"])
            self.agreement.invalidate_recordset(["has_overdue_report"])
            self.assertTrue(first.is_overdue)
            self.assertTrue(self.agreement.has_overdue_report)
            self.assertIn(self.agreement, Agreement.search([("has_overdue_report", "=", True)]))
            self.assertNotIn(self.agreement, Agreement.search([("has_overdue_report", "=", False)]))
            mine = [("agreement_id", "=", self.agreement.id)]
            self.assertEqual(self.Report.search(mine + [("is_overdue", "=", True)]), first)
            self.assertNotIn(first, self.Report.search([("is_overdue", "!=", True)]))
            first.write({"activity_summary": "Kegiatan berjalan.", "progress": 40})
            first.action_submit()
            first.invalidate_recordset(["is_overdue"])
            self.agreement.invalidate_recordset(["has_overdue_report"])
            self.assertFalse(first.is_overdue)
            self.assertFalse(self.agreement.has_overdue_report)
            self.assertEqual(self.agreement.next_report_due, D("2027-01-15"))

    def test_recipients_per_kind(self):
        report = self.agreement.report_ids[0]
        self.assertIn("Kepala Desa", report.recipient)
        self.assertIn("Sukamaju", report.recipient)
        self.assertIn("Badan Permusyawaratan Desa", report.recipient_copies)
        self.assertIn("Camat", report.recipient_copies)
        # stored in Indonesian, naming the bupati of the kabupaten
        self.assertIn("Bupati Uji melalui Camat", report.recipient_copies)
        third = self.create_agreement(kind="pihak_ketiga", title="Pihak ketiga")
        self.advance_agreement(third, "berjalan")
        report = third.report_ids[0]
        self.assertIn("Kepala Desa", report.reporter)
        self.assertIn("Ketua Badan Permusyawaratan Desa", report.recipient)
        self.assertIn("Camat", report.recipient_copies)
        self.assertEqual(
            report.with_context(lang="en_US").recipient, report.with_context(lang="id_ID").recipient
        )

    def test_submit_requires_results(self):
        report = self.agreement.report_ids[0]
        with self.assertRaises(UserError):
            report.action_submit()
        self.assertEqual(report.state, "draft")

    def test_number_given_on_submission(self):
        first, second = self.agreement.report_ids.sorted("period_start")[:2]
        self.assertFalse(first.number)
        (first | second).write({"activity_summary": "Hasil pelaksanaan."})
        with freeze_time("2026-07-10"):
            first.action_submit()
            second.action_submit()
        kabupaten = self.agreement.kabupaten_id.code
        self.assertRegex(first.number, rf"^LPKS/{re.escape(kabupaten)}/2026/\d{{4}}$")
        self.assertNotEqual(first.number, second.number)
        self.assertEqual(int(second.number[-4:]), int(first.number[-4:]) + 1)
        # reset to draft and submitted again: the letter keeps its number
        number = first.number
        first.action_reset_draft()
        first.action_submit()
        self.assertEqual(first.number, number)

    def test_access_village_head_writes_own(self):
        report = self.agreement.report_ids[0]
        as_kades = report.with_user(self.user_kades_a1)
        as_kades.write({"activity_summary": "Hasil semester I.", "progress": 50})
        as_kades.action_submit()
        self.assertEqual(report.state, "submitted")
        # a village head of a desa that is not a party sees nothing
        with self.assertRaises(AccessError):
            report.with_user(self.user_kades_b1).read(["progress"])
        with self.assertRaises(AccessError):
            report.with_user(self.user_kades_b1).write({"progress": 10})
        self.assertFalse(
            self.Report.with_user(self.user_kades_b1).search(
                [("agreement_id", "=", self.agreement.id)]
            )
        )

    def test_access_readers_and_receipt(self):
        report = self.agreement.report_ids[0]
        report.write({"activity_summary": "Hasil.", "progress": 30})
        report.action_submit()
        for user in (self.user_bpd_a1, self.user_kecamatan_a, self.user_dpmd, self.user_supervisor):
            self.assertEqual(report.with_user(user).progress, 30)
            with self.assertRaises(AccessError):
                report.with_user(user).write({"progress": 90})
        with self.assertRaises(AccessError):
            report.with_user(self.user_dpmd_other).read(["progress"])
        with self.assertRaises(AccessError):
            report.with_user(self.user_perangkat_a1).action_receive()
        report.with_user(self.user_bpd_a1).action_receive()
        self.assertEqual(report.state, "received")
        self.assertTrue(report.date_received)
        with self.assertRaises(UserError):
            report.unlink()

    def test_bad_inputs(self):
        with self.assertRaises(IntegrityError), mute_logger("odoo.sql_db"), self.cr.savepoint():
            self.Report.create(
                {"agreement_id": self.agreement.id, "period_start": D("2026-01-01")}
            )  # duplicate period
        with self.assertRaises(IntegrityError), mute_logger("odoo.sql_db"), self.cr.savepoint():
            self.agreement.report_ids[0].write({"progress": 120})
        with self.assertRaises(IntegrityError), mute_logger("odoo.sql_db"), self.cr.savepoint():
            self.agreement.report_ids[0].write({"realisation_amount": -1})
