from odoo import fields
from odoo.tests import HttpCase, tagged

from .common import KerjasamaDesaCommon


@tagged("post_install", "-at_install")
class TestOverviewTour(HttpCase, KerjasamaDesaCommon):
    """Browser journey of the DPMD officer (static/tests/tours/kerjasama_overview_tour.js):
    login lands on the overview of his regency, in Indonesian, and a click on the overdue
    reports opens their list."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        agreement = cls.advance_agreement(cls.create_agreement(title="Berjalan"), "berjalan")
        report = agreement.report_ids.sorted("date_due")[:1]
        report.sudo().date_due = fields.Date.subtract(fields.Date.today(), days=10)
        cls.overdue_report = report
        cls.user_dpmd.lang = "id_ID"

    def test_dpmd_lands_on_overview_and_opens_overdue_reports(self):
        self.assertEqual(
            self.user_dpmd.action_id.id, self.env.ref("kerjasama_desa.kerjasama_overview_action").id
        )
        self.assertTrue(self.overdue_report.is_overdue)
        self.start_tour("/odoo", "kerjasama_desa_overview_tour", login=self.user_dpmd.login)
