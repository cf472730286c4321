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
