import math
from datetime import date

from odoo import api, models
from odoo.tools import SQL

from odoo.addons.kerjasama_desa.models.kerjasama_agreement import AGREEMENT_STATES
from odoo.addons.kerjasama_desa.tools.formatting import format_number_id, format_rupiah

# Beyond these the network is not legible any more: the client asks for a narrower filter.
MAX_NODES = 300
MAX_EDGES = 600
# Edge colours by bidang, node colours by kecamatan (in code order; repeated when exhausted).
BIDANG_COLORS = [
    "#1f77b4",
    "#d62728",
    "#2ca02c",
    "#ff7f0e",
    "#9467bd",
    "#8c564b",
    "#e377c2",
    "#17becf",
    "#7f7f7f",
    "#bcbd22",
]
KECAMATAN_COLORS = [
    "#4e79a7",
    "#f28e2b",
    "#59a14f",
    "#e15759",
    "#76b7b2",
    "#edc948",
    "#b07aa1",
    "#ff9da7",
    "#9c755f",
    "#bab0ac",
]
NO_BIDANG_COLOR = "#6c757d"
THIRD_PARTY_COLOR = "#343a40"
# Spacing of the layout, in SVG units.
DESA_SPACING = 42
CLUSTER_GAP = 90
THIRD_PARTY_SPACING = 46
# Children of a region, one level down, and the agreement field grouping them.
CHILD_LEVEL = {False: "provinsi", "provinsi": "kabupaten", "kabupaten": "kecamatan"}
CHILD_LEVEL["kecamatan"] = "desa"
GROUP_FIELD = {"kabupaten": "kabupaten_id", "kecamatan": "kecamatan_ids", "desa": "region_ids"}


class KerjasamaMap(models.AbstractModel):
    """Pemetaan: the map of cooperation, offline (no tiles, no external script).

    Two views, each from one server call run as the user, so his record rules choose the
    agreements and nothing but grouped figures leave the server:

    - ``get_network``: desa as nodes clustered by kecamatan, pihak ketiga as nodes of their own,
      agreements as edges between their parties, coloured by bidang, filtered by stage, start
      year and kecamatan; the layout (kecamatan on a circle, their desa around them, the pihak
      ketiga on an outer ring near their desa) is computed here, deterministic, and capped at
      ``MAX_NODES``/``MAX_EDGES`` with a message asking for a narrower filter.
    - ``get_regions``: provinsi > kabupaten > kecamatan > desa, the number and value of the
      agreements of each child of a region (``_read_group`` per level), with breadcrumbs.

    Every figure carries the domain of its agreement list; the tests check each figure against
    ``_read_group``/``search_count`` on that domain.
    """

    _name = "kerjasama.map"
    _description = "Cooperation Map"

    # ------------------------------------------------------------------ common
    def _scope_domain(self):
        return self.env["kerjasama.overview"]._scope_domain()

    def _filter_domain(self, stage=None, year=None, kecamatan_id=None):
        domain = []
        if stage:
            domain.append(("state", "=", stage))
        if year:
            year = int(year)
            domain += [
                ("date_start", ">=", date(year, 1, 1).isoformat()),
                ("date_start", "<", date(year + 1, 1, 1).isoformat()),
            ]
        if kecamatan_id:
            domain.append(("kecamatan_ids", "in", [int(kecamatan_id)]))
        return domain

    def _agreements_label(self, count):
        if count == 1:
            return self.env._("1 agreement")
        return self.env._("%(count)s agreements", count=format_number_id(count))

    # ------------------------------------------------------------------ network
    @api.model
    def get_network(self, stage=None, year=None, kecamatan_id=None):
        """Nodes, edges, legend and filter choices of the network (see the class docstring)."""
        Agreement = self.env["kerjasama.agreement"]
        scope = self._scope_domain()
        filters = self._filter_domain(stage, year, kecamatan_id)
        domain = scope + filters
        result = {
            "filters": self._network_filters(scope, stage, year, kecamatan_id),
            "nodes": [],
            "edges": [],
            "clusters": [],
            "bidang": [],
            "too_many": False,
            "message": "",
            "agreement_count": Agreement.search_count(domain),
        }
        desa_groups = Agreement._read_group(domain, ["region_ids"], ["__count", "amount_total:sum"])
        desa_groups = [(region, count, amount) for region, count, amount in desa_groups if region]
        edge_rows = []
        if len(desa_groups) <= MAX_NODES:
            edge_rows = self._edge_rows(domain)
        third_ids = {row[2] for row in edge_rows if row[2]}
        if len(desa_groups) + len(third_ids) > MAX_NODES or len(edge_rows) > MAX_EDGES:
            result["too_many"] = True
            result["message"] = self.env._(
                "%(nodes)s villages and parties and %(edges)s links are more than the network "
                "can show legibly (at most %(max_nodes)s nodes and %(max_edges)s links): choose "
                "a kecamatan, a stage or a year.",
                nodes=format_number_id(len(desa_groups) + len(third_ids)),
                edges=format_number_id(len(edge_rows)) if edge_rows else "?",
                max_nodes=MAX_NODES,
                max_edges=MAX_EDGES,
            )
            return result
        clusters = self._network_clusters(domain, [region for region, _c, _a in desa_groups])
        third_counts = {}
        if third_ids:
            Party = self.env["kerjasama.agreement.party"]
            for partner, count in Party._read_group(
                [
                    ("party_kind", "=", "pihak_ketiga"),
                    ("partner_id", "in", list(third_ids)),
                    ("agreement_id", "any", domain),
                ],
                ["partner_id"],
                ["agreement_id:count_distinct"],
            ):
                third_counts[partner.id] = count
        nodes = self._network_nodes(filters, desa_groups, clusters, third_counts, edge_rows)
        result["clusters"] = clusters
        result["nodes"] = list(nodes.values())
        result["edges"], result["bidang"] = self._network_edges(filters, nodes, edge_rows)
        result["view_box"] = self._view_box(result["nodes"], clusters)
        return result

    def _network_filters(self, scope, stage, year, kecamatan_id):
        """The choices of the filter bar: stages, start years and kecamatan present."""
        Agreement = self.env["kerjasama.agreement"]
        labels = dict(Agreement._fields["state"]._description_selection(self.env))
        years = sorted(
            {
                day.year
                for day, _count in Agreement._read_group(scope, ["date_start:year"], ["__count"])
                if day
            },
            reverse=True,
        )
        kecamatan = [
            {"id": region.id, "name": region.sudo().name}
            for region, _count in Agreement._read_group(scope, ["kecamatan_ids"], ["__count"])
            if region
        ]
        kecamatan.sort(key=lambda k: k["name"])
        return {
            "stage": stage or "",
            "year": int(year) if year else "",
            "kecamatan_id": int(kecamatan_id) if kecamatan_id else "",
            "stages": [{"key": key, "label": labels[key]} for key, _label in AGREEMENT_STATES],
            "years": years,
            "kecamatan": kecamatan,
        }

    def _edge_rows(self, domain):
        """One grouped query on the parties of the agreements the user may read: per pair of
        desa (lower id first) or desa and pihak ketiga, and per bidang, the number and value of
        their agreements. Rows (desa id, desa id or None, partner id or None, bidang id or
        None, count, amount)."""
        Agreement = self.env["kerjasama.agreement"]
        Agreement.flush_model()
        self.env["kerjasama.agreement.party"].flush_model()
        agreements = Agreement._search(domain)
        self.env.cr.execute(
            SQL(
                """
                SELECT p1.region_id, p2.region_id, NULL::integer, a.bidang_id,
                       COUNT(DISTINCT a.id), COALESCE(SUM(a.amount_total), 0)
                  FROM kerjasama_agreement a
                  JOIN kerjasama_agreement_party p1
                    ON p1.agreement_id = a.id AND p1.party_kind = 'desa'
                  JOIN kerjasama_agreement_party p2
                    ON p2.agreement_id = a.id AND p2.party_kind = 'desa'
                   AND p2.region_id > p1.region_id
                 WHERE a.id IN %(ids)s
                 GROUP BY 1, 2, 3, 4
                 UNION ALL
                SELECT p1.region_id, NULL::integer, p2.partner_id, a.bidang_id,
                       COUNT(DISTINCT a.id), COALESCE(SUM(a.amount_total), 0)
                  FROM kerjasama_agreement a
                  JOIN kerjasama_agreement_party p1
                    ON p1.agreement_id = a.id AND p1.party_kind = 'desa'
                   AND p1.region_id IS NOT NULL
                  JOIN kerjasama_agreement_party p2
                    ON p2.agreement_id = a.id AND p2.party_kind = 'pihak_ketiga'
                   AND p2.partner_id IS NOT NULL
                 WHERE a.id IN %(ids)s
                 GROUP BY 1, 2, 3, 4
                 ORDER BY 1, 2, 3, 4
                """,
                ids=agreements.subselect(),
            )
        )
        return [(*row[:5], float(row[5])) for row in self.env.cr.fetchall()]

    def _network_clusters(self, domain, desa):
        """The kecamatan of the desa shown, in code order, with their figures, colour and
        place on the big circle."""
        Agreement = self.env["kerjasama.agreement"]
        figures = {
            region.id: (count, amount)
            for region, count, amount in Agreement._read_group(
                domain, ["kecamatan_ids"], ["__count", "amount_total:sum"]
            )
            if region
        }
        desa = self.env["kerjasama.region"].browse([d.id for d in desa]).sudo()
        by_kecamatan = {}
        for village in desa.sorted(lambda r: (r.code or "", r.id)):
            by_kecamatan.setdefault(village.kecamatan_id, []).append(village)
        kecamatan = sorted(by_kecamatan, key=lambda k: (k.code or "", k.id))
        radii = [max(34.0, DESA_SPACING * len(by_kecamatan[k]) / (2 * math.pi)) for k in kecamatan]
        circumference = sum(2 * r + CLUSTER_GAP for r in radii)
        big = circumference / (2 * math.pi) if len(kecamatan) > 1 else 0.0
        clusters, angle = [], -math.pi / 2
        for index, (region, radius) in enumerate(zip(kecamatan, radii, strict=True)):
            share = (2 * radius + CLUSTER_GAP) / circumference * 2 * math.pi
            center = angle + share / 2
            angle += share
            count, amount = figures.get(region.id, (0, 0.0))
            cx, cy = big * math.cos(center), big * math.sin(center)
            # the kecamatan's name outside its cluster, away from the centre of the network
            dx, dy = (math.cos(center), math.sin(center)) if big else (0.0, -1.0)
            label_x, label_y = cx + dx * (radius + 34), cy + dy * (radius + 40) + 4
            anchor = "start" if dx > 0.35 else "end" if dx < -0.35 else "middle"
            clusters.append(
                {
                    "id": region.id,
                    "name": region.name or self.env._("No kecamatan"),
                    "color": KECAMATAN_COLORS[index % len(KECAMATAN_COLORS)],
                    "x": round(cx, 1),
                    "y": round(cy, 1),
                    "r": round(radius + 18, 1),
                    "label_x": round(label_x, 1),
                    "label_y": round(label_y, 1),
                    "label_anchor": anchor,
                    "count": count,
                    "amount": amount,
                    "count_display": format_number_id(count),
                    "amount_display": format_rupiah(amount),
                    "title": f"{region.name}: {self._agreements_label(count)}, "
                    f"{format_rupiah(amount)}",
                    "domain": [("kecamatan_ids", "in", [region.id])],
                    "desa": [v.id for v in by_kecamatan[region]],
                    "_center": (cx, cy, radius, center),
                }
            )
        return clusters

    def _network_nodes(self, filters, desa_groups, clusters, third_counts, edge_rows):
        """Desa around their kecamatan, pihak ketiga on an outer ring near their desa."""
        figures = {region.id: (region, count, amount) for region, count, amount in desa_groups}
        nodes = {}
        outer = 0.0
        for cluster in clusters:
            cx, cy, radius, _angle = cluster.pop("_center")
            outer = max(outer, math.hypot(cx, cy) + radius)
            villages = cluster.pop("desa")
            for index, desa_id in enumerate(villages):
                region, count, amount = figures[desa_id]
                theta = -math.pi / 2 + 2 * math.pi * index / len(villages)
                if len(villages) == 1:
                    x, y = cx, cy
                else:
                    x, y = cx + radius * math.cos(theta), cy + radius * math.sin(theta)
                name = region.sudo().name
                nodes[f"d{desa_id}"] = {
                    "key": f"d{desa_id}",
                    "kind": "desa",
                    "id": desa_id,
                    "name": name,
                    "cluster": cluster["id"],
                    "color": cluster["color"],
                    "x": round(x, 1),
                    "y": round(y, 1),
                    "r": round(7 + min(count, 12), 1),
                    "count": count,
                    "amount": amount,
                    "title": self.env._(
                        "Desa %(name)s (Kecamatan %(kecamatan)s): %(agreements)s, %(amount)s",
                        name=name,
                        kecamatan=cluster["name"],
                        agreements=self._agreements_label(count),
                        amount=format_rupiah(amount),
                    ),
                    "domain": [*filters, ("region_ids", "in", [desa_id])],
                }
        # pihak ketiga: wanted at the mean angle of their desa, spread to keep them apart
        wanted = {}
        for desa_id, _other, partner_id, _bidang, _count, _amount in edge_rows:
            if partner_id:
                node = nodes[f"d{desa_id}"]
                wanted.setdefault(partner_id, []).append((node["x"], node["y"]))
        ring = outer + 110
        step = THIRD_PARTY_SPACING / ring
        placed = []
        for partner_id, points in wanted.items():
            sx = sum(math.cos(math.atan2(y, x)) for x, y in points)
            sy = sum(math.sin(math.atan2(y, x)) for x, y in points)
            placed.append((math.atan2(sy, sx) if (sx or sy) else -math.pi / 2, partner_id))
        placed.sort()
        partners = self.env["res.partner"].browse([p for _a, p in placed]).sudo()
        names = dict(zip(partners.ids, partners.mapped("display_name"), strict=True))
        previous = None
        for theta, partner_id in placed:
            if previous is not None and theta < previous + step:
                theta = previous + step
            previous = theta
            count = third_counts.get(partner_id, 0)
            name = names[partner_id]
            nodes[f"p{partner_id}"] = {
                "key": f"p{partner_id}",
                "kind": "pihak_ketiga",
                "id": partner_id,
                "name": name,
                "cluster": False,
                "color": THIRD_PARTY_COLOR,
                "x": round(ring * math.cos(theta), 1),
                "y": round(ring * math.sin(theta), 1),
                "r": 9,
                "count": count,
                "title": self.env._(
                    "Third party %(name)s: %(agreements)s",
                    name=name,
                    agreements=self._agreements_label(count),
                ),
                "domain": [
                    *filters,
                    (
                        "party_ids",
                        "any",
                        [("party_kind", "=", "pihak_ketiga"), ("partner_id", "=", partner_id)],
                    ),
                ],
            }
        return nodes

    def _network_edges(self, filters, nodes, edge_rows):
        """Edges as SVG paths (parallel edges of one pair bent apart) and the bidang legend."""
        bidang_ids = sorted({row[3] for row in edge_rows if row[3]})
        bidangs = (
            self.env["kerjasama.bidang"].browse(bidang_ids).sudo().sorted(lambda b: (b.code, b.id))
        )
        colors = {b.id: BIDANG_COLORS[i % len(BIDANG_COLORS)] for i, b in enumerate(bidangs)}
        pairs = {}
        for row in edge_rows:
            pairs.setdefault((row[0], row[1], row[2]), []).append(row)
        edges = []
        legend = {}
        for (desa_id, other_id, partner_id), rows in pairs.items():
            source = nodes[f"d{desa_id}"]
            target = nodes[f"d{other_id}"] if other_id else nodes[f"p{partner_id}"]
            for index, (_d, _o, _p, bidang_id, count, amount) in enumerate(rows):
                # a gentle curve, parallel edges of one pair bent apart
                bend = 12 + (index - (len(rows) - 1) / 2) * 24
                bidang = self.env["kerjasama.bidang"].browse(bidang_id).sudo()
                bidang_name = bidang.name if bidang_id else self.env._("No bidang")
                color = colors.get(bidang_id, NO_BIDANG_COLOR)
                domain = [*filters, ("region_ids", "in", [desa_id])]
                if other_id:
                    domain.append(("region_ids", "in", [other_id]))
                else:
                    domain.append(
                        (
                            "party_ids",
                            "any",
                            [("party_kind", "=", "pihak_ketiga"), ("partner_id", "=", partner_id)],
                        )
                    )
                domain.append(("bidang_id", "=", bidang_id or False))
                edges.append(
                    {
                        "key": f"{source['key']}-{target['key']}-{bidang_id or 0}",
                        "source": source["key"],
                        "target": target["key"],
                        "kind": "antar_desa" if other_id else "pihak_ketiga",
                        "cross": bool(other_id) and source["cluster"] != target["cluster"],
                        "bidang_id": bidang_id or False,
                        "color": color,
                        "width": round(1.5 + 1.2 * math.log2(1 + count), 1),
                        "path": self._edge_path(source, target, bend),
                        "count": count,
                        "amount": amount,
                        "title": self.env._(
                            "%(party)s - %(partner)s, %(bidang)s: %(agreements)s, %(amount)s",
                            party=source["name"],
                            partner=target["name"],
                            bidang=bidang_name,
                            agreements=self._agreements_label(count),
                            amount=format_rupiah(amount),
                        ),
                        "domain": domain,
                    }
                )
                entry = legend.setdefault(
                    bidang_id or 0,
                    {
                        "id": bidang_id or False,
                        "name": bidang_name,
                        "color": color,
                        "edges": 0,
                        "_order": (bidang.code or "~", bidang_id or 0),
                    },
                )
                entry["edges"] += 1
        legend = sorted(legend.values(), key=lambda b: b.pop("_order"))
        return edges, legend

    @staticmethod
    def _edge_path(source, target, bend):
        x1, y1, x2, y2 = source["x"], source["y"], target["x"], target["y"]
        if not bend:
            return f"M{x1},{y1} L{x2},{y2}"
        length = math.hypot(x2 - x1, y2 - y1) or 1.0
        mx, my = (x1 + x2) / 2, (y1 + y2) / 2
        cx, cy = mx - (y2 - y1) / length * bend, my + (x2 - x1) / length * bend
        return f"M{x1},{y1} Q{round(cx, 1)},{round(cy, 1)} {x2},{y2}"

    @staticmethod
    def _view_box(nodes, clusters):
        if not nodes:
            return "-200 -150 400 300"
        xs = [n["x"] - n["r"] for n in nodes] + [c["x"] - c["r"] for c in clusters]
        xs_max = [n["x"] + n["r"] for n in nodes] + [c["x"] + c["r"] for c in clusters]
        ys = [n["y"] - n["r"] for n in nodes] + [c["y"] - c["r"] for c in clusters]
        ys_max = [n["y"] + n["r"] for n in nodes] + [c["y"] + c["r"] for c in clusters]
        for cluster in clusters:
            width = 8 * len(cluster["name"])
            start = {"start": 0, "end": -width, "middle": -width / 2}[cluster["label_anchor"]]
            xs.append(cluster["label_x"] + start)
            xs_max.append(cluster["label_x"] + start + width)
            ys.append(cluster["label_y"] - 14)
            ys_max.append(cluster["label_y"] + 4)
        pad_x, pad_y = 90, 30
        x0, y0 = min(xs) - pad_x, min(ys) - pad_y
        width, height = max(xs_max) + pad_x - x0, max(ys_max) + pad_y + 14 - y0
        return f"{round(x0)} {round(y0)} {round(width)} {round(height)}"

    # ------------------------------------------------------------------ regions
    @api.model
    def get_regions(self, region_id=None):
        """The children of a region (``None``: the user's own working region when he has one,
        ``0``: the provinces) with the number and value of the agreements of each, and the
        breadcrumbs up to the provinces."""
        Region = self.env["kerjasama.region"].sudo()
        if region_id is None:
            own = self.env.user.sudo().kerjasama_region_ids
            national = self.env["kerjasama.access.mixin"]._kerjasama_is_national()
            region = own if len(own) == 1 and own.level != "desa" and not national else Region
        else:
            region = Region.browse(int(region_id)) if region_id else Region
        level = CHILD_LEVEL[region.level or False]
        if region:
            children = Region.search([("parent_id", "=", region.id)])
        else:
            children = Region.search([("level", "=", "provinsi")])
        Agreement = self.env["kerjasama.agreement"]
        base = self._scope_domain() + ([("region_ids", "child_of", region.ids)] if region else [])
        if level == "provinsi":
            figures = {}
            for kabupaten, count, amount in Agreement._read_group(
                base, ["kabupaten_id"], ["__count", "amount_total:sum"]
            ):
                provinsi = kabupaten.sudo().provinsi_id.id
                old = figures.get(provinsi, (0, 0.0))
                figures[provinsi] = (old[0] + count, old[1] + amount)
        else:
            figures = {
                group.id: (count, amount)
                for group, count, amount in Agreement._read_group(
                    base, [GROUP_FIELD[level]], ["__count", "amount_total:sum"]
                )
                if group
            }
        children = self._visible_children(children, figures)
        rows = []
        for child in children.sorted(lambda r: (r.code or "", r.id)):
            count, amount = figures.get(child.id, (0, 0.0))
            rows.append(
                {
                    "id": child.id,
                    "name": child.name,
                    "code": child.code,
                    "level": child.level,
                    "drill": child.level != "desa",
                    "count": count,
                    "amount": amount,
                    "count_display": format_number_id(count),
                    "amount_display": format_rupiah(amount),
                    "domain": [("region_ids", "child_of", [child.id])],
                }
            )
        total_count, total_amount = Agreement._read_group(
            base, [], ["__count", "amount_total:sum"]
        )[0]
        labels = dict(Region._fields["level"]._description_selection(self.env))
        crumbs = [{"id": 0, "name": self.env._("Indonesia")}]
        for ancestor in (region.provinsi_id, region.kabupaten_id, region.kecamatan_id):
            if ancestor and ancestor not in [c.get("record") for c in crumbs]:
                crumbs.append({"id": ancestor.id, "name": ancestor.name, "record": ancestor})
        if region and crumbs[-1].get("record") != region:
            crumbs.append({"id": region.id, "name": region.name, "record": region})
        for crumb in crumbs:
            crumb.pop("record", None)
        return {
            "region_id": region.id or 0,
            "name": region.name or self.env._("Indonesia"),
            "level": level,
            "level_label": labels[level],
            "breadcrumbs": crumbs,
            "rows": rows,
            "total": {
                "count": total_count,
                "amount": total_amount,
                "count_display": format_number_id(total_count),
                "amount_display": format_rupiah(total_amount),
                "domain": [("region_ids", "child_of", region.ids)] if region else [],
            },
            "max_count": max([r["count"] for r in rows], default=0),
            "max_amount": max([r["amount"] for r in rows], default=0.0),
        }

    def _visible_children(self, children, figures):
        """The children the user works in or above (all for a national user), and any child
        with agreements he may read."""
        paths = [r.parent_path for r in self.env.user.sudo().kerjasama_region_ids if r.parent_path]
        if not paths or self.env["kerjasama.access.mixin"]._kerjasama_is_national():
            return children
        return children.filtered(
            lambda c: c.id in figures
            or any(
                (c.parent_path or "").startswith(p) or p.startswith(c.parent_path or "~")
                for p in paths
            )
        )
