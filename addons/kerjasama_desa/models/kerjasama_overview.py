from datetime import timedelta

from odoo import api, fields, models
from odoo.tools import SQL

from ..tools.formatting import format_number_id, format_rupiah
from .kerjasama_access_mixin import ROLE_GROUPS
from .kerjasama_agreement import AGREEMENT_STATES, ENDING_SOON_DAYS, FINAL_STATES

OPEN_DISPUTE_STATES = ("open", "musyawarah", "escalated")
# Village work comes due on the home page this many days ahead (implementation reports).
REPORT_HORIZON_DAYS = 30
# How many records a "what waits for me" item names under its count.
PREVIEW_LIMIT = 5
REGION_ROLES = ("camat", "dpmd", "binwas", "national_admin")
# many2many region fields of the agreement and the stored column holding their ids as a key
# (``kecamatan_key``): the overview groups on the column instead of joining the relation
REGION_KEYS = {"kecamatan_ids": "kecamatan_key"}
# what needs attention, per region of the breakdown
BREAKDOWN_KEYS = ("reports_overdue", "ending_soon", "disputes_open")
VILLAGE_ROLES = ("kepala_desa", "perangkat", "bendahara", "bpd")


class KerjasamaOverview(models.AbstractModel):
    """The home page of each role, as the regulation spreads the work.

    The camat facilitates and forwards for his kecamatan, the DPMD registers, evaluates and maps
    the cooperation of its kabupaten, BINWAS supervises its province (Permendagri 96/2017 and
    the BINWAS duties of the kabupaten): they get an overview of their region, the register's
    counts and value by stage in the order of the lifecycle, what waits for the camat's
    forwarding or the DPMD's evaluation, reports overdue, agreements ending soon and disputes
    open, per kecamatan or desa. Village roles (kepala desa, perangkat, treasurer, BPD) get what
    waits for them: their desa's musyawarah and the BPD's consent, the kepala desa's signature,
    implementation reports, financing lines without a budget line of the APBDesa.

    Every figure is a grouped SQL count run as the user, so the record rules of his regions
    apply and nothing but counts is read: the region overview is two grouped scans of the
    agreements, built on the ORM's own query of the user (``_search``, record rules included,
    also for the reports and disputes it looks into), the village home ``search_count``s. Each
    figure comes with the model and domain of its list, which the client opens on click; the
    tests check that every figure equals ``_read_group``/``search_count`` on that domain.
    """

    _name = "kerjasama.overview"
    _description = "Kerja Sama Desa Home"

    # ------------------------------------------------------------------ roles
    @api.model
    def _home_mode(self, user=None):
        """``region`` (camat, DPMD, BINWAS, administrators), ``village`` or ``False``."""
        user = user or self.env.user
        if any(user.has_group(ROLE_GROUPS[role]) for role in REGION_ROLES):
            return "region"
        if any(user.has_group(ROLE_GROUPS[role]) for role in VILLAGE_ROLES):
            return "village"
        return False

    @api.model
    def get_overview(self):
        """The data of the user's home page (see the class docstring)."""
        mode = self._home_mode()
        if mode == "region":
            return self._region_overview()
        if mode == "village":
            return self._village_overview()
        return {"mode": False, "title": self.env._("Kerja Sama Desa")}

    # ------------------------------------------------------------------ helpers
    def _today(self):
        return fields.Date.context_today(self)

    def _figure(self, key, label, model, domain, count, help_text="", amount=None):
        figure = {
            "key": key,
            "label": label,
            "help": help_text,
            "model": model,
            "domain": domain,
            "count": count,
            "count_display": format_number_id(count),
        }
        if amount is not None:
            figure["amount"] = amount
            figure["amount_display"] = format_rupiah(amount)
        return figure

    def _state_labels(self):
        return dict(
            self.env["kerjasama.agreement"]._fields["state"]._description_selection(self.env)
        )

    def _scope_title(self):
        regions = self.env.user.sudo().kerjasama_region_ids
        if not regions:
            return self.env._("All regions")
        return ", ".join(regions.mapped("name"))

    def _forwarding_kabupaten_ids(self):
        """Kabupaten that send signed agreements to evaluation through the camat."""
        return (
            self.env["kerjasama.region"]
            .sudo()
            .search([("level", "=", "kabupaten"), ("camat_forwarding_required", "=", True)])
            .ids
        )

    def _breakdown_field(self):
        """The agreement field of the breakdown, one level under the user's regions."""
        levels = set(self.env.user.sudo().kerjasama_region_ids.mapped("level"))
        if not levels or levels & {"provinsi"}:
            return "kabupaten_id", self.env._("Regency/City")
        if "kabupaten" in levels:
            return "kecamatan_ids", self.env._("Kecamatan")
        return "region_ids", self.env._("Desa")

    def _in_scope(self, regions):
        """The regions under the user's working regions (all for a user without regions)."""
        regions = regions.sudo()
        paths = [r.parent_path for r in self.env.user.sudo().kerjasama_region_ids]
        if not paths:
            return regions
        return regions.filtered(lambda r: any((r.parent_path or "").startswith(p) for p in paths))

    # ------------------------------------------------------------------ region overview
    def _region_domains(self):
        """The domain of each alert on the agreements, the lists its figure opens."""
        forwarding = self._forwarding_kabupaten_ids()
        return {
            "awaiting_forward": [
                ("state", "=", "evaluasi"),
                ("kabupaten_id", "in", forwarding),
                ("camat_forward_user_id", "=", False),
            ],
            "awaiting_evaluation": [
                ("state", "=", "evaluasi"),
                "|",
                ("kabupaten_id", "not in", forwarding),
                ("camat_forward_user_id", "!=", False),
            ],
            "ending_soon": [("is_ending_soon", "=", True)],
            "reports_overdue": [("has_overdue_report", "=", True)],
            "disputes_open": [("dispute_ids", "any", [("state", "in", OPEN_DISPUTE_STATES)])],
        }

    def _scope_domain(self):
        """The agreements of the desa under the user's regions: implied by his record rules,
        and written again, as the rules' own indexed term (``in_working_regions`` of
        ``kerjasama.region.scope.mixin``: the agreement's kabupaten for a DPMD or a BINWAS,
        the desa relation under the region's path for a camat), so that the database starts
        from the user's share instead of scanning the national register. A user with no
        draft of his own without desa has that very term as his record rule
        (``in_region_scope``): it is not written twice."""
        regions = self.env.user.sudo().kerjasama_region_ids
        if not regions or self.env["kerjasama.access.mixin"]._kerjasama_is_national():
            return []
        if not self.env.su and not self.env["kerjasama.agreement"]._kerjasama_scope_draft_ids():
            return []
        return [("in_working_regions", "=", True)]

    def _filter_sql(self, query, key):
        """SQL condition on ``kerjasama_agreement`` of the alert ``key``. The reports and
        disputes it looks into are those of the agreements of the scan, which the user's record
        rules already filter (the rules of reports and disputes follow their agreement's), so
        their subquery does not repeat the rule."""
        table = SQL.identifier(query.table)
        if key == "reports_overdue":
            reports = (
                self.env["kerjasama.implementation.report"]
                .sudo()
                ._search([("is_overdue", "=", True)])
            )
            return SQL("%s.id IN %s", table, reports.subselect("agreement_id"))
        if key == "disputes_open":
            disputes = (
                self.env["kerjasama.dispute"].sudo()._search([("state", "in", OPEN_DISPUTE_STATES)])
            )
            return SQL("%s.id IN %s", table, disputes.subselect("agreement_id"))
        today = self._today()
        if key == "ending_soon":
            return SQL(
                "%s.state = 'berjalan' AND %s.date_end BETWEEN %s AND %s",
                table,
                table,
                today,
                today + timedelta(days=ENDING_SOON_DAYS),
            )
        forwarding = self._forwarding_kabupaten_ids()
        if key == "awaiting_forward":
            return SQL(
                "%s.state = 'evaluasi' AND %s.kabupaten_id = ANY(%s)"
                " AND %s.camat_forward_user_id IS NULL",
                table,
                table,
                forwarding,
                table,
            )
        return SQL(
            "%s.state = 'evaluasi' AND (%s.kabupaten_id IS NULL"
            " OR NOT %s.kabupaten_id = ANY(%s) OR %s.camat_forward_user_id IS NOT NULL)",
            table,
            table,
            table,
            forwarding,
            table,
        )

    def _grouped_counts(self, keys, region_field=None):
        """One grouped scan of the agreements the user may read (the ORM's query with his
        record rules): by stage, and by region when ``region_field`` is given, the count, the
        value and the count of each alert of ``keys``. Rows: (region id or None, state,
        count, amount, {key: count}); grouped on a key column of ``REGION_KEYS``, the region
        is that key (the ids of the agreement's regions: see ``_region_ids``)."""
        Agreement = self.env["kerjasama.agreement"]
        Agreement.flush_model()
        self.env["kerjasama.implementation.report"].flush_model()
        self.env["kerjasama.dispute"].flush_model()
        query = Agreement._search(self._scope_domain())
        table = SQL.identifier(query.table)
        group = [SQL("%s.state", table)]
        if region_field:
            field = Agreement._fields[region_field]
            if region_field in REGION_KEYS:
                group.insert(0, SQL("%s.%s", table, SQL.identifier(REGION_KEYS[region_field])))
            elif field.type == "many2many":
                alias = query.make_alias(query.table, region_field)
                query.add_join(
                    "JOIN",
                    alias,
                    field.relation,
                    SQL(
                        "%s = %s.id",
                        SQL.identifier(alias, field.column1),
                        table,
                    ),
                )
                group.insert(0, SQL.identifier(alias, field.column2))
            else:
                group.insert(0, SQL("%s.%s", table, SQL.identifier(region_field)))
        else:
            group.insert(0, SQL("NULL::integer"))
        filters = [SQL("COUNT(*) FILTER (WHERE %s)", self._filter_sql(query, key)) for key in keys]
        self.env.cr.execute(
            SQL(
                "SELECT %s, %s, COUNT(*), COALESCE(SUM(%s.amount_total), 0)%s FROM %s WHERE %s"
                " GROUP BY 1, 2",
                group[0],
                group[1],
                table,
                SQL("").join(SQL(", %s", f) for f in filters),
                query.from_clause,
                query.where_clause or SQL("TRUE"),
            )
        )
        return [
            (row[0], row[1], row[2], float(row[3]), dict(zip(keys, row[4:], strict=True)))
            for row in self.env.cr.fetchall()
        ]

    def _region_overview(self):
        labels = self._state_labels()
        domains = self._region_domains()
        agreement_keys = ["awaiting_forward", "awaiting_evaluation", "ending_soon"]
        field, _level_label = self._breakdown_field()
        grouped = None
        if field in REGION_KEYS or self.env["kerjasama.agreement"]._fields[field].type == (
            "many2one"
        ):
            # one row per agreement in the breakdown's scan (grouped by its kabupaten, or by the
            # key of its kecamatan): its groups add up to the totals, one scan gives both
            keys = [*agreement_keys, *(k for k in BREAKDOWN_KEYS if k not in agreement_keys)]
            grouped = self._grouped_counts(keys, field)
        by_state = {}
        alert_counts = dict.fromkeys(agreement_keys, 0)
        for _region, state, count, amount, extra in grouped or self._grouped_counts(agreement_keys):
            total_count, total_amount = by_state.get(state, (0, 0.0))
            by_state[state] = (total_count + count, total_amount + amount)
            for key in agreement_keys:
                alert_counts[key] += extra[key]
        stages = []
        for state, _label in AGREEMENT_STATES:
            count, amount = by_state.get(state, (0, 0.0))
            stages.append(
                self._figure(
                    state,
                    labels[state],
                    "kerjasama.agreement",
                    [("state", "=", state)],
                    count,
                    amount=amount,
                )
            )
        total = self._figure(
            "total",
            self.env._("All agreements"),
            "kerjasama.agreement",
            [],
            sum(s["count"] for s in stages),
            amount=sum(s["amount"] for s in stages),
        )
        overdue = [("is_overdue", "=", True)]
        disputes = [("state", "in", OPEN_DISPUTE_STATES)]
        alerts = [
            self._figure(
                "awaiting_forward",
                self.env._("Awaiting the camat's forwarding"),
                "kerjasama.agreement",
                domains["awaiting_forward"],
                alert_counts["awaiting_forward"],
                self.env._("Signed agreements the camat has yet to forward to the regency."),
            ),
            self._figure(
                "awaiting_evaluation",
                self.env._("Awaiting the DPMD's evaluation"),
                "kerjasama.agreement",
                domains["awaiting_evaluation"],
                alert_counts["awaiting_evaluation"],
                self.env._("Signed agreements ready for evaluation and clarification."),
            ),
            self._figure(
                "reports_overdue",
                self.env._("Implementation reports overdue"),
                "kerjasama.implementation.report",
                overdue,
                self.env["kerjasama.implementation.report"].search_count(overdue),
                self.env._("Reports still in draft after their due date."),
            ),
            self._figure(
                "ending_soon",
                self.env._("Ending within %(days)s days", days=ENDING_SOON_DAYS),
                "kerjasama.agreement",
                domains["ending_soon"],
                alert_counts["ending_soon"],
                self.env._("Running agreements whose end date is near: extend or end them."),
            ),
            self._figure(
                "disputes_open",
                self.env._("Disputes open"),
                "kerjasama.dispute",
                disputes,
                self.env["kerjasama.dispute"].search_count(disputes),
                self.env._("Disputes not yet settled nor sent to the legal route."),
            ),
        ]
        return {
            "mode": "region",
            "title": self._scope_title(),
            "stages": stages,
            "total": total,
            "alerts": alerts,
            "breakdown": self._region_breakdown(labels, domains, grouped),
        }

    @api.model
    def _region_ids(self, region):
        """The region ids of a row of ``_grouped_counts``: its region id, or the ids of a key
        of ``REGION_KEYS`` ("12,15"); none for an agreement without region."""
        if not region:
            return []
        if isinstance(region, str):
            return [int(region_id) for region_id in region.split(",")]
        return [region]

    def _region_breakdown(self, labels, domains, grouped=None):
        """Per kabupaten, kecamatan or desa: counts by stage, value, and what needs attention
        (``grouped``: the rows of ``_grouped_counts`` by region, when already read)."""
        field, level_label = self._breakdown_field()
        extras = [
            ("reports_overdue", self.env._("Reports overdue")),
            ("ending_soon", self.env._("Ending soon")),
            ("disputes_open", self.env._("Disputes open")),
        ]
        keys = list(BREAKDOWN_KEYS)
        rows = {}
        if grouped is None:
            grouped = self._grouped_counts(keys, field)
        for region, state, count, amount, extra in grouped:
            for region_id in self._region_ids(region):
                line = rows.setdefault(
                    region_id,
                    {"stages": {}, "count": 0, "amount": 0.0, "extra": dict.fromkeys(keys, 0)},
                )
                line["stages"][state] = line["stages"].get(state, 0) + count
                line["count"] += count
                line["amount"] += amount
                for key in keys:
                    line["extra"][key] += extra[key]
        regions = self._in_scope(self.env["kerjasama.region"].browse(list(rows)))
        columns = [{"key": s, "label": labels[s]} for s, _l in AGREEMENT_STATES]
        extra_columns = [{"key": key, "label": label} for key, label in extras]
        result = []
        for region in regions.sorted(lambda r: (r.code or "", r.id)):
            line = rows[region.id]
            base = [(field, "in", [region.id])]
            cells = [
                {
                    "key": s,
                    "count": line["stages"].get(s, 0),
                    "count_display": format_number_id(line["stages"].get(s, 0)),
                    "domain": [*base, ("state", "=", s)],
                }
                for s, _l in AGREEMENT_STATES
            ]
            extra_cells = [
                {
                    "key": key,
                    "count": line["extra"][key],
                    "count_display": format_number_id(line["extra"][key]),
                    "domain": [*base, *domains[key]],
                }
                for key in keys
            ]
            result.append(
                {
                    "id": region.id,
                    "name": region.name,
                    "cells": cells,
                    "extra_cells": extra_cells,
                    "count": line["count"],
                    "count_display": format_number_id(line["count"]),
                    "amount_display": format_rupiah(line["amount"]),
                    "domain": base,
                }
            )
        return {
            "level_label": level_label,
            "model": "kerjasama.agreement",
            "columns": columns,
            "extra_columns": extra_columns,
            "rows": result,
        }

    # ------------------------------------------------------------------ village home
    def _village_desa(self):
        regions = self.env.user.sudo().kerjasama_region_ids
        return regions.filtered(lambda r: r.level == "desa")

    def _village_items(self, desa_ids):
        """(key, label, help, model, domain, roles) of the work a village role waits on."""
        today = self._today()
        horizon = fields.Date.to_string(today + timedelta(days=REPORT_HORIZON_DAYS))
        mine = ("region_ids", "in", desa_ids)
        return [
            (
                "drafts",
                self.env._("Agreements to prepare or draft"),
                self.env._("Your desa's agreements in preparation or drafting."),
                "kerjasama.agreement",
                [mine, ("state", "in", ("persiapan", "penyusunan"))],
                ("perangkat", "kepala_desa"),
            ),
            (
                "musyawarah",
                self.env._("Waiting for our musyawarah desa"),
                self.env._(
                    "Agreements in the deliberation stage without an agreed musyawarah desa "
                    "of your desa."
                ),
                "kerjasama.agreement",
                [
                    mine,
                    ("state", "=", "musyawarah"),
                    (
                        "musyawarah_ids",
                        "not any",
                        [("region_id", "in", desa_ids), ("decision", "=", "agreed")],
                    ),
                ],
                ("perangkat", "kepala_desa", "bpd"),
            ),
            (
                "consent",
                self.env._("Waiting for the BPD's consent"),
                self.env._("Musyawarah desa that agreed, without the BPD's consent yet."),
                "kerjasama.musyawarah",
                [
                    ("region_id", "in", desa_ids),
                    ("decision", "=", "agreed"),
                    ("bpd_consent", "=", False),
                    ("agreement_id.state", "=", "musyawarah"),
                ],
                ("bpd", "kepala_desa"),
            ),
            (
                "signature",
                self.env._("Waiting for my signature"),
                self.env._("Agreements in signing that your desa has not signed yet."),
                "kerjasama.agreement",
                [
                    ("state", "=", "penandatanganan"),
                    (
                        "party_ids",
                        "any",
                        [("region_id", "in", desa_ids), ("signed_date", "=", False)],
                    ),
                ],
                ("kepala_desa",),
            ),
            (
                "reports",
                self.env._("Implementation reports due"),
                self.env._(
                    "Draft reports overdue or due within %(days)s days.",
                    days=REPORT_HORIZON_DAYS,
                ),
                "kerjasama.implementation.report",
                [
                    ("state", "=", "draft"),
                    ("date_due", "<=", horizon),
                    ("agreement_id.region_ids", "in", desa_ids),
                ],
                ("perangkat", "kepala_desa"),
            ),
            (
                "budget",
                self.env._("Financing without an APBDesa line"),
                self.env._(
                    "Your desa's financing lines planned but not yet carried by a budget line."
                ),
                "kerjasama.agreement.funding",
                [
                    ("region_id", "in", desa_ids),
                    ("is_unbudgeted", "=", True),
                    ("agreement_id.state", "not in", FINAL_STATES),
                ],
                ("bendahara", "kepala_desa"),
            ),
        ]

    def _village_roles(self):
        user = self.env.user
        roles = {role for role in VILLAGE_ROLES if user.has_group(ROLE_GROUPS[role])}
        # the treasurer and the village head are village officers by implication: the officer's
        # items are for the officer who holds no other village office
        if roles & {"bendahara", "kepala_desa"}:
            roles.discard("perangkat")
        return roles

    def _village_overview(self):
        desa = self._village_desa()
        roles = self._village_roles()
        items = []
        for key, label, help_text, model, domain, item_roles in self._village_items(desa.ids):
            if not roles & set(item_roles):
                continue
            Model = self.env[model]
            figure = self._figure(key, label, model, domain, Model.search_count(domain), help_text)
            figure["records"] = [
                {"id": rec["id"], "name": rec["display_name"]}
                for rec in Model.search_read(domain, ["display_name"], limit=PREVIEW_LIMIT)
            ]
            items.append(figure)
        items.sort(key=lambda item: not item["count"])  # what waits first, in the same order
        labels = self._state_labels()
        Agreement = self.env["kerjasama.agreement"]
        counts = dict(
            Agreement._read_group([("region_ids", "in", desa.ids)], ["state"], ["__count"])
        )
        stages = [
            self._figure(
                state,
                labels[state],
                "kerjasama.agreement",
                [("region_ids", "in", desa.ids), ("state", "=", state)],
                counts.get(state, 0),
            )
            for state, _label in AGREEMENT_STATES
            if state not in FINAL_STATES
        ]
        return {
            "mode": "village",
            "title": self._scope_title(),
            "items": items,
            "stages": stages,
        }
