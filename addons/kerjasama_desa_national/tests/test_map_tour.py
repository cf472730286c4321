from odoo.tests import HttpCase, tagged

from .test_map import KerjasamaMapCommon


@tagged("post_install", "-at_install")
class TestCooperationMapTour(HttpCase, KerjasamaMapCommon):
    """Browser journey of the DPMD officer in Indonesian (static/tests/tours/
    kerjasama_map_tour.js): the network with its clusters, nodes and edges, an edge's
    agreements, then the regions, down to the desa of a kecamatan and back up."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user_dpmd.lang = "id_ID"

    def test_dpmd_reads_the_network_and_the_regions(self):
        self.start_tour(
            "/odoo/action-kerjasama_desa_national.kerjasama_map_network_action",
            "kerjasama_desa_national_map_tour",
            login=self.user_dpmd.login,
        )


@tagged("post_install", "-at_install")
class TestCooperationMapDemo(HttpCase):
    """The map of the demo regency (Kabupaten Garut, with the cross-kecamatan Siskamling
    Suci - Wanaraja) as its DPMD officer in Indonesian: the figures equal ``_read_group``, and
    both views render (static/tests/tours/kerjasama_map_tour.js, demo tour)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user = cls.env.ref("kerjasama_desa.demo_user_dpmd_garut", raise_if_not_found=False)
        cls.cross = cls.env.ref(
            "kerjasama_desa.demo_agreement_siskamling", raise_if_not_found=False
        )

    def setUp(self):
        super().setUp()
        if not self.user:
            self.skipTest("the demo data of kerjasama_desa are not installed")
        self.user.lang = "id_ID"

    def test_demo_figures_equal_read_group(self):
        Agreement = self.env["kerjasama.agreement"].with_user(self.user)
        network = self.env["kerjasama.map"].with_user(self.user).get_network()
        self.assertTrue(self.cross.is_cross_kecamatan)
        expected = {
            region.id: count
            for region, count in Agreement._read_group([], ["kecamatan_ids"], ["__count"])
        }
        self.assertEqual({c["id"]: c["count"] for c in network["clusters"]}, expected)
        cross = [e for e in network["edges"] if e["cross"]]
        self.assertTrue(cross)
        for edge in network["edges"]:
            self.assertEqual(Agreement.search_count(edge["domain"]), edge["count"], edge["title"])
        self.assertIn(self.cross, Agreement.search(cross[0]["domain"]))
        regions = self.env["kerjasama.map"].with_user(self.user).get_regions()
        self.assertEqual({r["id"]: r["count"] for r in regions["rows"]}, expected)

    def test_demo_dpmd_reads_the_map(self):
        self.start_tour(
            "/odoo/action-kerjasama_desa_national.kerjasama_map_network_action",
            "kerjasama_desa_national_map_demo_tour",
            login=self.user.login,
        )
