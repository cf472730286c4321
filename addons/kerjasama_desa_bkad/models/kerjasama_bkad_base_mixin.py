from odoo import models
from odoo.exceptions import ValidationError

# The BKAD's records are run by its staff (and the DPMD administrator of the kabupaten); member
# village heads, the kecamatan and the DPMD read them (ACL and record rules).
BKAD_OPERATORS = ("bkad", "admin")


class KerjasamaBkadBaseMixin(models.AbstractModel):
    """Checks shared by the records of a BKAD (they all carry ``bkad_id``): what they link to
    belongs to the same BKAD, the desa they name is a member desa of it (Permendagri 96/2017: a
    BKAD acts for its member desa only), and who may act on them (``kerjasama.access.mixin``:
    the staff of that BKAD, or the administrator of its kabupaten)."""

    _name = "kerjasama.bkad.base.mixin"
    _inherit = ["kerjasama.access.mixin"]
    _description = "BKAD Record Checks"

    def _kerjasama_regions(self):
        return self.sudo().bkad_id.member_region_ids

    def _bkad_check_operator(self, action):
        """Raise ``AccessError`` unless the user runs the BKAD of each record."""
        if self:
            self._kerjasama_check_role(BKAD_OPERATORS, action)

    def _check_same_bkad(self, *field_names):
        """Refuse links (many2one or many2many ``field_names``) to records of another BKAD."""
        for record in self:
            for field_name in field_names:
                foreign = record[field_name].filtered(lambda r, b=record.bkad_id: r.bkad_id != b)
                if foreign:
                    raise ValidationError(
                        self.env._(
                            "%(field)s %(linked)s does not belong to %(bkad)s.",
                            field=record._fields[field_name]._description_string(self.env),
                            linked=", ".join(foreign.mapped("display_name")),
                            bkad=record.bkad_id.display_name or "-",
                        )
                    )

    def _check_member_village(self, field_name="region_id"):
        """Refuse a desa (``field_name``) that is not a member desa of the record's BKAD."""
        for record in self:
            region = record[field_name]
            if region and region not in record.bkad_id.member_region_ids:
                raise ValidationError(
                    self.env._(
                        "%(village)s is not a member village of %(bkad)s.",
                        village=region.display_name,
                        bkad=record.bkad_id.display_name or "-",
                    )
                )
