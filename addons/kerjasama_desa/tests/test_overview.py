from freezegun import freeze_time

from odoo import Command, fields
from odoo.tests import new_test_user, tagged

from .common import STATE_ORDER, KerjasamaDesaCommon

D = fields.Date.to_date
TODAY = "2026-10-15"


@freeze_time(TODAY)
@tagged("post_install", "-at_install")
class TestOverview(KerjasamaDesaCommon):
    """The home of each role (``kerjasama.overview``): its figures are the grouped counts of
    the records the user may read, and each comes with the domain of its list."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # A1 + A2 running to 2027 (its first semester report is overdue), with an open dispute
        cls.running = cls.advance_agreement(cls.create_agreement(title="Berjalan"), "berjalan")
        # A1 + B1 across kecamatan, running to the end of 2026: ending within 90 days
        cls.ending = cls.advance_agreement(
            cls.create_agreement(
                title="Segera berakhir", desa=cls.desa_a1 | cls.desa_b1, date_end=D("2026-12-31")
            ),
            "berjalan",
        )
        # B1 with a third party, signed, waiting for the camat's forwarding
        cls.signed = cls.advance_agreement(
            cls.create_agreement(kind="pihak_ketiga", desa=cls.desa_b1, title="Ditandatangani"),
            "evaluasi",
        )
        # A1 + A2 in signing: waits for both kepala desa
        cls.signing = cls.advance_agreement(
            cls.create_agreement(title="Penandatanganan"), "penandatanganan"
        )
        cls.draft = cls.create_agreement(kind="pihak_ketiga", title="Persiapan")
        cls.other = cls.create_agreement(
            kind="pihak_ketiga", desa=cls.desa_other, title="Kabupaten lain"
        )
        cls.env["kerjasama.dispute"].create(
            {
                "name": "Pembagian hasil",
                "agreement_id": cls.running.id,
                "date": D("2026-06-01"),
                "description": "Para pihak berbeda pendapat tentang pembagian hasil.",
                "party_ids": [Command.set(cls.running.party_ids.ids)],
            }
        )
        cls.Overview = cls.env["kerjasama.overview"]

    def _overview(self, user):
        return self.Overview.with_user(user).get_overview()

    def _alerts(self, data):
        return {alert["key"]: alert for alert in data["alerts"]}

    def _check_region_figures(self, user):
        """Every figure equals the grouped count of the user's readable records, and opening
        its domain as the user finds as many records."""
        data = self._overview(user)
        self.assertEqual(data["mode"], "region")
        Agreement = self.env["kerjasama.agreement"].with_user(user)
        groups = Agreement._read_group([], ["state"], ["__count", "amount_total:sum"])
        expected = {state: (count, amount) for state, count, amount in groups}
        self.assertEqual(
            [stage["key"] for stage in data["stages"]],
            [*STATE_ORDER, "dibatalkan"],
            "stages in lifecycle order, not alphabetical",
        )
        for stage in data["stages"]:
            count, amount = expected.get(stage["key"], (0, 0.0))
            self.assertEqual(stage["count"], count, stage["key"])
            self.assertEqual(stage["amount"], amount, stage["key"])
            self.assertEqual(
                Agreement.search_count(stage["domain"]), count, "the list shows the count"
            )
        self.assertEqual(data["total"]["count"], Agreement.search_count([]))
        for alert in data["alerts"]:
            Model = self.env[alert["model"]].with_user(user)
            self.assertEqual(Model.search_count(alert["domain"]), alert["count"], alert["key"])
        breakdown = data["breakdown"]
        for row in breakdown["rows"]:
            self.assertEqual(sum(cell["count"] for cell in row["cells"]), row["count"])
            self.assertEqual(Agreement.search_count(row["domain"]), row["count"], row["name"])
            for cell in row["cells"] + row["extra_cells"]:
                self.assertEqual(
                    Agreement.search_count(cell["domain"]), cell["count"], (row, cell["key"])
                )
        return data

    def test_kecamatan_key_follows_the_parties(self):
        """The key the DPMD's breakdown groups on is the agreement's kecamatan, kept with them."""
        agreement = self.create_agreement(title="Kunci kecamatan")
        self.assertEqual(agreement.kecamatan_key, str(self.desa_a1.kecamatan_id.id))
        agreement.party_ids[-1:].region_id = self.desa_b1
        agreement.flush_recordset()
        ids = sorted(agreement.kecamatan_ids.ids)
        self.assertEqual(len(ids), 2)
        self.assertEqual(agreement.kecamatan_key, ",".join(map(str, ids)))
        self.env.cr.execute(
            """SELECT string_agg(region_id::text, ',' ORDER BY region_id)
                 FROM kerjasama_agreement_kecamatan_rel WHERE agreement_id = %s""",
            (agreement.id,),
        )
        self.assertEqual(self.env.cr.fetchone()[0], agreement.kecamatan_key)

    def test_dpmd_overview(self):
        data = self._check_region_figures(self.user_dpmd)
        counts = {stage["key"]: stage["count"] for stage in data["stages"]}
        self.assertEqual(counts["berjalan"], 2)
        self.assertEqual(counts["evaluasi"], 1)
        self.assertEqual(counts["penandatanganan"], 1)
        self.assertEqual(counts["persiapan"], 1, "the other kabupaten's draft is not counted")
        self.assertEqual(data["total"]["count"], 5)
        self.assertEqual(
            data["total"]["amount"],
            sum(
                (self.running | self.ending | self.signed | self.signing | self.draft).mapped(
                    "amount_total"
                )
            ),
        )
        alerts = self._alerts(data)
        self.assertEqual(alerts["awaiting_forward"]["count"], 1)
        self.assertEqual(alerts["awaiting_evaluation"]["count"], 0)
        overdue = self.env["kerjasama.implementation.report"].search(
            [
                ("agreement_id", "in", (self.running | self.ending).ids),
                ("state", "=", "draft"),
                ("date_due", "<", D(TODAY)),
            ]
        )
        self.assertTrue(overdue)
        self.assertEqual(alerts["reports_overdue"]["count"], len(overdue))
        self.assertEqual(alerts["ending_soon"]["count"], 1)
        self.assertEqual(alerts["disputes_open"]["count"], 1)
        # per kecamatan of the kabupaten; the cross-kecamatan agreement counts in both
        breakdown = data["breakdown"]
        rows = {row["name"]: row for row in breakdown["rows"]}
        self.assertEqual(list(rows), ["Kecamatan Satu", "Kecamatan Dua"])
        self.assertEqual(rows["Kecamatan Satu"]["count"], 4)
        self.assertEqual(rows["Kecamatan Dua"]["count"], 2)
        extra = {cell["key"]: cell["count"] for cell in rows["Kecamatan Dua"]["extra_cells"]}
        self.assertEqual(extra, {"reports_overdue": 1, "ending_soon": 1, "disputes_open": 0})

    def test_forwarded_agreement_awaits_evaluation(self):
        self.forward(self.signed, camat=self.user_kecamatan_b)
        alerts = self._alerts(self._check_region_figures(self.user_dpmd))
        self.assertEqual(alerts["awaiting_forward"]["count"], 0)
        self.assertEqual(alerts["awaiting_evaluation"]["count"], 1)

    def test_camat_overview(self):
        data = self._check_region_figures(self.user_kecamatan_a)
        self.assertEqual(data["total"]["count"], 4, "agreements of desa of kecamatan A")
        rows = [row["name"] for row in data["breakdown"]["rows"]]
        self.assertEqual(rows, ["Sukamaju", "Sukamulya"], "only the desa of his kecamatan")
        self.assertEqual(self._alerts(data)["awaiting_forward"]["count"], 0)
        data_b = self._check_region_figures(self.user_kecamatan_b)
        self.assertEqual(self._alerts(data_b)["awaiting_forward"]["count"], 1)

    def test_supervisor_admin_national(self):
        data = self._check_region_figures(self.user_supervisor)
        self.assertEqual(data["total"]["count"], 6, "the whole province")
        self.assertEqual(
            [row["name"] for row in data["breakdown"]["rows"]], ["Kabupaten Uji", "Kabupaten Lain"]
        )
        self.assertEqual(self._check_region_figures(self.user_admin)["total"]["count"], 5)
        national = self._check_region_figures(self.user_national_admin)
        self.assertGreaterEqual(national["total"]["count"], 6)
        self.assertEqual(self._check_region_figures(self.user_dpmd_other)["total"]["count"], 1)

    def _items(self, user):
        data = self._overview(user)
        self.assertEqual(data["mode"], "village")
        items = {item["key"]: item for item in data["items"]}
        for item in items.values():
            Model = self.env[item["model"]].with_user(user)
            self.assertEqual(Model.search_count(item["domain"]), item["count"], item["key"])
            self.assertEqual(len(item["records"]), min(item["count"], 5))
        return data, items

    def test_village_head(self):
        data, items = self._items(self.user_kades_a1)
        self.assertEqual(items["signature"]["count"], 1)
        self.assertEqual(items["signature"]["records"][0]["id"], self.signing.id)
        self.assertEqual(items["drafts"]["count"], 1)
        self.assertEqual(items["reports"]["count"], 2, "overdue reports of both agreements")
        self.assertNotIn("consent", {k for k, i in items.items() if i["count"]})
        stages = {stage["key"]: stage["count"] for stage in data["stages"]}
        self.assertEqual(stages["berjalan"], 2)
        # once signed, the signature no longer waits
        self.sign_all(self.signing)
        self.assertEqual(self._items(self.user_kades_a1)[1]["signature"]["count"], 0)
        _data, items_b1 = self._items(self.user_kades_b1)
        self.assertEqual(items_b1["signature"]["count"], 0)
        self.assertEqual(items_b1["drafts"]["count"], 0)

    def test_bpd_musyawarah_and_consent(self):
        agreement = self.create_agreement(title="Musyawarah")
        self.advance_agreement(agreement, "musyawarah")
        _data, items = self._items(self.user_bpd_a1)
        self.assertEqual(set(items), {"musyawarah", "consent"})
        self.assertEqual(items["musyawarah"]["count"], 1)
        self.assertEqual(items["consent"]["count"], 0)
        meeting = self.env["kerjasama.musyawarah"].create(
            {
                "agreement_id": agreement.id,
                "region_id": self.desa_a1.id,
                "date": D("2025-11-15"),
                "berita_acara_number": "BA/MD/01",
                "decision": "agreed",
            }
        )
        _data, items = self._items(self.user_bpd_a1)
        self.assertEqual(items["musyawarah"]["count"], 0)
        self.assertEqual(items["consent"]["count"], 1)
        self.assertEqual(items["consent"]["records"][0]["id"], meeting.id)
        self.assertEqual(self._items(self.user_bpd_a2)[1]["musyawarah"]["count"], 1)

    def test_treasurer_budget_lines(self):
        _data, items = self._items(self.user_bendahara_a1)
        self.assertEqual(set(items), {"budget"})
        Funding = self.env["kerjasama.agreement.funding"]
        expected = Funding.search_count(
            [
                ("region_id", "=", self.desa_a1.id),
                ("is_unbudgeted", "=", True),
                ("agreement_id.state", "not in", ("berakhir", "dibatalkan")),
            ]
        )
        self.assertTrue(expected)
        self.assertEqual(items["budget"]["count"], expected)

    def test_home_action_and_time_zone(self):
        overview = self.env.ref("kerjasama_desa.kerjasama_overview_action")
        my_work = self.env.ref("kerjasama_desa.kerjasama_my_work_action")
        for user in (self.user_dpmd, self.user_kecamatan_a, self.user_supervisor, self.user_admin):
            self.assertEqual(user.action_id.id, overview.id, user.login)
        for user in (self.user_kades_a1, self.user_bpd_a1, self.user_bendahara_a1):
            self.assertEqual(user.action_id.id, my_work.id, user.login)
            self.assertEqual(user.tz, "Asia/Jakarta")
        # a new user of the suite in Bali gets Central Indonesian Time; a role change moves
        # the home; a home chosen by hand stays
        bali = self.env["kerjasama.region"].create(
            {"code": "51", "name": "Bali", "level": "provinsi"}
        )
        user = new_test_user(
            self.env,
            login="test.bali",
            groups="kerjasama_desa.kerjasama_desa_group_bpd",
            kerjasama_region_ids=[Command.set(bali.ids)],
        )
        self.assertEqual(user.tz, "Asia/Makassar")
        self.assertEqual(user.action_id.id, my_work.id)
        user.groups_id = [Command.link(self.env.ref("kerjasama_desa.kerjasama_desa_group_dpmd").id)]
        self.assertEqual(user.action_id.id, overview.id)
        chosen = self.env.ref("kerjasama_desa.kerjasama_agreement_action")
        user.action_id = chosen.id
        user.groups_id = [Command.link(self.env.ref("kerjasama_desa.kerjasama_desa_group_bpd").id)]
        self.assertEqual(user.action_id.id, chosen.id)
        # someone outside the suite keeps Odoo's defaults
        plain = new_test_user(self.env, login="test.plain", groups="base.group_user")
        self.assertFalse(plain.action_id)
        self.assertFalse(plain.tz)
