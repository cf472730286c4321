from odoo import fields
from odoo.tests import HttpCase, tagged

from .common import KerjasamaDesaCommon
from .common_finance import KerjasamaFinanceCommon

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

    def test_kades_registers_an_agreement_and_sees_what_it_waits_for(self):
        self.start_tour(
            "/odoo/action-kerjasama_desa.kerjasama_agreement_action",
            "kerjasama_desa_kades_register_tour",
            login=self.user_kades_a1.login,
        )
        agreement = self.env["kerjasama.agreement"].search(
            [("title", "=", "Pengelolaan Air Bersih Sukamaju - Sukamulya")]
        )
        self.assertEqual(agreement.state, "persiapan")
        self.assertEqual(agreement.region_ids, self.desa_a1 | self.desa_a2)


@tagged("post_install", "-at_install")
class TestTreasurerTour(HttpCase, KerjasamaFinanceCommon):
    """The treasurer links his desa's financing line to the APBDesa line that carries it, then
    records a realisation by choosing the financing line: the budget line comes with it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user_bendahara_a1.lang = "id_ID"
        cls.agreement = cls.create_agreement(title="Air Bersih Bendahara")
        cls.advance_agreement(cls.agreement, "berjalan")
        apbdes = cls.create_apbdes(
            cls.desa_a1, lines=[("belanja", 10_000_000, "Kontribusi air bersih")]
        )
        cls.approve(apbdes)
        cls.line = apbdes.line_ids

    def test_treasurer_links_the_financing_and_enters_a_realisation(self):
        funding = self.agreement.funding_ids.filtered(lambda f: f.region_id == self.desa_a1)
        self.assertFalse(funding.apbdes_line_id)
        self.start_tour(
            "/odoo/action-kerjasama_desa.kerjasama_agreement_funding_action_unbudgeted",
            "kerjasama_desa_bendahara_link_tour",
            login=self.user_bendahara_a1.login,
        )
        self.assertEqual(funding.apbdes_line_id, self.line)
        self.start_tour(
            "/odoo/action-kerjasama_desa.kerjasama_apbdes_realization_action/new",
            "kerjasama_desa_bendahara_realisation_tour",
            login=self.user_bendahara_a1.login,
        )
        realisation = self.env["kerjasama.apbdes.realization"].search(
            [("reference", "=", "0012/BKU/2026")]
        )
        self.assertEqual(realisation.line_id, self.line)
        self.assertEqual(realisation.funding_id, funding)
        self.assertEqual(realisation.amount, 2_500_000)
