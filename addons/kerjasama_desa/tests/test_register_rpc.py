"""The worst bypasses again, as a real XML-RPC client of the test server: a village head's
script with his password, sending any context key it likes."""

import xmlrpc.client

from odoo.tests import HttpCase, tagged

from .common import KerjasamaDesaCommon


@tagged("post_install", "-at_install")
class TestRegisterRpc(HttpCase, KerjasamaDesaCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.running = cls.create_agreement(title="Kerja sama RPC", scope="Lingkup asli.")
        cls.advance_agreement(cls.running, "berjalan")
        cls.draft = cls.create_agreement(title="Draf RPC")
        cls.fill_stage_requirements(cls.draft, "persiapan")

    def _call(self, login, model, method, args, kwargs=None):
        uid = self.xmlrpc_common.authenticate(self.env.cr.dbname, login, login, {})
        self.assertTrue(uid, f"{login} logs in")
        return self.xmlrpc_object.execute_kw(
            self.env.cr.dbname, uid, login, model, method, args, kwargs or {}
        )

    def _refused(self, login, model, method, args, kwargs=None):
        with self.assertRaises(xmlrpc.client.Fault) as caught:
            self._call(login, model, method, args, kwargs)
        fault = caught.exception.faultString
        self.assertNotIn("psycopg2", fault)
        return fault

    def test_context_keys_do_not_unlock_over_rpc(self):
        kades = self.user_kades_a1.login
        agreement = self.running
        for context in (
            {"kerjasama_amendment": True},
            {"kerjasama_amendment_apply": True},
            {"kerjasama_transition": True},
        ):
            self._refused(
                kades,
                "kerjasama.agreement",
                "write",
                [[agreement.id], {"title": "Diubah lewat RPC"}],
                {"context": context},
            )
            self._refused(
                kades,
                "kerjasama.agreement",
                "write",
                [[agreement.id], {"state": "berakhir"}],
                {"context": context},
            )
        self._refused(kades, "kerjasama.agreement", "write", [[agreement.id], {"name": "KSD/X/1"}])
        self._refused(
            kades,
            "kerjasama.agreement.funding",
            "write",
            [agreement.funding_ids.ids, {"amount": 1}],
        )
        self._refused(kades, "kerjasama.agreement", "action_archive", [[agreement.id]])
        agreement.invalidate_recordset()
        self.assertEqual(agreement.title, "Kerja sama RPC")
        self.assertEqual(agreement.state, "berjalan")
        self.assertTrue(agreement.active)

    def test_born_running_refused_over_rpc(self):
        before = self.env["kerjasama.agreement"].search_count([])
        self._refused(
            self.user_kades_a1.login,
            "kerjasama.agreement",
            "create",
            [
                {
                    "title": "Lahir berjalan",
                    "state": "berjalan",
                    "party_ids": [
                        [0, 0, {"party_kind": "desa", "region_id": self.desa_a1.id}],
                        [0, 0, {"party_kind": "desa", "region_id": self.desa_a2.id}],
                    ],
                }
            ],
            {"context": {"kerjasama_transition": True}},
        )
        self.assertEqual(self.env["kerjasama.agreement"].search_count([]), before)

    def test_buttons_return_what_the_protocol_carries(self):
        kades = self.user_kades_a1.login
        result = self._call(kades, "kerjasama.agreement", "action_to_penawaran", [[self.draft.id]])
        self.assertIs(result, True)
        self.draft.invalidate_recordset()
        self.assertEqual(self.draft.state, "penawaran")
        action = self._call(kades, "kerjasama.agreement", "action_view_regions", [[self.draft.id]])
        self.assertEqual(action["res_model"], "kerjasama.region")
        # a wrong role gets a clean refusal, not a server error
        fault = self._refused(
            self.user_bpd_a1.login, "kerjasama.agreement", "action_to_musyawarah", [[self.draft.id]]
        )
        self.assertIn("only a village officer", fault)

    def test_another_desa_signature_refused_over_rpc(self):
        agreement = self.create_agreement(title="Tanda tangan RPC")
        self.advance_agreement(agreement, "penandatanganan")
        party_a2 = agreement.party_ids.filtered(lambda p: p.region_id == self.desa_a2)
        self._refused(
            self.user_kades_a1.login, "kerjasama.agreement.party", "action_sign", [party_a2.ids]
        )
        self._refused(
            self.user_kades_a1.login,
            "kerjasama.agreement.party",
            "write",
            [party_a2.ids, {"signed_date": "2025-12-20", "signatory_name": "Palsu"}],
        )
        party_a2.invalidate_recordset()
        self.assertFalse(party_a2.signed_date)

    def test_columns_read_as_superuser_stay_behind_the_rule_over_rpc(self):
        """The list's step progress and overdue-report columns read their child records as
        superuser: the agreement's own rule still decides who reads them, whatever the
        context says."""
        bpd_b1 = self.user_bpd_b1.login  # the running agreement is A1 + A2's
        for context in ({}, {"active_test": False, "sudo": True, "su": True}):
            self._refused(
                bpd_b1,
                "kerjasama.agreement",
                "read",
                [[self.running.id], ["step_progress", "has_overdue_report"]],
                {"context": context},
            )
            found = self._call(
                bpd_b1,
                "kerjasama.agreement",
                "search_read",
                [[("id", "=", self.running.id)], ["step_progress"]],
                {"context": context},
            )
            self.assertEqual(found, [])
        rows = self._call(
            self.user_bpd_a1.login,
            "kerjasama.agreement",
            "read",
            [[self.running.id], ["step_progress", "has_overdue_report"]],
        )
        self.assertEqual(rows[0]["step_progress"], self.running.step_progress)
