"""The register no client can bend: every bypass of issue 9 tried as the lowest role would,
through the ORM as the user (no sudo), with every context key a client could send. Each is
refused with a clear message and changes nothing (rows and values checked before and after)."""

from psycopg2.errors import UniqueViolation

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import SIGNED_SCAN, KerjasamaDesaCommon

# Every context key a client could try: the ones the suite used to honour, and Odoo's own.
CLIENT_CONTEXT_KEYS = (
    "kerjasama_transition",
    "kerjasama_amendment",
    "kerjasama_amendment_apply",
    "tracking_disable",
    "install_mode",
    "active_test",
    "force_company",
    "sudo",
    "su",
    "bypass_checks",
)
MODELS = (
    "kerjasama.agreement",
    "kerjasama.agreement.party",
    "kerjasama.agreement.funding",
    "kerjasama.agreement.version",
    "kerjasama.musyawarah",
)


@tagged("post_install", "-at_install")
class TestRegisterGuard(KerjasamaDesaCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.running = cls.create_agreement(title="Kerja sama berjalan", scope="Lingkup asli.")
        cls.advance_agreement(cls.running, "berjalan")

    def _counts(self):
        return {model: self.env[model].sudo().search_count([]) for model in MODELS}

    def assertRefused(self, exception, func, message=None):
        before = self._counts()
        with mute_logger("odoo.sql_db"), self.assertRaises(exception) as caught:
            with self.env.cr.savepoint():
                func()
        self.assertEqual(self._counts(), before)
        if message:
            self.assertIn(message, str(caught.exception))
        return caught.exception

    def _with_every_key(self, records):
        for key in CLIENT_CONTEXT_KEYS:
            yield records.with_context(**{key: True})

    # ------------------------------------------------------------------ stage and numbers
    def test_context_keys_unlock_nothing(self):
        kades = self.running.with_user(self.user_kades_a1)
        for agreement in self._with_every_key(kades):
            self.assertRefused(UserError, lambda a=agreement: a.write({"title": "Judul baru"}))
            self.assertRefused(UserError, lambda a=agreement: a.write({"state": "berakhir"}))
            self.assertRefused(UserError, lambda a=agreement: a.write({"scope": "Baru"}))
        self.assertEqual(self.running.title, "Kerja sama berjalan")
        self.assertEqual(self.running.state, "berjalan")
        self.assertEqual(self.running.scope, "Lingkup asli.")

    def test_create_starts_in_persiapan(self):
        Agreement = self.env["kerjasama.agreement"].with_user(self.user_kades_a1)
        for state in ("berjalan", "evaluasi", "berakhir"):
            for model in self._with_every_key(Agreement):
                self.assertRefused(
                    UserError,
                    lambda m=model, s=state: m.create(
                        {
                            "title": "Lahir berjalan",
                            "state": s,
                            "party_ids": [
                                Command.create(
                                    {"party_kind": "desa", "region_id": self.desa_a1.id}
                                ),
                                Command.create(
                                    {"party_kind": "desa", "region_id": self.desa_a2.id}
                                ),
                            ],
                        }
                    ),
                    "Preparation",
                )

    def test_numbers_are_server_side(self):
        kades = self.running.with_user(self.user_kades_a1)
        other = self.create_agreement(title="Lain")
        for agreement in self._with_every_key(kades):
            self.assertRefused(
                UserError, lambda a=agreement: a.write({"name": "KSD/99.01/2026/9999"})
            )
            self.assertRefused(UserError, lambda a=agreement: a.write({"document_number": "9"}))
            self.assertRefused(
                UserError, lambda a=agreement: a.write({"signing_date": "2025-01-01"})
            )
        for model in self._with_every_key(
            self.env["kerjasama.agreement"].with_user(self.user_kades_a1)
        ):
            self.assertRefused(
                UserError,
                lambda m=model: m.create({"title": "Nomor sendiri", "name": self.running.name}),
            )
        # two registered agreements never share a number (register and database)
        self.advance_agreement(other, "penawaran")
        self.assertNotEqual(other.name, self.running.name)
        with mute_logger("odoo.sql_db"), self.assertRaises(UniqueViolation):
            with self.env.cr.savepoint():
                self.env.cr.execute(
                    "UPDATE kerjasama_agreement SET name = %s WHERE id = %s",
                    [self.running.name, other.id],
                )
        party = self.running.party_ids[0]
        self.assertRefused(
            UserError, lambda: party.with_user(self.user_kades_a1).write({"document_number": "7"})
        )

    # ------------------------------------------------------------------ signed content
    def test_signed_financing_locked_for_every_role(self):
        funding = self.running.funding_ids[0]
        amount = funding.amount
        for user in (self.user_kades_a1, self.user_dpmd, self.user_kecamatan_a, self.user_admin):
            for line in self._with_every_key(funding.with_user(user)):
                self.assertRefused(UserError, lambda ln=line: ln.write({"amount": 1}))
                self.assertRefused(UserError, lambda ln=line: ln.unlink())
            self.assertRefused(
                UserError,
                lambda u=user: self.env["kerjasama.agreement.funding"]
                .with_user(u)
                .create(
                    {
                        "agreement_id": self.running.id,
                        "party_id": self.running.party_ids[0].id,
                        "amount": 5,
                    }
                ),
            )
        self.assertEqual(funding.amount, amount)

    def test_camat_never_writes_financing(self):
        draft = self.create_agreement(title="Draf camat")
        self.fill_stage_requirements(draft, "penyusunan")
        funding = draft.funding_ids[0]
        self.assertRefused(
            AccessError, lambda: funding.with_user(self.user_kecamatan_a).write({"amount": 1})
        )
        self.assertRefused(
            AccessError, lambda: funding.with_user(self.user_dpmd).write({"amount": 1})
        )

    def test_signed_never_archived_nor_deleted(self):
        for user in (self.user_kades_a1, self.user_admin, self.user_national_admin):
            for agreement in self._with_every_key(self.running.with_user(user)):
                self.assertRefused(UserError, lambda a=agreement: a.action_archive())
                self.assertRefused(UserError, lambda a=agreement: a.unlink())
        self.assertTrue(self.running.active)

    def test_signing_stage_change_returns_to_drafting(self):
        agreement = self.create_agreement(title="Sedang ditandatangani", scope="Lingkup lama.")
        self.advance_agreement(agreement, "penandatanganan")
        party_a1 = agreement.party_ids.filtered(lambda p: p.region_id == self.desa_a1)
        party_a1.with_user(self.user_kades_a1).write(
            {"signatory_name": "H. Asep", "sign_date": "2025-12-18"}
        )
        party_a1.with_user(self.user_kades_a1).action_sign()
        versions = agreement.version_ids
        agreement.with_user(self.user_kades_a1).scope = "Lingkup baru."
        self.assertEqual(agreement.state, "penyusunan")
        self.assertFalse(party_a1.signed_date)
        redraft = agreement.version_ids - versions
        self.assertEqual(redraft.kind, "redraft")
        self.assertEqual(redraft.old_scope, "Lingkup lama.")
        self.assertTrue(redraft.old_line_ids.filtered(lambda ln: ln.kind == "funding"))
        # the kept text is read-only
        self.assertRefused(UserError, lambda: redraft.write({"old_scope": "Diubah"}))
        self.assertRefused(UserError, lambda: redraft.unlink())

    def test_nobody_signs_for_another_desa(self):
        agreement = self.create_agreement(title="Tanda tangan")
        self.advance_agreement(agreement, "penandatanganan")
        agreement.write({"signed_document": SIGNED_SCAN, "signed_document_filename": "s.pdf"})
        party_a2 = agreement.party_ids.filtered(lambda p: p.region_id == self.desa_a2)
        for party in self._with_every_key(party_a2.with_user(self.user_kades_a1)):
            self.assertRefused(AccessError, lambda p=party: p.write({"signatory_name": "Saya"}))
            self.assertRefused(AccessError, lambda p=party: p.action_sign())
        # one village head alone cannot move the agreement to evaluation
        party_a1 = agreement.party_ids.filtered(lambda p: p.region_id == self.desa_a1)
        party_a1.with_user(self.user_kades_a1).write({"signatory_name": "H. Asep"})
        party_a1.with_user(self.user_kades_a1).action_sign()
        self.assertRefused(
            UserError,
            lambda: agreement.with_user(self.user_kades_a1).action_to_evaluasi(),
            "signature of",
        )
        self.assertEqual(agreement.state, "penandatanganan")

    def test_own_desa_never_dropped(self):
        draft = self.create_agreement(title="Draf desa A1")
        own = draft.party_ids.filtered(lambda p: p.region_id == self.desa_a1)
        kades = self.user_kades_a1
        self.assertRefused(AccessError, lambda: own.with_user(kades).unlink())
        self.assertRefused(
            AccessError, lambda: own.with_user(kades).write({"region_id": self.desa_b1.id})
        )
        self.assertRefused(
            AccessError,
            lambda: draft.with_user(kades).write({"party_ids": [Command.unlink(own.id)]}),
        )
        # nor registers an agreement of other villages
        self.assertRefused(
            AccessError,
            lambda: self.create_agreement(
                title="Desa lain", desa=self.desa_b1 | self.desa_b2, user=kades
            ),
        )
        self.assertIn(self.desa_a1, draft.region_ids)

    def test_kepala_desa_registers_a_pihak_ketiga(self):
        partner = (
            self.env["res.partner"]
            .with_user(self.user_kades_a1)
            .create(
                {"name": "CV Maju Bersama", "is_company": True, "kerjasama_party_type": "swasta"}
            )
        )
        self.assertEqual(partner.kerjasama_party_type, "swasta")

    def test_bkad_members_only(self):
        bkad = self.env["kerjasama.bkad"].create(
            {
                "name": "BKAD Uji",
                "member_region_ids": [Command.set((self.desa_a1 | self.desa_b1).ids)],
            }
        )
        agreement = self.create_agreement(title="Dengan BKAD")
        self.assertRefused(
            ValidationError,
            lambda: agreement.with_user(self.user_kades_a1).write({"bkad_id": bkad.id}),
            "member",
        )
        self.assertFalse(agreement.bkad_id)

    def test_blank_title_and_implausible_dates(self):
        for title in ("", "   "):
            self.assertRefused(
                UserError,
                lambda t=title: self.create_agreement(title=t, user=self.user_kades_a1),
            )
        for field_name, value in (("date_start", "1900-01-01"), ("date_end", "2200-01-01")):
            self.assertRefused(
                ValidationError,
                lambda f=field_name, v=value: self.create_agreement(
                    title="Tanggal aneh", user=self.user_kades_a1, **{f: fields.Date.to_date(v)}
                ),
                "plausible",
            )

    def test_bpd_consent_before_its_meeting_refused(self):
        agreement = self.create_agreement(title="Urutan tanggal")
        self.advance_agreement(agreement, "musyawarah")
        meeting = self.env["kerjasama.musyawarah"].create(
            {
                "agreement_id": agreement.id,
                "region_id": self.desa_a1.id,
                "date": "2025-11-15",
                "berita_acara_number": "BA/T/1",
                "decision": "agreed",
            }
        )
        self.assertRefused(
            ValidationError,
            lambda: meeting.with_user(self.user_bpd_a1).write({"bpd_consent_date": "2025-11-01"}),
        )
        # a musyawarah before the offer is refused too
        self.assertRefused(
            ValidationError,
            lambda: meeting.with_user(self.user_perangkat_a1).write({"date": "2025-01-01"}),
        )

    def test_signature_before_deliberations_refused(self):
        agreement = self.create_agreement(title="Tanda tangan dini")
        self.advance_agreement(agreement, "penandatanganan")
        party = agreement.party_ids[0]
        kades = self.kades_by_desa[party.region_id]
        party.with_user(kades).write({"signatory_name": "H. Asep", "sign_date": "2025-11-01"})
        self.assertRefused(ValidationError, lambda: party.with_user(kades).action_sign())
        self.assertFalse(party.signed_date)

    def test_evaluation_before_signing_refused(self):
        agreement = self.create_agreement(title="Evaluasi dini")
        self.advance_agreement(agreement, "evaluasi")
        self.forward(agreement, self.user_kecamatan_a)
        agreement.with_user(self.user_dpmd).write(
            {"evaluation_date": "2025-12-01", "evaluation_result": "approved"}
        )
        self.assertRefused(
            UserError,
            lambda: agreement.with_user(self.user_dpmd).action_to_berjalan(),
            "signing date",
        )

    def test_forwarding_can_be_switched_off(self):
        self.region_kabupaten.camat_forwarding_required = False
        agreement = self.create_agreement(title="Tanpa pengantar camat")
        self.advance_agreement(agreement, "evaluasi")
        agreement.with_user(self.user_dpmd).write(
            {"evaluation_date": "2025-12-28", "evaluation_result": "approved"}
        )
        agreement.with_user(self.user_dpmd).action_to_berjalan()
        self.assertEqual(agreement.state, "berjalan")

    def test_amendment_versions_party_and_financing_lines(self):
        Version = self.env["kerjasama.agreement.version"]
        version = Version.with_user(self.user_kades_a1).create(
            {
                "agreement_id": self.running.id,
                "reason": "Penambahan kontribusi.",
                "musyawarah_reference": "BA/MAD/02/2026",
            }
        )
        funding_line = version.line_ids.filtered(lambda ln: ln.kind == "funding")[:1]
        party_line = version.line_ids.filtered(lambda ln: ln.kind == "party")[:1]
        old_amount = funding_line.funding_id.amount
        funding_line.with_user(self.user_kades_a1).amount = old_amount + 5_000_000
        party_line.with_user(self.user_kades_a1).rights = "Hak baru hasil perubahan."
        # an amendment cannot be born applied, nor applied by writing its stage
        for model in self._with_every_key(Version.with_user(self.user_kades_a1)):
            self.assertRefused(
                UserError,
                lambda m=model: m.create(
                    {"agreement_id": self.running.id, "reason": "X", "state": "applied"}
                ),
            )
        self.assertRefused(
            UserError, lambda: version.with_user(self.user_kades_a1).write({"state": "applied"})
        )
        version.with_user(self.user_kades_a1).action_apply()
        self.assertEqual(funding_line.funding_id.amount, old_amount + 5_000_000)
        self.assertEqual(party_line.party_id.rights, "Hak baru hasil perubahan.")
        old = version.old_line_ids.filtered(
            lambda ln: ln.kind == "funding" and ln.funding_id == funding_line.funding_id
        )
        self.assertEqual(old.amount, old_amount)
        self.assertRefused(
            UserError, lambda: old.with_user(self.user_kades_a1).write({"amount": 1})
        )
        self.assertRefused(
            UserError, lambda: funding_line.with_user(self.user_kades_a1).write({"amount": 2})
        )
