from datetime import date, timedelta

import psycopg2

from odoo import fields
from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import BkadCase


@tagged("post_install", "-at_install")
class TestPengurus(BkadCase):
    def _official(self, name, role, start, end=False, region=None, unit=None):
        return self.env["kerjasama.bkad.pengurus"].create(
            {
                "name": name,
                "bkad_id": self.bkad.id,
                "role_id": role.id,
                "region_id": (region or self.members[0]).id,
                "unit_id": unit.id if unit else False,
                "date_start": start,
                "date_end": end,
                "sk_number": f"SK/{name}",
            }
        )

    def test_single_seat_one_holder_at_a_time(self):
        first = self._official("Asep", self.role_ketua, date(2024, 1, 1))
        with self.assertRaises(ValidationError):
            self._official("Budi", self.role_ketua, date(2025, 1, 1))
        # ending the first term frees the seat; history is kept
        first.date_end = date(2024, 12, 31)
        second = self._official("Budi", self.role_ketua, date(2025, 1, 1))
        holders = self.env["kerjasama.bkad.pengurus"].search(
            [("bkad_id", "=", self.bkad.id), ("role_id", "=", self.role_ketua.id)]
        )
        self.assertEqual(holders, first | second)
        self.assertFalse(first.is_current)
        self.assertTrue(second.is_current)
        current = self.env["kerjasama.bkad.pengurus"].search(
            [("bkad_id", "=", self.bkad.id), ("is_current", "=", True)]
        )
        self.assertEqual(current, second)
        # a term change that overlaps again is refused
        with self.assertRaises(ValidationError):
            first.date_end = date(2025, 6, 30)

    def test_multi_seat_and_other_bkad(self):
        a = self._official("Cici", self.role_pengawas, date(2025, 1, 1))
        b = self._official("Dedi", self.role_pengawas, date(2025, 1, 1), region=self.members[1])
        self.assertTrue(a.is_current and b.is_current)
        # the same single-seat role in another BKAD does not conflict
        self._official("Asep", self.role_ketua, date(2025, 1, 1))
        self.env["kerjasama.bkad.pengurus"].create(
            {
                "name": "Euis",
                "bkad_id": self.other_bkad.id,
                "role_id": self.role_ketua.id,
                "region_id": self.outsider.id,
                "date_start": date(2025, 1, 1),
            }
        )

    def test_origin_must_be_member(self):
        with self.assertRaises(ValidationError):
            self._official("Fajar", self.role_bendahara, date(2025, 1, 1), region=self.outsider)

    def test_unit_heads(self):
        with self.assertRaises(ValidationError):
            self._official("Gita", self.role_unit, date(2025, 1, 1))
        unit2 = self.env["kerjasama.bkad.unit"].create(
            {"name": "Unit Layanan", "bkad_id": self.bkad.id}
        )
        head1 = self._official("Gita", self.role_unit, date(2025, 1, 1), unit=self.unit)
        head2 = self._official("Hadi", self.role_unit, date(2025, 1, 1), unit=unit2)
        self.assertEqual(self.unit.head_id, head1)
        self.assertEqual(unit2.head_id, head2)
        with self.assertRaises(ValidationError):
            self._official("Iwan", self.role_unit, date(2025, 6, 1), unit=self.unit)

    def test_term_dates_and_history_kept(self):
        with self.assertRaises(psycopg2.errors.CheckViolation), mute_logger("odoo.sql_db"):
            with self.env.cr.savepoint():
                self._official("Joko", self.role_bendahara, date(2025, 1, 1), date(2024, 1, 1))
        started = self._official("Joko", self.role_bendahara, date(2025, 1, 1))
        with self.assertRaises(UserError):
            started.unlink()
        started.action_end_term()
        self.assertEqual(started.date_end, fields.Date.context_today(started))  # last day
        self.assertFalse(
            self.env["kerjasama.bkad.pengurus"].search(
                [("id", "=", started.id), ("date_end", "=", False)]
            )
        )
        future = self._official("Kiki", self.role_ketua, fields.Date.today() + timedelta(days=30))
        future.unlink()
        self.assertFalse(future.exists())

    def test_database_exclusion_constraint(self):
        """The daterange exclusion holds even when the ORM check is bypassed."""
        self._official("Asep", self.role_ketua, date(2025, 1, 1))
        self.env.flush_all()
        with self.assertRaises(psycopg2.errors.ExclusionViolation), mute_logger("odoo.sql_db"):
            with self.env.cr.savepoint(flush=False):
                self.env.cr.execute(
                    """
                    INSERT INTO kerjasama_bkad_pengurus
                        (name, bkad_id, role_id, single_seat, region_id, date_start)
                    VALUES ('Bypass', %s, %s, true, %s, '2025-06-01')
                    """,
                    (self.bkad.id, self.role_ketua.id, self.members[1].id),
                )
                self.env.cr.execute("SET CONSTRAINTS ALL IMMEDIATE")

    def test_links_stay_within_bkad(self):
        """The shared BKAD checks: units, agreements, activities and villages of another BKAD
        are refused on officials, activities, contributions and ledger entries."""
        other_unit = self.env["kerjasama.bkad.unit"].create(
            {"name": "Unit Lain", "bkad_id": self.other_bkad.id}
        )
        with self.assertRaises(ValidationError) as caught:
            self._official("Lina", self.role_unit, date(2025, 1, 1), unit=other_unit)
        self.assertIn("Unit Lain does not belong to BKAD Uji", str(caught.exception))
        with self.assertRaises(ValidationError) as caught:
            self.env["kerjasama.bkad.contribution"].create(
                {"bkad_id": self.bkad.id, "year": 2026, "region_id": self.outsider.id}
            )
        self.assertIn("is not a member village of BKAD Uji", str(caught.exception))
        program = self._make_program(year=2027, budgets=(1_000_000.0,))
        with self.assertRaises(ValidationError) as caught:
            program.program_activity_ids.unit_id = other_unit
        self.assertIn("does not belong to BKAD Uji", str(caught.exception))
        other_program = self.env["kerjasama.bkad.program"].create(
            {
                "name": "Program Lain",
                "bkad_id": self.other_bkad.id,
                "year": 2027,
                "program_activity_ids": [(0, 0, {"name": "Kegiatan Lain"})],
            }
        )
        with self.assertRaises(ValidationError) as caught:
            self.env["kerjasama.bkad.ledger"].create(
                {
                    "bkad_id": self.bkad.id,
                    "entry_type": "expense",
                    "amount": 1_000.0,
                    "description": "Belanja salah",
                    "activity_id": other_program.program_activity_ids.id,
                }
            )
        self.assertIn("Kegiatan Lain does not belong to BKAD Uji", str(caught.exception))
