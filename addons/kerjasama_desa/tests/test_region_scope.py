import datetime

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import KerjasamaDesaCommon


@tagged("post_install", "-at_install")
class TestRegionScope(KerjasamaDesaCommon):
    """The region rules as one indexed SQL term (``kerjasama.region.scope.mixin``): the same
    records as the ``child_of`` domains they replace, for every role."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.agreement_a = cls.create_agreement(title="Lingkup A")
        cls.agreement_ab = cls.create_agreement(title="Lingkup A-B", desa=cls.desa_a1 | cls.desa_b1)
        cls.agreement_other = cls.create_agreement(
            title="Lingkup seberang", kind="pihak_ketiga", desa=cls.desa_other
        )
        # a draft that has no desa yet (no party given: the officer's desa is not added)
        cls.draft = (
            cls.env["kerjasama.agreement"]
            .with_user(cls.user_perangkat_a1)
            .create({"title": "Draf tanpa desa", "party_ids": []})
            .with_user(cls.env.uid)
        )
        cls.agreements = cls.agreement_a | cls.agreement_ab | cls.agreement_other | cls.draft

    def _visible(self, user, model="kerjasama.agreement", records=None):
        records = self.agreements if records is None else records
        return self.env[model].with_user(user).search([("id", "in", records.ids)])

    def _old_domain(self, user):
        """The rule of before, evaluated as superuser: what the user saw."""
        regions = user.kerjasama_region_ids.ids
        return self.env["kerjasama.agreement"].search(
            [
                ("id", "in", self.agreements.ids),
                "|",
                ("region_ids", "child_of", regions),
                "&",
                ("region_ids", "=", False),
                ("create_uid", "=", user.id),
            ]
        )

    def test_same_records_as_the_child_of_domain(self):
        self.assertFalse(self.draft.region_ids)
        for user in (
            self.user_perangkat_a1,
            self.user_kades_a2,
            self.user_kades_b1,
            self.user_bpd_a1,
            self.user_kecamatan_a,
            self.user_kecamatan_b,
            self.user_dpmd,
            self.user_dpmd_other,
            self.user_supervisor,
        ):
            with self.subTest(user=user.login):
                self.assertEqual(self._visible(user), self._old_domain(user))
                parties = self._visible(
                    user, "kerjasama.agreement.party", self.agreements.party_ids
                )
                self.assertEqual(parties.agreement_id, self._old_domain(user) - self.draft)
        self.assertEqual(self._visible(self.user_national_admin), self.agreements)

    def test_draft_without_desa_is_its_authors_only(self):
        self.assertEqual(
            self._visible(self.user_perangkat_a1), self.agreement_a | self.agreement_ab | self.draft
        )
        self.assertTrue(self.draft.with_user(self.user_perangkat_a1).read(["title"]))
        for user in (self.user_kades_a1, self.user_kecamatan_a, self.user_dpmd):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.draft.with_user(user).read(["title"])
        # once it has desa parties, the region decides
        self.draft.with_user(self.user_perangkat_a1).write(
            {
                "party_ids": [
                    Command.create({"party_kind": "desa", "region_id": self.desa_a1.id}),
                    Command.create({"party_kind": "desa", "region_id": self.desa_a2.id}),
                ]
            }
        )
        self.assertTrue(self.draft.with_user(self.user_kades_a2).read(["title"]))
        self.assertIn(self.draft, self._visible(self.user_kecamatan_a))
        self.assertNotIn(self.draft, self._visible(self.user_kecamatan_b))

    def test_kabupaten_user_draft_without_desa(self):
        """A DPMD administrator's draft without desa: his own (the kabupaten term and his
        drafts), not the DPMD's of the same kabupaten."""
        draft = (
            self.env["kerjasama.agreement"]
            .with_user(self.user_admin)
            .create({"title": "Draf DPMD", "party_ids": []})
        )
        records = self.agreements | draft
        self.assertEqual(
            self._visible(self.user_admin, records=records),
            self.agreement_a | self.agreement_ab | draft,
        )
        self.assertEqual(
            self._visible(self.user_dpmd, records=records), self.agreement_a | self.agreement_ab
        )
        Agreement = self.env["kerjasama.agreement"].with_user(self.user_dpmd)
        sql = Agreement._search([]).select().code
        self.assertIn('"kerjasama_agreement"."kabupaten_id" IN', sql)
        self.assertNotIn(" OR ", sql)

    def test_one_indexed_term(self):
        """The rule is one ``id IN (subquery)`` term, not ``EXISTS ... OR NOT EXISTS``."""
        Agreement = self.env["kerjasama.agreement"].with_user(self.user_kecamatan_a)
        sql = Agreement._search([]).select().code
        self.assertIn('"kerjasama_agreement"."id" IN (SELECT', sql)
        self.assertNotIn("EXISTS (SELECT 1", sql)
        Party = self.env["kerjasama.agreement.party"].with_user(self.user_kecamatan_a)
        self.assertIn(
            '"kerjasama_agreement_party"."agreement_id" IN (', Party._search([]).select().code
        )

    def test_working_regions_read_at_each_query(self):
        """A change of working regions holds at once (the regions are not cached in the rule)."""
        user = self.user_kecamatan_b
        self.assertEqual(self._visible(user), self.agreement_ab)
        user.kerjasama_region_ids = [Command.set(self.region_kabupaten_other.ids)]
        self.assertEqual(self._visible(user), self.agreement_other)
        user.kerjasama_region_ids = [Command.clear()]
        self.assertFalse(self._visible(user))

    def test_fields_and_negative_search(self):
        Agreement = self.env["kerjasama.agreement"].with_user(self.user_kecamatan_a)
        agreements = Agreement.browse(self.agreements.ids)
        self.assertTrue(agreements[:1].in_working_regions)
        out = self.env["kerjasama.agreement"].with_user(self.user_kecamatan_a).sudo()
        outside = out.search([("id", "in", self.agreements.ids), ("in_region_scope", "!=", True)])
        self.assertEqual(outside, self.agreement_other | self.draft)
        inside = out.search([("id", "in", self.agreements.ids), ("in_working_regions", "=", True)])
        self.assertEqual(inside, self.agreement_a | self.agreement_ab)
        mine = self.draft.with_user(self.user_perangkat_a1)
        self.assertTrue(mine.in_region_scope)
        self.assertFalse(mine.in_working_regions)

    def test_bkad_and_mad_follow_their_villages(self):
        bkad = self.env["kerjasama.bkad"].create(
            {
                "name": "BKAD Lingkup",
                "member_region_ids": [Command.set((self.desa_a1 | self.desa_a2).ids)],
            }
        )
        Bkad = self.env["kerjasama.bkad"]
        self.assertIn(bkad, Bkad.with_user(self.user_kecamatan_a).search([]))
        self.assertNotIn(bkad, Bkad.with_user(self.user_kecamatan_b).search([]))
        mad = self.env["kerjasama.mad"].create(
            {
                "agreement_id": self.agreement_a.id,
                "date": datetime.datetime(2025, 11, 20, 2, 0),
                "place": "Balai Desa Sukamaju",
            }
        )
        self.assertEqual(mad.attendance_ids.region_id, self.desa_a1 | self.desa_a2)
        Mad = self.env["kerjasama.mad"]
        self.assertIn(mad, Mad.with_user(self.user_kecamatan_a).search([]))
        self.assertNotIn(mad, Mad.with_user(self.user_kecamatan_b).search([]))
        Attendance = self.env["kerjasama.mad.attendance"]
        self.assertEqual(
            Attendance.with_user(self.user_kades_a2).search([("mad_id", "=", mad.id)]),
            mad.attendance_ids,
        )
        self.assertFalse(Attendance.with_user(self.user_kades_b1).search([("mad_id", "=", mad.id)]))
