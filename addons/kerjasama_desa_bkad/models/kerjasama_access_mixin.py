from odoo import models
from odoo.tools.translate import LazyTranslate

_lt = LazyTranslate(__name__)

GROUP_STAFF = "kerjasama_desa_bkad.kerjasama_desa_bkad_group_staff"
BKAD_ROLE = "bkad"


class KerjasamaAccessMixin(models.AbstractModel):
    """The role of the BKAD staff (``bkad``) in the suite's role-and-region check.

    A staff user acts for the BKADs he is assigned to (``kerjasama.bkad.user_ids``), not for a
    region: the role holds on a record when the user belongs to the staff group and to the
    staff of the record's BKAD (``_kerjasama_bkads``: the record's ``bkad_id``, or the BKAD that
    runs the record's agreement)."""

    _inherit = "kerjasama.access.mixin"

    def _kerjasama_role_groups(self):
        groups = super()._kerjasama_role_groups()
        groups[BKAD_ROLE] = GROUP_STAFF
        return groups

    def _kerjasama_role_labels(self):
        labels = super()._kerjasama_role_labels()
        labels[BKAD_ROLE] = _lt("the staff of the BKAD")
        return labels

    def _kerjasama_bkads(self):
        """The BKADs whose staff act on this record."""
        record = self.sudo()
        if "bkad_id" in self._fields:
            return record.bkad_id
        agreement = self._fields.get("agreement_id")
        if agreement is not None and agreement.comodel_name == "kerjasama.agreement":
            return record.agreement_id.bkad_id
        return self.env["kerjasama.bkad"]

    def _kerjasama_is_bkad_staff(self, regions=None):
        """True when the user is on the staff of the record's BKAD (``regions=False``: of any
        BKAD)."""
        user = self.env.user
        if not user.has_group(GROUP_STAFF):
            return False
        if regions is False:
            return True
        return user in self._kerjasama_bkads().user_ids

    def _kerjasama_has_role(self, roles, regions=None, personal=False):
        if BKAD_ROLE not in roles:
            return super()._kerjasama_has_role(roles, regions, personal)
        others = tuple(role for role in roles if role != BKAD_ROLE)
        return super()._kerjasama_has_role(
            others, regions, personal
        ) or self._kerjasama_is_bkad_staff(regions)
