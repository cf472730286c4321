from psycopg2 import errors as pgerrors

from odoo import api, models
from odoo.tools import mute_logger


class KerjasamaExclusionMixin(models.AbstractModel):
    """A record guarded by a PostgreSQL EXCLUDE constraint (no two overlapping periods: an
    asset committed twice in an exclusive form, two holders of one village office). The
    database decides, even between two transactions racing; a violation becomes a clear
    ``ValidationError`` built by ``_raise_exclusion(vals_list)`` from the values that were
    being saved (``_exclusion_fields``: the fields it needs, read from the record on write)."""

    _name = "kerjasama.exclusion.mixin"
    _description = "Overlap Guard"

    _exclusion_fields = ()

    def _raise_exclusion(self, vals_list):
        raise NotImplementedError

    def _exclusion_vals(self, vals_list):
        """Hook: complete the values of new records (e.g. a default end)."""
        return vals_list

    @api.model_create_multi
    def create(self, vals_list):
        try:
            # the refusal is expected and explained: no "bad query" in the server log
            with mute_logger("odoo.sql_db"), self.env.cr.savepoint():
                return super().create(vals_list)
        except pgerrors.ExclusionViolation:
            pass
        self._raise_exclusion(self._exclusion_vals(vals_list))

    def write(self, vals):
        try:
            with mute_logger("odoo.sql_db"), self.env.cr.savepoint():
                return super().write(vals)
        except pgerrors.ExclusionViolation:
            pass
        values = []
        for rec in self:
            current = {"id": rec.id}
            for field_name in self._exclusion_fields:
                value = rec[field_name]
                current[field_name] = value.id if hasattr(value, "_name") else value
            current.update((k, v) for k, v in vals.items() if k in self._exclusion_fields)
            values.append(current)
        self._raise_exclusion(values)
