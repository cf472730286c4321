from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common import GROUP_DPMD, BkadCase


@tagged("post_install", "-at_install")
class TestAccess(BkadCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.official = cls.env["kerjasama.bkad.pengurus"].create(
            {
                "name": "Asep",
                "bkad_id": cls.bkad.id,
                "role_id": cls.role_ketua.id,
                "region_id": cls.members[0].id,
                "date_start": "2025-01-01",
            }
        )
        cls.entry = cls.env["kerjasama.bkad.ledger"].create(
            {
                "bkad_id": cls.bkad.id,
                "entry_type": "income",
                "amount": 100.0,
                "description": "Hibah",
            }
        )
        cls.entry.action_post()
        cls.other_official = cls.env["kerjasama.bkad.pengurus"].create(
            {
                "name": "Euis",
                "bkad_id": cls.other_bkad.id,
                "role_id": cls.role_ketua.id,
                "region_id": cls.outsider.id,
                "date_start": "2025-01-01",
            }
        )

    def test_staff_runs_only_assigned_bkad(self):
        env = self.env(user=self.staff)
        bkad = env["kerjasama.bkad"].browse(self.bkad.id)
        self.assertEqual(bkad.name, "BKAD Uji")
        self.assertEqual(env["kerjasama.bkad"].search([]), bkad)
        bkad.write({"mad_quorum_percent": 60.0})
        with self.assertRaises(AccessError):
            bkad.write({"member_region_ids": [(4, self.outsider.id)]})
        with self.assertRaises(AccessError):
            bkad.write({"user_ids": [(4, self.staff_other.id)]})
        self.assertEqual(bkad.ledger_balance, 100.0)
        mad = env["kerjasama.mad"].create({"subject": "MAD staf", "bkad_id": bkad.id})
        self.assertEqual(len(mad.attendance_ids), 4)
        env["kerjasama.bkad.pengurus"].create(
            {
                "name": "Budi",
                "bkad_id": bkad.id,
                "role_id": self.role_pengawas.id,
                "region_id": self.members[1].id,
                "date_start": "2025-01-01",
            }
        )
        entry = env["kerjasama.bkad.ledger"].create(
            {"bkad_id": bkad.id, "entry_type": "income", "amount": 50.0, "description": "Jasa"}
        )
        entry.action_post()
        self.assertEqual(bkad.ledger_balance, 150.0)
        self.assertEqual(env["kerjasama.bkad.pengurus"].search([]).bkad_id, bkad)
        # the other BKAD is out of reach both ways
        other = env["kerjasama.bkad"].browse(self.other_bkad.id)
        with self.assertRaises(AccessError):
            other.read(["name"])
        with self.assertRaises(AccessError):
            env["kerjasama.bkad.pengurus"].browse(self.other_official.id).read(["name"])
        with self.assertRaises(AccessError):
            env["kerjasama.bkad.pengurus"].create(
                {
                    "name": "X",
                    "bkad_id": self.other_bkad.id,
                    "role_id": self.role_pengawas.id,
                    "region_id": self.outsider.id,
                    "date_start": "2025-01-01",
                }
            )
        with self.assertRaises(AccessError):
            env["kerjasama.bkad"].create({"name": "BKAD baru"})

    def test_other_staff_sees_nothing_of_this_bkad(self):
        env = self.env(user=self.staff_other)
        self.assertEqual(env["kerjasama.bkad"].search([]).ids, self.other_bkad.ids)
        self.assertFalse(env["kerjasama.bkad.ledger"].search([]))
        with self.assertRaises(AccessError):
            env["kerjasama.bkad.ledger"].browse(self.entry.id).read(["amount"])

    def test_member_village_head_reads_only(self):
        env = self.env(user=self.kades)
        bkad = env["kerjasama.bkad"].browse(self.bkad.id)
        self.assertEqual(bkad.name, "BKAD Uji")
        self.assertEqual(env["kerjasama.bkad.pengurus"].search([]), self.official)
        self.assertEqual(env["kerjasama.bkad.ledger"].search([]).amount, 100.0)
        with self.assertRaises(AccessError):
            env["kerjasama.bkad.pengurus"].browse(self.official.id).write({"name": "Y"})
        with self.assertRaises(AccessError):
            env["kerjasama.bkad.ledger"].create(
                {"bkad_id": self.bkad.id, "entry_type": "income", "amount": 1.0, "description": "X"}
            )
        with self.assertRaises(AccessError):
            env["kerjasama.mad"].create({"subject": "X", "bkad_id": self.bkad.id})

    def test_non_member_village_head_sees_nothing(self):
        env = self.env(user=self.kades_outsider)
        self.assertFalse(env["kerjasama.bkad.pengurus"].search([("bkad_id", "=", self.bkad.id)]))
        with self.assertRaises(AccessError):
            env["kerjasama.bkad"].browse(self.bkad.id).read(["name"])
        with self.assertRaises(AccessError):
            env["kerjasama.bkad.ledger"].browse(self.entry.id).read(["amount"])

    def test_dpmd_reads_its_regions(self):
        env = self.env(user=self.dpmd)
        self.assertEqual(
            env["kerjasama.bkad.pengurus"].search([]), self.official | self.other_official
        )
        self.assertEqual(env["kerjasama.bkad.ledger"].browse(self.entry.id).amount, 100.0)
        with self.assertRaises(AccessError):
            env["kerjasama.bkad.ledger"].browse(self.entry.id).write({"reference": "X"})
        dpmd_other = new_test_user(self.env, login="bkad_dpmd_other", groups=GROUP_DPMD)
        dpmd_other.kerjasama_region_ids = self.outsider
        env = self.env(user=dpmd_other)
        self.assertEqual(env["kerjasama.bkad.pengurus"].search([]), self.other_official)

    def test_only_village_heads_acknowledge(self):
        report = self.env["kerjasama.bkad.accountability.report"].create(
            {
                "title": "Laporan",
                "bkad_id": self.bkad.id,
                "date_from": "2025-01-01",
                "date_to": "2025-12-31",
            }
        )
        report.with_user(self.staff).action_submit()
        with self.assertRaises(AccessError):
            report.with_user(self.staff).action_confirm_receipt()
        with self.assertRaises(AccessError):
            report.with_user(self.kades_outsider).action_confirm_receipt()
        report.with_user(self.kades).action_confirm_receipt()
        self.assertEqual(len(report.receipt_ids.filtered("received_date")), 1)

    def test_menus_follow_the_roles(self):
        """BKAD staff reach the suite's menu and the BKAD section; a treasurer, who may not read
        the BKAD's officials, does not get the BKAD section (no access error behind a menu)."""
        root = self.env.ref("kerjasama_desa.kerjasama_desa_menu_root")
        section = self.env.ref("kerjasama_desa_bkad.kerjasama_desa_bkad_menu_root")
        bendahara = new_test_user(
            self.env, login="bkad_bendahara", groups="kerjasama_desa.kerjasama_desa_group_bendahara"
        )
        Menu = self.env["ir.ui.menu"]
        staff_menus = Menu.with_user(self.staff)._visible_menu_ids()
        self.assertIn(root.id, staff_menus)
        self.assertIn(section.id, staff_menus)
        self.assertIn(section.id, Menu.with_user(self.kades)._visible_menu_ids())
        bendahara_menus = Menu.with_user(bendahara)._visible_menu_ids()
        self.assertIn(root.id, bendahara_menus)
        self.assertNotIn(section.id, bendahara_menus)
