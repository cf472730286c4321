from odoo import fields
from odoo.tests import HttpCase, tagged

from .common import KerjasamaDesaCommon

FORM = "/odoo/action-kerjasama_desa.kerjasama_agreement_action/%s"


@tagged("post_install", "-at_install")
class TestActsTour(HttpCase, KerjasamaDesaCommon):
    """Browser journeys of the acts of each role (static/tests/tours/kerjasama_acts_tour.js):
    each user opens the agreement, reads in the banner that it is his turn, and makes his act
    with the one button of his role, in Indonesian."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.region_kabupaten.camat_forwarding_required = True
        users = cls.user_bpd_a1 | cls.user_kades_a1 | cls.user_kecamatan_a | cls.user_dpmd
        users.write({"lang": "id_ID"})

    def _agreement(self, title, state):
        agreement = self.create_agreement(title=title)
        self.advance_agreement(agreement, state)
        return agreement

    def test_bpd_consents_with_one_button(self):
        agreement = self._agreement("Kerja sama persetujuan BPD", "musyawarah")
        meetings = self.env["kerjasama.musyawarah"].create(
            [
                {
                    "agreement_id": agreement.id,
                    "region_id": desa.id,
                    "date": fields.Date.to_date("2025-11-15"),
                    "berita_acara_number": f"BA/{desa.code}/2025",
                    "decision": "agreed",
                }
                for desa in (self.desa_a1, self.desa_a2)
            ]
        )
        self.start_tour(
            FORM % agreement.id, "kerjasama_desa_bpd_consent_tour", login=self.user_bpd_a1.login
        )
        consented = meetings.filtered("bpd_consent")
        self.assertEqual(consented.region_id, self.desa_a1)
        self.assertEqual(consented.bpd_user_id, self.user_bpd_a1)

    def test_kades_signs_for_his_desa(self):
        agreement = self._agreement("Kerja sama tanda tangan", "penandatanganan")
        party = agreement.party_ids.filtered(lambda p: p.region_id == self.desa_a1)
        party.sudo().write({"signatory_name": "H. Kepala Sukamaju", "sign_date": self.SIGNING_DAY})
        self.start_tour(
            FORM % agreement.id, "kerjasama_desa_kades_sign_tour", login=self.user_kades_a1.login
        )
        self.assertEqual(party.signed_date, self.SIGNING_DAY)
        self.assertEqual(party.signed_by_id, self.user_kades_a1)
        self.assertFalse(
            agreement.party_ids.filtered(lambda p: p.region_id == self.desa_a2).signed_date
        )

    def test_camat_forwards(self):
        agreement = self._agreement("Kerja sama penerusan camat", "evaluasi")
        self.assertFalse(agreement.camat_forward_user_id)
        self.start_tour(
            FORM % agreement.id,
            "kerjasama_desa_camat_forward_tour",
            login=self.user_kecamatan_a.login,
        )
        self.assertEqual(agreement.camat_forward_user_id, self.user_kecamatan_a)

    def test_dpmd_follows_the_banner_and_evaluates(self):
        agreement = self._agreement("Kerja sama evaluasi DPMD", "evaluasi")
        self.forward(agreement)
        self.start_tour(
            FORM % agreement.id, "kerjasama_desa_dpmd_evaluate_tour", login=self.user_dpmd.login
        )
        self.assertEqual(agreement.state, "berjalan")
        self.assertEqual(agreement.evaluation_date, fields.Date.to_date("2025-12-28"))
        self.assertEqual(agreement.evaluation_user_id, self.user_dpmd)
