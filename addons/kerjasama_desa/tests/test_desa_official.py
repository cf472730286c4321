import datetime

from psycopg2 import IntegrityError

from odoo import SUPERUSER_ID, api
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import TransactionCase, tagged
from odoo.tools import mute_logger

from .common import KerjasamaDesaCommon

D = datetime.date


@tagged("post_install", "-at_install")
class TestDesaOfficial(KerjasamaDesaCommon):
    """The officials register of a desa: terms, one holder per seat, look-up and access."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Official = cls.env["kerjasama.desa.official"]

    def _official(self, office="kepala_desa", region=None, start="2020-01-10", **vals):
        values = {
            "name": vals.pop("name", f"Pejabat {office}"),
            "region_id": (region or self.desa_a1).id,
            "office": office,
            "date_start": start,
        }
        values.update(vals)
        return self.Official.create(values)

    # ------------------------------------------------------------------ terms
    def test_eight_year_term_proposed(self):
        kades = self._official("kepala_desa", start="2020-01-10")
        self.assertEqual(kades.date_end, D(2028, 1, 9))
        bpd = self._official("anggota_bpd", start="2024-02-29")
        self.assertEqual(bpd.date_end, D(2032, 2, 28))
        sekdes = self._official("sekretaris_desa", start="2019-05-01")
        self.assertFalse(sekdes.date_end)
        pj = self._official("pj_kepala_desa", region=self.desa_a2, start="2019-05-01")
        self.assertFalse(pj.date_end)
        # an end given (a term cut short) is kept
        early = self._official("ketua_bpd", start="2020-01-10", date_end="2023-06-30")
        self.assertEqual(early.date_end, D(2023, 6, 30))
        self.assertEqual(kades.display_name, "Pejabat kepala_desa (Kepala Desa Sukamaju)")

    def test_only_desa(self):
        for region in (self.kelurahan_a, self.region_kecamatan_a):
            with self.subTest(region=region.name), self.assertRaises(ValidationError) as caught:
                self._official(region=region)
            self.assertIn("not a desa", str(caught.exception))
        self.assertFalse(self.Official.search([("region_id", "=", self.kelurahan_a.id)]))

    def test_implausible_dates(self):
        with self.assertRaises(ValidationError):
            self._official(start="1900-01-01")
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
            with self.env.cr.savepoint():
                self._official("sekretaris_desa", start="2020-01-01", date_end="2019-01-01")

    # ------------------------------------------------------------------ one holder per seat
    def test_one_kepala_desa_at_a_time(self):
        first = self._official(name="Asep", start="2016-01-10")  # until 2024-01-09
        second = self._official(name="Ujang", start="2024-01-10")  # consecutive: fine
        before = self.Official.search_count([])
        with self.assertRaises(ValidationError) as caught:
            self._official(name="Dadang", start="2023-06-01", date_end="2023-12-31")
        message = str(caught.exception)
        self.assertIn("Asep", message)
        self.assertIn("Dadang", message)
        self.assertIn("Kepala Desa", message)
        # a penjabat holds the same seat
        with self.assertRaises(ValidationError):
            self._official("pj_kepala_desa", name="Pj", start="2025-01-01", date_end="2025-12-31")
        # moving a term over another one is refused too, and changes nothing
        with self.assertRaises(ValidationError) as caught:
            second.write({"date_start": "2023-12-01"})
        self.assertIn("Asep", str(caught.exception))
        self.assertEqual(second.date_start, D(2024, 1, 10))
        self.assertEqual(self.Official.search_count([]), before)
        # another desa, or a seat with several holders, is no conflict
        self._official(name="Cecep", region=self.desa_a2, start="2023-06-01")
        self._official("anggota_bpd", name="Anggota 1", start="2023-06-01")
        self._official("anggota_bpd", name="Anggota 2", start="2023-06-01")
        # an archived (mistaken) record frees the seat
        first.active = False
        self._official(name="Dadang", start="2016-02-01", date_end="2024-01-09")

    def test_open_term_blocks_later_holders(self):
        self._official("sekretaris_desa", name="Sekdes Lama", start="2010-01-01")
        with self.assertRaises(ValidationError) as caught:
            self._official("sekretaris_desa", name="Sekdes Baru", start="2025-01-01")
        self.assertIn("an open end", str(caught.exception))

    # ------------------------------------------------------------------ look-up
    def test_get_official(self):
        old = self._official(name="Kades Lama", start="2012-01-01")  # until 2019-12-31
        pj = self._official(
            "pj_kepala_desa", name="Pj Kades", start="2020-01-01", date_end="2020-06-30"
        )
        new = self._official(name="Kades Baru", start="2020-07-01")
        other = self._official(name="Kades A2", region=self.desa_a2, start="2021-01-01")
        sekdes = self._official("sekretaris_desa", name="Sekdes", start="2015-01-01")
        regions = self.desa_a1 | self.desa_a2 | self.desa_b1
        with self.assertQueryCount(__system__=1):
            # one query: the search reads the records it finds
            found = self.Official._get_official(regions, "kepala_desa", D(2020, 3, 1))
            self.assertEqual(found[self.desa_a1].name, "Pj Kades")
        self.assertEqual(found[self.desa_a1], pj)
        self.assertFalse(found[self.desa_a2])  # not yet in office
        self.assertFalse(found[self.desa_b1])
        self.assertEqual(set(found), set(regions))
        found = self.Official._get_official(regions, "kepala_desa", "2021-05-05")
        self.assertEqual(found[self.desa_a1], new)
        self.assertEqual(found[self.desa_a2], other)
        self.assertEqual(
            self.Official._get_official(regions, "kepala_desa", "2015-01-01")[self.desa_a1], old
        )
        self.assertEqual(
            self.Official._get_official(self.desa_a1, "sekretaris_desa", "2021-05-05")[
                self.desa_a1
            ],
            sekdes,
        )
        # the names are for documents every party reads: a kepala desa of another desa too
        found = self.Official.with_user(self.user_kades_b1)._get_official(
            regions, "kepala_desa", "2021-05-05"
        )
        self.assertEqual(found[self.desa_a1].name, "Kades Baru")

    def test_current_filter(self):
        today = datetime.date.today()
        current = self._official("sekretaris_desa", start=today.replace(year=today.year - 2))
        ended = self._official(
            "ketua_bpd",
            start=today.replace(year=today.year - 10),
            date_end=today.replace(year=today.year - 2),
        )
        self.assertTrue(current.is_current)
        self.assertFalse(ended.is_current)
        in_office = self.Official.search([("is_current", "=", True)])
        self.assertIn(current, in_office)
        self.assertNotIn(ended, in_office)
        self.assertIn(ended, self.Official.search([("is_current", "=", False)]))

    # ------------------------------------------------------------------ access
    def test_access(self):
        a1 = self._official(name="Kades A1", start="2020-01-01")
        a2 = self._official(name="Kades A2", region=self.desa_a2, start="2020-01-01")
        other = self._official(name="Kades Seberang", region=self.desa_other, start="2020-01-01")
        vals = {"name": "Sekdes", "office": "sekretaris_desa", "date_start": "2021-01-01"}
        # the desa's own officers keep its register, and only its register
        for user in (self.user_kades_a1, self.user_perangkat_a1):
            with self.subTest(user=user.login):
                Official = self.Official.with_user(user)
                self.assertEqual(Official.search([]), a1)
                created = Official.create(dict(vals, region_id=self.desa_a1.id, name=user.login))
                created.write({"phone": "0812"})
                with self.assertRaises(AccessError):
                    Official.create(dict(vals, region_id=self.desa_a2.id))
                with self.assertRaises(AccessError):
                    a2.with_user(user).write({"phone": "0812"})
                with self.assertRaises(AccessError):
                    created.unlink()
                created.sudo().active = False
        # the BPD and the camat read, never write
        for user in (self.user_bpd_a1, self.user_kecamatan_a):
            with self.subTest(user=user.login):
                self.assertIn(a1, self.Official.with_user(user).search([]))
                self.assertNotIn(other, self.Official.with_user(user).search([]))
                with self.assertRaises(AccessError):
                    a1.with_user(user).write({"phone": "0812"})
        self.assertEqual(self.Official.with_user(self.user_bpd_a1).search([]), a1)
        # the DPMD keeps the register of its kabupaten
        dpmd = self.Official.with_user(self.user_dpmd)
        self.assertEqual(dpmd.search([]), a1 | a2)
        a2.with_user(self.user_dpmd).write({"sk_number": "141/1/2020"})
        with self.assertRaises(AccessError):
            other.with_user(self.user_dpmd).write({"sk_number": "X"})
        # BINWAS reads its province
        supervisor = self.Official.with_user(self.user_supervisor)
        self.assertEqual(supervisor.search([]), a1 | a2 | other)
        with self.assertRaises(AccessError):
            supervisor.create(dict(vals, region_id=self.desa_a1.id))


@tagged("post_install", "-at_install")
class TestDesaOfficialRace(TransactionCase):
    """Two users registering a kepala desa of one desa at once: the database decides, and the
    loser reads a clear message. Works in its own committed cursors and cleans up."""

    def setUp(self):
        super().setUp()
        with self.env.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
            Region = env["kerjasama.region"]
            provinsi = Region.create({"code": "96", "name": "Provinsi Pejabat"})
            kabupaten = Region.create({"code": "96.01", "name": "Kab Pejabat"})
            kecamatan = Region.create({"code": "96.01.01", "name": "Kec Pejabat"})
            desa = Region.create({"code": "96.01.01.2001", "name": "Desa Pejabat"})
            self.region_ids = [desa.id, kecamatan.id, kabupaten.id, provinsi.id]
            self.desa_id = desa.id
        self.addCleanup(self._cleanup)

    def _cleanup(self):
        with self.env.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            cr.execute("DELETE FROM kerjasama_desa_official WHERE region_id = %s", [self.desa_id])
            partners = env["kerjasama.region"].browse(self.region_ids).partner_id
            cr.execute("DELETE FROM kerjasama_region WHERE id = ANY(%s)", [self.region_ids])
            partners.unlink()

    def test_concurrent_kepala_desa(self):
        Official = "kerjasama.desa.official"
        vals = {"region_id": self.desa_id, "office": "kepala_desa"}
        with self.env.registry.cursor() as cr_a, self.env.registry.cursor() as cr_b:
            env_a = api.Environment(cr_a, SUPERUSER_ID, {"tracking_disable": True})
            env_b = api.Environment(cr_b, SUPERUSER_ID, {"tracking_disable": True})
            # B's snapshot is taken before A commits: B sees a free seat
            self.assertFalse(env_b[Official].search([("region_id", "=", self.desa_id)]))
            env_a[Official].create(dict(vals, name="Asep", date_start="2022-01-01"))
            cr_a.commit()
            self.assertFalse(env_b[Official].search([("region_id", "=", self.desa_id)]))
            with self.assertRaisesRegex(ValidationError, "(?i)another transaction"):
                env_b[Official].create(dict(vals, name="Ujang", date_start="2023-01-01"))
            cr_b.rollback()
        with self.env.registry.cursor() as cr:
            cr.execute(
                "SELECT name FROM kerjasama_desa_official WHERE region_id = %s", [self.desa_id]
            )
            self.assertEqual(cr.fetchall(), [("Asep",)])
