from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import KerjasamaDesaCommon

D = fields.Date.to_date


@tagged("post_install", "-at_install")
class TestAmendment(KerjasamaDesaCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.agreement = cls.create_agreement(
            scope="Pengelolaan air bersih.", objective="Air bersih untuk semua warga."
        )
        cls.agreement.party_ids[:1].write({"rights": "Hak A", "obligations": "Kewajiban A"})
        cls.Version = cls.env["kerjasama.agreement.version"]

    def _version(self, **vals):
        values = {"agreement_id": self.agreement.id, "reason": "Perluasan layanan."}
        values.update(vals)
        return self.Version.create(values)

    def test_new_text_proposed_from_agreement(self):
        version = self._version()
        self.assertEqual(version.new_scope, "Pengelolaan air bersih.")
        self.assertEqual(version.new_date_end, D("2027-12-31"))
        self.assertFalse(version.old_scope)

    def test_only_running_agreement(self):
        version = self._version(musyawarah_reference="BA/MAD/01/2026", new_scope="Baru")
        with self.assertRaises(UserError):
            version.with_user(self.user_kades_a1).action_apply()
        self.assertEqual(version.state, "draft")
        self.assertEqual(self.agreement.scope, "Pengelolaan air bersih.")

    def test_requires_deliberation(self):
        self.advance_agreement(self.agreement, "berjalan")
        version = self._version(new_scope="Baru")
        with self.assertRaises(UserError):
            version.with_user(self.user_kades_a1).action_apply()
        self.assertEqual(self.agreement.scope, "Pengelolaan air bersih.")
        self.assertEqual(version.state, "draft")

    def test_apply_keeps_earlier_text(self):
        self.advance_agreement(self.agreement, "berjalan")
        first = self._version(
            musyawarah_reference="BA/MAD/01/2026",
            new_scope="Pengelolaan air bersih dan sanitasi.",
            new_date_end=D("2028-12-31"),
        )
        first.with_user(self.user_kades_a1).action_apply()
        self.assertEqual(first.state, "applied")
        self.assertEqual(first.number, 1)
        self.assertEqual(self.agreement.scope, "Pengelolaan air bersih dan sanitasi.")
        self.assertEqual(self.agreement.date_end, D("2028-12-31"))
        self.assertEqual(first.old_scope, "Pengelolaan air bersih.")
        self.assertEqual(first.old_date_end, D("2027-12-31"))
        self.assertEqual(first.old_objective, "Air bersih untuk semua warga.")
        self.assertIn("Hak A", first.old_rights_obligations)
        second = self._version(musyawarah_reference="BA/MAD/02/2026")
        self.assertEqual(second.new_scope, "Pengelolaan air bersih dan sanitasi.")
        second.new_scope = "Ketiga."
        # the DPMD supervises; applying the amendment is the village head's act
        with self.assertRaises(AccessError):
            second.with_user(self.user_dpmd).action_apply()
        self.assertEqual(second.state, "draft")
        second.with_user(self.user_kades_a1).action_apply()
        self.assertEqual(second.number, 2)
        self.assertEqual(second.old_scope, "Pengelolaan air bersih dan sanitasi.")
        self.assertEqual(self.agreement.version_count, 2)
        # the history is read-only and kept
        with self.assertRaises(UserError):
            first.write({"old_scope": "Dipalsukan"})
        with self.assertRaises(UserError):
            first.unlink()
        self.assertEqual(first.old_scope, "Pengelolaan air bersih.")

    def test_role_and_bad_dates(self):
        self.advance_agreement(self.agreement, "berjalan")
        version = self._version(musyawarah_reference="BA/MAD/01/2026")
        with self.assertRaises(UserError):
            version.with_user(self.user_perangkat_a1).action_apply()
        with self.assertRaises(ValidationError):
            version.write({"new_date_start": D("2026-01-01"), "new_date_end": D("2025-01-01")})
