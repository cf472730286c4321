from odoo.tests import HttpCase, tagged

from .common_assessment import AssessmentCommon

FORM = "/odoo/action-kerjasama_desa.kerjasama_assessment_action/%s"


@tagged("post_install", "-at_install")
class TestAssessmentTour(HttpCase, AssessmentCommon):
    """The camat verifies and the DPMD validates an assessment in the browser
    (static/tests/tours/kerjasama_assessment_tour.js), in Indonesian."""

    def test_assessment_goes_up_the_tiers_in_the_browser(self):
        (self.user_kecamatan_a | self.user_dpmd).write({"lang": "id_ID"})
        assessment = (
            self.env["kerjasama.assessment"]
            .with_user(self.user_kades_a1)
            .create(
                {
                    "agreement_id": self.agreement.id,
                    "instrument_id": self.standard.id,
                    "year": 2026,
                    "date": "2026-11-30",
                }
            )
        )
        lines = assessment.line_ids.sorted("sequence")
        proof = (
            self.env["ir.attachment"]
            .with_user(self.user_kades_a1)
            .create({"name": "peraturan_bersama.pdf", "raw": b"%PDF-1.4 bukti"})
        )
        lines[0].write({"met": True, "attachment_ids": [(4, proof.id)]})
        lines[1].score = 80
        lines[2].score = 60
        assessment.action_submit()
        self.start_tour(
            FORM % assessment.id,
            "kerjasama_desa_assessment_camat_tour",
            login=self.user_kecamatan_a.login,
        )
        self.assertEqual(assessment.state, "kecamatan")
        self.start_tour(
            FORM % assessment.id,
            "kerjasama_desa_assessment_dpmd_tour",
            login=self.user_dpmd.login,
        )
        self.assertEqual(assessment.state, "kabupaten")
