"""The lifecycle of the follow-up records (implementation report, dispute, monitoring evaluation)
and of the BKAD holds on every path: through the ORM as the test users (``with_user``, never
``sudo``), a record is born in its first stage only, its stage, numbers and stamps are written
by its transitions only, whatever context a client sends, and a step made by the wrong role is
an ``AccessError``. Each refusal leaves the rows and the values as they were."""

from datetime import timedelta

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import KerjasamaDesaCommon

D = fields.Date.to_date
# Context keys a client can send with any call: none of them unlocks anything.
CLIENT_KEYS = (
    "kerjasama_transition",
    "kerjasama_amendment",
    "kerjasama_amendment_apply",
    "tracking_disable",
    "active_test",
    "install_mode",
)


class GuardAssertions:
    """Assertions of a refused call (mixed into a ``TransactionCase``; the BKAD addon's guard
    tests use them too)."""

    def assertRefused(self, exception, func, records, field_names, models=(), message=None):
        """``func()`` raises ``exception`` and changes neither the values ``field_names`` of
        ``records`` nor the number of rows of their model (and of ``models``); as a failed call
        of a client, it is rolled back to where it started."""
        Model = self.env[records._name].with_context(active_test=False)
        counted = {records._name, *models}
        counts = {name: Model.env[name].search_count([]) for name in counted}
        before = Model.browse(records.ids).read(field_names)
        with mute_logger("odoo.sql_db"), self.assertRaises(exception) as caught:
            with self.env.cr.savepoint():
                func()
        self.env.invalidate_all()
        self.assertEqual(Model.browse(records.ids).read(field_names), before)
        self.assertEqual({name: Model.env[name].search_count([]) for name in counted}, counts)
        if message:
            self.assertIn(message, str(caught.exception))
        return caught.exception

    def assertServerFieldsRefused(self, record, user, values):
        """Each of ``values`` (field -> value) written by ``user`` is refused, with every context
        key a client could send."""
        fields_ = list(values)
        for key in CLIENT_KEYS:
            for field_name, value in values.items():
                as_user = record.with_user(user).with_context(**{key: True})
                self.assertRefused(
                    UserError,
                    lambda r=as_user, f=field_name, v=value: r.write({f: v}),
                    record,
                    fields_,
                )


class FollowupGuardCase(GuardAssertions, KerjasamaDesaCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.agreement = cls.create_agreement(title="Kerja sama berjalan")  # desa A1 + A2
        cls.advance_agreement(cls.agreement, "berjalan")


@tagged("post_install", "-at_install")
class TestImplementationReportGuard(FollowupGuardCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Report = cls.env["kerjasama.implementation.report"]
        cls.report = cls.agreement.report_ids.sorted("period_start")[0]

    def _create_as(self, user, **vals):
        values = {"agreement_id": self.agreement.id, "period_start": D("2026-02-01")}
        values.update(vals)
        return self.Report.with_user(user).create(values)

    def test_created_in_draft_only(self):
        for vals in (
            {"state": "submitted"},
            {"state": "received"},
            {"number": "LPKS/99.01/2026/0999"},
            {"date_submitted": D("2026-07-01")},
            {"date_received": D("2026-07-02")},
        ):
            for key in CLIENT_KEYS:
                self.assertRefused(
                    UserError,
                    lambda v=vals, k=key: self.Report.with_user(self.user_kades_a1)
                    .with_context(**{k: True})
                    .create(dict(v, agreement_id=self.agreement.id, period_start=D("2026-02-01"))),
                    self.report,
                    ["state"],
                )
        report = self._create_as(self.user_kades_a1)
        self.assertEqual((report.state, report.number), ("draft", False))

    def test_server_fields_refused_whatever_the_context(self):
        self.report.with_user(self.user_kades_a1).write({"activity_summary": "Hasil semester."})
        values = {
            "state": "submitted",
            "number": "LPKS/99.01/2026/0999",
            "date_submitted": D("2026-07-01"),
            "date_received": D("2026-07-02"),
            "company_id": self.env.company.id,
        }
        self.assertServerFieldsRefused(self.report, self.user_kades_a1, values)
        self.assertServerFieldsRefused(self.report, self.user_admin, values)
        self.assertIs(self.report.with_user(self.user_kades_a1).action_submit(), True)
        number = self.report.number
        self.assertTrue(number.startswith("LPKS/99.01/"))
        # submitted: the stage back, the number and the content stay with the server
        self.assertServerFieldsRefused(
            self.report,
            self.user_kades_a1,
            {"state": "draft", "number": "LPKS/99.01/2026/0001", "date_submitted": False},
        )
        for key in CLIENT_KEYS:
            self.assertRefused(
                UserError,
                lambda k=key: self.report.with_user(self.user_kades_a1)
                .with_context(**{k: True})
                .write({"activity_summary": "Diubah setelah diajukan."}),
                self.report,
                ["activity_summary", "state"],
                message="can no longer be changed",
            )
        self.assertEqual(self.report.number, number)

    def test_wrong_role_refused(self):
        self.report.write({"activity_summary": "Hasil semester."})
        fields_ = ["state", "number", "date_submitted"]
        # the village head reports (no BKAD runs this agreement); not the BPD, the camat, a
        # village officer or the village head of a desa that is not a party
        for user in (
            self.user_bpd_a1,
            self.user_kecamatan_a,
            self.user_perangkat_a1,
            self.user_kades_b1,
            self.user_dpmd,
            self.user_supervisor,
        ):
            self.assertRefused(
                AccessError, self.report.with_user(user).action_submit, self.report, fields_
            )
        self.report.with_user(self.user_kades_a2).action_submit()
        self.assertEqual(self.report.state, "submitted")
        for user in (self.user_perangkat_a1, self.user_kades_b1, self.user_dpmd_other):
            self.assertRefused(
                AccessError, self.report.with_user(user).action_receive, self.report, fields_
            )
        for user in (self.user_bpd_a1, self.user_kecamatan_a, self.user_kades_b1):
            self.assertRefused(
                AccessError, self.report.with_user(user).action_reset_draft, self.report, fields_
            )
        self.assertIs(self.report.with_user(self.user_kecamatan_a).action_receive(), True)
        self.assertEqual(self.report.state, "received")
        self.assertTrue(self.report.date_received)
        self.assertRefused(
            UserError,
            self.report.with_user(self.user_kades_a1).action_reset_draft,
            self.report,
            fields_,
        )

    def test_records_only_by_party_villages(self):
        for user in (self.user_kades_b1, self.user_bpd_a1, self.user_dpmd, self.user_kecamatan_a):
            self.assertRefused(
                AccessError, lambda u=user: self._create_as(u), self.report, ["state"]
            )
        for user in (self.user_bpd_a1, self.user_kades_b1, self.user_dpmd):
            self.assertRefused(
                AccessError,
                lambda u=user: self.report.with_user(u).write({"progress": 10}),
                self.report,
                ["progress"],
            )

    def test_bkad_reports_not_the_village_head(self):
        """An agreement run by a BKAD is reported by the BKAD's staff: its village heads
        receive the report, they do not submit it."""
        bkad = self.env["kerjasama.bkad"].create(
            {
                "name": "BKAD Uji Laporan",
                "member_region_ids": [Command.set((self.desa_a1 | self.desa_a2).ids)],
                "peraturan_bersama_number": "1 Tahun 2025",
                "peraturan_bersama_date": D("2025-02-01"),
            }
        )
        bkad.with_user(self.user_dpmd).action_activate()
        agreement = self.create_agreement(title="Dijalankan BKAD", bkad_id=bkad.id)
        self.advance_agreement(agreement, "berjalan")
        report = agreement.report_ids[0]
        report.with_user(self.user_kades_a1).write({"activity_summary": "Disiapkan desa."})
        error = self.assertRefused(
            AccessError,
            report.with_user(self.user_kades_a1).action_submit,
            report,
            ["state", "number"],
        )
        self.assertIn("BKAD", str(error))

    def test_submitted_report_kept(self):
        self.report.write({"activity_summary": "Hasil."})
        self.report.action_submit()
        self.report.action_reset_draft()
        self.assertEqual(self.report.state, "draft")
        self.assertTrue(self.report.number, "a report returned to draft keeps its number")
        self.assertRefused(
            UserError, self.report.with_user(self.user_kades_a1).unlink, self.report, ["state"]
        )
        draft = self._create_as(self.user_kades_a1)
        draft.with_user(self.user_kades_a1).unlink()
        self.assertFalse(draft.exists())

    def test_moved_to_another_agreement_refused(self):
        other = self.create_agreement(title="Lain")
        self.advance_agreement(other, "berjalan")
        self.report.write({"activity_summary": "Hasil."})
        self.report.action_submit()
        self.assertRefused(
            UserError,
            lambda: self.report.with_user(self.user_kades_a1).write({"agreement_id": other.id}),
            self.report,
            ["agreement_id"],
        )


@tagged("post_install", "-at_install")
class TestDisputeGuard(FollowupGuardCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Dispute = cls.env["kerjasama.dispute"]

    def _vals(self, **vals):
        values = {
            "name": "Pembagian hasil",
            "agreement_id": self.agreement.id,
            "description": "Para pihak berbeda pendapat.",
        }
        values.update(vals)
        return values

    def _dispute(self, user=None):
        user = user or self.user_kades_a1
        return self.Dispute.with_user(user).create(self._vals()).with_user(self.env.uid)

    def _escalated(self):
        dispute = self._dispute()
        as_kades = dispute.with_user(self.user_kades_a1)
        as_kades.action_start_musyawarah()
        as_kades.outcome = "Belum sepakat."
        as_kades.action_escalate()
        self.assertEqual((dispute.state, dispute.stage), ("escalated", "camat"))
        return dispute

    def test_created_open_only(self):
        anchor = self._dispute()
        for vals in (
            {"state": "settled"},
            {"state": "escalated"},
            {"stage": "bupati"},
            {"date_escalated": D("2026-05-01")},
            {"escalation_target": "bupati"},
        ):
            for key in CLIENT_KEYS:
                self.assertRefused(
                    UserError,
                    lambda v=vals, k=key: self.Dispute.with_user(self.user_kades_a1)
                    .with_context(**{k: True})
                    .create(self._vals(**v)),
                    anchor,
                    ["state"],
                )
        self.assertEqual((anchor.state, anchor.stage), ("open", "musyawarah"))

    def test_server_fields_refused_whatever_the_context(self):
        dispute = self._dispute()
        values = {
            "state": "settled",
            "stage": "bupati",
            "date_escalated": D("2026-05-01"),
            "escalation_target": "bupati",
        }
        self.assertServerFieldsRefused(dispute, self.user_kades_a1, values)
        dispute = self._escalated()
        self.assertServerFieldsRefused(
            dispute, self.user_kecamatan_a, dict(values, state="settled", stage="musyawarah")
        )
        self.assertServerFieldsRefused(dispute, self.user_admin, {"state": "failed"})

    def test_wrong_role_refused(self):
        dispute = self._dispute()
        fields_ = ["state", "stage", "outcome"]
        for user in (
            self.user_bpd_a1,
            self.user_kades_b1,
            self.user_kecamatan_b,
            self.user_dpmd_other,
        ):
            self.assertRefused(
                AccessError, dispute.with_user(user).action_start_musyawarah, dispute, fields_
            )
        dispute = self._escalated()
        dispute.write(
            {
                "berita_acara_number": "BA/02/2026",
                # settled on the day it arose (dated in the village head's time zone)
                "date_settled": dispute.date,
                "signatories": "Para kepala desa dan camat",
            }
        )
        # facilitated by the camat of the kecamatan: not the villages, not the DPMD, not
        # another camat
        for user in (self.user_kades_a1, self.user_dpmd, self.user_kecamatan_b, self.user_bpd_a1):
            self.assertRefused(AccessError, dispute.with_user(user).action_settle, dispute, fields_)
            self.assertRefused(AccessError, dispute.with_user(user).action_fail, dispute, fields_)
        self.assertRefused(
            AccessError,
            lambda: dispute.with_user(self.user_kades_a1).write({"outcome": "Versi desa."}),
            dispute,
            fields_,
        )
        # the facts are fixed once escalated, also for the camat
        self.assertRefused(
            UserError,
            lambda: dispute.with_user(self.user_kecamatan_a).write({"description": "Lain."}),
            dispute,
            ["description"],
        )
        dispute.with_user(self.user_kecamatan_a).write({"outcome": "Sepakat dengan fasilitasi."})
        self.assertIs(dispute.with_user(self.user_kecamatan_a).action_settle(), True)
        self.assertEqual(dispute.state, "settled")
        self.assertRefused(
            UserError,
            lambda: dispute.with_user(self.user_kecamatan_a).write({"outcome": "Diubah."}),
            dispute,
            ["outcome"],
        )

    def test_recorded_dispute_kept(self):
        dispute = self._dispute()
        dispute.with_user(self.user_kades_a1).action_start_musyawarah()
        # only the administrator deletes disputes (ACL), and only one not yet deliberated
        self.assertRefused(
            AccessError, dispute.with_user(self.user_kades_a1).unlink, dispute, ["state"]
        )
        self.assertRefused(UserError, dispute.with_user(self.user_admin).unlink, dispute, ["state"])
        fresh = self._dispute()
        fresh.with_user(self.user_admin).unlink()
        self.assertFalse(fresh.exists())

    def test_dates_and_parties_checked(self):
        dispute = self._dispute()
        other = self.create_agreement(title="Lain", desa=self.desa_a1 | self.desa_b1)
        self.assertRefused(
            ValidationError,
            lambda: dispute.with_user(self.user_kades_a1).write(
                {"party_ids": [Command.set(other.party_ids.ids)]}
            ),
            dispute,
            ["party_ids"],
        )
        self.assertRefused(
            ValidationError,
            lambda: dispute.with_user(self.user_kades_a1).write(
                {"date_settled": dispute.date - timedelta(days=1)}
            ),
            dispute,
            ["date_settled"],
        )


@tagged("post_install", "-at_install")
class TestEvaluationGuard(FollowupGuardCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.instrument = cls.env["kerjasama.evaluation.instrument"].create(
            {
                "name": "Instrumen Penjaga",
                "criterion_ids": [
                    Command.create({"name": "Kriteria 1", "weight": 50}),
                    Command.create({"name": "Kriteria 2", "weight": 50}),
                ],
            }
        )
        cls.Evaluation = cls.env["kerjasama.evaluation"]

    def _vals(self, **vals):
        values = {
            "agreement_id": self.agreement.id,
            "instrument_id": self.instrument.id,
            "period_start": D("2026-01-01"),
            "period_end": D("2026-06-30"),
        }
        values.update(vals)
        return values

    def _evaluation(self):
        return self.Evaluation.with_user(self.user_dpmd).create(self._vals())

    def test_created_in_draft_only(self):
        anchor = self._evaluation()
        for vals in (
            {"state": "done"},
            {"evaluator_id": self.user_admin.id},
            {"score_total": 99.0},
            {"category": "sangat_baik"},
        ):
            for key in CLIENT_KEYS:
                self.assertRefused(
                    UserError,
                    lambda v=vals, k=key: self.Evaluation.with_user(self.user_dpmd)
                    .with_context(**{k: True})
                    .create(self._vals(**v)),
                    anchor,
                    ["state"],
                    models=("kerjasama.evaluation.line",),
                )
        self.assertEqual((anchor.state, anchor.evaluator_id), ("draft", self.user_dpmd))

    def test_server_fields_refused_whatever_the_context(self):
        evaluation = self._evaluation()
        values = {
            "state": "done",
            "evaluator_id": self.user_admin.id,
            "score_total": 99.0,
            "category": "sangat_baik",
        }
        self.assertServerFieldsRefused(evaluation, self.user_dpmd, values)
        self.assertServerFieldsRefused(evaluation, self.user_admin, values)

    def test_wrong_role_refused(self):
        evaluation = self._evaluation()
        evaluation.line_ids.with_user(self.user_dpmd).write({"score": 80})
        for user in (
            self.user_kades_a1,
            self.user_kecamatan_a,
            self.user_dpmd_other,
            self.user_bpd_a1,
        ):
            self.assertRefused(
                AccessError, evaluation.with_user(user).action_done, evaluation, ["state"]
            )
            self.assertRefused(
                AccessError,
                lambda u=user: self.Evaluation.with_user(u).create(self._vals()),
                evaluation,
                ["state"],
                models=("kerjasama.evaluation.line",),
            )
        self.assertIs(evaluation.with_user(self.user_admin).action_done(), True)
        self.assertEqual((evaluation.state, evaluation.evaluator_id), ("done", self.user_admin))
        self.assertRefused(
            AccessError,
            evaluation.with_user(self.user_kades_a1).action_reset_draft,
            evaluation,
            ["state"],
        )

    def test_final_evaluation_and_lines_locked(self):
        evaluation = self._evaluation()
        line = evaluation.line_ids[0]
        line.with_user(self.user_dpmd).score = 70
        with self.assertRaises(UserError):
            line.with_user(self.user_dpmd).write(
                {"criterion_id": evaluation.line_ids[1].criterion_id.id}
            )
        evaluation.with_user(self.user_dpmd).action_done()
        as_dpmd = evaluation.with_user(self.user_dpmd)
        lines = ["score", "note", "criterion_id"]
        for key in CLIENT_KEYS:
            self.assertRefused(
                UserError,
                lambda k=key: line.with_user(self.user_dpmd)
                .with_context(**{k: True})
                .write({"score": 100}),
                line,
                lines,
            )
            self.assertRefused(
                UserError,
                lambda k=key: as_dpmd.with_context(**{k: True}).write(
                    {"line_ids": [Command.update(line.id, {"score": 100})]}
                ),
                line,
                lines,
            )
            self.assertRefused(
                UserError,
                lambda k=key: as_dpmd.with_context(**{k: True}).write(
                    {"recommendation": "Diubah setelah final."}
                ),
                evaluation,
                ["recommendation", "score_total"],
            )
        self.assertRefused(
            UserError,
            lambda: self.env["kerjasama.evaluation.line"]
            .with_user(self.user_dpmd)
            .create({"evaluation_id": evaluation.id, "criterion_id": line.criterion_id.id}),
            line,
            lines,
        )
        self.assertRefused(UserError, line.with_user(self.user_dpmd).unlink, line, lines)
        self.assertRefused(UserError, as_dpmd.unlink, evaluation, ["state"])
        # nor does its result move with the instrument it was scored with
        admin = self.user_national_admin
        criterion = self.instrument.criterion_ids[0]
        for change in (
            lambda: self.instrument.with_user(admin).write({"threshold_fair": 10}),
            lambda: criterion.with_user(admin).write({"weight": 70}),
            lambda: criterion.with_user(admin).unlink(),
            lambda: self.env["kerjasama.evaluation.criterion"]
            .with_user(admin)
            .create({"instrument_id": self.instrument.id, "name": "Baru", "weight": 10}),
        ):
            self.assertRefused(
                UserError,
                change,
                evaluation,
                ["score_total", "category"],
                models=("kerjasama.evaluation.criterion",),
            )
        # reopened by the DPMD, the scores change again
        as_dpmd.action_reset_draft()
        line.with_user(self.user_dpmd).score = 90
        self.assertEqual(line.score, 90)


@tagged("post_install", "-at_install")
class TestBkadGuard(KerjasamaDesaCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Bkad = cls.env["kerjasama.bkad"]
        cls.bkad = cls.Bkad.with_user(cls.user_dpmd).create(
            {
                "name": "BKAD Penjaga",
                "member_region_ids": [Command.set((cls.desa_a1 | cls.desa_a2).ids)],
            }
        )

    def _refused(self, exception, func, message=None):
        count = self.Bkad.with_context(active_test=False).search_count([])
        before = self.bkad.read(["state", "peraturan_bersama_number", "member_region_ids"])
        with self.assertRaises(exception) as caught, self.env.cr.savepoint():
            func()
        self.env.invalidate_all()
        self.assertEqual(self.Bkad.with_context(active_test=False).search_count([]), count)
        self.assertEqual(
            self.bkad.read(["state", "peraturan_bersama_number", "member_region_ids"]), before
        )
        if message:
            self.assertIn(message, str(caught.exception))

    def test_created_in_draft_only(self):
        for state in ("active", "inactive"):
            for key in CLIENT_KEYS:
                self._refused(
                    UserError,
                    lambda s=state, k=key: self.Bkad.with_user(self.user_dpmd)
                    .with_context(**{k: True})
                    .create({"name": "BKAD Langsung Aktif", "state": s}),
                )
        self.assertEqual(self.bkad.state, "draft")

    def test_state_written_only_by_its_steps(self):
        for user in (self.user_dpmd, self.user_admin):
            for key in CLIENT_KEYS:
                self._refused(
                    UserError,
                    lambda u=user, k=key: self.bkad.with_user(u)
                    .with_context(**{k: True})
                    .write({"state": "active"}),
                )
        self._refused(
            UserError, self.bkad.with_user(self.user_dpmd).action_activate, "Peraturan Bersama"
        )
        self.bkad.with_user(self.user_dpmd).write(
            {"peraturan_bersama_number": "2 Tahun 2025", "peraturan_bersama_date": D("2025-03-01")}
        )
        for user in (
            self.user_kades_a1,
            self.user_kecamatan_a,
            self.user_dpmd_other,
            self.user_supervisor,
        ):
            self._refused(AccessError, self.bkad.with_user(user).action_activate)
        self.assertIs(self.bkad.with_user(self.user_dpmd).action_activate(), True)
        self.assertEqual(self.bkad.state, "active")
        self._refused(
            UserError,
            lambda: self.bkad.with_user(self.user_dpmd).write({"peraturan_bersama_number": "3"}),
            "founding Peraturan Bersama",
        )
        self._refused(
            AccessError,
            lambda: self.bkad.with_user(self.user_kades_a1).write({"name": "Diubah desa"}),
        )

    def test_members_and_running_agreements(self):
        self.bkad.write(
            {"peraturan_bersama_number": "2 Tahun 2025", "peraturan_bersama_date": D("2025-03-01")}
        )
        self.bkad.with_user(self.user_dpmd).action_activate()
        agreement = self.create_agreement(title="Dijalankan BKAD", bkad_id=self.bkad.id)
        self.advance_agreement(agreement, "berjalan")
        self._refused(
            ValidationError,
            lambda: self.bkad.with_user(self.user_dpmd).write(
                {"member_region_ids": [Command.unlink(self.desa_a2.id)]}
            ),
            "stays a member village",
        )
        self._refused(
            UserError,
            self.bkad.with_user(self.user_dpmd).action_deactivate,
            "agreements it carries out",
        )
        self._refused(
            ValidationError,
            lambda: self.bkad.with_user(self.user_admin).write(
                {"member_region_ids": [Command.link(self.desa_other.id)]}
            ),
        )
