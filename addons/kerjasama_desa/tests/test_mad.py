import datetime

from freezegun import freeze_time

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import KerjasamaDesaCommon

# 09.00 in Jakarta (UTC+7)
MEETING = datetime.datetime(2025, 11, 20, 2, 0)


@tagged("post_install", "-at_install")
class TestMad(KerjasamaDesaCommon):
    """Musyawarah Antar-Desa in the core: invitations, steps, numbering, dates, what the
    drafting of an antar-desa agreement needs, and who may record it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Mad = cls.env["kerjasama.mad"]
        cls.env.user.tz = "Asia/Jakarta"
        cls.agreement = cls.create_agreement()  # antar-desa, Sukamaju (A1) + Sukamulya (A2)
        cls.advance_agreement(cls.agreement, "musyawarah")
        cls.fill_stage_requirements(cls.agreement, "musyawarah")  # musyawarah desa 2025-11-15

    def _mad(self, agreement=None, user=None, **vals):
        values = {
            "agreement_id": (agreement or self.agreement).id,
            "date": MEETING,
            "place": "Balai Desa Sukamaju",
        }
        values.update(vals)
        Mad = self.Mad.with_user(user) if user else self.Mad
        return Mad.create(values)

    def _close_agreed(self, mad, present=None):
        mad.attendance_ids.filtered(
            lambda line: present is None or line.region_id in present
        ).write({"present": True})
        mad.write(
            {
                "chair_name": "Kepala Desa Sukamaju",
                "secretary_name": "Sekretaris Desa Sukamaju",
                "minutes": "Para kepala desa membahas rancangan Peraturan Bersama.",
            }
        )
        mad.action_hold()
        mad.decision = "agreed"
        mad.action_close()
        return mad

    # ------------------------------------------------------------------ invitations
    def test_invites_the_party_desa(self):
        agreement = self.create_agreement(desa=self.desa_a1 | self.desa_b1)
        mad = self._mad(agreement)
        self.assertEqual(mad.attendance_ids.region_id, self.desa_a1 | self.desa_b1)
        self.assertEqual(mad.region_ids, self.desa_a1 | self.desa_b1)
        self.assertEqual(mad.kabupaten_id, self.region_kabupaten)
        self.assertEqual(mad.subject, "Draft Peraturan Bersama on Kerja sama uji")
        self.assertEqual(mad.quorum_percent, 100.0)
        self.assertEqual((mad.invited_count, mad.quorum_min_count), (2, 2))
        self.assertEqual(mad.state, "draft")
        self.assertEqual(mad.name, "/")
        # only the party desa are invited
        with self.assertRaises(ValidationError):
            mad.attendance_ids = [Command.create({"region_id": self.desa_a2.id})]
        # a line removed is invited again
        mad.attendance_ids[1].unlink()
        mad.action_invite_members()
        self.assertEqual(mad.attendance_ids.region_id, self.desa_a1 | self.desa_b1)

    def test_only_antar_desa_agreements(self):
        agreement = self.create_agreement(kind="pihak_ketiga")
        with self.assertRaises(ValidationError):
            self._mad(agreement)

    def test_meeting_without_agreement(self):
        """Desa may meet before any agreement or BKAD exists (e.g. to form a BKAD): any desa of
        one kabupaten, never a kelurahan."""
        mad = self.Mad.create(
            {
                "subject": "Pembentukan BKAD",
                "date": MEETING,
                "attendance_ids": [
                    Command.create({"region_id": self.desa_a1.id}),
                    Command.create({"region_id": self.desa_b1.id}),
                ],
            }
        )
        self.assertEqual(mad.quorum_percent, 50.0)
        with self.assertRaises(ValidationError):
            mad.attendance_ids = [Command.create({"region_id": self.kelurahan_a.id})]
        with self.assertRaises(ValidationError):
            mad.attendance_ids = [Command.create({"region_id": self.desa_other.id})]

    def test_bkad_members_invited(self):
        bkad = self.env["kerjasama.bkad"].create(
            {
                "name": "BKAD Uji",
                "member_region_ids": [Command.set((self.desa_a1 | self.desa_a2).ids)],
            }
        )
        mad = self.Mad.create({"subject": "Rapat BKAD", "bkad_id": bkad.id, "date": MEETING})
        self.assertEqual(mad.attendance_ids.region_id, self.desa_a1 | self.desa_a2)
        with self.assertRaises(ValidationError):
            mad.attendance_ids = [Command.create({"region_id": self.desa_b1.id})]
        # on an agreement, the BKAD has every party desa among its members
        self._mad(bkad_id=bkad.id)
        small = self.env["kerjasama.bkad"].create(
            {"name": "BKAD Kecil", "member_region_ids": [Command.set(self.desa_a1.ids)]}
        )
        with self.assertRaisesRegex(ValidationError, "Sukamulya"):
            self._mad(bkad_id=small.id)

    # ------------------------------------------------------------------ steps
    def test_stage_only_through_its_steps(self):
        mad = self._mad()
        count = self.Mad.search_count([])
        for context in ({}, {"kerjasama_transition": True}, {"kerjasama_amendment": True}):
            with self.subTest(context=context):
                Mad = self.Mad.with_context(**context)
                with self.assertRaises(UserError):
                    mad.with_context(**context).write({"state": "closed"})
                with self.assertRaises(UserError):
                    mad.with_context(**context).write({"name": "BA/PALSU/2025"})
                with self.assertRaises(UserError):
                    Mad.create({"agreement_id": self.agreement.id, "state": "closed"})
                with self.assertRaises(UserError):
                    Mad.create({"agreement_id": self.agreement.id, "name": "BA/1"})
        self.assertEqual((mad.state, mad.name), ("draft", "/"))
        self.assertEqual(self.Mad.search_count([]), count)
        with self.assertRaises(UserError):
            mad.action_close()  # not held
        with self.assertRaises(UserError):
            mad.action_reset_draft()  # not cancelled

    def test_hold_and_close(self):
        mad = self._mad()
        mad.attendance_ids.unlink()
        with self.assertRaisesRegex(UserError, "invited villages"):
            mad.action_hold()
        mad.action_invite_members()
        mad.write({"date": fields.Datetime.now() + datetime.timedelta(days=3)})
        with self.assertRaisesRegex(UserError, "in the future"):
            mad.action_hold()
        mad.write({"date": MEETING})
        mad.action_hold()
        self.assertEqual(mad.state, "held")
        with self.assertRaises(UserError):
            mad.write({"quorum_percent": 50.0})  # fixed when the meeting opened
        with self.assertRaises(UserError) as caught:
            mad.action_close()
        for missing in ("who chaired", "who took the minutes", "proceedings", "decision"):
            self.assertIn(missing, str(caught.exception))
        mad.write({"chair_name": "Ketua", "secretary_name": "Notulis", "minutes": "Dibahas."})
        mad.attendance_ids[0].present = True
        mad.decision = "agreed"
        with self.assertRaises(UserError) as caught:
            mad.action_close()
        self.assertIn("quorum", str(caught.exception))
        self.assertIn("Sukamulya", str(caught.exception))
        self.assertEqual(mad.state, "held")
        mad.attendance_ids.present = True
        mad.action_close()
        self.assertEqual(mad.state, "closed")
        # numbered in the register of the kabupaten, in the year of the meeting
        self.assertTrue(mad.name.startswith("BA-MAD/99.01/2025/"), mad.name)
        self.assertEqual(mad.date_closed, fields.Date.context_today(mad))
        self.assertEqual(mad.closed_by_id, self.env.user)
        # frozen
        with self.assertRaises(UserError):
            mad.write({"minutes": "Diubah."})
        with self.assertRaises(UserError):
            mad.attendance_ids[0].present = False
        with self.assertRaises(UserError):
            mad.attendance_ids[0].unlink()
        with self.assertRaises(UserError):
            mad.unlink()
        with self.assertRaises(UserError):
            mad.action_cancel()
        self.assertEqual(mad.minutes, "Dibahas.")
        self.assertTrue(mad.attendance_ids[0].present)

    def test_meeting_that_refused_or_postponed(self):
        mad = self._mad(chair_name="Ketua", secretary_name="Notulis", minutes="Dibahas.")
        mad.action_hold()
        mad.decision = "postponed"  # no quorum needed to postpone
        mad.action_close()
        self.assertEqual(mad.state, "closed")
        self.assertEqual(
            self.Mad._missing_for_drafting(self.agreement),
            ["a closed Musyawarah Antar-Desa that agreed on the agreement"],
        )

    def test_cancel_and_plan_again(self):
        mad = self._mad()
        mad.action_hold()
        with self.assertRaisesRegex(UserError, "cancellation reason"):
            mad.action_cancel()
        mad.cancel_reason = "Banjir: musyawarah ditunda."
        mad.action_cancel()
        self.assertEqual(mad.state, "cancelled")
        with self.assertRaises(UserError):
            mad.write({"place": "Lain"})
        mad.action_reset_draft()
        self.assertEqual(mad.state, "draft")
        draft = self._mad()
        draft.unlink()
        self.assertFalse(draft.exists())
        mad.action_hold()
        with self.assertRaises(UserError):
            mad.unlink()

    # ------------------------------------------------------------------ dates
    def test_dates_coherent_with_the_agreement(self):
        self.agreement.sudo().offer_date = fields.Date.to_date("2025-11-01")
        with self.assertRaisesRegex(ValidationError, "before the offer"):
            self._mad(date=datetime.datetime(2025, 10, 31, 2, 0))
        with self.assertRaises(ValidationError):
            self._mad(date=datetime.datetime(1999, 12, 31, 2, 0))
        # the day of the meeting is the day where it was held (WIB, UTC+7)
        mad = self._mad(date=datetime.datetime(2025, 10, 31, 17, 0))  # 1 November, 00.00 WIB
        with self.assertRaisesRegex(ValidationError, "before the offer"):
            mad.date = datetime.datetime(2025, 10, 31, 16, 0)  # 31 October, 23.00 WIB
        signed = self.create_agreement()
        self.advance_agreement(signed, "evaluasi")  # signed on 2025-12-20
        with self.assertRaisesRegex(ValidationError, "after the signing"):
            self._mad(signed, date=datetime.datetime(2025, 12, 21, 2, 0))
        self._mad(signed, date=datetime.datetime(2025, 12, 20, 2, 0))

    # ------------------------------------------------------------------ drafting
    def test_missing_for_drafting(self):
        Mad = self.Mad
        self.assertEqual(Mad._missing_for_drafting(self.create_agreement(kind="pihak_ketiga")), [])
        self.assertEqual(
            Mad._missing_for_drafting(self.agreement),
            ["a closed Musyawarah Antar-Desa that agreed on the agreement"],
        )
        self.assertFalse(Mad._latest_meeting_date(self.agreement))
        mad = self._close_agreed(self._mad())
        self.assertEqual(Mad._missing_for_drafting(self.agreement), [])
        self.assertEqual(Mad._latest_meeting_date(self.agreement), datetime.date(2025, 11, 20))
        # a party desa joins later: it did not take part in the meeting
        self.agreement.sudo().party_ids = [
            Command.create({"party_kind": "desa", "region_id": self.desa_b1.id})
        ]
        missing = Mad._missing_for_drafting(self.agreement)
        self.assertEqual(len(missing), 1)
        self.assertIn("Mekarsari", missing[0])
        self.assertIn(mad.name, missing[0])
        # a later meeting with every party present settles it
        later = self._close_agreed(self._mad(date=MEETING + datetime.timedelta(days=2)))
        self.assertEqual(Mad._missing_for_drafting(self.agreement), [])
        self.assertEqual(Mad._latest_meeting_date(self.agreement), later._local_date())

    def test_meeting_before_the_musyawarah_desa(self):
        # the musyawarah desa of the parties were held on 2025-11-15
        self._close_agreed(self._mad(date=datetime.datetime(2025, 11, 10, 2, 0)))
        missing = self.Mad._missing_for_drafting(self.agreement)
        self.assertEqual(len(missing), 1)
        self.assertIn("after the musyawarah desa of", missing[0])
        self.assertIn("Sukamaju", missing[0])

    def test_meeting_dated_in_the_future(self):
        with freeze_time("2025-11-21"):
            self._close_agreed(self._mad())
        with freeze_time("2025-11-19"):
            missing = self.Mad._missing_for_drafting(self.agreement)
        self.assertEqual(len(missing), 1)
        self.assertIn("in the future", missing[0])
        self.assertEqual(self.Mad._missing_for_drafting(self.agreement), [])

    # ------------------------------------------------------------------ access
    def test_recorded_by_the_party_desa(self):
        kades = self.user_kades_a1
        mad = self._mad(user=kades)
        self._close_agreed(mad.with_user(self.user_kades_a2))
        self.assertEqual(mad.state, "closed")
        draft = self._mad(user=self.user_perangkat_a1)
        draft.with_user(self.user_kades_a2).write({"agenda": "Rancangan pasal 1-10."})
        count = self.Mad.search_count([])
        # a desa that is not a party neither sees nor records the meeting
        with self.assertRaises(AccessError):
            mad.with_user(self.user_kades_b1).read(["subject"])
        with self.assertRaises(AccessError):
            self._mad(user=self.user_kades_b1)
        self.assertFalse(self.Mad.with_user(self.user_kades_b1).search([]))
        # the BPD, the camat, the DPMD and BINWAS read; none of them records it
        for user in (self.user_bpd_a1, self.user_kecamatan_a, self.user_dpmd, self.user_supervisor):
            with self.subTest(user=user.login):
                Mad = self.Mad.with_user(user)
                self.assertEqual(Mad.search([("id", "in", (mad | draft).ids)]), mad | draft)
                self.assertEqual(
                    mad.with_user(user).attendance_ids.region_id, self.agreement.region_ids
                )
                with self.assertRaises(AccessError):
                    draft.with_user(user).write({"agenda": "X"})
                with self.assertRaises(AccessError):
                    self._mad(user=user)
                with self.assertRaises(AccessError):
                    draft.with_user(user).action_hold()
        for user in (self.user_kecamatan_b, self.user_dpmd_other):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                mad.with_user(user).read(["subject"])
        self.assertEqual(self.Mad.search_count([]), count)
        self.assertEqual(draft.state, "draft")

    def test_bkad_meeting_not_recorded_by_a_village(self):
        bkad = self.env["kerjasama.bkad"].create(
            {
                "name": "BKAD Uji",
                "member_region_ids": [Command.set((self.desa_a1 | self.desa_a2).ids)],
            }
        )
        mad = self.Mad.create({"subject": "Rapat BKAD", "bkad_id": bkad.id, "date": MEETING})
        kades = self.user_kades_a1
        self.assertEqual(mad.with_user(kades).subject, "Rapat BKAD")
        with self.assertRaises(AccessError):
            mad.with_user(kades).write({"agenda": "X"})
        with self.assertRaises(AccessError):
            self.Mad.with_user(kades).create(
                {"subject": "Rapat BKAD 2", "bkad_id": bkad.id, "date": MEETING}
            )

    # ------------------------------------------------------------------ views
    def test_agreement_form_opens_its_meetings(self):
        action = self.env.ref("kerjasama_desa.kerjasama_mad_action_agreement")
        arch = self.env["kerjasama.agreement"].get_views([[False, "form"]])["views"]["form"]["arch"]
        self.assertIn(f'name="{action.id}"', arch)
        self.assertEqual(action.domain, "[('agreement_id', '=', active_id)]")
        self.assertIn("default_agreement_id", action.context)
