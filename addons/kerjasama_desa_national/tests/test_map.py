from unittest.mock import patch

from odoo import fields
from odoo.exceptions import ValidationError
from odoo.tests import tagged

from odoo.addons.kerjasama_desa_national.models import kerjasama_map

from .common import KerjasamaNationalCommon


class KerjasamaMapCommon(KerjasamaNationalCommon):
    """The national fixtures plus a cross-kecamatan agreement (A1 + B1) of another bidang,
    started in 2025, and an agreement of three desa (A1, A2, B2)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.bidang_other = cls.env["kerjasama.bidang"].create({"code": "T8", "name": "Bidang Lain"})
        cls.agreement_cross = cls._national_agreement(
            cls.create_agreement(
                desa=cls.desa_a1 | cls.desa_b1,
                title="Jalan lintas kecamatan",
                bidang_id=cls.bidang_other.id,
                sub_bidang_id=False,
                date_start=fields.Date.to_date("2025-03-01"),
            ),
            [10_000_000, 5_000_000],
        )
        cls.agreement_three = cls.create_agreement(
            desa=cls.desa_a1 | cls.desa_a2 | cls.desa_b2, title="Tiga desa"
        )


@tagged("post_install", "-at_install")
class TestCooperationMap(KerjasamaMapCommon):
    def _map(self, user):
        return self.env["kerjasama.map"].with_user(user)

    def _agreements(self, user):
        return self.env["kerjasama.agreement"].with_user(user)

    def test_network_figures_equal_read_group(self):
        Agreement = self._agreements(self.user_dpmd)
        network = self._map(self.user_dpmd).get_network()
        self.assertFalse(network["too_many"])
        self.assertEqual(network["agreement_count"], Agreement.search_count([]))
        # kecamatan clusters: number and value of the agreements of each
        expected = {
            region.id: (count, amount)
            for region, count, amount in Agreement._read_group(
                [], ["kecamatan_ids"], ["__count", "amount_total:sum"]
            )
        }
        clusters = {c["id"]: (c["count"], c["amount"]) for c in network["clusters"]}
        self.assertEqual(clusters, expected)
        self.assertEqual(set(clusters), {self.region_kecamatan_a.id, self.region_kecamatan_b.id})
        # desa nodes
        expected = {
            region.id: (count, amount)
            for region, count, amount in Agreement._read_group(
                [], ["region_ids"], ["__count", "amount_total:sum"]
            )
        }
        desa = {n["id"]: (n["count"], n["amount"]) for n in network["nodes"] if n["kind"] == "desa"}
        self.assertEqual(desa, expected)
        self.assertNotIn(self.desa_other.id, desa, "the other kabupaten is not the DPMD's")
        for node in network["nodes"]:
            self.assertEqual(Agreement.search_count(node["domain"]), node["count"], node["title"])
        third = [n for n in network["nodes"] if n["kind"] == "pihak_ketiga"]
        self.assertEqual([n["id"] for n in third], [self.partner_swasta.id])
        self.assertEqual(third[0]["count"], 1)
        # edges: one per pair of parties and bidang, as many agreements as their list
        expected_edges = {}
        for agreement in Agreement.search([]):
            desa_ids = sorted(agreement.party_ids.filtered("region_id").region_id.ids)
            partners = agreement.party_ids.filtered(
                lambda p: p.party_kind == "pihak_ketiga"
            ).partner_id
            keys = [
                (f"d{a}", f"d{b}") for i, a in enumerate(desa_ids) for b in desa_ids[i + 1 :]
            ] + [(f"d{a}", f"p{p}") for a in desa_ids for p in partners.ids]
            for key in keys:
                key = (*key, agreement.bidang_id.id)
                expected_edges[key] = expected_edges.get(key, 0) + 1
        edges = {(e["source"], e["target"], e["bidang_id"]): e["count"] for e in network["edges"]}
        self.assertEqual(edges, expected_edges)
        for edge in network["edges"]:
            self.assertEqual(Agreement.search_count(edge["domain"]), edge["count"], edge["title"])
        # per bidang: the edges' agreements are the agreements of the bidang
        by_bidang = dict(Agreement._read_group([], ["bidang_id"], ["__count"]))
        self.assertEqual(len(by_bidang), len(network["bidang"]))
        for entry in network["bidang"]:
            on_edges = Agreement.browse()
            for edge in network["edges"]:
                if edge["bidang_id"] == entry["id"]:
                    on_edges |= Agreement.search(edge["domain"])
            bidang = self.env["kerjasama.bidang"].browse(entry["id"])
            self.assertEqual(len(on_edges), by_bidang[bidang], entry["name"])
            self.assertEqual(
                entry["edges"], sum(1 for key in expected_edges if key[2] == entry["id"])
            )
        cross = [
            e
            for e in network["edges"]
            if {e["source"], e["target"]} == {f"d{self.desa_a1.id}", f"d{self.desa_b1.id}"}
        ]
        self.assertEqual(len(cross), 1, "the cross-kecamatan agreement joins two clusters")
        self.assertEqual(cross[0]["bidang_id"], self.bidang_other.id)
        kecamatan = {f"d{d.id}": d.kecamatan_id for d in self.desa_a1 | self.desa_a2}
        kecamatan.update({f"d{d.id}": d.kecamatan_id for d in self.desa_b1 | self.desa_b2})
        self.assertEqual(
            {e["key"] for e in network["edges"] if e["cross"]},
            {
                e["key"]
                for e in network["edges"]
                if e["kind"] == "antar_desa" and kecamatan[e["source"]] != kecamatan[e["target"]]
            },
        )
        self.assertEqual(len([e for e in network["edges"] if e["cross"]]), 3)
        self.assertNotEqual(
            network["bidang"][0]["color"], network["bidang"][1]["color"], "edges by bidang"
        )

    def test_network_filters(self):
        Map = self._map(self.user_dpmd)
        network = Map.get_network(year=2025)
        self.assertEqual(network["agreement_count"], 1)
        self.assertEqual(
            {e["key"] for e in network["edges"]},
            {f"d{self.desa_a1.id}-d{self.desa_b1.id}-{self.bidang_other.id}"},
        )
        self.assertEqual(network["filters"]["years"], [2026, 2025])
        network = Map.get_network(stage="persiapan")
        self.assertEqual(
            network["agreement_count"],
            self._agreements(self.user_dpmd).search_count([("state", "=", "persiapan")]),
        )
        self.assertTrue(network["agreement_count"])
        for edge in network["edges"]:
            self.assertIn(("state", "=", "persiapan"), edge["domain"])
        # a kecamatan brings its partners of other kecamatan with it
        network = Map.get_network(kecamatan_id=self.region_kecamatan_b.id)
        desa = {n["id"] for n in network["nodes"] if n["kind"] == "desa"}
        self.assertEqual(desa, set((self.desa_a1 | self.desa_a2 | self.desa_b1 | self.desa_b2).ids))
        # the layout is deterministic
        self.assertEqual(Map.get_network(), Map.get_network())

    def test_network_of_the_camat_follows_his_record_rules(self):
        network = self._map(self.user_kecamatan_a).get_network()
        Agreement = self._agreements(self.user_kecamatan_a)
        self.assertEqual(network["agreement_count"], Agreement.search_count([]))
        keys = {n["key"] for n in network["nodes"]}
        # the cross-kecamatan agreement brings its desa of kecamatan B, not the others of B
        self.assertIn(f"d{self.desa_b1.id}", keys)
        self.assertNotIn(f"p{self.partner_swasta.id}", keys, "B1's third party is not his")
        self.assertNotIn(f"d{self.desa_other.id}", keys)
        for edge in network["edges"]:
            self.assertEqual(Agreement.search_count(edge["domain"]), edge["count"])

    def test_network_capped_with_a_message(self):
        with patch.object(kerjasama_map, "MAX_NODES", 2):
            network = self._map(self.user_dpmd).get_network()
        self.assertTrue(network["too_many"])
        self.assertFalse(network["nodes"])
        self.assertIn("choose a kecamatan", network["message"])
        self.assertTrue(network["filters"]["kecamatan"], "the filters stay available")

    def test_regions_figures_equal_read_group(self):
        Map = self._map(self.user_dpmd)
        Agreement = self._agreements(self.user_dpmd)
        # the DPMD starts at his kabupaten: its kecamatan
        regions = Map.get_regions()
        self.assertEqual(regions["region_id"], self.region_kabupaten.id)
        self.assertEqual(regions["level"], "kecamatan")
        self.assertEqual(
            [c["name"] for c in regions["breadcrumbs"]],
            ["Indonesia", "Provinsi Uji", "Kabupaten Uji"],
        )
        expected = {
            region.id: (count, amount)
            for region, count, amount in Agreement._read_group(
                [], ["kecamatan_ids"], ["__count", "amount_total:sum"]
            )
        }
        rows = {r["id"]: (r["count"], r["amount"]) for r in regions["rows"]}
        self.assertEqual(rows, expected)
        for row in regions["rows"]:
            self.assertEqual(Agreement.search_count(row["domain"]), row["count"])
            self.assertTrue(row["drill"])
        total_count, total_amount = Agreement._read_group([], [], ["__count", "amount_total:sum"])[
            0
        ]
        self.assertEqual(
            (regions["total"]["count"], regions["total"]["amount"]), (total_count, total_amount)
        )
        self.assertEqual(regions["max_count"], max(c for c, _a in expected.values()))
        # down to the desa of kecamatan A (the kelurahan shows, empty)
        regions = Map.get_regions(self.region_kecamatan_a.id)
        self.assertEqual(regions["level"], "desa")
        expected = {
            region.id: (count, amount)
            for region, count, amount in Agreement._read_group(
                [("region_ids", "child_of", self.region_kecamatan_a.id)],
                ["region_ids"],
                ["__count", "amount_total:sum"],
            )
            if region.kecamatan_id == self.region_kecamatan_a
        }
        rows = {r["id"]: (r["count"], r["amount"]) for r in regions["rows"] if r["count"]}
        self.assertEqual(rows, expected)
        self.assertIn(self.kelurahan_a.id, [r["id"] for r in regions["rows"]])
        self.assertFalse(any(r["drill"] for r in regions["rows"]))
        for row in regions["rows"]:
            self.assertEqual(Agreement.search_count(row["domain"]), row["count"])
        # up to the provinces: only the DPMD's own province, his figures only
        regions = Map.get_regions(0)
        self.assertEqual(regions["level"], "provinsi")
        self.assertEqual([r["id"] for r in regions["rows"]], self.region_provinsi.ids)
        self.assertEqual(regions["rows"][0]["count"], total_count)
        regions = Map.get_regions(self.region_provinsi.id)
        self.assertEqual([r["id"] for r in regions["rows"]], self.region_kabupaten.ids)

    def test_regions_of_the_province_supervisor(self):
        Agreement = self._agreements(self.user_supervisor)
        regions = self._map(self.user_supervisor).get_regions()
        self.assertEqual(regions["level"], "kabupaten")
        expected = {
            region.id: (count, amount)
            for region, count, amount in Agreement._read_group(
                [], ["kabupaten_id"], ["__count", "amount_total:sum"]
            )
        }
        rows = {r["id"]: (r["count"], r["amount"]) for r in regions["rows"]}
        self.assertEqual(rows, expected)
        self.assertIn(self.region_kabupaten_other.id, rows)
        self.assertEqual(rows[self.region_kabupaten_other.id], (1, 7_500_000))

    def test_coordinates_of_a_desa(self):
        self.desa_a1.write({"latitude": -7.2036, "longitude": 107.929})
        self.assertAlmostEqual(self.desa_a1.latitude, -7.2036)
        with self.assertRaises(ValidationError):
            self.desa_a1.latitude = 95
        with self.assertRaises(ValidationError):
            self.desa_a1.longitude = -181
