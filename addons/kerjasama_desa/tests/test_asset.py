from psycopg2 import IntegrityError

from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common_finance import KerjasamaFinanceCommon


@tagged("post_install", "-at_install")
class TestAssetRegister(KerjasamaFinanceCommon):
    def test_inventory_code_on_region_code(self):
        pasar = self.create_asset(name="Pasar Desa Sukamaju")
        bangunan = self.create_asset(name="Balai Desa", kind=self.kind_bangunan)
        tanah = self.create_asset(name="Tanah Kas Desa", kind=self.kind_tanah, area=12_500)
        other = self.create_asset(desa=self.desa_a2, name="Pasar Desa Sukamulya")
        self.assertEqual(pasar.code, "9901012001.C.PSR.0001")
        self.assertEqual(bangunan.code, "9901012001.C.BGN.0002")
        self.assertEqual(tanah.code, "9901012001.A.TKD.0001")
        self.assertEqual(other.code, "9901012002.C.PSR.0001")
        self.assertEqual(tanah.inventory_group, "A")
        self.assertEqual(pasar.display_name, "[9901012001.C.PSR.0001] Pasar Desa Sukamaju")
        # searchable by its code
        found = self.env["kerjasama.asset"].name_search("9901012001.A")
        self.assertEqual([r[0] for r in found], tanah.ids)

    def test_register_bad_inputs(self):
        with self.assertRaises(ValidationError):
            self.create_asset(desa=self.kelurahan_a)
        with self.assertRaises(ValidationError):
            self.create_asset(acquisition_year=2999)
        with self.assertRaises(IntegrityError), mute_logger("odoo.sql_db"):
            self.create_asset(acquisition_value=-1)

    def test_kinds_and_forms_as_data(self):
        kinds = self.env["kerjasama.asset.kind"].search([])
        self.assertGreaterEqual(len(kinds), 9)
        self.assertEqual(set(kinds.mapped("inventory_group")), {"A", "B", "C", "D", "E"})
        self.assertEqual(
            [
                (f.max_duration, f.duration_unit, f.extendable, f.exclusive)
                for f in (
                    self.form_sewa,
                    self.form_pinjam_pakai,
                    self.form_ksp,
                    self.form_bgs,
                    self.form_bsg,
                )
            ],
            [
                (36, "month", True, True),
                (7, "day", True, True),
                (15, "year", False, True),
                (20, "year", False, True),
                (20, "year", False, True),
            ],
        )


@tagged("post_install", "-at_install")
class TestAssetUtilization(KerjasamaFinanceCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.agreement = cls.create_agreement(kind="pihak_ketiga")
        cls.asset = cls.create_asset(name="Pasar Desa Sukamaju")

    def test_duration_limit_per_form(self):
        cases = [
            (self.form_sewa, "2026-01-01", "2028-12-31", "2029-01-01"),
            (self.form_pinjam_pakai, "2026-03-01", "2026-03-07", "2026-03-08"),
            (self.form_ksp, "2026-01-01", "2040-12-31", "2041-01-01"),
            (self.form_bgs, "2026-01-01", "2045-12-31", "2046-01-01"),
            (self.form_bsg, "2026-07-01", "2046-06-30", "2046-07-01"),
        ]
        for form, start, last_ok, too_late in cases:
            with self.subTest(form=form.code):
                asset = self.create_asset(name=f"Aset {form.code}")
                with self.assertRaisesRegex(ValidationError, "at most"):
                    self.create_utilization(asset, form, start, too_late)
                utilization = self.create_utilization(asset, form, start, last_ok)
                self.assertTrue(utilization.exclusive)
                self.assertEqual(str(utilization.date_end), last_ok)

    def test_end_before_start_refused(self):
        with self.assertRaises(IntegrityError), mute_logger("odoo.sql_db"):
            self.create_utilization(self.asset, self.form_sewa, "2026-05-01", "2026-04-30")

    def test_extension_only_for_extendable_forms(self):
        sewa = self.create_utilization(self.asset, self.form_sewa, "2026-01-01", "2028-12-31")
        renewal = self.create_utilization(
            self.asset, self.form_sewa, "2029-01-01", "2031-12-31", renewal_of_id=sewa.id
        )
        self.assertEqual(renewal.renewal_of_id, sewa)
        other = self.create_asset(name="Tanah")
        ksp = self.create_utilization(other, self.form_ksp, "2026-01-01", "2030-12-31")
        with self.assertRaisesRegex(ValidationError, "cannot be extended"):
            self.create_utilization(
                other, self.form_ksp, "2031-01-01", "2035-12-31", renewal_of_id=ksp.id
            )

    def test_double_commitment_refused(self):
        first = self.create_utilization(
            self.asset, self.form_ksp, "2026-01-01", "2035-12-31", agreement_id=self.agreement.id
        )
        with self.assertRaisesRegex(ValidationError, "already committed") as caught:
            self.create_utilization(self.asset, self.form_sewa, "2030-01-01", "2030-12-31")
        self.assertIn("1 Januari 2026", str(caught.exception))
        self.assertEqual(self.asset.utilization_ids, first)
        # adjacent periods are fine, and the first one can still be used afterwards
        after = self.create_utilization(self.asset, self.form_sewa, "2036-01-01", "2036-12-31")
        # moving a commitment into an overlap is refused as well
        with self.assertRaisesRegex(ValidationError, "already committed"):
            after.date_start = "2035-12-31"
        self.assertEqual(str(after.date_start), "2036-01-01")
        first.date_end = "2035-06-30"  # the record is still usable after a refusal
        # a cancelled commitment frees the period
        first.action_cancel()
        self.create_utilization(self.asset, self.form_sewa, "2030-01-01", "2030-12-31")
        # reactivating the cancelled one would overlap again
        with self.assertRaisesRegex(ValidationError, "already committed"):
            first.action_draft()

    def test_double_commitment_in_a_batch(self):
        other = self.create_asset(name="Tambatan")
        self.create_utilization(self.asset, self.form_ksp, "2026-01-01", "2030-12-31")
        Utilization = self.env["kerjasama.asset.utilization"]
        vals = {"form_id": self.form_sewa.id, "flow": "income", "amount": 1}
        with self.assertRaises(ValidationError) as caught:
            Utilization.create(
                [
                    dict(vals, asset_id=other.id, date_start="2026-01-01", date_end="2026-12-31"),
                    dict(
                        vals, asset_id=self.asset.id, date_start="2027-01-01", date_end="2027-12-31"
                    ),
                ]
            )
        self.assertIn("Pasar Desa Sukamaju", str(caught.exception))
        self.assertNotIn("Tambatan", str(caught.exception))
        # nothing of the batch was kept
        self.assertFalse(other.utilization_ids)

    def test_non_exclusive_form_may_overlap(self):
        shared = self.env["kerjasama.utilization.form"].create(
            {
                "name": "Sewa Harian Los",
                "code": "sewa_harian",
                "max_duration": 30,
                "duration_unit": "day",
                "exclusive": False,
            }
        )
        self.create_utilization(self.asset, self.form_sewa, "2026-01-01", "2026-12-31")
        one = self.create_utilization(self.asset, shared, "2026-02-01", "2026-02-10")
        two = self.create_utilization(self.asset, shared, "2026-02-05", "2026-02-20")
        self.assertFalse(one.exclusive or two.exclusive)
        # the exclusive flag is kept on the row: changing the form data later changes nothing
        shared.exclusive = True
        self.assertFalse(one.exclusive)

    def test_asset_in_direct_use_and_non_party(self):
        kantor = self.create_asset(name="Kantor Desa", kind=self.kind_bangunan, in_direct_use=True)
        with self.assertRaisesRegex(ValidationError, "direct use"):
            self.create_utilization(kantor, self.form_sewa, "2026-01-01", "2026-12-31")
        foreign = self.create_asset(desa=self.desa_b1, name="Pasar Mekarsari")
        with self.assertRaisesRegex(ValidationError, "not a party"):
            self.create_utilization(
                foreign,
                self.form_ksp,
                "2026-01-01",
                "2030-12-31",
                agreement_id=self.agreement.id,
            )

    def test_agreements_and_income_both_ways(self):
        second = self.create_agreement(kind="pihak_ketiga", title="Sewa parkir")
        self.create_utilization(
            self.asset,
            self.form_ksp,
            "2026-01-01",
            "2030-12-31",
            agreement_id=self.agreement.id,
            amount=50_000_000,
        )
        self.create_utilization(
            self.asset,
            self.form_sewa,
            "2031-01-01",
            "2031-12-31",
            agreement_id=second.id,
            amount=12_000_000,
        )
        cancelled = self.create_utilization(
            self.asset, self.form_sewa, "2032-01-01", "2032-12-31", amount=99_000_000
        )
        cancelled.action_cancel()
        self.assertEqual(self.asset.agreement_ids, self.agreement | second)
        self.assertEqual(self.asset.agreement_count, 2)
        self.assertEqual(self.asset.income_total, 62_000_000)
        self.assertEqual(self.agreement.asset_count, 1)
        action = self.agreement.action_view_assets()
        self.assertEqual(
            self.env[action["res_model"]].search(action["domain"]).asset_id, self.asset
        )
        action = self.asset.action_view_agreements()
        self.assertEqual(
            self.env[action["res_model"]].search(action["domain"]), self.agreement | second
        )
        # an asset put into use cannot be deleted
        with self.assertRaises(UserError):
            self.asset.unlink()


@tagged("post_install", "-at_install")
class TestUtilizationNeedsSignedAgreement(KerjasamaFinanceCommon):
    """An asset is put into use through an agreement only once it is signed (evaluasi,
    berjalan); a draft may be prepared while the agreement is being drafted."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.asset = cls.create_asset(name="Pasar Desa Sukamaju")
        cls.Utilization = cls.env["kerjasama.asset.utilization"]

    def _vals(self, agreement, state="draft", start="2026-01-01", end="2026-12-31"):
        return {
            "asset_id": self.asset.id,
            "agreement_id": agreement.id,
            "form_id": self.form_sewa.id,
            "partner_id": self.partner_swasta.id,
            "date_start": start,
            "date_end": end,
            "flow": "income",
            "amount": 12_000_000,
            "state": state,
        }

    def _count(self):
        return self.Utilization.search_count([("asset_id", "=", self.asset.id)])

    def _create(self, user, vals):
        """Create as ``user`` the way the form does: a draft, then its activation when the
        values ask for a running utilisation (a record is never born running)."""
        state = vals.pop("state", "draft")
        with self.env.cr.savepoint():
            record = self.Utilization.with_user(user).create(dict(vals, state="draft"))
            if state == "active":
                record.with_user(user).action_activate()
        return record

    def test_unsigned_agreement_refused_as_each_village_role(self):
        agreement = self.create_agreement(kind="pihak_ketiga", title="Sewa los pasar")
        for stage in ("persiapan", "penyusunan", "penandatanganan"):
            self.advance_agreement(agreement, stage)
            for user in (self.user_kades_a1, self.user_perangkat_a1):
                with self.subTest(stage=stage, user=user.login):
                    before = self._count()
                    with self.assertRaises(ValidationError) as caught:
                        self._create(user, self._vals(agreement, "active"))
                    message = str(caught.exception)
                    self.assertIn(agreement.display_name, message)
                    self.assertIn(
                        dict(agreement._fields["state"].selection)[agreement.state], message
                    )
                    self.assertIn("not signed", message)
                    self.assertEqual(self._count(), before)
        # a draft prepared alongside the agreement in drafting is allowed, not its activation
        draft = self._create(self.user_kades_a1, self._vals(agreement))
        self.assertEqual(self._count(), 1)
        with self.assertRaisesRegex(ValidationError, "not signed"):
            draft.with_user(self.user_kades_a1).action_activate()
        with self.assertRaises(UserError):
            draft.with_user(self.user_kades_a1).write({"state": "ended"})
        draft.invalidate_recordset()
        self.assertEqual(draft.state, "draft")
        # nor can a running utilisation be moved onto an unsigned agreement
        signed = self.create_agreement(kind="pihak_ketiga", title="Sewa lahan parkir")
        self.advance_agreement(signed, "evaluasi")
        running = self._create(
            self.user_kades_a1, self._vals(signed, "active", "2027-01-01", "2027-12-31")
        )
        with self.assertRaisesRegex(ValidationError, "not signed"):
            running.with_user(self.user_kades_a1).agreement_id = agreement
        running.invalidate_recordset()
        self.assertEqual(running.agreement_id, signed)

    def test_signed_agreement_allowed(self):
        agreement = self.create_agreement(kind="pihak_ketiga", title="Sewa los pasar")
        draft = self._create(self.user_perangkat_a1, self._vals(agreement))
        self.advance_agreement(agreement, "evaluasi")
        self.assertIs(draft.with_user(self.user_kades_a1).action_activate(), True)
        self.assertEqual(draft.state, "active")
        self.advance_agreement(agreement, "berjalan")
        second = self._create(
            self.user_kades_a1, self._vals(agreement, "active", "2027-01-01", "2027-12-31")
        )
        self.assertEqual(second.state, "active")
        self.assertIs(draft.with_user(self.user_kades_a1).action_end(), True)
        self.assertEqual(self._count(), 2)
        # once the agreement has ended: its utilisations may end, none may start
        self.advance_agreement(agreement, "berakhir")
        self.assertIs(second.with_user(self.user_kades_a1).action_end(), True)
        before = self._count()
        for state in ("draft", "active"):
            with self.subTest(state=state), self.assertRaisesRegex(ValidationError, "no longer"):
                self._create(
                    self.user_kades_a1, self._vals(agreement, state, "2028-01-01", "2028-12-31")
                )
        self.assertEqual(self._count(), before)
        # a utilisation without agreement (a plain sewa contract) is not concerned
        plain = self._create(
            self.user_kades_a1,
            dict(self._vals(agreement, "active", "2029-01-01", "2029-12-31"), agreement_id=False),
        )
        self.assertEqual(plain.state, "active")
