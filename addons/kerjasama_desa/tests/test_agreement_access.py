from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common import KerjasamaDesaCommon


@tagged("post_install", "-at_install")
class TestAgreementAccess(KerjasamaDesaCommon):
    """Region-scoped access to agreements, parties and deliberations, both ways."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # A1 + A2: kecamatan A only; A1 + B1: across kecamatan; B1 + B2: kecamatan B only
        cls.agreement_a = cls.create_agreement(title="Kerja sama A")
        cls.agreement_ab = cls.create_agreement(
            title="Kerja sama A-B", desa=cls.desa_a1 | cls.desa_b1
        )
        cls.agreement_b = cls.create_agreement(title="Kerja sama B", desa=cls.desa_b1 | cls.desa_b2)
        cls.agreement_third = cls.create_agreement(
            title="Kerja sama PT", kind="pihak_ketiga", desa=cls.desa_a2
        )
        cls.all_agreements = (
            cls.agreement_a | cls.agreement_ab | cls.agreement_b | cls.agreement_third
        )

    def _visible(self, user):
        return (
            self.env["kerjasama.agreement"]
            .with_user(user)
            .search([("id", "in", self.all_agreements.ids)])
        )

    def test_desa_user_sees_only_agreements_of_his_desa(self):
        visible = self._visible(self.user_perangkat_a1)
        self.assertEqual(visible, self.agreement_a | self.agreement_ab)
        # read and write work on his own agreement
        mine = self.agreement_a.with_user(self.user_perangkat_a1)
        self.assertEqual(mine.title, "Kerja sama A")
        mine.objective = "Meningkatkan pelayanan."
        self.assertEqual(self.agreement_a.objective, "Meningkatkan pelayanan.")
        # another desa's agreement can be neither read nor written
        other = self.agreement_b.with_user(self.user_perangkat_a1)
        with self.assertRaises(AccessError):
            other.read(["title"])
        with self.assertRaises(AccessError):
            other.write({"objective": "Tidak boleh"})
        self.assertFalse(self.agreement_b.objective)

    def test_desa_user_cannot_see_other_parties_and_deliberations(self):
        self.env["kerjasama.musyawarah"].create(
            {
                "agreement_id": self.agreement_b.id,
                "region_id": self.desa_b1.id,
                "date": "2025-11-10",
                "berita_acara_number": "BA/B1",
                "decision": "agreed",
            }
        )
        Party = self.env["kerjasama.agreement.party"].with_user(self.user_kades_a1)
        self.assertFalse(Party.search([("agreement_id", "=", self.agreement_b.id)]))
        self.assertEqual(len(Party.search([("agreement_id", "=", self.agreement_a.id)])), 2)
        Musyawarah = self.env["kerjasama.musyawarah"].with_user(self.user_kades_a1)
        self.assertFalse(Musyawarah.search([("agreement_id", "=", self.agreement_b.id)]))
        self.assertTrue(
            self.env["kerjasama.musyawarah"]
            .with_user(self.user_kades_b1)
            .search([("agreement_id", "=", self.agreement_b.id)])
        )

    def test_desa_user_creates_only_with_his_desa(self):
        Agreement = self.env["kerjasama.agreement"]
        mine = self.create_agreement(
            title="Dibuat desa A1", desa=self.desa_a1 | self.desa_b2, user=self.user_kades_a1
        )
        self.assertEqual(mine.create_uid, self.user_kades_a1)
        self.assertTrue(mine.with_user(self.user_kades_a1).read(["name"]))
        count = Agreement.search_count([])
        with self.assertRaises(AccessError):
            self.create_agreement(
                title="Bukan desanya", desa=self.desa_b1 | self.desa_b2, user=self.user_kades_a1
            )
        self.assertEqual(Agreement.search_count([]), count)

    def test_draft_without_parties_visible_to_author_only(self):
        draft = (
            self.env["kerjasama.agreement"]
            .with_user(self.user_perangkat_a1)
            .create({"title": "Draf tanpa pihak"})
        )
        self.assertEqual(draft.name, "/")
        self.assertEqual(draft.title, "Draf tanpa pihak")
        with self.assertRaises(AccessError):
            draft.with_user(self.user_kades_b1).read(["title"])
        draft.write(
            {
                "party_ids": [
                    Command.create({"party_kind": "desa", "region_id": self.desa_a1.id}),
                    Command.create({"party_kind": "desa", "region_id": self.desa_a2.id}),
                ]
            }
        )
        self.assertEqual(draft.name, "/", "numbered at registration only")
        self.assertTrue(draft.with_user(self.user_kades_a2).read(["title"]))

    def test_bpd_and_bendahara_read_only(self):
        self.assertEqual(self._visible(self.user_bpd_a1), self.agreement_a | self.agreement_ab)
        with self.assertRaises(AccessError):
            self.agreement_a.with_user(self.user_bpd_a1).write({"objective": "BPD"})
        self.assertEqual(
            self._visible(self.user_bendahara_a1), self.agreement_a | self.agreement_ab
        )

    def test_kecamatan_sees_its_kecamatan_read_only(self):
        self.assertEqual(
            self._visible(self.user_kecamatan_a),
            self.agreement_a | self.agreement_ab | self.agreement_third,
        )
        self.assertEqual(self._visible(self.user_kecamatan_b), self.agreement_ab | self.agreement_b)
        with self.assertRaises(AccessError):
            self.agreement_a.with_user(self.user_kecamatan_a).write({"objective": "Camat"})
        with self.assertRaises(AccessError):
            self.create_agreement(title="Camat", user=self.user_kecamatan_a)
        with self.assertRaises(AccessError):
            self.agreement_b.with_user(self.user_kecamatan_a).read(["title"])
        # the camat facilitates: he may comment in the chatter
        message = self.agreement_a.with_user(self.user_kecamatan_a).message_post(
            body="Fasilitasi camat", message_type="comment"
        )
        self.assertEqual(message.author_id, self.user_kecamatan_a.partner_id)

    def test_dpmd_sees_its_regency(self):
        self.assertEqual(self._visible(self.user_dpmd), self.all_agreements)
        self.assertFalse(self._visible(self.user_dpmd_other))
        # the DPMD evaluates; it does not write the villages' agreement
        with self.assertRaises(AccessError):
            self.agreement_b.with_user(self.user_dpmd).write({"objective": "Catatan DPMD"})
        with self.assertRaises(AccessError):
            self.agreement_b.with_user(self.user_dpmd_other).read(["title"])
        with self.assertRaises(AccessError):
            self.create_agreement(title="DPMD", user=self.user_dpmd)

    def test_supervisor_reads_only(self):
        self.assertEqual(self._visible(self.user_supervisor), self.all_agreements)
        with self.assertRaises(AccessError):
            self.agreement_a.with_user(self.user_supervisor).write({"objective": "BINWAS"})
        with self.assertRaises(AccessError):
            self.agreement_a.party_ids[0].with_user(self.user_supervisor).write(
                {"rights": "BINWAS"}
            )

    def test_admin_works_in_his_regency_national_admin_everywhere(self):
        other = self.create_agreement(
            title="Kabupaten lain",
            desa=self.desa_other
            | self.env["kerjasama.region"].create(
                {
                    "code": "99.02.01.2002",
                    "name": "Seberang Dua",
                    "level": "desa",
                    "parent_id": self.region_kecamatan_other.id,
                }
            ),
        )
        Agreement = self.env["kerjasama.agreement"]
        ids = (self.all_agreements | other).ids
        visible = Agreement.with_user(self.user_admin).search([("id", "in", ids)])
        self.assertEqual(visible, self.all_agreements)
        with self.assertRaises(AccessError):
            other.with_user(self.user_admin).write({"objective": "Admin"})
        national = Agreement.with_user(self.user_national_admin).search([("id", "in", ids)])
        self.assertEqual(national, self.all_agreements | other)
        other.with_user(self.user_national_admin).write({"objective": "Admin"})

    def test_user_without_group_has_no_access(self):
        plain = new_test_user(self.env, login="test.plain", groups="base.group_user")
        with self.assertRaises(AccessError):
            self.env["kerjasama.agreement"].with_user(plain).search([])
