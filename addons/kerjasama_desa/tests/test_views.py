from odoo.tests import tagged

from .common import KerjasamaDesaCommon


@tagged("post_install", "-at_install")
class TestViewsRender(KerjasamaDesaCommon):
    """Every window action of the addon loads all its views (list, form, kanban, search,
    pivot, graph, calendar, ...) through ``get_views``, as the web client does, for the
    administrator, a DPMD officer and a desa user, so that a broken view fails the suite."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.actions = cls.env["ir.actions.act_window"].browse(
            cls.env["ir.model.data"]
            .search([("module", "=", "kerjasama_desa"), ("model", "=", "ir.actions.act_window")])
            .mapped("res_id")
        )

    def _views_of(self, action):
        views = [[view_id or False, view_type] for view_id, view_type in action.views]
        if action.search_view_id:
            views.append([action.search_view_id.id, "search"])
        elif "search" not in {view_type for _view_id, view_type in views}:
            views.append([False, "search"])
        return views

    def _check_actions(self, user):
        checked = 0
        for action in self.actions:
            Model = self.env[action.res_model].with_user(user)
            if not Model.has_access("read"):
                continue
            views = self._views_of(action)
            with self.subTest(action=action.name, user=user.login):
                result = Model.get_views(
                    views, {"load_filters": True, "toolbar": True, "action_id": action.id}
                )
                self.assertEqual(set(result["views"]), {view_type for _view_id, view_type in views})
                for view_type, view in result["views"].items():
                    self.assertTrue(view["arch"], f"{action.name}: empty {view_type} arch")
                self.assertIn(action.res_model, result["models"])
                checked += 1
        return checked

    def test_actions_exist(self):
        self.assertIn(self.env.ref("kerjasama_desa.kerjasama_agreement_action"), self.actions)
        self.assertIn(self.env.ref("kerjasama_desa.kerjasama_initiative_step_action"), self.actions)
        self.assertGreater(len(self.actions), 10)

    def test_agreement_search_filters(self):
        """The search view offers what a DPMD officer filters and groups by."""
        search = self.env["kerjasama.agreement"].get_views([[False, "search"]])["views"]["search"]
        for name in (
            "filter_antar_desa",
            "filter_pihak_ketiga",
            "filter_ending_soon",
            "filter_overdue_report",
            "groupby_kind",
            "groupby_bidang",
            "groupby_state",
            "groupby_kecamatan",
        ):
            self.assertIn(f'name="{name}"', search["arch"])
        Agreement = self.env["kerjasama.agreement"]
        for domain in (
            [("is_ending_soon", "=", True)],
            [("has_overdue_report", "=", True)],
            [("dispute_ids.state", "in", ("open", "musyawarah", "escalated"))],
        ):
            Agreement.search(domain)
        groups = Agreement._read_group([], ["kecamatan_ids"], ["__count"])
        self.assertIsInstance(groups, list)

    def test_views_as_admin(self):
        checked = self._check_actions(self.env.ref("base.user_admin"))
        self.assertEqual(checked, len(self.actions))

    def test_views_as_dpmd_administrator(self):
        self.assertEqual(self._check_actions(self.user_admin), len(self.actions))

    def test_views_as_dpmd_officer(self):
        self.assertGreater(self._check_actions(self.user_dpmd), 5)

    def test_views_as_desa_user(self):
        checked = self._check_actions(self.user_perangkat_a1)
        self.assertGreater(checked, 5)
        # the agreement views load for a desa user, with the agreement form's checklist
        Agreement = self.env["kerjasama.agreement"].with_user(self.user_perangkat_a1)
        form = Agreement.get_views([[False, "form"]])["views"]["form"]["arch"]
        self.assertIn('name="step_ids"', form)
        self.assertIn('name="action_to_penawaran"', form)
        # a button of the DPMD is not rendered for a desa user
        self.assertNotIn('name="action_to_berjalan"', form)

    def test_views_as_bpd_and_supervisor(self):
        self.assertGreater(self._check_actions(self.user_bpd_a1), 5)
        self.assertGreater(self._check_actions(self.user_supervisor), 5)
