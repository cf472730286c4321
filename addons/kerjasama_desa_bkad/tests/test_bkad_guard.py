"""The BKAD records with a lifecycle hold on every path, and the BKAD staff report for the
agreements their BKAD runs: through the ORM as the test users (``with_user``, never ``sudo``),
records are born in their first stage, stages, numbers and stamps are written by the
transitions only whatever context a client sends, and the wrong role is an ``AccessError``;
each refusal leaves the rows and the values as they were."""

from datetime import date

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

from odoo.addons.kerjasama_desa.tests.common import KerjasamaDesaCommon
from odoo.addons.kerjasama_desa.tests.test_followup_guard import CLIENT_KEYS, GuardAssertions

from .common import GROUP_STAFF, BkadCase

D = fields.Date.to_date


@tagged("post_install", "-at_install")
class TestBkadStaffReports(GuardAssertions, KerjasamaDesaCommon):
    """Permendagri 96/2017, pelaporan: the BKAD reports on the antar-desa cooperation it runs."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.staff = new_test_user(cls.env, login="test.bkad.staff", groups=GROUP_STAFF)
        cls.staff_other = new_test_user(cls.env, login="test.bkad.staff.other", groups=GROUP_STAFF)
        Bkad = cls.env["kerjasama.bkad"]
        cls.bkad, cls.bkad_other = Bkad.create(
            [
                {
                    "name": "BKAD Sukamaju Raya",
                    "member_region_ids": [Command.set((cls.desa_a1 | cls.desa_a2).ids)],
                    "peraturan_bersama_number": "1 Tahun 2025",
                    "peraturan_bersama_date": D("2025-02-01"),
                    "user_ids": [Command.set(cls.staff.ids)],
                },
                {
                    "name": "BKAD Mekar",
                    "member_region_ids": [Command.set((cls.desa_b1 | cls.desa_b2).ids)],
                    "peraturan_bersama_number": "2 Tahun 2025",
                    "peraturan_bersama_date": D("2025-02-01"),
                    "user_ids": [Command.set(cls.staff_other.ids)],
                },
            ]
        )
        (cls.bkad | cls.bkad_other).with_user(cls.user_dpmd).action_activate()
        cls.agreement = cls.create_agreement(title="Dijalankan BKAD", bkad_id=cls.bkad.id)
        cls.advance_agreement(cls.agreement, "berjalan")
        cls.plain = cls.create_agreement(title="Tanpa BKAD")
        cls.advance_agreement(cls.plain, "berjalan")
        cls.Report = cls.env["kerjasama.implementation.report"]
        cls.report = cls.agreement.report_ids.sorted("period_start")[0]

    def test_staff_prepare_and_submit(self):
        Report = self.Report.with_user(self.staff)
        self.assertEqual(
            Report.search([("agreement_id", "=", self.agreement.id)]), self.agreement.report_ids
        )
        self.assertFalse(Report.search([("agreement_id", "=", self.plain.id)]))
        report = self.report.with_user(self.staff)
        self.assertIn(self.bkad.name, report.reporter)
        report.write({"activity_summary": "Pelatihan bersama berjalan.", "progress": 40})
        self.assertIs(report.action_submit(), True)
        self.assertEqual(self.report.state, "submitted")
        self.assertTrue(self.report.number.startswith("LPKS/99.01/"))
        # submitted: the staff no longer write it, and do not acknowledge their own report
        self.assertRefused(
            AccessError,
            lambda: report.write({"activity_summary": "Diubah."}),
            self.report,
            ["activity_summary"],
        )
        self.assertRefused(AccessError, report.action_receive, self.report, ["state"])
        self.assertIs(report.action_reset_draft(), True)
        report.write({"issues": "Jadwal bergeser."})
        report.action_submit()
        # the village heads of the member desa receive it
        self.report.with_user(self.user_kades_a2).action_receive()
        self.assertEqual(self.report.state, "received")
        # a report of the staff's agreement, prepared by hand
        extra = Report.create({"agreement_id": self.agreement.id, "period_start": D("2026-03-01")})
        self.assertEqual(extra.state, "draft")

    def test_village_head_does_not_submit_for_the_bkad(self):
        self.report.with_user(self.staff).write({"activity_summary": "Hasil."})
        error = self.assertRefused(
            AccessError,
            self.report.with_user(self.user_kades_a1).action_submit,
            self.report,
            ["state", "number"],
        )
        self.assertIn("BKAD", str(error))

    def test_other_bkad_staff_refused(self):
        self.report.with_user(self.staff).write({"activity_summary": "Hasil."})
        other = self.report.with_user(self.staff_other)
        self.assertRefused(AccessError, lambda: other.read(["progress"]), self.report, ["state"])
        self.assertRefused(AccessError, other.action_submit, self.report, ["state", "number"])
        self.assertRefused(
            AccessError, lambda: other.write({"progress": 90}), self.report, ["progress"]
        )
        for staff, agreement in ((self.staff_other, self.agreement), (self.staff, self.plain)):
            self.assertRefused(
                AccessError,
                lambda s=staff, a=agreement: self.Report.with_user(s).create(
                    {"agreement_id": a.id, "period_start": D("2026-03-01")}
                ),
                self.report,
                ["state"],
            )
        plain_report = self.plain.report_ids[0]
        self.assertRefused(
            AccessError,
            lambda: plain_report.with_user(self.staff).read(["progress"]),
            plain_report,
            ["state"],
        )

    def test_staff_write_no_server_field(self):
        self.assertServerFieldsRefused(
            self.report,
            self.staff,
            {
                "state": "received",
                "number": "LPKS/99.01/2026/0999",
                "date_submitted": D("2026-07-01"),
                "date_received": D("2026-07-02"),
            },
        )
        for key in CLIENT_KEYS:
            self.assertRefused(
                UserError,
                lambda k=key: self.Report.with_user(self.staff)
                .with_context(**{k: True})
                .create(
                    {
                        "agreement_id": self.agreement.id,
                        "period_start": D("2026-03-01"),
                        "state": "submitted",
                    }
                ),
                self.report,
                ["state"],
            )
        self.assertRefused(
            AccessError, self.report.with_user(self.staff).unlink, self.report, ["state"]
        )


@tagged("post_install", "-at_install")
class TestBkadRecordsGuard(GuardAssertions, BkadCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.admin = new_test_user(
            cls.env, login="bkad_admin", groups="kerjasama_desa.kerjasama_desa_group_admin"
        )
        cls.admin.kerjasama_region_ids = cls.kabupaten
        cls.program = cls._make_program(year=2026)
        cls._ratify(cls.program)
        cls.contribution = cls.env["kerjasama.bkad.contribution"].create(
            {
                "bkad_id": cls.bkad.id,
                "year": 2026,
                "region_id": cls.members[0].id,
                "amount_owed": 1_000_000.0,
            }
        )

    def _entry(self, user, **vals):
        values = {
            "bkad_id": self.bkad.id,
            "date": date(2026, 3, 1),
            "entry_type": "income",
            "amount": 500_000.0,
            "description": "Hibah",
        }
        values.update(vals)
        return self.env["kerjasama.bkad.ledger"].with_user(user).create(values)

    def _report(self, user, **vals):
        values = {
            "title": "Laporan Semester I",
            "bkad_id": self.bkad.id,
            "date_from": date(2026, 1, 1),
            "date_to": date(2026, 6, 30),
        }
        values.update(vals)
        return self.env["kerjasama.bkad.accountability.report"].with_user(user).create(values)

    # ------------------------------------------------------------------ BKAD
    def test_bkad_state_and_founding_data(self):
        fields_ = ["state", "member_region_ids", "peraturan_bersama_number"]
        for key in CLIENT_KEYS:
            self.assertRefused(
                UserError,
                lambda k=key: self.env["kerjasama.bkad"]
                .with_user(self.dpmd)
                .with_context(**{k: True})
                .create({"name": "BKAD Aktif", "state": "active"}),
                self.bkad,
                fields_,
            )
        self.assertServerFieldsRefused(self.bkad, self.staff, {"state": "inactive"})
        self.assertServerFieldsRefused(self.bkad, self.dpmd, {"state": "inactive"})
        for user in (self.staff, self.kades, self.staff_other):
            self.assertRefused(
                AccessError, self.bkad.with_user(user).action_deactivate, self.bkad, fields_
            )
        self.assertRefused(
            AccessError,
            lambda: self.bkad.with_user(self.staff).write(
                {"member_region_ids": [Command.unlink(self.members[3].id)]}
            ),
            self.bkad,
            fields_,
        )
        self.bkad.with_user(self.staff).mad_quorum_percent = 60.0
        self.assertIs(self.bkad.with_user(self.dpmd).action_deactivate(), True)
        self.assertEqual(self.bkad.state, "inactive")

    # ------------------------------------------------------------------ work programme
    def test_program_lifecycle(self):
        fields_ = ["state", "ratification_decision_id", "budget_decision_id", "name"]
        Program = self.env["kerjasama.bkad.program"].with_user(self.staff)
        for vals in (
            {"state": "running"},
            {"ratification_decision_id": self.program.ratification_decision_id.id},
        ):
            for key in CLIENT_KEYS:
                self.assertRefused(
                    UserError,
                    lambda v=vals, k=key: Program.with_context(**{k: True}).create(
                        dict(v, name="Program Langsung", bkad_id=self.bkad.id, year=2030)
                    ),
                    self.program,
                    fields_,
                )
        draft = self._make_program(year=2027, budgets=(1_000_000.0,))
        self.assertServerFieldsRefused(
            draft,
            self.staff,
            {
                "state": "ratified",
                "ratification_decision_id": self.program.ratification_decision_id.id,
                "budget_total": 1.0,
            },
        )
        # a decision on another programme is no ratification of this one
        self.assertRefused(
            UserError,
            lambda: draft.with_user(self.staff).write(
                {"budget_decision_id": self.program.ratification_decision_id.id}
            ),
            draft,
            fields_,
        )
        for user in (self.kades, self.dpmd, self.staff_other):
            self.assertRefused(
                AccessError, self.program.with_user(user).action_start, self.program, fields_
            )
        self.assertRefused(
            UserError,
            lambda: self.program.with_user(self.staff).write({"name": "Nama baru"}),
            self.program,
            fields_,
        )
        self.assertIs(self.program.with_user(self.staff).action_start(), True)
        self.assertEqual(self.program.state, "running")

    # ------------------------------------------------------------------ ledger
    def test_ledger_lifecycle(self):
        fields_ = ["state", "name", "posted_by_id", "posted_at", "amount"]
        anchor = self._entry(self.staff)
        for vals in (
            {"state": "posted"},
            {"name": "KAS-BKAD/99.01/2026/0999"},
            {"posted_by_id": self.staff.id},
            {"posted_at": fields.Datetime.now()},
            {"reversed_entry_id": anchor.id},
        ):
            for key in CLIENT_KEYS:
                self.assertRefused(
                    UserError,
                    lambda v=vals, k=key: self.env["kerjasama.bkad.ledger"]
                    .with_user(self.staff)
                    .with_context(**{k: True})
                    .create(
                        dict(
                            v,
                            bkad_id=self.bkad.id,
                            entry_type="income",
                            amount=1.0,
                            description="Langsung",
                        )
                    ),
                    anchor,
                    fields_,
                )
        server = {
            "state": "posted",
            "name": "KAS-BKAD/99.01/2026/0999",
            "posted_by_id": self.staff.id,
            "posted_at": fields.Datetime.now(),
            "amount_signed": 9.0,
            "direction": "out",
        }
        self.assertServerFieldsRefused(anchor, self.staff, server)
        for user in (self.kades, self.dpmd, self.staff_other):
            self.assertRefused(AccessError, anchor.with_user(user).action_post, anchor, fields_)
        self.assertIs(anchor.with_user(self.staff).action_post(), True)
        self.assertTrue(anchor.name.startswith("KAS-BKAD/99.01/2026/"))
        self.assertEqual(anchor.posted_by_id, self.staff)
        self.assertServerFieldsRefused(anchor, self.staff, dict(server, state="draft"))
        self.assertRefused(
            UserError,
            lambda: anchor.with_user(self.staff).write({"amount": 1.0}),
            anchor,
            fields_,
        )
        self.assertRefused(
            AccessError, anchor.with_user(self.kades).action_reverse, anchor, fields_
        )
        self.assertIs(anchor.with_user(self.staff).action_reverse(), True)
        self.assertEqual(anchor.reversal_ids.state, "posted")

    # ------------------------------------------------------------------ contributions
    def test_contribution_follows_the_ledger(self):
        fields_ = ["amount_owed", "amount_paid", "payment_state", "region_id"]
        Contribution = self.env["kerjasama.bkad.contribution"]
        for vals in ({"payment_state": "paid"}, {"amount_paid": 1_000_000.0}):
            for key in CLIENT_KEYS:
                self.assertRefused(
                    UserError,
                    lambda v=vals, k=key: Contribution.with_user(self.staff)
                    .with_context(**{k: True})
                    .create(
                        dict(
                            v,
                            bkad_id=self.bkad.id,
                            year=2026,
                            region_id=self.members[1].id,
                            amount_owed=1_000_000.0,
                        )
                    ),
                    self.contribution,
                    fields_,
                )
        self.assertServerFieldsRefused(
            self.contribution,
            self.staff,
            {"payment_state": "paid", "amount_paid": 1_000_000.0, "amount_due": 0.0},
        )
        self.assertRefused(
            AccessError,
            lambda: Contribution.with_user(self.kades).create(
                {"bkad_id": self.bkad.id, "year": 2026, "region_id": self.members[2].id}
            ),
            self.contribution,
            fields_,
        )
        payment = self._entry(
            self.staff, entry_type="contribution", contribution_id=self.contribution.id
        )
        payment.with_user(self.staff).action_post()
        self.assertEqual(self.contribution.payment_state, "partial")
        self.assertRefused(
            UserError,
            lambda: self.contribution.with_user(self.staff).write(
                {"region_id": self.members[1].id}
            ),
            self.contribution,
            fields_,
        )

    # ------------------------------------------------------------------ officials
    def test_official_term_and_decision(self):
        Pengurus = self.env["kerjasama.bkad.pengurus"]
        official = Pengurus.with_user(self.staff).create(
            {
                "name": "Asep",
                "bkad_id": self.bkad.id,
                "role_id": self.role_ketua.id,
                "region_id": self.members[0].id,
                "date_start": date(2025, 1, 1),
            }
        )
        fields_ = ["decision_id", "role_id", "region_id", "date_start", "name"]
        decision = self.program.ratification_decision_id  # not a change of officials
        for key in CLIENT_KEYS:
            self.assertRefused(
                UserError,
                lambda k=key: Pengurus.with_user(self.staff)
                .with_context(**{k: True})
                .create(
                    {
                        "name": "Budi",
                        "bkad_id": self.bkad.id,
                        "role_id": self.role_pengawas.id,
                        "region_id": self.members[1].id,
                        "date_start": date(2025, 1, 1),
                        "decision_id": decision.id,
                    }
                ),
                official,
                fields_,
            )
        self.assertServerFieldsRefused(official, self.staff, {"decision_id": decision.id})
        # the seat of a term that has started is fixed
        self.assertRefused(
            UserError,
            lambda: official.with_user(self.staff).write({"role_id": self.role_pengawas.id}),
            official,
            fields_,
        )
        for user in (self.kades, self.dpmd, self.staff_other):
            self.assertRefused(
                AccessError,
                lambda u=user: official.with_user(u).write({"name": "Asep S."}),
                official,
                fields_,
            )
            self.assertRefused(
                AccessError, official.with_user(user).action_end_term, official, ["date_end"]
            )
        self.assertIs(official.with_user(self.staff).action_end_term(), True)
        self.assertTrue(official.date_end)

    # ------------------------------------------------------------------ accountability report
    def test_accountability_report_lifecycle(self):
        fields_ = ["state", "name", "submitted_by_id", "balance_closing", "summary"]
        report = self._report(self.staff)
        for vals in (
            {"state": "submitted"},
            {"name": "LPJ-BKAD/99.01/2026/0999"},
            {"balance_closing": 1_000_000.0},
            {"submitted_by_id": self.staff.id},
        ):
            for key in CLIENT_KEYS:
                self.assertRefused(
                    UserError,
                    lambda v=vals, k=key: self.env["kerjasama.bkad.accountability.report"]
                    .with_user(self.staff)
                    .with_context(**{k: True})
                    .create(
                        dict(
                            v,
                            title="Langsung",
                            bkad_id=self.bkad.id,
                            date_from=date(2026, 1, 1),
                            date_to=date(2026, 6, 30),
                        )
                    ),
                    report,
                    fields_,
                )
        server = {
            "state": "received",
            "name": "LPJ-BKAD/99.01/2026/0999",
            "submitted_by_id": self.staff.id,
            "received_date": fields.Datetime.now(),
            "balance_closing": 1_000_000.0,
        }
        self.assertServerFieldsRefused(report, self.staff, server)
        for user in (self.kades, self.dpmd, self.staff_other):
            self.assertRefused(AccessError, report.with_user(user).action_submit, report, fields_)
        self.assertIs(report.with_user(self.staff).action_submit(), True)
        self.assertTrue(report.name.startswith("LPJ-BKAD/99.01/2026/"))
        self.assertServerFieldsRefused(report, self.staff, dict(server, state="draft"))
        self.assertRefused(
            UserError,
            lambda: report.with_user(self.staff).write({"summary": "Diubah."}),
            report,
            fields_,
        )
        self.assertRefused(
            AccessError, report.with_user(self.staff).action_confirm_receipt, report, fields_
        )
        # the receipt trail is the server's, even for the administrator
        receipt = report.receipt_ids[0]
        for key in CLIENT_KEYS:
            self.assertRefused(
                UserError,
                lambda k=key: receipt.with_user(self.admin)
                .with_context(**{k: True})
                .write({"received_date": fields.Datetime.now()}),
                receipt,
                ["received_date", "received_by_id"],
            )
        self.assertRefused(
            UserError,
            receipt.with_user(self.admin).unlink,
            receipt,
            ["received_date"],
        )
        self.assertRefused(
            UserError,
            lambda: self.env["kerjasama.bkad.accountability.receipt"]
            .with_user(self.admin)
            .create({"report_id": report.id, "region_id": self.outsider.id}),
            receipt,
            ["received_date"],
        )
        self.assertIs(report.with_user(self.kades).action_confirm_receipt(), True)
        self.assertEqual(report.receipt_ids.filtered("received_date").region_id, self.members[0])
        self.assertEqual(report.state, "submitted")
        self.assertRefused(
            UserError, report.with_user(self.staff).action_reset_draft, report, fields_
        )
        self.assertRefused(UserError, report.with_user(self.admin).unlink, report, fields_)
