import socket

from odoo.tests import HttpCase, tagged

from .common import KerjasamaNationalCommon


def _closed_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@tagged("post_install", "-at_install")
class TestRollup(KerjasamaNationalCommon, HttpCase):
    """Two kabupaten instances feed a province through HTTP with API keys.

    The kabupaten are the two regencies of the test database, each read through the API key of
    its own DPMD officer (whose record rules give exactly his kabupaten's register), served by
    the test server; the province is the same database's roll-up."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Keys = cls.env["res.users.apikeys"]
        cls.key_kab = Keys.with_user(cls.user_dpmd).sudo()._generate(None, "roll-up", None)
        cls.key_other = Keys.with_user(cls.user_dpmd_other).sudo()._generate(None, "roll-up", None)

    def _source(self, name, key, url=None):
        return self.env["kerjasama.national.source"].create(
            {
                "name": name,
                "url": url or self.base_url(),
                "database": self.env.cr.dbname,
                "api_key": key,
            }
        )

    def test_http_requires_a_valid_key(self):
        url = f"{self.base_url()}/kerjasama/api/dataset?db={self.env.cr.dbname}"
        self.assertEqual(self.url_open(url).status_code, 401)
        response = self.url_open(url, headers={"Authorization": "Bearer salah"})
        self.assertEqual(response.status_code, 401)
        response = self.url_open(url, headers={"Authorization": f"Bearer {self.key_kab}"})
        self.assertEqual(response.status_code, 200, response.text)
        data = response.json()
        self.env["kerjasama.dataset"]._dataset_validate(data)
        self.assertEqual(
            sorted(r["register_number"] for r in data["agreements"]),
            sorted((self.agreement_antar | self.agreement_swasta).mapped("name")),
        )

    def test_rollup_two_kabupaten_into_a_province(self):
        garut = self._source("Kabupaten Uji", self.key_kab)
        other = self._source("Kabupaten Lain", self.key_other)
        (garut | other).action_pull()
        self.assertEqual((garut.state, other.state), ("ok", "ok"))
        self.assertEqual((garut.last_created, other.last_created), (2, 1))
        Mirror = self.env["kerjasama.national.agreement"]
        self.assertEqual(
            sorted(Mirror.search([]).mapped("register_number")),
            sorted(
                (self.agreement_antar | self.agreement_swasta | self.agreement_other).mapped("name")
            ),
        )
        row = Mirror.search([("register_number", "=", self.agreement_other.name)])
        self.assertEqual(row.source_id, other)
        self.assertEqual(row.kabupaten_id, self.region_kabupaten_other)
        self.assertEqual(row.provinsi_id, self.region_provinsi)

        # a second pull changes nothing
        garut.action_pull()
        self.assertEqual((garut.state, garut.last_created, garut.last_updated), ("ok", 0, 0))
        self.assertEqual(Mirror.search_count([]), 3)

        # an edit in the kabupaten arrives with the next pull (incremental, since the cursor)
        self.agreement_antar.sudo().write({"objective": "Air bersih dan sanitasi."})
        self.agreement_antar.party_ids[:1].sudo().write({"signatory_title": "Kepala Desa"})
        garut.action_pull()
        self.assertEqual((garut.last_created, garut.last_updated), (0, 1))
        self.assertTrue(garut.cursor)

        # a wrong key or an unreachable source: reported, last good data kept
        garut.api_key = "kunci-salah"
        garut.action_pull()
        self.assertEqual(garut.state, "error")
        self.assertIn("401", garut.last_error)
        self.assertEqual(garut.agreement_count, 2)
        other.url = f"http://127.0.0.1:{_closed_port()}"
        other.action_pull()
        self.assertEqual(other.state, "error")
        self.assertEqual(other.agreement_count, 1)
        self.assertTrue(other.last_success)

    def test_supervisor_reads_the_rollup_not_the_keys(self):
        source = self._source("Kabupaten Uji", self.key_kab)
        source.action_pull()
        rows = self.env["kerjasama.national.agreement"].with_user(self.user_supervisor).search([])
        self.assertEqual(len(rows), 2)
        record = source.with_user(self.user_supervisor).read(["name", "state"])[0]
        self.assertEqual(record["state"], "ok")
        self.assertNotIn("api_key", source.with_user(self.user_supervisor).fields_get())

    def test_province_home_shows_the_rollup_beside_its_own(self):
        garut = self._source("Kabupaten Uji", self.key_kab)
        other = self._source("Kabupaten Lain", self.key_other)
        (garut | other).action_pull()
        other.api_key = "kunci-salah"
        other.action_pull()
        data = self.env["kerjasama.overview"].with_user(self.user_supervisor).get_overview()
        self.assertEqual(data["mode"], "region")
        self.assertIn("stages", data, "its own register stays on the home")
        rollup = data["rollup"]
        rows = {row["name"]: row for row in rollup["rows"]}
        self.assertEqual(set(rows), {"Kabupaten Uji", "Kabupaten Lain"})
        Mirror = self.env["kerjasama.national.agreement"]
        for source in garut | other:
            row = rows[source.name]
            expected = {
                state: (count, amount)
                for state, count, amount in Mirror._read_group(
                    [("source_id", "=", source.id)], ["state"], ["__count", "amount_total:sum"]
                )
            }
            for cell in row["cells"]:
                self.assertEqual(
                    (cell["count"], cell["amount"]), expected.get(cell["key"], (0, 0.0))
                )
                self.assertEqual(
                    Mirror.search_count(cell["domain"]), cell["count"], "each figure opens its list"
                )
            self.assertEqual(row["total"]["count"], source.agreement_count)
        self.assertEqual(rows["Kabupaten Uji"]["status"], "ok")
        self.assertTrue(rows["Kabupaten Uji"]["last_success"])
        self.assertEqual(rows["Kabupaten Lain"]["status"], "error")
        self.assertIn("401", rows["Kabupaten Lain"]["last_error"])
        # a village user's home has no roll-up
        village = self.env["kerjasama.overview"].with_user(self.user_kades_a1).get_overview()
        self.assertNotIn("rollup", village)
