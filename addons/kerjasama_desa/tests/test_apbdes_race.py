"""Two treasurers realising one APBDesa line at the same moment: one wins, the other is told
why in words (or both win when both fit), never with a database error.

Each treasurer works in a cursor of its own, in a thread of its own, through
``odoo.service.model.retrying``: what the XML-RPC/JSON-RPC and web requests run, commit and
retry included. The fixtures are committed and removed at the end of the class.
"""

import re
import threading
import time

from odoo import SUPERUSER_ID, Command, api, fields
from odoo.exceptions import ValidationError
from odoo.service.model import retrying
from odoo.tests import TransactionCase, new_test_user, tagged

BUDGET = 10_000_000
RAW_ERROR = re.compile(r"psycopg2|deadlock|serializ|transaction|CONTEXT:|PL/pgSQL", re.I)


@tagged("post_install", "-at_install")
class TestRealizationRace(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        with cls.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
            Region = env["kerjasama.region"]
            provinsi = Region.create({"code": "96", "name": "Provinsi Serentak"})
            kabupaten = Region.create(
                {"code": "96.01", "name": "Kab Serentak", "parent_id": provinsi.id}
            )
            kecamatan = Region.create(
                {"code": "96.01.01", "name": "Kec Serentak", "parent_id": kabupaten.id}
            )
            desa = Region.create(
                {"code": "96.01.01.2001", "name": "Desa Serentak", "parent_id": kecamatan.id}
            )
            cls.region_ids = [desa.id, kecamatan.id, kabupaten.id, provinsi.id]
            cls.treasurer_ids = [
                new_test_user(
                    env,
                    login=f"race.bendahara.{n}",
                    name=f"Bendahara Serentak {n}",
                    groups="kerjasama_desa.kerjasama_desa_group_bendahara",
                    kerjasama_region_ids=[Command.set(desa.ids)],
                ).id
                for n in (1, 2)
            ]
            cls.code_id = env.ref("kerjasama_desa.kerjasama_account_code_rek_5_2_9").id
            cls.kegiatan_id = env.ref("kerjasama_desa.kerjasama_account_code_kegiatan_01_04_09").id
            apbdes = env["kerjasama.apbdes"].create(
                {
                    "region_id": desa.id,
                    "year": 2026,
                    "line_ids": [Command.create(cls._line_vals("Iuran pembuka"))],
                }
            )
            apbdes.action_approve()
            cls.apbdes_id = apbdes.id
        cls.addClassCleanup(cls._cleanup)

    @classmethod
    def _cleanup(cls):
        with cls.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
            cr.execute(
                "DELETE FROM kerjasama_apbdes_realization WHERE apbdes_id = %s", [cls.apbdes_id]
            )
            cr.execute("DELETE FROM kerjasama_apbdes_line WHERE apbdes_id = %s", [cls.apbdes_id])
            cr.execute("DELETE FROM kerjasama_apbdes WHERE id = %s", [cls.apbdes_id])
            users = env["res.users"].browse(cls.treasurer_ids)
            partners = users.partner_id
            users.unlink()
            partners.unlink()
            partners = env["kerjasama.region"].browse(cls.region_ids).partner_id
            cr.execute("DELETE FROM kerjasama_region WHERE id = ANY(%s)", [cls.region_ids])
            partners.unlink()

    @classmethod
    def _line_vals(cls, description):
        return {
            "account_code_id": cls.code_id,
            "kegiatan_id": cls.kegiatan_id,
            "description": description,
            "amount": BUDGET,
        }

    def _committed(self, make):
        """Run ``make(env)`` as superuser in a cursor of its own and commit it."""
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
            return make(env)

    def _new_line(self, description, realized=()):
        """A fresh committed budget line of BUDGET, with committed realisations ``realized``;
        returns (line id, display name, realisation ids)."""

        def make(env):
            vals = dict(self._line_vals(description), apbdes_id=self.apbdes_id)
            line = env["kerjasama.apbdes.line"].create(vals)
            entries = env["kerjasama.apbdes.realization"].create(
                [
                    {
                        "line_id": line.id,
                        "amount": amount,
                        "reference": f"BKU/AWAL/{n}",
                        "date": fields.Date.to_date("2026-03-01"),
                    }
                    for n, amount in enumerate(realized, start=1)
                ]
            )
            return line.id, line.display_name, entries.ids

        return self._committed(make)

    def _state_of(self, line_id):
        """(number of realisations, their total, the stored realised amount) of the line, as
        committed."""

        def read(env):
            env.cr.execute(
                "SELECT count(*), COALESCE(SUM(amount), 0) FROM kerjasama_apbdes_realization "
                "WHERE line_id = %s",
                [line_id],
            )
            count, total = env.cr.fetchone()
            return count, total, env["kerjasama.apbdes.line"].browse(line_id).realized_amount

        return self._committed(read)

    @staticmethod
    def _request(env, job, before_commit=None):
        """Run ``job(env)`` as one request does (``retrying``: retried on a concurrency
        failure, then committed); returns "committed" or the text of the refusal."""

        def attempt():
            job(env)
            env.flush_all()
            if before_commit:
                before_commit(env)

        try:
            retrying(attempt, env)
        except ValidationError as error:
            env.cr.rollback()
            return str(error)
        except Exception as error:  # any other error is the test's failure
            env.cr.rollback()
            return repr(error)
        return "committed"

    def _race(self, job_first, job_second):
        """Treasurer 1 runs ``job_first(env)`` and treasurer 2 ``job_second(env)``, started
        together. The first holds its transaction open, once its change is written, until the
        second is waiting on a lock, and a while longer (more than PostgreSQL's
        deadlock_timeout, so that a deadlock is detected at the first one's commit: the case
        that reached users as a raw error). Returns the outcome of each.

        The second runs in the test runner's thread: a retry resets the environment, which
        takes the registry lock that this thread holds while the tests run."""
        cursors = [self.registry.cursor() for __ in range(2)]
        for cr in cursors:
            self.addCleanup(cr.close)
        envs = [
            api.Environment(cr, uid, {"tracking_disable": True})
            for cr, uid in zip(cursors, self.treasurer_ids, strict=True)
        ]
        # the second transaction starts (takes its snapshot) before the first commits
        cursors[1].execute("SELECT pg_backend_pid()")
        second_pid = cursors[1].fetchone()[0]
        barrier = threading.Barrier(2, timeout=30)
        first_written = threading.Event()
        outcome = {"second_waited": False}

        def hold_open(env):
            first_written.set()
            deadline = time.monotonic() + 20
            while time.monotonic() < deadline:
                env.cr.execute(
                    "SELECT 1 FROM pg_locks WHERE pid = %s AND NOT granted", [second_pid]
                )
                if env.cr.fetchone():
                    outcome["second_waited"] = True
                    break
                time.sleep(0.05)
            time.sleep(1.5)

        def first():
            try:
                barrier.wait()
                outcome["first"] = self._request(envs[0], job_first, hold_open)
            finally:
                first_written.set()

        thread = threading.Thread(target=first)
        thread.start()
        barrier.wait()
        first_written.wait(timeout=20)
        outcome["second"] = self._request(envs[1], job_second)
        thread.join(timeout=60)
        self.assertFalse(thread.is_alive(), outcome)
        return outcome

    @staticmethod
    def _realize(line_id, amount, reference):
        def job(env):
            env["kerjasama.apbdes.realization"].create(
                {
                    "line_id": line_id,
                    "amount": amount,
                    "reference": reference,
                    "date": fields.Date.to_date("2026-06-30"),
                }
            )

        return job

    @staticmethod
    def _set_amount(realization_id, amount):
        def job(env):
            env["kerjasama.apbdes.realization"].browse(realization_id).amount = amount

        return job

    def assertCleanRefusal(self, message, *figures):
        self.assertIn("Realisation refused", message)
        for figure in figures:
            self.assertIn(figure, message)
        self.assertIsNone(RAW_ERROR.search(message), message)

    def test_race_over_budget_one_wins(self):
        line_id, line_name, __ = self._new_line("Iuran kerja sama serentak")
        outcome = self._race(
            self._realize(line_id, 6_000_000, "BKU/A"),
            self._realize(line_id, 5_000_000, "BKU/B"),
        )
        self.assertEqual(outcome["first"], "committed", outcome)
        self.assertTrue(outcome["second_waited"], "the second treasurer waits for the first")
        self.assertCleanRefusal(
            outcome["second"],
            line_name,
            "Rp 10.000.000",  # the budget
            "Rp 6.000.000",  # what the first realised, committed meanwhile
            "Rp 5.000.000",  # the refused entry
            "Rp 11.000.000",  # the total it would make
            "Rp 1.000.000",  # above the budget
        )
        self.assertEqual(self._state_of(line_id), (1, 6_000_000, 6_000_000))

    def test_race_within_budget_both_commit(self):
        line_id, __, __ = self._new_line("Iuran kerja sama cukup")
        outcome = self._race(
            self._realize(line_id, 4_000_000, "BKU/A"),
            self._realize(line_id, 5_000_000, "BKU/B"),
        )
        self.assertEqual((outcome["first"], outcome["second"]), ("committed", "committed"))
        # nothing lost: the stored realised amount counts both entries
        self.assertEqual(self._state_of(line_id), (2, 9_000_000, 9_000_000))

    def test_race_on_amount_change_one_wins(self):
        line_id, line_name, (first_id, second_id) = self._new_line(
            "Iuran kerja sama diubah", realized=(2_000_000, 2_000_000)
        )
        outcome = self._race(
            self._set_amount(first_id, 6_000_000), self._set_amount(second_id, 6_000_000)
        )
        self.assertEqual(outcome["first"], "committed", outcome)
        self.assertTrue(outcome["second_waited"])
        self.assertCleanRefusal(
            outcome["second"],
            line_name,
            "Rp 10.000.000",
            "Rp 6.000.000",
            "Rp 12.000.000",
            "Rp 2.000.000",
        )
        self.assertEqual(self._state_of(line_id), (2, 8_000_000, 8_000_000))

    def test_race_on_amount_change_both_fit(self):
        line_id, __, (first_id, second_id) = self._new_line(
            "Iuran kerja sama pas", realized=(2_000_000, 2_000_000)
        )
        outcome = self._race(
            self._set_amount(first_id, 5_000_000), self._set_amount(second_id, 5_000_000)
        )
        self.assertEqual((outcome["first"], outcome["second"]), ("committed", "committed"))
        self.assertEqual(self._state_of(line_id), (2, 10_000_000, 10_000_000))

    def test_commit_time_guard_is_a_clean_error(self):
        """The deferred trigger, last line of defence, fires before the commit of a request:
        a total it refuses (here an entry written past the ORM) is a clear message, and
        nothing is saved."""
        line_id, line_name, __ = self._new_line("Iuran kerja sama dijaga")
        with self.registry.cursor() as cr:
            env = api.Environment(cr, self.treasurer_ids[0], {"tracking_disable": True})

            def request():
                self._realize(line_id, 6_000_000, "BKU/ORM")(env)
                env.flush_all()
                cr.execute(
                    "INSERT INTO kerjasama_apbdes_realization (line_id, date, reference, amount) "
                    "VALUES (%s, '2026-07-01', 'BKU/SQL', 5000000)",
                    [line_id],
                )

            with self.assertRaises(ValidationError) as caught:
                retrying(request, env)
            cr.rollback()
        self.assertIn(line_name, str(caught.exception))
        self.assertCleanRefusal(
            str(caught.exception), "Rp 11.000.000", "Rp 10.000.000", "Rp 1.000.000"
        )
        self.assertEqual(self._state_of(line_id), (0, 0, 0))
