from odoo import api, fields, models
from odoo.osv import expression
from odoo.tools import SQL
from odoo.tools.sql import create_index

# working regions at these levels contain whole kabupaten (see _kerjasama_scope_wide_domain)
WIDE_LEVELS = ("provinsi", "kabupaten")


class KerjasamaRegionScopeMixin(models.AbstractModel):
    """Region scoping of the record rules, in one indexed SQL term.

    A record lies in a user's working regions when one of its desa (``_kerjasama_scope_path``:
    a many2many to ``kerjasama.region``, or a one2many and the region field of its lines) lies
    under one of them, as ``child_of`` would say. The record rules read::

        [('in_working_regions', '=', True)]            # the desa only
        [('in_region_scope', '=', True)]               # and the author's drafts without desa
        [('agreement_id.in_region_scope', '=', True)]  # a child record follows its parent

    Both fields are searched as ``id IN (subquery)``: the rows of the desa relation whose
    region's ``parent_path`` starts with one of the user's (index on the relation's region
    column and on ``parent_path``), and for ``in_region_scope`` the author's records without
    any desa, looked up first (index on ``create_uid``, partial on
    ``_kerjasama_scope_draft_column IS NULL`` when the model has a stored column that is empty
    on every record without desa) and added by id when he has any. The
    earlier domain, ``['|', (path, 'child_of', ids), '&', (path, '=', False), ('create_uid',
    '=', uid)]``, became ``EXISTS (...) OR (NOT EXISTS (...) AND ...)``, which PostgreSQL can
    only evaluate record by record; this one is a semi-join whose cost follows the records the
    user sees, not the size of the table. A user whose working regions are all kabupaten or
    provinsi (DPMD, BINWAS) is matched on the record's own kabupaten when the model stores it
    (``_kerjasama_scope_wide_column``): PostgreSQL then walks the list's index and stops at the
    page, whatever his share. Who sees what is the same: the regions are read
    when the query is built (not cached with the rule), inactive working regions are ignored
    and inactive sub-regions included, as ``child_of`` does.
    """

    _name = "kerjasama.region.scope.mixin"
    _description = "Region Scope of the Record Rules"

    # "region_ids" (many2many to kerjasama.region) or "attendance_ids.region_id"
    _kerjasama_scope_path = None
    # whose rules use in_region_scope (the author's drafts without desa): index on create_uid
    _kerjasama_scope_drafts = True
    # a stored column that is NULL on every record without desa (partial index of the drafts)
    _kerjasama_scope_draft_column = None
    # a stored, indexed column holding the one kabupaten of all the record's desa
    _kerjasama_scope_wide_column = None

    in_working_regions = fields.Boolean(
        compute="_compute_in_region_scope",
        search="_search_in_working_regions",
        help="One of the villages of the record lies under your working regions.",
    )
    in_region_scope = fields.Boolean(
        string="Visible in My Regions",
        compute="_compute_in_region_scope",
        search="_search_in_region_scope",
        help="One of the villages of the record lies under your working regions, or the record "
        "is your own draft that has no village yet.",
    )

    def init(self):
        super().init()
        if self._abstract or not self._kerjasama_scope_path or not self._kerjasama_scope_drafts:
            return
        column = self._kerjasama_scope_draft_column
        create_index(
            self.env.cr,
            f"{self._table}_scope_author_index",
            self._table,
            ["create_uid"],
            where=f"{column} IS NULL" if column else "",
        )

    # ------------------------------------------------------------------ compute
    @api.depends_context("uid")
    def _compute_in_region_scope(self):
        user = self.env.user
        paths = user._kerjasama_region_paths()
        for record in self:
            regions = record.sudo().mapped(self._kerjasama_scope_path)
            covered = any(
                (region.parent_path or "").startswith(path) for region in regions for path in paths
            )
            record.in_working_regions = covered
            record.in_region_scope = covered or (not regions and record.sudo().create_uid == user)

    # ------------------------------------------------------------------ search
    def _search_in_working_regions(self, operator, value):
        return self._kerjasama_scope_domain(operator, value, drafts=False)

    def _search_in_region_scope(self, operator, value):
        return self._kerjasama_scope_domain(operator, value, drafts=True)

    def _kerjasama_scope_relation(self):
        """(table, record column, region column, fields to flush) of the record's desa."""
        name, _dot, region_name = self._kerjasama_scope_path.partition(".")
        field = self._fields[name]
        if field.type == "many2many":
            return field.relation, field.column1, field.column2, [field]
        lines = self.env[field.comodel_name]
        return (
            lines._table,
            field.inverse_name,
            region_name,
            [lines._fields[field.inverse_name], lines._fields[region_name]],
        )

    def _kerjasama_scope_domain(self, operator, value, drafts):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise ValueError(f"Unsupported search on the region scope: {operator!r} {value!r}")
        positive = (operator == "=") == value
        user = self.env.user
        regions = user._kerjasama_working_regions()
        column = self._kerjasama_scope_wide_column
        if column and regions and all(r.level in WIDE_LEVELS for r in regions):
            domain = self._kerjasama_scope_wide_domain(regions, drafts)
            return domain if positive else ["!", *domain]
        parts = []
        if regions:
            table, record_column, region_column, flush = self._kerjasama_scope_relation()
            parts.append(
                SQL(
                    "SELECT %s FROM %s WHERE %s IN %s",
                    SQL.identifier(record_column),
                    SQL.identifier(table),
                    SQL.identifier(region_column),
                    user._kerjasama_regions_sql(regions),
                    to_flush=flush[-1],
                )
            )
        # the user's own drafts without desa, looked up first (partial index on create_uid):
        # most users have none, and then the rule is the relation's term alone, which
        # PostgreSQL flattens into a semi-join it can start from either side (a page of 80
        # records is checked through the relation's index, not against the user's whole share)
        draft_ids = self._kerjasama_scope_draft_ids() if drafts else []
        if draft_ids:
            parts.append(SQL("SELECT unnest(%s::int[])", draft_ids))
        if not parts:
            return [(0, "=", 1)] if positive else []
        subquery = SQL("(%s)", SQL(" UNION ALL ").join(parts))
        return [("id", "in" if positive else "not in", subquery)]

    def _kerjasama_scope_drafts_sql(self):
        """The current user's records without any desa (index on ``create_uid``)."""
        table, record_column, _region_column, flush = self._kerjasama_scope_relation()
        draft_column = self._kerjasama_scope_draft_column
        sql = SQL(
            """SELECT r.id FROM %(model)s r
                WHERE %(hint)s r.create_uid = %(uid)s
                  AND NOT EXISTS (SELECT FROM %(table)s x WHERE x.%(column)s = r.id)""",
            model=SQL.identifier(self._table),
            hint=SQL("r.%s IS NULL AND", SQL.identifier(draft_column)) if draft_column else SQL(),
            uid=self.env.uid,
            table=SQL.identifier(table),
            column=SQL.identifier(record_column),
            to_flush=flush[0],
        )
        return SQL("%s", sql, to_flush=self._fields[draft_column]) if draft_column else sql

    def _kerjasama_scope_draft_ids(self):
        return [row[0] for row in self.env.execute_query(self._kerjasama_scope_drafts_sql())]

    def _kerjasama_scope_wide_domain(self, regions, drafts):
        """Working regions of kabupaten or provinsi level only (a DPMD, a BINWAS): the desa of
        a record lie in one kabupaten, stored on the record itself, indexed
        (``_kerjasama_scope_wide_column``), so the record is in them exactly when that
        kabupaten is. The kabupaten are given as a list, so that PostgreSQL filters the rows
        it walks in the list's order and stops at the page (or reads the column's index for a
        small share) instead of building the user's whole share first. The author's drafts
        without desa (that column empty), found first through the partial index on
        ``create_uid``, are a second arm by id when he has any."""
        column = self._kerjasama_scope_wide_column
        paths = tuple(sorted(r.parent_path for r in regions if r.parent_path))
        kabupaten = self.env["kerjasama.region"]._kerjasama_kabupaten_under(paths)
        domain = [(column, "in", list(kabupaten))]
        if drafts:
            # most such users have no draft of their own: then the rule is the single term
            # above, which the index on (kabupaten, list order) serves page by page
            draft_ids = self._kerjasama_scope_draft_ids()
            if draft_ids:
                domain = expression.OR([domain, [("id", "in", draft_ids)]])
        return domain
