# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Document numbering shared by the whole suite.

Every register (a document prefix in a kabupaten, or the legal products of one desa) has one
counter per year in ``kerjasama.document.counter``. :func:`next_counter` takes the next number
with one atomic upsert in the caller's transaction: gapless (a rollback gives the number back),
and a concurrent transaction of the same register waits for the first to end instead of failing
on a lock. Register numbers read ``PREFIX/PP.KK/YYYY/NNNN``, e.g. ``KSD/32.05/2026/0001`` for the
first agreement registered in Kabupaten Garut in 2026 (:func:`next_number`).
"""

from odoo import fields
from odoo.exceptions import UserError
from odoo.tools import SQL


def next_counter(env, scope, year):
    """Return the next number (1, 2, ...) of register ``scope`` for ``year``."""
    env["kerjasama.document.counter"].flush_model()
    env.cr.execute(
        SQL(
            """
            INSERT INTO kerjasama_document_counter
                   (scope, year, last_number, create_uid, create_date, write_uid, write_date)
            VALUES (%(scope)s, %(year)s, 1, %(uid)s, now() at time zone 'UTC',
                    %(uid)s, now() at time zone 'UTC')
            ON CONFLICT (scope, year) DO UPDATE
               SET last_number = kerjasama_document_counter.last_number + 1,
                   write_uid = EXCLUDED.write_uid, write_date = EXCLUDED.write_date
            RETURNING last_number
            """,
            scope=scope,
            year=int(year),
            uid=env.uid,
        )
    )
    env["kerjasama.document.counter"].invalidate_model()
    return env.cr.fetchone()[0]


def next_number(env, prefix_code, kabupaten, date=None, padding=4):
    """Return the next document number of ``prefix_code`` for ``kabupaten`` in ``date``'s year.

    :param env: an Odoo environment
    :param str prefix_code: document prefix, e.g. ``"KSD"`` (agreement register)
    :param kabupaten: a ``kerjasama.region`` record; a kecamatan or desa is accepted and
        resolved to its kabupaten
    :param date: date whose year numbers the document (default: today)
    :param int padding: digits of the counter
    :return: e.g. ``"KSD/32.05/2026/0001"``
    """
    if kabupaten and kabupaten.level in ("kecamatan", "desa"):
        kabupaten = kabupaten.kabupaten_id
    if not kabupaten or kabupaten.level != "kabupaten":
        raise UserError(
            env._("A document number needs the regency (kabupaten) the document belongs to.")
        )
    date = fields.Date.to_date(date) or fields.Date.context_today(env.user)
    number = next_counter(env, f"{prefix_code}/{kabupaten.code}", date.year)
    return f"{prefix_code}/{kabupaten.code}/{date.year}/{number:0{padding}d}"
