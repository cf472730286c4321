from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common_finance import KerjasamaFinanceCommon


@tagged("post_install", "-at_install")
class TestFinanceAccess(KerjasamaFinanceCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.apbdes_a1 = cls.create_apbdes(cls.desa_a1, lines=[("belanja", 10_000_000, "Iuran")])
        cls.apbdes_a2 = cls.create_apbdes(cls.desa_a2, lines=[("belanja", 8_000_000, "Iuran")])
        cls.apbdes_b1 = cls.create_apbdes(cls.desa_b1, lines=[("belanja", 5_000_000, "Iuran")])
        cls.apbdes_other = cls.create_apbdes(
            cls.desa_other, lines=[("belanja", 5_000_000, "Iuran")]
        )
        cls.all_apbdes = cls.apbdes_a1 | cls.apbdes_a2 | cls.apbdes_b1 | cls.apbdes_other
        cls.asset_a1 = cls.create_asset(name="Pasar A1")
        cls.asset_a2 = cls.create_asset(desa=cls.desa_a2, name="Pasar A2")

    def visible(self, user, model="kerjasama.apbdes", records=None):
        records = records if records is not None else self.all_apbdes
        return self.env[model].with_user(user).search([("id", "in", records.ids)])

    def test_treasurer_own_desa_only(self):
        treasurer = self.user_bendahara_a1
        self.assertEqual(self.visible(treasurer), self.apbdes_a1)
        # writes budget and realisation of his desa
        Line = self.env["kerjasama.apbdes.line"].with_user(treasurer)
        line = Line.create(
            {
                "apbdes_id": self.apbdes_a1.id,
                "account_code_id": self.code_kerjasama_antar_desa.id,
                "description": "Bagi hasil",
                "amount": 2_000_000,
            }
        )
        line.amount = 2_500_000
        self.approve(self.apbdes_a1)
        realization = self.realize(self.apbdes_a1.line_ids[0], 1_000_000, user=treasurer)
        self.assertEqual(realization.region_id, self.desa_a1)
        # but nothing of another desa, not even reading it
        with self.assertRaises(AccessError):
            self.apbdes_a2.with_user(treasurer).read(["name"])
        with self.assertRaises(AccessError):
            self.apbdes_a2.line_ids.with_user(treasurer).write({"amount": 1})
        with self.assertRaises(AccessError):
            Line.create(
                {
                    "apbdes_id": self.apbdes_a2.id,
                    "account_code_id": self.code_kerjasama_antar_desa.id,
                    "description": "Menyusup",
                    "amount": 1,
                }
            )
        with self.assertRaises(AccessError):
            self.env["kerjasama.apbdes"].with_user(treasurer).create(
                {"region_id": self.desa_a2.id, "year": 2030}
            )
        self.approve(self.apbdes_a2)
        with self.assertRaises(AccessError):
            self.realize(self.apbdes_a2.line_ids, 1_000, user=treasurer)
        self.assertEqual(self.apbdes_a2.line_ids.amount, 8_000_000)

    def test_village_head_approves_own_desa(self):
        kades = self.user_kades_a1
        with self.assertRaises(AccessError):
            self.apbdes_a2.with_user(kades).action_approve()
        self.assertEqual(self.apbdes_a2.state, "draft")
        self.apbdes_a1.with_user(kades).action_approve()
        self.assertEqual(self.apbdes_a1.state, "ditetapkan")
        # the head approves, he does not keep the books
        with self.assertRaises(AccessError):
            self.apbdes_a1.line_ids.with_user(kades).write({"amount": 1})
        with self.assertRaises(AccessError):
            self.realize(self.apbdes_a1.line_ids, 1_000, user=kades)

    def test_kecamatan_dpmd_supervisor_read_their_regions(self):
        self.assertEqual(self.visible(self.user_kecamatan_a), self.apbdes_a1 | self.apbdes_a2)
        self.assertEqual(self.visible(self.user_kecamatan_b), self.apbdes_b1)
        self.assertEqual(
            self.visible(self.user_dpmd), self.apbdes_a1 | self.apbdes_a2 | self.apbdes_b1
        )
        self.assertEqual(self.visible(self.user_dpmd_other), self.apbdes_other)
        self.assertEqual(self.visible(self.user_supervisor), self.all_apbdes)
        lines = self.all_apbdes.line_ids
        self.assertEqual(
            self.visible(self.user_kecamatan_a, "kerjasama.apbdes.line", lines),
            (self.apbdes_a1 | self.apbdes_a2).line_ids,
        )
        for user in (self.user_kecamatan_a, self.user_dpmd, self.user_supervisor):
            with self.subTest(user=user.login):
                with self.assertRaises(AccessError):
                    self.apbdes_a1.line_ids.with_user(user).write({"amount": 1})
                with self.assertRaises(AccessError):
                    self.apbdes_a1.with_user(user).action_approve()
                with self.assertRaises(AccessError):
                    self.env["kerjasama.apbdes"].with_user(user).create(
                        {"region_id": self.desa_a1.id, "year": 2031}
                    )

    def test_admin_has_his_regency_national_admin_all(self):
        self.assertEqual(self.visible(self.user_national_admin), self.all_apbdes)
        admin = self.user_admin
        in_regency = self.all_apbdes.filtered(
            lambda a: a.region_id.kabupaten_id == self.region_kabupaten
        )
        self.assertEqual(self.visible(admin), in_regency)
        self.assertNotEqual(in_regency, self.all_apbdes)
        self.approve(self.apbdes_b1)
        self.apbdes_b1.line_ids.with_user(admin).amount = 6_000_000
        self.assertEqual(self.apbdes_b1.line_ids.amount, 6_000_000)

    def test_assets_access(self):
        assets = self.asset_a1 | self.asset_a2
        officer = self.user_perangkat_a1
        self.assertEqual(self.visible(officer, "kerjasama.asset", assets), self.asset_a1)
        Asset = self.env["kerjasama.asset"].with_user(officer)
        created = Asset.create(
            {"name": "Tambatan", "region_id": self.desa_a1.id, "kind_id": self.kind_pasar.id}
        )
        self.assertTrue(created.code.startswith("9901012001."))
        self.asset_a1.with_user(officer).condition = "rusak_ringan"
        with self.assertRaises(AccessError):
            Asset.create(
                {"name": "Menyusup", "region_id": self.desa_a2.id, "kind_id": self.kind_pasar.id}
            )
        with self.assertRaises(AccessError):
            self.asset_a2.with_user(officer).write({"condition": "rusak_berat"})
        self.assertEqual(self.visible(self.user_kecamatan_a, "kerjasama.asset", assets), assets)
        self.assertFalse(self.visible(self.user_kecamatan_b, "kerjasama.asset", assets))
        with self.assertRaises(AccessError):
            self.asset_a1.with_user(self.user_kecamatan_a).write({"condition": "baik"})
        with self.assertRaises(AccessError):
            self.asset_a1.with_user(self.user_dpmd).write({"condition": "baik"})
        # utilisation follows the asset's village
        Utilization = self.env["kerjasama.asset.utilization"]
        vals = {
            "form_id": self.form_sewa.id,
            "date_start": "2026-01-01",
            "date_end": "2026-12-31",
        }
        mine = Utilization.with_user(officer).create(dict(vals, asset_id=self.asset_a1.id))
        self.assertEqual(mine.region_id, self.desa_a1)
        with self.assertRaises(AccessError):
            Utilization.with_user(officer).create(dict(vals, asset_id=self.asset_a2.id))

    def test_financing_lines_follow_the_agreement(self):
        shared = self.create_agreement(desa=self.desa_a1 | self.desa_a2)
        foreign = self.create_agreement(desa=self.desa_b1 | self.desa_b2)
        fund_a1 = self.add_funding(shared, self.desa_a1, 1_000_000)
        fund_a2 = self.add_funding(shared, self.desa_a2, 2_000_000)
        fund_b1 = self.add_funding(foreign, self.desa_b1, 3_000_000)
        Funding = self.env["kerjasama.agreement.funding"]
        treasurer = Funding.with_user(self.user_bendahara_a1)
        funds = fund_a1 | fund_a2 | fund_b1
        # the treasurer sees the financing of the agreements of his desa, not the others
        self.assertEqual(treasurer.search([("id", "in", funds.ids)]), fund_a1 | fund_a2)
        with self.assertRaises(AccessError):
            fund_b1.with_user(self.user_bendahara_a1).read(["amount"])
        # "planned but not yet budgeted" of his own village
        self.assertEqual(
            treasurer.search([("is_unbudgeted", "=", True), ("is_my_village", "=", True)]),
            fund_a1,
        )
        self.assertTrue(fund_a1.with_user(self.user_bendahara_a1).is_my_village)
        self.assertFalse(fund_a2.with_user(self.user_bendahara_a1).is_my_village)
        self.assertIn("Sukamulya", fund_a2.with_user(self.user_bendahara_a1).display_name)
        # the kecamatan B officer sees only the agreement of kecamatan B
        kecamatan_b = Funding.with_user(self.user_kecamatan_b)
        self.assertEqual(kecamatan_b.search([("id", "in", funds.ids)]), fund_b1)
