import csv
import gzip
from collections import Counter

from psycopg2 import IntegrityError

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, new_test_user, tagged
from odoo.tools import mute_logger
from odoo.tools.misc import file_path

from .common import KerjasamaRegionCommon

ADMIN = "kerjasama_desa.kerjasama_desa_group_admin"
# Kota Solok (Sumatera Barat): a small kota, absent from the demo data.
KOTA_SOLOK = "13.72"


class UndoError(Exception):
    """Raised to roll a savepoint back."""


def shipped_rows(kabupaten_code):
    """Rows of the shipped file for one kabupaten, read independently of the loader."""
    path = file_path("kerjasama_desa/data/wilayah/kode_wilayah_kepmendagri_2025.csv.gz")
    with gzip.open(path, mode="rt", encoding="utf-8", newline="") as handle:
        return [row for row in csv.DictReader(handle) if row["kode_kabupaten"] == kabupaten_code]


@tagged("kerjasama_desa_region")
class TestRegionCode(KerjasamaRegionCommon):
    def test_hierarchy_filled_from_code(self):
        self.assertEqual(self.kab.parent_id, self.prov)
        self.assertEqual(self.desa.parent_id, self.kec)
        self.assertEqual(self.desa.level, "desa")
        self.assertEqual(self.desa.village_type, "desa")
        self.assertEqual(self.kelurahan.village_type, "kelurahan")
        self.assertEqual(self.desa_adat.village_type, "desa_adat")
        self.assertFalse(self.kec.village_type)
        self.assertTrue(self.kota.is_kota)
        self.assertFalse(self.kab.is_kota)
        # ancestor shortcuts, the region itself at its own level
        self.assertEqual(self.prov.provinsi_id, self.prov)
        self.assertFalse(self.prov.kabupaten_id)
        self.assertEqual(self.kab.provinsi_id, self.prov)
        self.assertEqual(self.kab.kabupaten_id, self.kab)
        self.assertFalse(self.kab.kecamatan_id)
        self.assertEqual(self.kec.kabupaten_id, self.kab)
        self.assertEqual(self.kec.kecamatan_id, self.kec)
        self.assertEqual(
            (self.desa.provinsi_id, self.desa.kabupaten_id, self.desa.kecamatan_id),
            (self.prov, self.kab, self.kec),
        )
        self.assertEqual(
            self.desa.parent_path,
            f"{self.prov.id}/{self.kab.id}/{self.kec.id}/{self.desa.id}/",
        )

    def test_display_name(self):
        self.assertEqual(self.kab.display_name, "98.01 Kabupaten Contoh")
        self.assertEqual(self.kec.display_name, "98.01.01 Kecamatan Sukasari")
        self.assertEqual(self.desa.display_name, "98.01.01.2001 Desa Sukamaju")
        self.assertEqual(self.kelurahan.display_name, "98.01.01.1001 Kelurahan Kotalama")
        self.assertEqual(self.desa_adat.display_name, "98.01.01.3001 Desa Adat Bunar")

    def test_bad_format_refused(self):
        Region = self.env["kerjasama.region"]
        count = Region.search_count([])
        for code in ("98.1", "98.01.01.201", "AB", "98.01.01.2001.1", "98-01", ""):
            with self.subTest(code=code), self.assertRaisesRegex(ValidationError, "not a valid"):
                Region.create({"code": code, "name": "Salah"})
        with self.assertRaisesRegex(ValidationError, "not a valid"):
            self.desa.code = "98.01.01.20x1"
        self.assertEqual(Region.search_count([]), count)
        self.assertEqual(self.desa.code, "98.01.01.2001")

    def test_level_must_match_code(self):
        with self.assertRaisesRegex(ValidationError, "does not match the level"):
            self.env["kerjasama.region"].create(
                {"code": "98.01.03", "name": "Salah", "level": "desa", "parent_id": self.kec.id}
            )

    def test_wrong_parent_prefix_refused(self):
        Region = self.env["kerjasama.region"]
        with self.assertRaisesRegex(ValidationError, "does not start with the code of its parent"):
            Region.create({"code": "98.02.01", "name": "Salah", "parent_id": self.kab.id})
        with self.assertRaisesRegex(ValidationError, "needs a parent region of level kecamatan"):
            Region.create({"code": "98.01.01.2009", "name": "Salah", "parent_id": self.kab.id})
        with self.assertRaisesRegex(ValidationError, "needs a parent region"):
            # parent 97.01 does not exist
            Region.create({"code": "97.01.01", "name": "Yatim"})
        with (
            self.assertRaisesRegex(ValidationError, "does not start with the code of its parent"),
            self.env.cr.savepoint(),
        ):
            self.desa.parent_id = self.kec_2
        self.assertEqual(self.desa.parent_id, self.kec)
        with self.assertRaisesRegex(ValidationError, "cannot change"), self.env.cr.savepoint():
            self.kec.write({"code": "98.01.09"})
        self.assertEqual(self.kec.code, "98.01.01")

    def test_duplicate_code_refused(self):
        Region = self.env["kerjasama.region"]
        with self.assertRaisesRegex(ValidationError, "already used by 98.01.01.2001"):
            Region.create({"code": "98.01.01.2001", "name": "Kembar"})
        with self.assertRaisesRegex(ValidationError, "given twice"):
            Region.create(
                [
                    {"code": "98.01.01.2005", "name": "Satu"},
                    {"code": "98.01.01.2005", "name": "Dua"},
                ]
            )
        with self.assertRaisesRegex(ValidationError, "already used"):
            self.desa_2.code = " 98.01.01.2001 "
        self.desa.active = False  # an archived region still holds its code
        with self.assertRaisesRegex(ValidationError, "already used"):
            Region.create({"code": "98.01.01.2001", "name": "Kembar"})
        # the database constraint stays the last guard (and the conflict target of the loader)
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError), self.cr.savepoint():
            self.env.cr.execute(
                "INSERT INTO kerjasama_region (code, name, level) VALUES ('98', 'X', 'provinsi')"
            )

    def test_code_is_normalised(self):
        region = self.env["kerjasama.region"].create({"code": " 98.01.01.2002 ", "name": "Baru"})
        self.assertEqual(region.code, "98.01.01.2002")
        self.assertEqual(region.parent_id, self.kec)
        region.write({"code": "98.01.01.2002", "name": "Baru Lagi"})  # its own code again
        self.assertEqual(region.name, "Baru Lagi")
        region.code = "98.01.02.2002"  # moves under its new kecamatan
        self.assertEqual(region.parent_id, self.kec_2)
        self.assertEqual(region.kecamatan_id, self.kec_2)
        self.assertTrue(region.parent_path.endswith(f"/{self.kec_2.id}/{region.id}/"))

    def test_name_search_by_code_and_name(self):
        Region = self.env["kerjasama.region"]
        # a region whose code holds "98.01" in the middle must not match the prefix "98.01"
        Region.create({"code": "97", "name": "Provinsi Lain"})
        Region.create({"code": "97.98", "name": "Kabupaten Lain"})
        other = Region.create({"code": "97.98.01", "name": "Sukamaju Lain"})

        def ids(name, args=None):
            # only the fictitious provinces 97 and 98: independent of demo or loaded regions
            args = [("code", "=like", "9%")] + (args or [])
            return {rid for rid, _label in Region.name_search(name, args=args, limit=100)}

        tree = self.kab | self.kec | self.kec_2 | self.desa | self.desa_2
        tree |= self.kelurahan | self.desa_adat
        self.assertEqual(ids("98.01"), set(tree.ids))
        self.assertEqual(ids("98.01.01.2"), set(self.desa.ids))
        self.assertEqual(ids("98.01.01 Suka"), set((self.kec | self.desa).ids))
        self.assertEqual(ids("98.01.02."), set((self.desa_2).ids))
        self.assertEqual(ids("Sukamaju"), set((self.desa | other).ids))
        self.assertEqual(ids("kotalama"), set(self.kelurahan.ids))
        self.assertEqual(
            ids("Suka", args=[("level", "=", "desa")]), set(self.desa.ids)
        )  # "Sukamaju Lain" is a kecamatan
        # the same through a domain on display_name, as the many2one widgets do
        self.assertEqual(Region.search([("display_name", "ilike", "98.71")]), self.kota)

    def test_child_of(self):
        Region = self.env["kerjasama.region"]
        under_kec = Region.search([("id", "child_of", self.kec.id)])
        self.assertEqual(under_kec, self.kec | self.desa | self.kelurahan | self.desa_adat)
        under_kab = Region.search([("id", "child_of", self.kab.id), ("level", "=", "desa")])
        self.assertEqual(under_kab, self.desa | self.desa_2 | self.kelurahan | self.desa_adat)
        self.assertFalse(
            Region.search([("id", "child_of", self.kota.id), ("id", "!=", self.kota.id)])
        )
        self.assertEqual(
            Region.search([("id", "parent_of", self.desa.id)]),
            self.prov | self.kab | self.kec | self.desa,
        )
        self.assertEqual(
            Region.search([("kabupaten_id", "=", self.kab.id), ("level", "=", "kecamatan")]),
            self.kec | self.kec_2,
        )

    def test_form_creates_region(self):
        form = Form(self.env["kerjasama.region"])
        form.code = "98.01.01.2003"
        form.name = "Cikadu"
        self.assertEqual(form.level, "desa")
        self.assertEqual(form.village_type, "desa")
        region = form.save()
        self.assertEqual(region.parent_id, self.kec)
        self.assertEqual(region.kecamatan_id, self.kec)

    def test_region_access(self):
        officer = new_test_user(
            self.env,
            login="r.perangkat",
            groups="kerjasama_desa.kerjasama_desa_group_perangkat_desa",
        )
        admin = new_test_user(self.env, login="r.admin", groups=ADMIN)
        other_admin = new_test_user(self.env, login="r.admin.lain", groups=ADMIN)
        # the administrator maintains the regions of his own regency only
        admin.kerjasama_region_ids = self.kab
        Region = self.env["kerjasama.region"]
        self.assertEqual(self.desa.with_user(officer).display_name, "98.01.01.2001 Desa Sukamaju")
        with self.assertRaises(AccessError):
            Region.with_user(officer).create({"code": "98.01.01.2009", "name": "Liar"})
        with self.assertRaises(AccessError):
            self.desa.with_user(officer).name = "Liar"
        with self.assertRaises(AccessError):
            Region.with_user(other_admin).create({"code": "98.01.01.2009", "name": "Liar"})
        region = Region.with_user(admin).create({"code": "98.01.01.2009", "name": "Resmi"})
        self.assertEqual(region.kabupaten_id, self.kab)


@tagged("kerjasama_desa_region")
class TestRegionParty(KerjasamaRegionCommon):
    def test_village_partner(self):
        partner = self.desa._get_village_partner()
        self.assertEqual(partner.name, "Desa Sukamaju")
        self.assertEqual(partner.kerjasama_party_type, "desa")
        self.assertEqual(self.desa.partner_id, partner)
        self.assertEqual(partner.city, "Sukasari")
        self.assertEqual(self.desa._get_village_partner(), partner, "created once")
        self.assertEqual(self.desa_adat._get_village_partner().name, "Desa Adat Bunar")

    def test_open_village_partner(self):
        action = self.desa_2.action_open_village_partner()
        self.assertEqual(action["res_model"], "res.partner")
        self.assertEqual(action["res_id"], self.desa_2.partner_id.id)
        self.assertEqual(self.desa_2.partner_id.name, "Desa Mekarwangi")
        with self.assertRaisesRegex(ValidationError, "is not a desa"):
            self.kelurahan.action_open_village_partner()
        officer = new_test_user(
            self.env,
            login="r.kades",
            groups="kerjasama_desa.kerjasama_desa_group_kepala_desa",
        )
        action = self.desa.with_user(officer).action_open_village_partner()
        self.assertEqual(action["res_id"], self.desa.partner_id.id)

    def test_desa_partner_links_its_region(self):
        partner = self.env["res.partner"].create(
            {
                "name": "Pemerintah Desa Mekarwangi",
                "is_company": True,
                "kerjasama_party_type": "desa",
                "kerjasama_region_id": self.desa_2.id,
                "kepala_desa_name": "Ujang",
                "bpd_chair_name": "Asep",
            }
        )
        self.assertEqual(self.desa_2.partner_id, partner)
        self.assertEqual(self.desa_2._get_village_partner(), partner)

    def test_kelurahan_partner_refused(self):
        Partner = self.env["res.partner"]
        count = Partner.search_count([])
        with (
            self.assertRaisesRegex(ValidationError, "is a kelurahan, not a desa"),
            self.env.cr.savepoint(),
        ):
            Partner.create(
                {
                    "name": "Kelurahan Kotalama",
                    "kerjasama_party_type": "desa",
                    "kerjasama_region_id": self.kelurahan.id,
                }
            )
        self.assertFalse(self.kelurahan._get_village_partner())
        self.assertEqual((self.kelurahan | self.desa)._get_village_partner(), self.desa.partner_id)
        self.assertEqual(Partner.search_count([]), count + 1)  # the partner of the desa only
        self.assertFalse(self.kelurahan.partner_id)
        # a partner turned into a desa party with a kelurahan region is refused too
        partner = Partner.create({"name": "Kantor Lurah", "kerjasama_region_id": self.kelurahan.id})
        with (
            self.assertRaisesRegex(ValidationError, "is a kelurahan, not a desa"),
            self.env.cr.savepoint(),
        ):
            partner.kerjasama_party_type = "desa"
        self.assertFalse(partner.kerjasama_party_type)

    def test_desa_partner_needs_a_desa_region(self):
        Partner = self.env["res.partner"]
        with self.assertRaisesRegex(ValidationError, "choose its desa region"):
            Partner.create({"name": "Desa Tanpa Wilayah", "kerjasama_party_type": "desa"})
        with self.assertRaisesRegex(ValidationError, "is not a village"):
            Partner.create(
                {
                    "name": "Desa Salah",
                    "kerjasama_party_type": "desa",
                    "kerjasama_region_id": self.kec.id,
                }
            )
        self.desa._get_village_partner()
        with self.assertRaisesRegex(ValidationError, "already has its party record"):
            Partner.create(
                {
                    "name": "Desa Kembar",
                    "kerjasama_party_type": "desa",
                    "kerjasama_region_id": self.desa.id,
                }
            )

    def test_third_party_types(self):
        Partner = self.env["res.partner"]
        partners = Partner.create(
            [
                {"name": "PT Maju", "kerjasama_party_type": "swasta"},
                {"name": "Yayasan Peduli", "kerjasama_party_type": "ormas"},
                {"name": "Universitas", "kerjasama_party_type": "lembaga"},
                {"name": "BUM Desa Sukamaju", "kerjasama_party_type": "bumdes"},
                {"name": "BUM Desa Bersama", "kerjasama_party_type": "bumdesma"},
            ]
        )
        village = self.desa._get_village_partner()
        self.assertTrue(all(partners.mapped("kerjasama_is_third_party")))
        self.assertFalse(village.kerjasama_is_third_party)
        third = Partner.search(
            [("kerjasama_is_third_party", "=", True), ("id", "in", (partners | village).ids)]
        )
        self.assertEqual(third, partners)
        not_third = Partner.search(
            [("kerjasama_is_third_party", "=", False), ("id", "in", (partners | village).ids)]
        )
        self.assertEqual(not_third, village)


@tagged("kerjasama_desa_region")
class TestRegionLoad(KerjasamaRegionCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Loader = cls.env["kerjasama.region.load"]
        cls.rows = shipped_rows(KOTA_SOLOK)
        cls.codes = (
            {cls.rows[0]["kode_provinsi"], KOTA_SOLOK}
            | {row["kode_kecamatan"] for row in cls.rows}
            | {row["kode_desa"] for row in cls.rows}
        )

    def test_load_one_kabupaten(self):
        Region = self.env["kerjasama.region"]
        self.assertEqual(len(self.rows), 13)
        existing = Region.search_count([("code", "in", list(self.codes))])
        counts = self.Loader.load_regions(kabupaten_codes=[KOTA_SOLOK])
        self.assertEqual(counts["total"], len(self.codes))
        self.assertEqual(counts["created"], len(self.codes) - existing)
        self.assertEqual(counts["updated"], 0)
        kota = Region.search([("code", "=", KOTA_SOLOK)])
        self.assertEqual(kota.name, "Kota Solok")
        self.assertTrue(kota.is_kota)
        self.assertEqual(kota.level, "kabupaten")
        villages = Region.search([("id", "child_of", kota.id), ("level", "=", "desa")])
        self.assertEqual(len(villages), len(self.rows))
        self.assertEqual(
            sorted(villages.mapped("code")), sorted(row["kode_desa"] for row in self.rows)
        )
        kecamatan = Region.search([("parent_id", "=", kota.id)])
        self.assertEqual(set(kecamatan.mapped("code")), {r["kode_kecamatan"] for r in self.rows})
        expected_types = {
            row["kode_desa"]: {"DESA": "desa", "KELURAHAN": "kelurahan"}[row["tipe"]]
            for row in self.rows
        }
        for village in villages:
            self.assertEqual(village.village_type, expected_types[village.code])
            self.assertEqual(village.kabupaten_id, kota)
            self.assertEqual(village.kecamatan_id, village.parent_id)
            self.assertEqual(village.provinsi_id, kota.parent_id)
            self.assertEqual(
                village.parent_path,
                f"{kota.parent_id.id}/{kota.id}/{village.parent_id.id}/{village.id}/",
            )
            self.assertTrue(village.is_kota)
        self.assertEqual(kota.kabupaten_id, kota)
        # the loaded regions are ordinary records: the ORM keeps working on them
        self.assertEqual(Region.name_search(KOTA_SOLOK, limit=1)[0][0], kota.id)
        new = Region.create({"code": KOTA_SOLOK + ".01.2999", "name": "Uji"})
        self.assertEqual(new.kabupaten_id, kota)

    def test_reload_is_idempotent_and_updates_names(self):
        Region = self.env["kerjasama.region"]
        # a region created earlier through the ORM, with an outdated name, keeps its id
        prov_code = self.rows[0]["kode_provinsi"]
        prov = Region.search([("code", "=", prov_code)])
        if not prov:
            prov = Region.create({"code": prov_code, "name": "Sumbar"})
        prov_outdated = prov.name != self.rows[0]["nama_provinsi"]
        old_kota = Region.create({"code": KOTA_SOLOK, "name": "Kotamadya Solok"})
        first = self.Loader.load_regions(kabupaten_codes=[KOTA_SOLOK])
        self.assertEqual(first["updated"], 1 + int(prov_outdated))
        self.assertEqual(first["created"], len(self.codes) - 2)
        kota = Region.search([("code", "=", KOTA_SOLOK)])
        self.assertEqual(kota, old_kota)
        self.assertEqual(kota.parent_id, prov)
        self.assertEqual(prov.name, self.rows[0]["nama_provinsi"])
        self.assertEqual(kota.name, "Kota Solok")
        ids_before = Region.search([("code", "in", list(self.codes))]).ids

        village = Region.search([("code", "=", self.rows[0]["kode_desa"])])
        village.name = "Nama Lama"
        second = self.Loader.load_regions(kabupaten_codes=[KOTA_SOLOK])
        self.assertEqual(second["created"], 0)
        self.assertEqual(second["updated"], 1)
        self.assertEqual(second["unchanged"], len(self.codes) - 1)
        self.assertEqual(village.name, self.rows[0]["nama_desa"])
        self.assertEqual(Region.search([("code", "in", list(self.codes))]).ids, ids_before)

        third = self.Loader.load_regions(kabupaten_codes=[KOTA_SOLOK])
        self.assertEqual((third["created"], third["updated"]), (0, 0))

    def test_load_refuses_unknown_code_and_non_admin(self):
        with self.assertRaisesRegex(UserError, "Unknown regency/city"):
            self.Loader.load_regions(kabupaten_codes=["98.01"])
        dpmd = new_test_user(
            self.env, login="r.dpmd", groups="kerjasama_desa.kerjasama_desa_group_dpmd"
        )
        with self.assertRaises(AccessError):
            self.Loader.with_user(dpmd).load_regions(kabupaten_codes=[KOTA_SOLOK])
        self.assertFalse(self.env["kerjasama.region"].search([("code", "=", KOTA_SOLOK)]))

    def test_wizard(self):
        admin = new_test_user(self.env, login="r.admin", groups=ADMIN)
        form = Form(self.Loader.with_user(admin))
        form.kabupaten_ids.add(
            self.env["kerjasama.region.load.kabupaten"]
            .with_user(admin)
            .search([("code", "=", KOTA_SOLOK)])
        )
        wizard = form.save()
        options = self.env["kerjasama.region.load.kabupaten"].search(
            [("create_uid", "=", admin.id)]
        )
        self.assertEqual(len(options), 514)
        self.assertEqual(options.name_search("Sumatera Barat", limit=100)[0][1][:5], "13.01")
        action = wizard.action_load()
        self.assertEqual(action["tag"], "display_notification")
        self.assertEqual(
            self.env["kerjasama.region"].search_count([("code", "=like", KOTA_SOLOK + ".%")]),
            len(self.codes) - 2,
        )
        empty = self.Loader.with_user(admin).create({"scope": "kabupaten"})
        with self.assertRaisesRegex(UserError, "at least one"):
            empty.action_load()

    def test_load_refuses_malformed_rows(self):
        """The staged rows are checked in SQL: a bad row stops the load with its line."""
        raw = "kerjasama_region_load_raw"
        bad_rows = {
            "code": ("13.72.01.20X1", "13.72.01", "13.72", "13", "Nama", "DESA"),
            "prefix": ("13.72.01.2001", "13.72.02", "13.72", "13", "Nama", "DESA"),
            "name": ("13.72.01.2001", "13.72.01", "13.72", "13", "  ", "DESA"),
            "kind": ("13.72.01.9001", "13.72.01", "13.72", "13", "Nama", "DUSUN"),
        }
        for reason, (desa, kec, kab, prov, name, tipe) in bad_rows.items():
            with self.subTest(reason=reason), self.env.cr.savepoint():
                self.Loader._copy_region_file()
                self.env.cr.execute(
                    f"""INSERT INTO {raw} (kode_desa, nama_desa, kode_kecamatan, nama_kecamatan,
                                          kode_kabupaten, nama_kabupaten, kode_provinsi,
                                          nama_provinsi, tipe)
                        VALUES (%s, %s, %s, 'Kec', %s, 'Kab', %s, 'Prov', %s)""",
                    (desa, name, kec, kab, prov, tipe),
                )
                with self.assertRaisesRegex(UserError, r"line 83764, 13\.72\."):
                    self.Loader._check_raw_rows([KOTA_SOLOK])
        with self.env.cr.savepoint():
            self.Loader._copy_region_file()
            columns = (
                "kode_desa, nama_desa, kode_kecamatan, nama_kecamatan, kode_kabupaten, "
                "nama_kabupaten, kode_provinsi, nama_provinsi, tipe"
            )
            self.env.cr.execute(
                f"INSERT INTO {raw} ({columns}) SELECT {columns} FROM {raw} "
                "WHERE kode_kabupaten = %s LIMIT 1",
                (KOTA_SOLOK,),
            )
            with self.assertRaisesRegex(UserError, "line"):
                self.Loader._check_raw_rows([KOTA_SOLOK])

    def _region_snapshot(self):
        regions = self.env["kerjasama.region"].search([("code", "in", list(self.codes))])
        return {
            region.code: (
                region.name,
                region.level,
                region.village_type,
                region.is_kota,
                region.parent_id.code,
                region.provinsi_id.code,
                region.kabupaten_id.code,
                region.kecamatan_id.code,
                region.camat_forwarding_required,
                [int(part) for part in region.parent_path.split("/")[:-1]]
                == [r.id for r in region.provinsi_id | region.kabupaten_id | region.kecamatan_id]
                + ([region.id] if region.level == "desa" else []),
            )
            for region in regions
        }

    def test_background_load_same_as_direct(self):
        """A load above the threshold is queued for the cron, triggered at once; the cron
        gives the same regions as the direct load, and notifies the requester."""
        admin = new_test_user(self.env, login="r.bg", groups=ADMIN)
        # the direct load, undone afterwards
        direct = {}
        try:
            with self.env.cr.savepoint():
                self.Loader.with_user(admin).load_regions(kabupaten_codes=[KOTA_SOLOK])
                direct = self._region_snapshot()
                raise UndoError()
        except UndoError:
            self.env.invalidate_all()
        self.assertFalse(self._region_snapshot())
        self.assertEqual(len(direct), len(self.codes))

        self.env["ir.config_parameter"].set_param(
            "kerjasama_desa.region_load_background_villages", "5"
        )
        cron = self.env.ref("kerjasama_desa.ir_cron_region_load")
        triggers_before = self.env["ir.cron.trigger"].search_count([("cron_id", "=", cron.id)])
        self.env["kerjasama.region.load.kabupaten"].with_user(admin)._ensure_options()
        wizard = self.Loader.with_user(admin).create(
            {
                "kabupaten_ids": self.env["kerjasama.region.load.kabupaten"]
                .with_user(admin)
                .search([("code", "=", KOTA_SOLOK)])
                .ids
            }
        )
        action = wizard.action_load()
        job = self.env["kerjasama.region.load.job"].browse(action["params"]["next"]["res_id"])
        self.assertEqual(
            (job.state, job.user_id, job.kabupaten_codes), ("queued", admin, KOTA_SOLOK)
        )
        self.assertEqual(
            self.env["ir.cron.trigger"].search_count([("cron_id", "=", cron.id)]),
            triggers_before + 1,
        )
        self.assertFalse(self._region_snapshot())  # nothing loaded in the request

        # the cron's method, run directly (its cursors share the test transaction)
        self.registry.enter_test_mode(self.env.cr)
        self.addCleanup(self.registry.leave_test_mode)
        self.env["kerjasama.region.load.job"]._cron_run_jobs()
        job.invalidate_recordset()
        self.assertEqual(job.state, "done")
        self.assertEqual(job.progress, 100)
        self.assertEqual((job.total, job.created), (len(self.codes), len(self.codes)))
        self.assertEqual(self._region_snapshot(), direct)
        notified = self.env["mail.message"].search(
            [
                ("model", "=", job._name),
                ("res_id", "=", job.id),
                ("partner_ids", "in", admin.partner_id.ids),
            ]
        )
        self.assertEqual(len(notified), 1)
        sent = self.env.cr.precommit.data.get("bus.bus.values", [])
        self.assertTrue(any("simple_notification" in value["message"] for value in sent))
        # nothing left to run
        self.env["kerjasama.region.load.job"]._cron_run_jobs()
        self.assertEqual(job.state, "done")

    def test_background_job_failure_is_recorded(self):
        """A job whose user lost the administrator right fails cleanly with the reason."""
        admin = new_test_user(self.env, login="r.bg2", groups=ADMIN)
        job = self.env["kerjasama.region.load.job"].with_user(admin)._enqueue([KOTA_SOLOK]).sudo()
        admin.groups_id = [(3, self.env.ref(ADMIN).id)]
        self.registry.enter_test_mode(self.env.cr)
        self.addCleanup(self.registry.leave_test_mode)
        with mute_logger("odoo.addons.kerjasama_desa.models.kerjasama_region_load_job"):
            self.env["kerjasama.region.load.job"]._cron_run_jobs()
        job.invalidate_recordset()
        self.assertEqual(job.state, "failed")
        self.assertTrue(job.error)
        self.assertFalse(self.env["kerjasama.region"].search([("code", "=", KOTA_SOLOK)]))

    def test_load_all_of_indonesia(self):
        """The whole list through the background job: a first load into the bare table (its
        indexes and foreign keys rebuilt afterwards), then an idempotent re-run."""
        Region = self.env["kerjasama.region"].with_context(active_test=False)
        catalog = """SELECT (SELECT count(*) FROM pg_indexes WHERE tablename = 'kerjasama_region'),
                            (SELECT count(*) FROM pg_constraint
                              WHERE conrelid = 'kerjasama_region'::regclass)"""
        self.env.cr.execute(catalog)
        schema_before = self.env.cr.fetchone()
        existing = Region.search([])
        admin = new_test_user(self.env, login="r.all", groups=ADMIN)
        job = self.env["kerjasama.region.load.job"].with_user(admin)._enqueue(None).sudo()
        self.registry.enter_test_mode(self.env.cr)
        self.addCleanup(self.registry.leave_test_mode)
        self.env["kerjasama.region.load.job"]._cron_run_jobs()
        job.invalidate_recordset()
        self.assertEqual(job.state, "done")
        self.assertEqual(job.total, 91599)
        self.env.cr.execute(catalog)
        self.assertEqual(self.env.cr.fetchone(), schema_before)
        by_level = Counter(dict(Region._read_group([], ["level"], ["__count"])))
        by_level.subtract(
            dict(Region._read_group([("code", "=like", "98%")], ["level"], ["__count"]))
        )
        self.assertEqual(
            dict(by_level), {"provinsi": 38, "kabupaten": 514, "kecamatan": 7285, "desa": 83762}
        )
        self.assertTrue(existing.exists() == existing)
        village = Region.search([("code", "=", "32.05.02.2004")])
        self.assertEqual(village.kabupaten_id.code, "32.05")
        self.assertEqual(village.parent_id.parent_id, village.kabupaten_id)
        self.assertEqual(
            Region.search_count([("id", "child_of", village.provinsi_id.id)]),
            Region.search_count([("provinsi_id", "=", village.provinsi_id.id)]),
        )
        # the foreign keys hold again: a region cannot point to a missing parent
        with self.assertRaises(IntegrityError), mute_logger("odoo.sql_db"):
            with self.env.cr.savepoint():
                self.env.cr.execute(
                    "UPDATE kerjasama_region SET parent_id = -1 WHERE id = %s", (village.id,)
                )
        again = self.Loader.load_regions()
        self.assertEqual((again["created"], again["updated"]), (0, 0))
