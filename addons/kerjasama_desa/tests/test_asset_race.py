"""Two users committing the same asset at once: the database decides.

This test works in its own database cursors (committed data), and removes what it created.
"""

import threading

from odoo import SUPERUSER_ID, api, fields
from odoo.exceptions import ValidationError
from odoo.tests import TransactionCase, tagged
from odoo.tools import mute_logger


@tagged("post_install", "-at_install")
class TestAssetDoubleCommitmentRace(TransactionCase):
    def setUp(self):
        super().setUp()
        registry = self.env.registry
        with registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
            Region = env["kerjasama.region"]
            provinsi = Region.create(
                {"code": "97", "name": "Provinsi Balapan", "level": "provinsi"}
            )
            kabupaten = Region.create(
                {
                    "code": "97.01",
                    "name": "Kab Balapan",
                    "level": "kabupaten",
                    "parent_id": provinsi.id,
                }
            )
            kecamatan = Region.create(
                {
                    "code": "97.01.01",
                    "name": "Kec Balapan",
                    "level": "kecamatan",
                    "parent_id": kabupaten.id,
                }
            )
            desa = Region.create(
                {
                    "code": "97.01.01.2001",
                    "name": "Desa Balapan",
                    "level": "desa",
                    "parent_id": kecamatan.id,
                }
            )
            asset = env["kerjasama.asset"].create(
                {
                    "name": "Pasar Desa Balapan",
                    "region_id": desa.id,
                    "kind_id": env.ref("kerjasama_desa.kerjasama_asset_kind_pasar_desa").id,
                }
            )
            self.region_ids = [desa.id, kecamatan.id, kabupaten.id, provinsi.id]
            self.asset_id = asset.id
            self.form_ksp_id = env.ref("kerjasama_desa.kerjasama_utilization_form_ksp").id
            self.form_sewa_id = env.ref("kerjasama_desa.kerjasama_utilization_form_sewa").id
        self.addCleanup(self._cleanup)

    def _cleanup(self):
        with self.env.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            cr.execute(
                "DELETE FROM kerjasama_asset_utilization WHERE asset_id = %s", [self.asset_id]
            )
            cr.execute("DELETE FROM kerjasama_asset WHERE id = %s", [self.asset_id])
            partners = env["kerjasama.region"].browse(self.region_ids).partner_id
            cr.execute("DELETE FROM kerjasama_region WHERE id = ANY(%s)", [self.region_ids])
            partners.unlink()

    def _vals(self, form_id, start, end):
        return {
            "asset_id": self.asset_id,
            "form_id": form_id,
            "date_start": fields.Date.to_date(start),
            "date_end": fields.Date.to_date(end),
            "flow": "income",
            "amount": 1_000_000,
        }

    def _count(self):
        with self.env.registry.cursor() as cr:
            cr.execute(
                "SELECT count(*) FROM kerjasama_asset_utilization WHERE asset_id = %s",
                [self.asset_id],
            )
            return cr.fetchone()[0]

    def test_race_with_snapshot_that_cannot_see_the_winner(self):
        """User B's transaction started before user A committed: a Python check in B's
        snapshot sees no conflict, the EXCLUDE constraint still refuses B."""
        Utilization = "kerjasama.asset.utilization"
        with self.env.registry.cursor() as cr_a, self.env.registry.cursor() as cr_b:
            env_a = api.Environment(cr_a, SUPERUSER_ID, {"tracking_disable": True})
            env_b = api.Environment(cr_b, SUPERUSER_ID, {"tracking_disable": True})
            # B opens its transaction (snapshot) and checks: the asset is free
            self.assertFalse(env_b[Utilization].search([("asset_id", "=", self.asset_id)]))
            # A commits a kerja sama pemanfaatan
            env_a[Utilization].create(self._vals(self.form_ksp_id, "2026-01-01", "2035-12-31"))
            cr_a.commit()
            # B's snapshot still sees a free asset ...
            self.assertFalse(env_b[Utilization].search([("asset_id", "=", self.asset_id)]))
            # ... yet the database refuses B's overlapping sewa, with a clear message
            with self.assertRaisesRegex(ValidationError, "already committed"):
                env_b[Utilization].create(self._vals(self.form_sewa_id, "2030-01-01", "2030-12-31"))
            cr_b.rollback()
        self.assertEqual(self._count(), 1)

    @mute_logger("odoo.sql_db")
    def test_race_two_uncommitted_transactions(self):
        """A and B insert at the same time: B waits for A's transaction; when A commits, B is
        refused; had A rolled back, B would have won."""
        Utilization = "kerjasama.asset.utilization"
        outcome = {}
        b_inserting = threading.Event()

        # B's environment is made here: building one takes the registry lock that the test
        # runner holds in this thread.
        cr_b = self.env.registry.cursor()
        self.addCleanup(cr_b.close)
        env_b = api.Environment(cr_b, SUPERUSER_ID, {"tracking_disable": True})

        def user_b():
            cr_b.execute("SET LOCAL lock_timeout = '20s'")
            b_inserting.set()
            try:
                env_b[Utilization].create(self._vals(self.form_sewa_id, "2030-01-01", "2030-12-31"))
                cr_b.commit()
                outcome["b"] = "committed"
            except ValidationError as error:
                cr_b.rollback()
                outcome["b"] = str(error)
            except Exception as error:
                cr_b.rollback()
                outcome["b"] = repr(error)

        with self.env.registry.cursor() as cr_a:
            env_a = api.Environment(cr_a, SUPERUSER_ID, {"tracking_disable": True})
            env_a[Utilization].create(self._vals(self.form_ksp_id, "2026-01-01", "2035-12-31"))
            env_a.flush_all()  # A's row is written, not yet committed
            thread = threading.Thread(target=user_b)
            thread.start()
            b_inserting.wait(timeout=10)
            thread.join(timeout=1.5)
            self.assertTrue(thread.is_alive(), "B must wait for A's open transaction")
            cr_a.commit()
        thread.join(timeout=30)
        self.assertFalse(thread.is_alive())
        self.assertIn("already committed", outcome.get("b", ""))
        self.assertEqual(self._count(), 1)
