from odoo import api, fields, models
from odoo.tools import SQL

# Time zones of Indonesia by province code (Kepmendagri): WITA and WIT; every other province
# keeps Western Indonesian Time (WIB, Asia/Jakarta), the default of the suite's users.
DEFAULT_TZ = "Asia/Jakarta"
PROVINCE_TZ = {
    **dict.fromkeys(("51", "52", "53", "63", "64", "65"), "Asia/Makassar"),
    **dict.fromkeys(("71", "72", "73", "74", "75", "76"), "Asia/Makassar"),
    **dict.fromkeys(("81", "82", "91", "92", "93", "94", "95", "96"), "Asia/Jayapura"),
}
HOME_ACTIONS = {
    "region": "kerjasama_desa.kerjasama_overview_action",
    "village": "kerjasama_desa.kerjasama_my_work_action",
}


class ResUsers(models.Model):
    """Regions a user works in: the basis of region-scoped access (record rules use child_of).

    Users of the suite's roles get their role's home page as home action (the overview of the
    region, or what waits for a village role) and, when none is given, the time zone of their
    region (Western Indonesian Time by default), so that a meeting at 09:00 WIB reads 09:00.
    """

    _inherit = "res.users"

    kerjasama_region_ids = fields.Many2many(
        "kerjasama.region",
        "kerjasama_region_res_users_rel",
        "user_id",
        "region_id",
        string="Working Regions",
        help="Regions (kabupaten, kecamatan or desa) whose records this user may see.",
    )

    def _kerjasama_region_domain(self, field_name="region_ids"):
        """Domain restricting ``field_name`` to the regions under the user's working regions."""
        self.ensure_one()
        return [(field_name, "child_of", self.kerjasama_region_ids.ids)]

    def _kerjasama_working_regions(self):
        """The user's active working regions (those a rule's ``user.kerjasama_region_ids``
        gives), as superuser."""
        self.ensure_one()
        return self.sudo().with_context(active_test=True).kerjasama_region_ids

    def _kerjasama_region_paths(self):
        """``parent_path`` of the user's active working regions."""
        return [p for p in self._kerjasama_working_regions().mapped("parent_path") if p]

    @api.model
    def _kerjasama_regions_sql(self, regions):
        """The regions under ``regions``, themselves included, as ``child_of`` selects them
        (inactive sub-regions too): an SQL subquery on the indexed ``parent_path``, for the
        record rules (``kerjasama.region.scope.mixin``)."""
        Region = self.env["kerjasama.region"]
        paths = [path for path in regions.mapped("parent_path") if path]
        if not paths:
            return SQL("(SELECT NULL::int WHERE FALSE)")
        return SQL(
            "(SELECT id FROM %s WHERE %s)",
            SQL.identifier(Region._table),
            SQL(" OR ").join(SQL("parent_path LIKE %s", f"{path}%") for path in paths),
            to_flush=Region._fields["parent_path"],
        )

    # ------------------------------------------------------------------ home and time zone
    @api.model_create_multi
    def create(self, vals_list):
        users = super().create(vals_list)
        users._kerjasama_apply_defaults()
        return users

    def write(self, vals):
        res = super().write(vals)
        if {"groups_id", "kerjasama_region_ids"} & set(vals) or any(
            key.startswith(("in_group_", "sel_groups_")) for key in vals
        ):
            self._kerjasama_apply_defaults()
        return res

    def _kerjasama_is_suite_user(self):
        self.ensure_one()
        groups = self.env["kerjasama.access.mixin"]._kerjasama_role_groups().values()
        return any(self.has_group(group) for group in groups)

    def _kerjasama_home_action(self):
        """The home action of the user's role, or an empty recordset."""
        self.ensure_one()
        mode = self.env["kerjasama.overview"]._home_mode(self)
        if not mode:
            return self.env["ir.actions.client"]
        return (
            self.env.ref(HOME_ACTIONS[mode], raise_if_not_found=False)
            or self.env["ir.actions.client"]
        )

    def _kerjasama_default_tz(self):
        self.ensure_one()
        codes = self.sudo().kerjasama_region_ids.mapped("code")
        zones = {PROVINCE_TZ.get((code or "")[:2]) for code in codes} - {None}
        return zones.pop() if len(zones) == 1 else DEFAULT_TZ

    def _kerjasama_apply_defaults(self):
        """Home action and time zone of the suite's users: a home action is set when the user
        has none or has the home page of another role of the suite; a time zone only when the
        user has none. The superuser (OdooBot) is left as it is."""
        homes = {
            action.id
            for action in (self.env.ref(x, raise_if_not_found=False) for x in HOME_ACTIONS.values())
            if action
        }
        root = self.env.ref("base.user_root", raise_if_not_found=False)
        for user in self.sudo():
            if user == root or user.share or not user._kerjasama_is_suite_user():
                continue
            vals = {}
            home = user._kerjasama_home_action()
            if home and (not user.action_id or user.action_id.id in homes - {home.id}):
                vals["action_id"] = home.id
            if not user.tz:
                vals["tz"] = user._kerjasama_default_tz()
            if vals:
                super(ResUsers, user).write(vals)

    @api.model
    def _kerjasama_apply_defaults_all(self):
        """Install and update: the suite's existing users get their home and time zone."""
        self.sudo().with_context(active_test=False).search(
            [("share", "=", False)]
        )._kerjasama_apply_defaults()
        return True
