# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import datetime

from odoo.tests import BaseCase, tagged

from ..tools.formatting import (
    day_name_id,
    format_date_id,
    format_number_id,
    format_rupiah,
    format_rupiah_terbilang,
    month_name_id,
    terbilang,
)


@tagged("post_install", "-at_install")
class TestFormatting(BaseCase):
    """The Indonesian formatting helpers (pure functions, no database)."""

    def test_format_date_id(self):
        self.assertEqual(format_date_id(datetime.date(2026, 11, 21)), "21 November 2026")
        self.assertEqual(format_date_id(datetime.date(2017, 10, 10)), "10 Oktober 2017")
        self.assertEqual(format_date_id(datetime.datetime(2026, 2, 1, 13, 5)), "1 Februari 2026")
        self.assertEqual(format_date_id("2026-08-17"), "17 Agustus 2026")
        self.assertEqual(
            format_date_id(datetime.date(2026, 11, 21), with_day=True), "Sabtu, 21 November 2026"
        )
        self.assertEqual(format_date_id(False), "")
        self.assertEqual(format_date_id(None), "")
        with self.assertRaises(TypeError):
            format_date_id(12)

    def test_day_and_month_names(self):
        self.assertEqual(day_name_id(datetime.date(2026, 11, 23)), "Senin")
        self.assertEqual(day_name_id(datetime.date(2026, 11, 27)), "Jumat")
        self.assertEqual(day_name_id(datetime.date(2026, 11, 29)), "Minggu")
        self.assertEqual(day_name_id(False), "")
        self.assertEqual(month_name_id(5), "Mei")
        self.assertEqual(month_name_id(12), "Desember")

    def test_format_rupiah(self):
        self.assertEqual(format_rupiah(1250000), "Rp 1.250.000")
        self.assertEqual(format_rupiah(1250000.4), "Rp 1.250.000")
        self.assertEqual(format_rupiah(999.6), "Rp 1.000")
        self.assertEqual(format_rupiah(0), "Rp 0")
        self.assertEqual(format_rupiah(None), "Rp 0")
        self.assertEqual(format_rupiah(1234567890123), "Rp 1.234.567.890.123")
        self.assertEqual(format_rupiah(-2500), "-Rp 2.500")
        self.assertEqual(format_number_id(1234.5, digits=2), "1.234,50")
        self.assertEqual(format_number_id(-1000), "-1.000")

    def test_terbilang(self):
        self.assertEqual(terbilang(1250000), "satu juta dua ratus lima puluh ribu rupiah")
        self.assertEqual(terbilang(1000), "seribu rupiah")
        self.assertEqual(terbilang(111), "seratus sebelas rupiah")
        self.assertEqual(terbilang(0), "nol rupiah")
        self.assertEqual(terbilang(2000000000), "dua miliar rupiah")
        self.assertEqual(terbilang(1500, currency=""), "seribu lima ratus")
        self.assertEqual(terbilang(-5), "minus lima rupiah")
        self.assertEqual(
            format_rupiah_terbilang(75000000), "Rp 75.000.000 (tujuh puluh lima juta rupiah)"
        )
