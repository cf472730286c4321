# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Indonesian formatting helpers shared by the whole suite.

Pure functions (no ORM): dates written the Indonesian way ("21 November 2026"), Rupiah amounts
("Rp 1.250.000") and their terbilang ("satu juta dua ratus lima puluh ribu rupiah"), as official
documents under Permendagri 96/2017 write them.
"""

import datetime

from num2words import num2words

MONTHS_ID = (
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
)

# datetime.weekday(): Monday is 0
DAYS_ID = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")


def _as_date(value):
    """Return a ``datetime.date`` from a date, datetime or ISO string; None for empty values."""
    if not value:
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, str):
        return datetime.date.fromisoformat(value[:10])
    raise TypeError(f"Not a date: {value!r}")


def month_name_id(month):
    """Indonesian name of a month number (1-12)."""
    return MONTHS_ID[int(month) - 1]


def day_name_id(date):
    """Indonesian day name of a date ("Sabtu"); empty string for an empty date."""
    date = _as_date(date)
    return DAYS_ID[date.weekday()] if date else ""


def format_date_id(date, with_day=False):
    """Write a date the Indonesian way: "21 November 2026" ("Sabtu, 21 November 2026").

    Empty values give an empty string.
    """
    date = _as_date(date)
    if not date:
        return ""
    text = f"{date.day} {MONTHS_ID[date.month - 1]} {date.year}"
    if with_day:
        text = f"{DAYS_ID[date.weekday()]}, {text}"
    return text


def format_number_id(amount, digits=0):
    """Format a number with Indonesian separators: 1250000 -> "1.250.000", digits after a comma."""
    amount = amount or 0
    text = f"{abs(amount):,.{digits}f}"
    # python uses "," for thousands and "." for decimals: swap them
    text = text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
    return f"-{text}" if round(amount, digits) < 0 else text


def format_rupiah(amount):
    """Format an amount in Rupiah without decimals: 1250000 -> "Rp 1.250.000".

    Negative amounts read "-Rp 1.250.000"; an empty amount reads "Rp 0".
    """
    amount = round(amount or 0)
    text = format_number_id(abs(amount))
    return f"-Rp {text}" if amount < 0 else f"Rp {text}"


def terbilang(amount, currency="rupiah"):
    """Spell an amount in Indonesian words with num2words.

    1250000 -> "satu juta dua ratus lima puluh ribu rupiah". Amounts are rounded to whole
    Rupiah; a negative amount starts with "minus". Pass ``currency=""`` for the bare number.
    """
    amount = round(amount or 0)
    words = num2words(abs(amount), lang="id")
    if amount < 0:
        words = f"minus {words}"
    return f"{words} {currency}".strip() if currency else words


def format_rupiah_terbilang(amount):
    """ "Rp 1.250.000 (satu juta dua ratus lima puluh ribu rupiah)": amount and words together."""
    return f"{format_rupiah(amount)} ({terbilang(amount)})"
