from odoo import fields, models


class KerjasamaDocumentCounter(models.Model):
    """Counters of the registers of the suite (the register of kerja sama desa of a kabupaten,
    the register of Peraturan Bersama of a desa, ...), one row per register and year.

    A number is taken with one ``INSERT ... ON CONFLICT DO UPDATE ... RETURNING`` in the caller's
    transaction (``tools.numbering``): the row stays locked until that transaction ends, so the
    register has no gap (a rolled-back transaction gives its number back) and a second
    transaction numbering the same register waits for the first instead of failing. Numbers are
    taken only at a step after which the record is never deleted.
    """

    _name = "kerjasama.document.counter"
    _description = "Register Counter"
    _order = "scope, year"

    scope = fields.Char(required=True, readonly=True)
    year = fields.Integer(required=True, readonly=True)
    last_number = fields.Integer(readonly=True)

    _sql_constraints = [
        ("scope_year_unique", "UNIQUE(scope, year)", "One counter per register and year."),
    ]
