"""Two transactions numbering the same register at once, on real committed cursors: the second
waits for the first and takes the next number; nobody fails on a lock, and a rolled-back number
is given again (no hole)."""

import threading
import time
from functools import partial

from psycopg2.errors import SerializationFailure

from odoo import SUPERUSER_ID, api
from odoo.service.model import retrying
from odoo.tests import TransactionCase, tagged
from odoo.tools import mute_logger

from ..tools.numbering import next_counter

SCOPE = "TEST-RACE/99.97"


@tagged("post_install", "-at_install")
class TestNumberingRace(TransactionCase):
    def setUp(self):
        super().setUp()
        self.addCleanup(self._cleanup)

    def _cleanup(self):
        with self.env.registry.cursor() as cr:
            cr.execute("DELETE FROM kerjasama_document_counter WHERE scope = %s", [SCOPE])

    def _env(self):
        # environments are built here: building one takes the registry lock that the test
        # runner holds in this thread
        cr = self.env.registry.cursor()
        self.addCleanup(cr.close)
        return api.Environment(cr, SUPERUSER_ID, {})

    @staticmethod
    def _take(env, results, key, start=None, hold=0.0, taken=None):
        """Take a number and commit, retrying on a serialisation failure as Odoo's request
        layer does (``odoo.service.model.retrying``, which needs the registry lock of the test
        runner's thread, so the threads of this test retry by hand)."""
        if start:
            start.wait(10)
        TestNumberingRace._take_retrying(env, results, key, hold, taken)

    @staticmethod
    def _take_retrying(env, results, key, hold, taken=None):
        for _try in range(10):
            try:
                env.cr.execute("SET LOCAL lock_timeout = '20s'")
                number = next_counter(env, SCOPE, 2026)
                if taken:
                    taken.set()
                if hold:
                    time.sleep(hold)
                env.cr.commit()
                results[key] = number
                return
            except SerializationFailure:
                env.cr.rollback()
            except Exception as error:
                env.cr.rollback()
                results[key] = repr(error)
                return

    def test_second_waits_and_takes_the_next_number(self):
        """A holds the register in an open transaction; B, a request of its own, waits for it
        and then takes the next number through Odoo's own retry of concurrent requests: no
        lock error reaches B."""
        env_a, env_b = self._env(), self._env()
        results = {}
        taken = threading.Event()
        thread = threading.Thread(target=self._take, args=(env_a, results, "a", None, 1.5, taken))
        muted = mute_logger("odoo.sql_db")
        muted.__enter__()
        self.addCleanup(muted.__exit__, None, None, None)
        thread.start()
        self.assertTrue(taken.wait(10), "A took its number")
        began = time.monotonic()
        results["b"] = retrying(partial(next_counter, env_b, SCOPE, 2026), env_b)
        env_b.cr.commit()
        thread.join(timeout=30)
        self.assertEqual(results, {"a": 1, "b": 2})
        self.assertGreater(time.monotonic() - began, 0.3, "B waited for A instead of failing")

    def test_rolled_back_number_is_given_again(self):
        env_a, env_b = self._env(), self._env()
        self.assertEqual(next_counter(env_a, SCOPE, 2026), 1)
        env_a.cr.rollback()
        self.assertEqual(next_counter(env_b, SCOPE, 2026), 1)
        env_b.cr.commit()

    def test_many_at_once_gapless(self):
        envs = [self._env() for _i in range(6)]
        results = {}
        start = threading.Event()
        threads = [
            threading.Thread(target=self._take, args=(env, results, i, start, 0.05))
            for i, env in enumerate(envs)
        ]
        # the retried serialisation failures are logged by odoo.sql_db: muted here, in the
        # test's thread (mute_logger swaps the logger's handlers, not thread-safe)
        with mute_logger("odoo.sql_db"):
            for thread in threads:
                thread.start()
            start.set()
            for thread in threads:
                thread.join(timeout=30)
        self.assertEqual(sorted(results.values()), [1, 2, 3, 4, 5, 6], results)
