from odoo import fields, models

from ..tools.numbering import next_number


class KerjasamaNumberingMixin(models.AbstractModel):
    """A record numbered in a register of its kabupaten (``PREFIX/PP.KK/YYYY/NNNN``).

    The model declares the number field (``_number_field``, default "/" until numbered) and the
    prefix (``_number_prefix``), and says which kabupaten and date number it
    (``_number_region``, ``_number_date``). :meth:`_assign_number` is called by the lifecycle at
    the step after which the record is never deleted, so the register keeps no hole; the number
    is unique by a database constraint of the model.
    """

    _name = "kerjasama.numbering.mixin"
    _description = "Register Numbering"

    _number_field = "name"
    _number_prefix = None

    def _number_region(self):
        """Region (kabupaten, or a kecamatan/desa in it) whose register numbers the record."""
        raise NotImplementedError

    def _number_date(self):
        return fields.Date.context_today(self)

    def _assign_number(self):
        """Give the next register number to the records that have none yet."""
        field = self._number_field
        for record in self.filtered(lambda r: not r[field] or r[field] == "/"):
            number = next_number(
                self.env, self._number_prefix, record._number_region(), record._number_date()
            )
            record._lifecycle_write({field: number})
