from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestKerjasamaDesaTour(HttpCase):
    """Browser smoke test: an administrator logs in, opens the Kerja Sama Desa menu and sees
    the agreements list (static/tests/tours/kerjasama_desa_tour.js)."""

    def test_kerjasama_desa_tour(self):
        agreement_menu = self.env.ref("kerjasama_desa.kerjasama_desa_menu_agreement")
        self.assertEqual(agreement_menu.action.res_model, "kerjasama.agreement")
        self.start_tour("/odoo", "kerjasama_desa_tour", login="admin")
