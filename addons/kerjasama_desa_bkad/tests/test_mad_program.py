import datetime

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import BkadCase


@tagged("post_install", "-at_install")
class TestMad(BkadCase):
    def test_invitations_and_quorum(self):
        mad = self._make_mad(present=1)
        self.assertEqual(mad.attendance_ids.region_id, self.members)
        self.assertEqual(mad.quorum_percent, 50.0)
        self.assertEqual((mad.invited_count, mad.present_count, mad.quorum_min_count), (4, 1, 2))
        self.assertFalse(mad.quorum_reached)
        mad.attendance_ids[1].present = True
        self.assertTrue(mad.quorum_reached)
        # the rule is configurable on the BKAD and snapshotted on new meetings
        self.bkad.mad_quorum_percent = 75.0
        mad2 = self._make_mad(present=2)
        self.assertEqual(mad2.quorum_min_count, 3)
        self.assertFalse(mad2.quorum_reached)
        self.assertEqual(mad.quorum_percent, 50.0)
        self.assertTrue(mad.quorum_reached)
        mad2.attendance_ids[2].present = True
        self.assertTrue(mad2.quorum_reached)

    def test_only_members_invited(self):
        mad = self._make_mad()
        with self.assertRaises(ValidationError):
            mad.attendance_ids = [(0, 0, {"region_id": self.outsider.id})]

    def test_decisions_need_quorum_and_held_meeting(self):
        program = self._make_program()
        vals = {"decision_type": "program", "name": "Pengesahan", "program_id": program.id}
        mad = self._make_mad(present=1)
        with self.assertRaises(UserError):
            mad.decision_ids = [(0, 0, vals)]  # still draft
        mad.action_hold()
        with self.assertRaises(UserError):
            mad.decision_ids = [(0, 0, vals)]  # no quorum
        mad.action_close()  # a meeting without quorum and without decisions may be closed
        self.assertEqual(mad.state, "closed")
        self.assertNotEqual(mad.name, "/")
        self.assertEqual(program.state, "draft")
        with self.assertRaises(UserError):
            mad.attendance_ids[2].present = True

    def test_one_meeting_model(self):
        """The BKAD's meetings are the core Musyawarah Antar-Desa: no second model."""
        self.assertNotIn("kerjasama.bkad.mad", self.env)
        self.assertEqual(
            self.env["kerjasama.bkad.mad.decision"]._fields["mad_id"].comodel_name, "kerjasama.mad"
        )
        mad = self._make_mad()
        self.assertEqual(self.bkad.mad_ids, mad)
        self.assertEqual(self.bkad.mad_count, 1)
        action = self.bkad.action_open_mad()
        self.assertEqual(action["res_model"], "kerjasama.mad")

    def test_numbered_in_the_year_of_the_meeting(self):
        mad = self._make_mad(present=3)
        mad.date = datetime.datetime(2025, 12, 31, 2, 0)
        mad.action_hold()
        mad.action_close()
        self.assertTrue(mad.name.startswith("BA-MAD/99.01/2025/"), mad.name)

    def _make_agreement(self):
        return self.env["kerjasama.agreement"].create(
            {
                "title": "Pengelolaan Sampah Bersama",
                "kind": "antar_desa",
                "bkad_id": self.bkad.id,
                "party_ids": [
                    (0, 0, {"party_kind": "desa", "region_id": region.id})
                    for region in self.members[:2]
                ],
            }
        )

    def test_meeting_on_an_agreement_of_the_bkad(self):
        """The BKAD staff run the meeting on an agreement of their BKAD; its party desa are
        invited and must all be present (not the BKAD's quorum), for its decisions too."""
        agreement = self._make_agreement()
        env = self.env(user=self.staff)
        mad = env["kerjasama.mad"].create(
            {
                "agreement_id": agreement.id,
                "bkad_id": self.bkad.id,
                "date": datetime.datetime(2025, 12, 1, 2, 0),
                "chair_name": "Ketua BKAD",
                "secretary_name": "Sekretaris BKAD",
                "minutes": "Rancangan dibahas.",
            }
        )
        self.assertEqual(mad.attendance_ids.region_id, self.members[:2])
        self.assertEqual(mad.quorum_percent, 100.0)
        mad.attendance_ids[0].present = True
        mad.action_hold()
        with self.assertRaisesRegex(UserError, "quorum"):
            mad.decision_ids = [(0, 0, {"decision_type": "other", "name": "Lain"})]
        mad.decision = "agreed"
        with self.assertRaises(UserError):
            mad.action_close()  # a party desa is absent
        mad.attendance_ids.present = True
        mad.action_close()
        self.assertEqual(self.env["kerjasama.mad"]._missing_for_drafting(agreement), [])
        # staff of another BKAD see nothing of it
        with self.assertRaises(AccessError):
            mad.with_user(self.staff_other).read(["subject"])

    def test_decision_only_in_a_bkad_meeting(self):
        agreement = self._make_agreement()
        mad = self.env["kerjasama.mad"].create(
            {"agreement_id": agreement.id, "date": datetime.datetime(2025, 12, 1, 2, 0)}
        )
        mad.attendance_ids.present = True
        mad.action_hold()
        with self.assertRaisesRegex(ValidationError, "not a meeting of a BKAD"):
            mad.decision_ids = [(0, 0, {"decision_type": "other", "name": "Keputusan"})]

    def test_decision_needs_its_object(self):
        mad = self._make_mad(present=3)
        mad.action_hold()
        with self.assertRaises(ValidationError):
            mad.decision_ids = [(0, 0, {"decision_type": "program", "name": "Tanpa program"})]
        with self.assertRaises(ValidationError):
            mad.decision_ids = [(0, 0, {"decision_type": "pengurus", "name": "Tanpa pengurus"})]


@tagged("post_install", "-at_install")
class TestProgram(BkadCase):
    def test_ratified_only_by_mad(self):
        program = self._make_program()
        with self.assertRaises(UserError):
            program.state = "ratified"
        self.assertEqual(program.state, "draft")
        with self.assertRaises(UserError):
            program.action_start()
        mad = self._ratify(program)
        self.assertEqual(program.state, "ratified")
        self.assertEqual(program.ratification_mad_id, mad)
        self.assertTrue(mad.decision_ids.applied)
        self.assertTrue(mad.name.startswith("BA-MAD/"))
        program.action_start()
        self.assertEqual(program.state, "running")

    def test_ratified_programme_locked(self):
        program = self._make_program()
        self.assertEqual(program.budget_total, 10_000_000.0)
        self._ratify(program)
        activity = program.program_activity_ids[0]
        with self.assertRaises(UserError):
            activity.budget = 1.0
        with self.assertRaises(UserError):
            self.env["kerjasama.bkad.program.activity"].create(
                {"name": "Tambahan", "program_id": program.id}
            )
        with self.assertRaises(UserError):
            activity.progress = 10.0  # ratified, not running yet
        program.action_start()
        program.program_activity_ids[0].progress = 50.0
        program.program_activity_ids[1].progress = 100.0
        # weighted by budget: (6M * 50 + 4M * 100) / 10M
        self.assertAlmostEqual(program.progress, 70.0)
        with self.assertRaises(UserError):
            program.unlink()
        program.action_close()
        self.assertEqual(program.state, "closed")

    def test_budget_and_pengurus_decisions(self):
        program = self._make_program()
        official = self.env["kerjasama.bkad.pengurus"].create(
            {
                "name": "Lina",
                "bkad_id": self.bkad.id,
                "role_id": self.role_bendahara.id,
                "region_id": self.members[2].id,
                "date_start": "2026-01-01",
            }
        )
        mad = self._make_mad(present=2)
        mad.action_hold()
        mad.decision_ids = [
            (0, 0, {"decision_type": "budget", "name": "RAB", "program_id": program.id}),
            (
                0,
                0,
                {
                    "decision_type": "pengurus",
                    "name": "Bendahara baru",
                    "pengurus_ids": [(6, 0, official.ids)],
                },
            ),
        ]
        mad.action_close()
        self.assertEqual(program.budget_decision_id.mad_id, mad)
        self.assertEqual(official.decision_id.mad_id, mad)
        self.assertEqual(program.state, "draft")
