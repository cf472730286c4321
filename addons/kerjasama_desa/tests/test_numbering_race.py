"""Two transactions numbering the same register at once, on real committed cursors: the second
waits for the first and takes the next number; nobody fails on a lock, and a rolled-back number
is given again (no hole)."""

import threading

from odoo import SUPERUSER_ID, api
from odoo.tests import TransactionCase, tagged

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
    def _take(env, results, key, start=None):
        try:
            env.cr.execute("SET LOCAL lock_timeout = '20s'")
            if start:
                start.wait(10)
            results[key] = next_counter(env, SCOPE, 2026)
            env.cr.commit()
        except Exception as error:  # noqa: BLE001 - the test reports any failure
            env.cr.rollback()
            results[key] = repr(error)

    def test_second_waits_and_takes_the_next_number(self):
        env_a, env_b = self._env(), self._env()
        results = {"a": next_counter(env_a, SCOPE, 2026)}  # A holds the register, uncommitted
        thread = threading.Thread(target=self._take, args=(env_b, results, "b"))
        thread.start()
        thread.join(timeout=1.5)
        self.assertTrue(thread.is_alive(), "B must wait for A's open transaction")
        env_a.cr.commit()
        thread.join(timeout=30)
        self.assertFalse(thread.is_alive())
        self.assertEqual(results, {"a": 1, "b": 2})

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
            threading.Thread(target=self._take, args=(env, results, i, start))
            for i, env in enumerate(envs)
        ]
        for thread in threads:
            thread.start()
        start.set()
        for thread in threads:
            thread.join(timeout=30)
        self.assertEqual(sorted(results.values()), [1, 2, 3, 4, 5, 6], results)
