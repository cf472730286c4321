from freezegun import freeze_time

from odoo import fields
from odoo.tests import tagged

from .common import KerjasamaDesaCommon

D = fields.Date.to_date


@tagged("post_install", "-at_install")
class TestReminders(KerjasamaDesaCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Agreement = cls.env["kerjasama.agreement"]
        cls.Activity = cls.env["mail.activity"]

    def _activities(self, records, xmlid):
        return self.Activity.search(
            [
                ("res_model", "=", records._name),
                ("res_id", "in", records.ids),
                ("activity_type_id", "=", self.env.ref(xmlid).id),
            ]
        )

    def test_report_due_reminder_once(self):
        agreement = self.create_agreement(user_id=self.user_kades_a1.id)
        self.advance_agreement(agreement, "berjalan")
        first = agreement.report_ids[0]  # due 2026-07-15
        xmlid = "kerjasama_desa.mail_activity_type_report_due"
        with freeze_time("2026-06-20"):
            self.Agreement._cron_remind_reports()
        self.assertFalse(self._activities(agreement.report_ids, xmlid), "not yet within 14 days")
        with freeze_time("2026-07-05"):
            self.Agreement._cron_remind_reports()
            self.Agreement._cron_remind_reports()
        activities = self._activities(agreement.report_ids, xmlid)
        self.assertEqual(len(activities), 1)
        self.assertEqual(activities.res_id, first.id)
        self.assertEqual(activities.user_id, self.user_kades_a1)
        self.assertEqual(activities.date_deadline, D("2026-07-15"))
        with freeze_time("2026-08-01"):  # overdue now: still one activity
            self.Agreement._cron_remind_reports()
        self.assertEqual(len(self._activities(agreement.report_ids, xmlid)), 1)
        # submitting the report closes its reminder
        first.write({"activity_summary": "Hasil."})
        first.action_submit()
        self.assertFalse(self._activities(first, xmlid))

    def test_ending_reminder_once(self):
        agreement = self.create_agreement(date_end=D("2026-12-31"))
        self.advance_agreement(agreement, "berjalan")
        xmlid = "kerjasama_desa.mail_activity_type_agreement_ending"
        with freeze_time("2026-09-01"):  # 121 days before the end
            self.Agreement._cron_remind_ending()
        self.assertFalse(self._activities(agreement, xmlid))
        with freeze_time("2026-10-15"):
            self.Agreement._cron_remind_ending()
            self.Agreement._cron_remind_ending()
        activities = self._activities(agreement, xmlid)
        self.assertEqual(len(activities), 1)
        self.assertEqual(activities.user_id, self.env.user, "default responsible is the creator")

    def test_stalled_reminder(self):
        xmlid = "kerjasama_desa.mail_activity_type_agreement_stalled"
        with freeze_time("2026-01-10"):
            stalled = self.create_agreement(title="Macet")
            moving = self.create_agreement(title="Bergerak")
        self.assertEqual(stalled.state_date, D("2026-01-10"))
        with freeze_time("2026-03-01"):
            self.advance_agreement(moving, "penawaran")
        self.assertEqual(moving.state_date, D("2026-03-01"))
        with freeze_time("2026-03-20"):  # 69 days after 2026-01-10
            self.env["ir.config_parameter"].set_param("kerjasama_desa.stalled_days", "90")
            self.Agreement._cron_remind_stalled()
            self.assertFalse(self._activities(stalled | moving, xmlid), "90 days not reached")
            self.env["ir.config_parameter"].set_param("kerjasama_desa.stalled_days", "60")
            self.Agreement._cron_remind_stalled()
            self.Agreement._cron_remind_stalled()
        self.assertEqual(len(self._activities(stalled, xmlid)), 1)
        self.assertFalse(self._activities(moving, xmlid))

    def test_crons_exist(self):
        for xmlid in ("ir_cron_remind_reports", "ir_cron_remind_ending", "ir_cron_remind_stalled"):
            cron = self.env.ref(f"kerjasama_desa.{xmlid}")
            self.assertEqual(cron.interval_type, "days")
            cron.method_direct_trigger()

    def test_real_transitions_track_stage_and_schedule(self):
        """Through the stage buttons (as the roles of the regulation): the stage date follows
        every transition and the report schedule exists once the agreement runs."""
        with freeze_time("2026-01-05"):
            agreement = self.create_agreement(title="Alur lengkap")
        with freeze_time("2026-02-10"):
            self.advance_agreement(agreement, "penawaran")
        self.assertEqual(agreement.state_date, D("2026-02-10"))
        with freeze_time("2026-05-01"):
            self.Agreement._cron_remind_stalled()
            self.assertEqual(
                len(
                    self._activities(
                        agreement, "kerjasama_desa.mail_activity_type_agreement_stalled"
                    )
                ),
                1,
            )
            self.advance_agreement(agreement, "berjalan")
        self.assertEqual(agreement.state, "berjalan")
        self.assertEqual(agreement.state_date, D("2026-05-01"))
        self.assertEqual(len(agreement.report_ids), 4)
        self.assertFalse(
            self._activities(agreement, "kerjasama_desa.mail_activity_type_agreement_stalled"),
            "moving on answers the stalled-stage reminder",
        )
