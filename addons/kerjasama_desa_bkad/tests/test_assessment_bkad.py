from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import BkadCase


@tagged("post_install", "-at_install")
class TestAssessmentBkad(BkadCase):
    """The staff of a BKAD assess it against the national standard; other staff do not."""

    def test_staff_assess_their_bkad(self):
        Assessment = self.env["kerjasama.assessment"]
        assessment = Assessment.with_user(self.staff).create(
            {"subject": "bkad", "bkad_id": self.bkad.id, "year": 2025, "date": "2026-02-01"}
        )
        self.assertEqual(assessment.instrument_id, self.env.ref("kerjasama_desa.standard_bkad"))
        for line in assessment.line_ids:
            vals = {"met": True} if line.scoring == "met" else {"score": 80}
            if line.proof_required:
                proof = (
                    self.env["ir.attachment"]
                    .with_user(self.staff)
                    .create({"name": "bukti.pdf", "raw": b"%PDF-1.4 bukti"})
                )
                vals["attachment_ids"] = [Command.link(proof.id)]
            line.with_user(self.staff).write(vals)
        # Met criteria weigh 20, scored ones 80 x 80%
        self.assertAlmostEqual(assessment.score_total, 84.0)
        assessment.with_user(self.staff).action_submit()
        self.assertEqual(assessment.state, "submitted")
        with self.assertRaises(AccessError):
            assessment.with_user(self.staff_other).read(["score_total"])
        with self.assertRaises(AccessError):
            Assessment.with_user(self.staff_other).create(
                {"subject": "bkad", "bkad_id": self.bkad.id, "year": 2026, "date": "2026-02-01"}
            )
        # the staff cannot verify for the kecamatan, not even by writing the stage
        with self.assertRaises(AccessError):
            assessment.with_user(self.staff).action_verify()
        with self.assertRaises(AccessError):
            assessment.with_user(self.staff).write({"state": "kecamatan"})
