#!/usr/bin/env python3
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Benchmark of the overview home page (``kerjasama.overview.get_overview``) at national scale.

Inserts N agreements (default 250,000) by SQL into DATABASE with the dataset builder of
``bench_recap.py`` (two desa parties and two financing lines each, 500 desa of 20 kecamatan of
one kabupaten), spreads them over every stage, gives every third running agreement an overdue
implementation report and every fiftieth an open dispute, then times, as a DPMD officer of the
kabupaten (record rules applied) and as a camat of one kecamatan:

- the overview (``get_overview``: every figure and the per-kecamatan or per-desa breakdown),
- the agreement list's own first page (``web_search_read`` with the list view's fields, 80
  rows, and its ``search_count``), for comparison.

Each measure is the best of ``--repeat`` runs (default 5) after one warm-up, with its query
count. Everything runs in one transaction that is rolled back: the database is left as it was.
Expected on a 2-core machine: the overview under 300 ms for the DPMD at 250,000 agreements.

Usage (the database must have kerjasama_desa installed)::

    python benchmarks/bench_home.py -c .local/odoo-dev.conf -d kd_bench [--count 250000]

``--count 0`` inserts nothing and measures the database as it is (for instance one built by
``bench_scale.py``), as users of its largest kabupaten and kecamatan; ``--keep`` commits the
inserted data instead of rolling it back.
"""

import argparse
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

# the dataset builder of the recap benchmark
from bench_recap import _create_regions, _insert

LIMIT_MS = 300


def _spread(cr):
    """Every stage, overdue reports and open disputes on the inserted agreements."""
    cr.execute(
        """UPDATE kerjasama_agreement a
              SET state = (ARRAY['persiapan','penawaran','musyawarah','penyusunan',
                                 'penandatanganan','evaluasi','berjalan','berjalan',
                                 'berakhir','dibatalkan'])[1 + mod(b.g, 10)],
                  date_end = CASE WHEN mod(b.g, 7) = 0 THEN CURRENT_DATE + 30
                                  ELSE a.date_end END
             FROM bench_agreement b WHERE b.id = a.id"""
    )
    cr.execute(
        """INSERT INTO kerjasama_implementation_report
                   (agreement_id, state, period_start, period_end, date_due)
            SELECT a.id, 'draft', CURRENT_DATE - 200, CURRENT_DATE - 20, CURRENT_DATE - 5
              FROM kerjasama_agreement a JOIN bench_agreement b ON b.id = a.id
             WHERE a.state = 'berjalan' AND mod(b.g, 3) = 0"""
    )
    cr.execute(
        """INSERT INTO kerjasama_dispute
                   (agreement_id, name, state, stage, date, description)
            SELECT a.id, 'Benchmark', 'open', 'musyawarah', CURRENT_DATE, 'Benchmark'
              FROM kerjasama_agreement a JOIN bench_agreement b ON b.id = a.id
             WHERE a.state = 'berjalan' AND mod(b.g, 50) = 6"""
    )
    for table in ("kerjasama_agreement", "kerjasama_implementation_report", "kerjasama_dispute"):
        cr.execute(f"ANALYZE {table}")


def _largest_regions(env):
    """The kabupaten with the most agreements, and its kecamatan with the most (``--count 0``:
    measure a database built by another script, e.g. ``bench_scale.py``)."""
    cr = env.cr
    cr.execute(
        """SELECT kabupaten_id FROM kerjasama_agreement WHERE kabupaten_id IS NOT NULL
            GROUP BY 1 ORDER BY COUNT(*) DESC LIMIT 1"""
    )
    kabupaten = env["kerjasama.region"].browse(cr.fetchone()[0])
    cr.execute(
        """SELECT r.region_id FROM kerjasama_agreement_kecamatan_rel r
             JOIN kerjasama_agreement a ON a.id = r.agreement_id
            WHERE a.kabupaten_id = %s GROUP BY 1 ORDER BY COUNT(*) DESC LIMIT 1""",
        (kabupaten.id,),
    )
    return kabupaten, env["kerjasama.region"].browse(cr.fetchone()[0])


def _measure(env, func, repeat):
    func()  # warm-up: caches of the registry, the rules and the view
    best, queries = None, 0
    for _ in range(repeat):
        env.invalidate_all()
        before = _sql_count()
        start = time.perf_counter()
        result = func()
        elapsed = time.perf_counter() - start
        if best is None or elapsed < best:
            best, queries = elapsed, _sql_count() - before
    return best, queries, result


def _sql_count():
    from odoo import sql_db

    return sql_db.sql_counter


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument(
        "--count",
        type=int,
        default=250000,
        help="agreements to insert; 0 measures the agreements already in the database",
    )
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument(
        "--keep", action="store_true", help="commit the data instead of rolling back"
    )
    parser.add_argument(
        "--odoo-path", default="/opt/odoo/18.0", help="Odoo sources, if odoo is not importable"
    )
    args = parser.parse_args()

    try:
        import odoo
    except ImportError:
        sys.path.insert(0, args.odoo_path)
        import odoo
    from lxml import etree

    from odoo import SUPERUSER_ID, Command, api

    odoo.tools.config.parse_config(["-c", args.config, "-d", args.database])
    odoo.modules.module.initialize_sys_path()
    registry = odoo.modules.registry.Registry(args.database)
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
        failed = False
        try:
            if args.count:
                kabupaten, desa = _create_regions(env)
                insert_time = _insert(env, args.count, desa)
                _spread(cr)
                env.invalidate_all()
                print(f"inserted {args.count} agreements by SQL in {insert_time:.1f} s")
                kecamatan = desa[:1].kecamatan_id
            else:
                kabupaten, kecamatan = _largest_regions(env)
                print(f"existing data: {kabupaten.name}, {kecamatan.name}")

            def user(login, group, regions):
                existing = env["res.users"].search([("login", "=", login)])
                if existing:  # a database kept by an earlier run (--keep)
                    existing.kerjasama_region_ids = [Command.set(regions.ids)]
                    return existing
                return env["res.users"].create(
                    {
                        "name": login,
                        "login": login,
                        "groups_id": [Command.set([env.ref(group).id])],
                        "kerjasama_region_ids": [Command.set(regions.ids)],
                    }
                )

            users = {
                "DPMD (kabupaten)": user(
                    "bench.dpmd", "kerjasama_desa.kerjasama_desa_group_dpmd", kabupaten
                ),
                "national administrator (all)": user(
                    "bench.national",
                    "kerjasama_desa.kerjasama_desa_group_national_admin",
                    env["kerjasama.region"],
                ),
                "camat (kecamatan)": user(
                    "bench.camat",
                    "kerjasama_desa.kerjasama_desa_group_kecamatan",
                    kecamatan,
                ),
            }
            for label, user in users.items():
                uenv = env(user=user, context={"lang": "en_US", "tz": "Asia/Jakarta"})
                Agreement = uenv["kerjasama.agreement"]
                arch = Agreement.get_views([(False, "list")])["views"]["list"]["arch"]
                names = etree.fromstring(arch).xpath("./field/@name")
                spec = {
                    name: {"fields": {"display_name": {}}}
                    if Agreement._fields[name].type in ("many2one", "many2many")
                    else {}
                    for name in names
                }

                def overview(uenv=uenv):
                    return uenv["kerjasama.overview"].get_overview()

                def list_page(Agreement=Agreement, spec=spec):
                    return Agreement.web_search_read([], spec, limit=80, count_limit=10001)

                o_time, o_queries, data = _measure(uenv, overview, args.repeat)
                l_time, l_queries, page = _measure(uenv, list_page, args.repeat)
                total = data["total"]["count"]
                rows = len(data["breakdown"]["rows"])
                alerts = ", ".join(f"{a['key']}={a['count']}" for a in data["alerts"])
                print(
                    f"{label}: overview {o_time * 1000:.0f} ms, {o_queries} queries "
                    f"({total} agreements, {rows} breakdown rows; {alerts}) | "
                    f"list web_search_read {l_time * 1000:.0f} ms, {l_queries} queries "
                    f"({len(page['records'])} rows of {page['length']})"
                )
                if label.startswith("DPMD") and o_time * 1000 > LIMIT_MS:
                    failed = True
                    print(f"FAILED: the DPMD overview takes more than {LIMIT_MS} ms")
        finally:
            if args.keep:
                cr.commit()
                print("committed: the data stays in the database")
            else:
                cr.rollback()
                print("rolled back: the database is unchanged")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
