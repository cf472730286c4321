from odoo import models
from odoo.exceptions import AccessError
from odoo.tools.translate import LazyTranslate

_lt = LazyTranslate(__name__)

# role -> group of the role; the BKAD addon adds its staff role (``_kerjasama_role_groups``).
ROLE_GROUPS = {
    "binwas": "kerjasama_desa.kerjasama_desa_group_supervisor",
    "perangkat": "kerjasama_desa.kerjasama_desa_group_perangkat_desa",
    "bendahara": "kerjasama_desa.kerjasama_desa_group_bendahara",
    "kepala_desa": "kerjasama_desa.kerjasama_desa_group_kepala_desa",
    "bpd": "kerjasama_desa.kerjasama_desa_group_bpd",
    "camat": "kerjasama_desa.kerjasama_desa_group_kecamatan",
    "dpmd": "kerjasama_desa.kerjasama_desa_group_dpmd",
    "admin": "kerjasama_desa.kerjasama_desa_group_admin",
    "national_admin": "kerjasama_desa.kerjasama_desa_group_national_admin",
}
ROLE_LABELS = {
    "binwas": _lt("a supervisor (BINWAS)"),
    "perangkat": _lt("a village officer"),
    "bendahara": _lt("the village treasurer"),
    "kepala_desa": _lt("the village head"),
    "bpd": _lt("the BPD"),
    "camat": _lt("the camat"),
    "dpmd": _lt("the DPMD"),
    "admin": _lt("the DPMD administrator"),
    "national_admin": _lt("the national administrator"),
}


class KerjasamaAccessMixin(models.AbstractModel):
    """Who may act, on which desa: the one role-and-region check of the suite.

    A role (``ROLE_GROUPS``) is a group of the suite; a user acts on a record when he has one of
    the roles a step names *and* one of the record's desa (``_kerjasama_regions``) lies under his
    working regions (``res.users.kerjasama_region_ids``): a village role on his own desa, the camat
    on the desa of his kecamatan, the DPMD and its administrator inside their kabupaten. Only the
    national administrator (and the server itself) acts everywhere. A refusal is always an
    ``AccessError`` naming the record, the roles and the step.
    """

    _name = "kerjasama.access.mixin"
    _description = "Role and Region Checks"

    def _kerjasama_text(self, text):
        """A lazily translated label (``_lt``) in the user's language."""
        if hasattr(text, "_translate"):
            return text._translate(self.env.lang or "en_US")
        return text

    def _kerjasama_role_groups(self):
        return dict(ROLE_GROUPS)

    def _kerjasama_role_labels(self):
        return dict(ROLE_LABELS)

    def _kerjasama_regions(self):
        """The desa (``kerjasama.region``) this record concerns; the models override it."""
        return self.env["kerjasama.region"]

    def _kerjasama_is_national(self):
        return self.env.su or self.env.user.has_group(ROLE_GROUPS["national_admin"])

    def _kerjasama_user_covers(self, regions):
        """True when one of ``regions`` lies under the current user's working regions."""
        paths = [r.parent_path for r in self.env.user.sudo().kerjasama_region_ids if r.parent_path]
        return any(
            (region.parent_path or "").startswith(path)
            for region in regions.sudo()
            for path in paths
        )

    def _kerjasama_has_role(self, roles, regions=None, personal=False):
        """True when the user has one of ``roles`` over one of ``regions`` (default: the
        record's own desa; pass ``False`` for a check without region). A ``personal`` act (a
        signature, the camat's forwarding) is made by the holder of the office only: the
        national administrator does not make it for him."""
        if self.env.su or (not personal and self._kerjasama_is_national()):
            return True
        groups = self._kerjasama_role_groups()
        user = self.env.user
        if not any(user.has_group(groups[role]) for role in roles if role in groups):
            return False
        if regions is False:
            return True
        if regions is None:
            regions = self._kerjasama_regions()
        return self._kerjasama_user_covers(regions)

    def _kerjasama_check_role(self, roles, action, regions=None, personal=False):
        """Raise ``AccessError`` unless :meth:`_kerjasama_has_role`."""
        for record in self or [self]:
            if not record._kerjasama_has_role(roles, regions, personal):
                labels = record._kerjasama_role_labels()
                raise AccessError(
                    self.env._(
                        "%(record)s: only %(roles)s of a desa concerned may %(action)s.",
                        record=record.display_name or record._description,
                        roles=self.env._(" or ").join(
                            self._kerjasama_text(labels[r]) for r in roles
                        ),
                        action=action,
                    )
                )
