"""The buttons of the village finance and asset models, called over XML-RPC as a client does:
each returns a value the protocol can carry (True or an action), never None."""

from odoo.tests import HttpCase, tagged

from .common_finance import KerjasamaFinanceCommon


@tagged("post_install", "-at_install")
class TestFinanceButtonsOverXmlRpc(KerjasamaFinanceCommon, HttpCase):
    def call(self, user, model, method, ids):
        return self.xmlrpc_object.execute_kw(
            self.env.cr.dbname, user.id, user.login, model, method, [ids]
        )

    def test_apbdes_buttons(self):
        apbdes = self.create_apbdes(self.desa_a1, lines=[("belanja", 1_000_000, "Iuran")])
        kades = self.user_kades_a1
        self.assertIs(self.call(kades, "kerjasama.apbdes", "action_approve", apbdes.ids), True)
        self.assertIs(
            self.call(kades, "kerjasama.apbdes", "action_start_perubahan", apbdes.ids), True
        )
        apbdes.invalidate_recordset()
        self.assertEqual(apbdes.state, "perubahan")

    def test_asset_and_utilization_buttons(self):
        asset = self.create_asset(name="Pasar Desa Sukamaju")
        utilization = self.create_utilization(asset, self.form_sewa, "2026-01-01", "2026-12-31")
        kades = self.user_kades_a1
        model = "kerjasama.asset.utilization"
        for method, state in (
            ("action_activate", "active"),
            ("action_cancel", "cancelled"),
            ("action_draft", "draft"),
            ("action_activate", "active"),
            ("action_end", "ended"),
        ):
            with self.subTest(method=method):
                self.assertIs(self.call(kades, model, method, utilization.ids), True)
                utilization.invalidate_recordset()
                self.assertEqual(utilization.state, state)
        action = self.call(kades, "kerjasama.asset", "action_view_agreements", asset.ids)
        self.assertEqual(action["res_model"], "kerjasama.agreement")
