# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Document numbering shared by the whole suite.

One ``ir.sequence`` per document prefix and kabupaten, restarting every year (a date range per
year, created on demand by ``ir.sequence``). Numbers read ``PREFIX/PP.KK/YYYY/NNNN``, for
example ``KSD/32.05/2026/0001`` for the first agreement registered in Kabupaten Garut in 2026.
Sequences are created on demand the first time a kabupaten numbers a document of a prefix;
they use the "no gap" implementation, as a legal register must.
"""

from odoo import fields
from odoo.exceptions import UserError

SEQUENCE_CODE = "kerjasama_desa.%(prefix)s.%(kabupaten)s"


def _get_sequence(env, prefix_code, kabupaten, padding=4):
    """Return (creating it if needed) the sequence of ``prefix_code`` for ``kabupaten``."""
    Sequence = env["ir.sequence"].sudo()
    code = SEQUENCE_CODE % {"prefix": prefix_code, "kabupaten": kabupaten.code}
    sequence = Sequence.search([("code", "=", code)], limit=1)
    if not sequence:
        sequence = Sequence.create(
            {
                "name": f"{prefix_code} {kabupaten.code} {kabupaten.name}",
                "code": code,
                "prefix": f"{prefix_code}/{kabupaten.code}/%(range_year)s/",
                "padding": padding,
                "implementation": "no_gap",
                "use_date_range": True,
                "company_id": False,
            }
        )
    return sequence


def next_number(env, prefix_code, kabupaten, date=None, padding=4):
    """Return the next document number of ``prefix_code`` for ``kabupaten`` in ``date``'s year.

    :param env: an Odoo environment (sequence access is done as superuser)
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
    sequence = _get_sequence(env, prefix_code, kabupaten, padding=padding)
    return sequence.next_by_id(sequence_date=date)
