#!/usr/bin/env python3
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Benchmark of every role's agreement list against the superuser's, at national scale.

Loads the Kepmendagri 2025 region list (91,599 regions) into DATABASE with the region loader,
then inserts agreements by SQL over every desa (not kelurahan) of ``--provinces`` (default
Jawa Barat, Jawa Tengah and Jawa Timur: about 23,000 desa, 1,900 kecamatan and 100
kabupaten/kota): each with two or three desa parties of one kabupaten (a third of them
across kecamatan), one financing line per party, every stage, start dates over five years, and
one draft in a thousand without any desa yet. ``--count 25000,250000`` (the default) measures at
25,000 agreements, inserts the next 225,000 and measures again, in the same run.

For each role, a user with the role's group and working region (record rules applied):

- the camat of the kecamatan with the most agreements of that kabupaten,
- a village officer (perangkat desa) of its desa with the most agreements,
- the DPMD of the kabupaten with the most agreements of the first province,
- the provincial BINWAS (supervisor) of that province,

the agreement list page as the web client asks for it: ``web_search_read`` with the list
view's fields, 80 rows and ``count_limit=10001`` (which makes its ``search_count``), beside the
superuser's same call measured in the same run, and their ratio; then ``search_count`` without
limit, the same way. Each figure is the best of ``--repeat`` rounds (default 5) after one
warm-up; a round measures every subject in turn, so that the load of a shared machine weighs
on the superuser and the roles alike. Goal (issue 11): every role within 1.5x of the superuser, and flat from 25,000 to
250,000 agreements.

``--old-rules`` measures again with the record rules of before the rewrite (domains in
``OLD_RULES``), once each, rolled back. ``--explain`` prints the plan of each role's list
query. Everything runs in one transaction that is rolled back unless ``--keep`` (then
``bench_home.py --count 0`` measures the overview on the same data).

Usage (the database must have kerjasama_desa installed, without demo data)::

    scripts/odoo-bin -d kd_scale -i kerjasama_desa,kerjasama_desa_bkad --without-demo=all \\
        --stop-after-init
    scripts/kd-env sh -c '"$KD_PY" benchmarks/bench_scale.py -c "$KD_CONF" -d kd_scale'
"""

import argparse
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from bench_recap import _columns, _set_kecamatan_key

GOAL_RATIO = 1.5
DRAFT_EVERY = 1000

# domains of the region rules before issue 11 (kerjasama_desa_security.xml and siblings)
_OLD_SCOPE = (
    "['|', ('{p}region_ids', 'child_of', user.kerjasama_region_ids.ids), '&', "
    "('{p}region_ids', '=', False), ('{p}create_uid', '=', user.id)]"
)
OLD_RULES = {
    "kerjasama_desa.kerjasama_agreement_rule_region": _OLD_SCOPE.format(p=""),
    "kerjasama_desa.kerjasama_agreement_party_rule_region": _OLD_SCOPE.format(p="agreement_id."),
    "kerjasama_desa.kerjasama_agreement_funding_rule_region": _OLD_SCOPE.format(p="agreement_id."),
    "kerjasama_desa.kerjasama_agreement_step_rule_region": _OLD_SCOPE.format(p="agreement_id."),
}


def _sql_count():
    from odoo import sql_db

    return sql_db.sql_counter


def _load_regions(env):
    Region = env["kerjasama.region"].with_context(active_test=False)
    if Region.search_count([("level", "=", "desa")]) < 80000:
        start = time.perf_counter()
        env["kerjasama.region.load"].load_regions()
        env.invalidate_all()
        print(f"regions loaded in {time.perf_counter() - start:.1f} s")
    env.cr.execute("ANALYZE kerjasama_region")


def _prepare_desa(env, provinces):
    """The desa of ``provinces`` in code order, each with two neighbours of its kabupaten."""
    cr = env.cr
    cr.execute(
        """CREATE TEMP TABLE bench_desa AS
           SELECT (row_number() OVER (ORDER BY r.code) - 1)::int AS idx, r.id AS desa_id,
                  r.kecamatan_id AS kec_id, r.kabupaten_id AS kab_id
             FROM kerjasama_region r JOIN kerjasama_region p ON p.id = r.provinsi_id
            WHERE r.level = 'desa' AND r.village_type = 'desa' AND p.code = ANY(%s)""",
        (list(provinces),),
    )
    # neighbours: the next desa in code order when of the same kabupaten, else the previous ones
    cr.execute(
        """ALTER TABLE bench_desa ADD COLUMN nb1 int, ADD COLUMN nb2 int;
           UPDATE bench_desa d
              SET nb1 = CASE WHEN n1.kab_id = d.kab_id THEN n1.idx ELSE d.idx - 1 END,
                  nb2 = CASE WHEN n2.kab_id = d.kab_id THEN n2.idx ELSE d.idx - 2 END
             FROM bench_desa n1, bench_desa n2
            WHERE n1.idx = d.idx + 1 AND n2.idx = d.idx + 2;
           UPDATE bench_desa SET nb1 = idx - 1, nb2 = idx - 2 WHERE nb1 IS NULL;
           CREATE UNIQUE INDEX ON bench_desa (idx);
           ANALYZE bench_desa"""
    )
    cr.execute("SELECT count(*), count(DISTINCT kec_id), count(DISTINCT kab_id) FROM bench_desa")
    return cr.fetchone()


def _template(env):
    """A template agreement, created with the ORM (every NOT NULL column valid)."""
    cr = env.cr
    cr.execute("SELECT desa_id FROM bench_desa WHERE idx IN (0, 1) ORDER BY idx")
    desa = env["kerjasama.region"].browse([row[0] for row in cr.fetchall()])
    agreement = env["kerjasama.agreement"].create(
        {
            "title": "TEMPLATE",
            "kind": "antar_desa",
            "date_start": "2026-01-01",
            "date_end": "2027-12-31",
            "party_ids": [(0, 0, {"party_kind": "desa", "region_id": d.id}) for d in desa],
        }
    )
    env["kerjasama.agreement.funding"].create(
        [
            {"agreement_id": agreement.id, "party_id": party.id, "amount": 1000000}
            for party in agreement.party_ids
        ]
    )
    env.flush_all()
    return agreement


def _insert(env, template, first, last):
    """Agreements ``first``..``last`` (the series number g), with parties and financing."""
    cr = env.cr
    start = time.perf_counter()
    cr.execute("SELECT count(*) FROM bench_desa")
    n_desa = cr.fetchone()[0]
    cols = _columns(cr, "kerjasama_agreement", {"id"})
    draft = f"mod(g, {DRAFT_EVERY}) = 0"
    overrides = {
        "name": "'BENCH/' || lpad(g::text, 7, '0')",
        "title": "'Kerja sama benchmark nomor ' || g",
        "kind": f"CASE WHEN mod(g, 5) = 0 AND NOT {draft} THEN 'pihak_ketiga' ELSE 'antar_desa' END",
        "state": f"""CASE WHEN {draft} THEN 'persiapan' ELSE
                     (ARRAY['persiapan','penawaran','musyawarah','penyusunan',
                            'penandatanganan','evaluasi','berjalan','berjalan',
                            'berakhir','dibatalkan'])[1 + mod(g, 10)] END""",
        "date_start": "DATE '2021-01-01' + mod(g * 37, 1826)",
        "date_end": "DATE '2021-01-01' + mod(g * 37, 1826) + 730",
        "amount_total": "1500000 * (2 + (mod(g, 3) = 0)::int)",
        "kabupaten_id": "NULL",
        "coverage": "NULL",
        "is_cross_kecamatan": "FALSE",
        "kecamatan_key": "NULL",
    }
    select = ", ".join(overrides.get(c, f"t.{c}") for c in cols)
    cr.execute(
        f"""INSERT INTO kerjasama_agreement ({", ".join(cols)})
            SELECT {select} FROM kerjasama_agreement t, generate_series(%s, %s) g
             WHERE t.id = %s""",
        (first, last, template.id),
    )
    # the series number, and its first desa spread over the desa (7919 is prime)
    cr.execute(
        f"""CREATE TEMP TABLE bench_agreement AS
            SELECT a.id, s.g, mod(s.g * 7919, %s) AS idx, mod(s.g, 3) = 0 AS three
              FROM kerjasama_agreement a,
                   LATERAL (SELECT (substring(a.name from 7))::int AS g) s
             WHERE a.name LIKE 'BENCH/%%' AND s.g BETWEEN %s AND %s
               AND mod(s.g, {DRAFT_EVERY}) <> 0""",
        (n_desa, first, last),
    )
    party_cols = _columns(
        cr,
        "kerjasama_agreement_party",
        {"id", "agreement_id", "region_id", "partner_id", "sequence"},
    )
    cr.execute(
        f"""INSERT INTO kerjasama_agreement_party
                   (agreement_id, region_id, partner_id, sequence, {", ".join(party_cols)})
            SELECT b.id, n.desa_id, NULL, s.seq, {", ".join("t." + c for c in party_cols)}
              FROM bench_agreement b
              JOIN bench_desa d ON d.idx = b.idx
              JOIN (VALUES (0, 10), (1, 20), (2, 30)) AS s(k, seq) ON s.k < 2 OR b.three
              JOIN bench_desa n ON n.idx = CASE s.k WHEN 0 THEN d.idx WHEN 1 THEN d.nb1
                                                    ELSE d.nb2 END
              JOIN kerjasama_agreement_party t ON t.id = %s""",
        (template.party_ids[:1].id,),
    )
    cr.execute(
        """CREATE TEMP TABLE bench_party AS
           SELECT p.id, p.agreement_id, p.region_id, d.kec_id, d.kab_id
             FROM kerjasama_agreement_party p
             JOIN bench_agreement b ON b.id = p.agreement_id
             JOIN bench_desa d ON d.desa_id = p.region_id"""
    )
    cr.execute(
        """INSERT INTO kerjasama_agreement_region_rel (agreement_id, region_id)
           SELECT DISTINCT agreement_id, region_id FROM bench_party;
           INSERT INTO kerjasama_agreement_kecamatan_rel (agreement_id, region_id)
           SELECT DISTINCT agreement_id, kec_id FROM bench_party;
           UPDATE kerjasama_agreement a
              SET kabupaten_id = x.kab_id, is_cross_kecamatan = x.kecs > 1,
                  coverage = CASE WHEN x.kecs > 1 THEN 'cross_kecamatan'
                                  ELSE 'one_kecamatan' END
             FROM (SELECT agreement_id, min(kab_id) AS kab_id, count(DISTINCT kec_id) AS kecs
                     FROM bench_party GROUP BY agreement_id) x
            WHERE x.agreement_id = a.id"""
    )
    _set_kecamatan_key(cr)
    funding_cols = _columns(
        cr, "kerjasama_agreement_funding", {"id", "agreement_id", "party_id", "region_id", "amount"}
    )
    cr.execute(
        f"""INSERT INTO kerjasama_agreement_funding
                   (agreement_id, party_id, region_id, amount, {", ".join(funding_cols)})
            SELECT p.agreement_id, p.id, p.region_id, 1500000,
                   {", ".join("t." + c for c in funding_cols)}
              FROM bench_party p
              JOIN kerjasama_agreement_funding t ON t.id = %s""",
        (template.funding_ids[:1].id,),
    )
    cr.execute("DROP TABLE bench_agreement; DROP TABLE bench_party")
    for table in (
        "kerjasama_agreement",
        "kerjasama_agreement_party",
        "kerjasama_agreement_funding",
        "kerjasama_agreement_region_rel",
        "kerjasama_agreement_kecamatan_rel",
    ):
        cr.execute(f"ANALYZE {table}")
    env.invalidate_all()
    return time.perf_counter() - start


def _pick_regions(env, province_code):
    """The kabupaten of the province with the most agreements, its kecamatan and its desa
    with the most."""
    cr = env.cr
    Region = env["kerjasama.region"]
    province = Region.search([("code", "=", province_code)])
    cr.execute(
        """SELECT a.kabupaten_id FROM kerjasama_agreement a
             JOIN kerjasama_region k ON k.id = a.kabupaten_id
            WHERE k.provinsi_id = %s GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1""",
        (province.id,),
    )
    kabupaten = Region.browse(cr.fetchone()[0])
    cr.execute(
        """SELECT r.region_id FROM kerjasama_agreement_kecamatan_rel r
             JOIN kerjasama_agreement a ON a.id = r.agreement_id
            WHERE a.kabupaten_id = %s GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1""",
        (kabupaten.id,),
    )
    kecamatan = Region.browse(cr.fetchone()[0])
    cr.execute(
        """SELECT r.region_id FROM kerjasama_agreement_region_rel r
             JOIN kerjasama_region d ON d.id = r.region_id
            WHERE d.kecamatan_id = %s GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1""",
        (kecamatan.id,),
    )
    desa = Region.browse(cr.fetchone()[0])
    return province, kabupaten, kecamatan, desa


def _users(env, regions):
    from odoo import Command

    province, kabupaten, kecamatan, desa = regions
    roles = [
        ("camat", "bench.scale.camat", "kerjasama_desa_group_kecamatan", kecamatan),
        ("desa (perangkat)", "bench.scale.desa", "kerjasama_desa_group_perangkat_desa", desa),
        ("DPMD kabupaten", "bench.scale.dpmd", "kerjasama_desa_group_dpmd", kabupaten),
        ("BINWAS provinsi", "bench.scale.binwas", "kerjasama_desa_group_supervisor", province),
    ]
    users = {}
    for label, login, group, region in roles:
        existing = env["res.users"].search([("login", "=", login)])
        if existing:  # a database kept by an earlier run (--keep)
            existing.kerjasama_region_ids = [Command.set(region.ids)]
            users[label] = existing
            continue
        users[label] = env["res.users"].create(
            {
                "name": login,
                "login": login,
                "groups_id": [Command.set([env.ref(f"kerjasama_desa.{group}").id])],
                "kerjasama_region_ids": [Command.set(region.ids)],
            }
        )
    return users


def _list_spec(env):
    from lxml import etree

    Agreement = env["kerjasama.agreement"]
    arch = Agreement.get_views([(False, "list")])["views"]["list"]["arch"]
    names = etree.fromstring(arch).xpath("./field/@name")
    return {
        name: {"fields": {"display_name": {}}}
        if Agreement._fields[name].type in ("many2one", "many2many", "one2many")
        else {}
        for name in names
    }


def _timed(env, func):
    env.invalidate_all()
    before = _sql_count()
    start = time.perf_counter()
    result = func()
    return time.perf_counter() - start, _sql_count() - before, result


def _measure(env, users, spec, repeat):
    """{label: (page s, page queries, length, rows, count s, count)} for the superuser and
    the roles: one warm-up each, then ``repeat`` rounds that measure every subject in turn
    (so that a change in the machine's load weighs on all of them), best time kept."""
    from odoo import SUPERUSER_ID

    subjects = {"superuser": env(user=SUPERUSER_ID, su=True)}
    subjects.update((label, env(user=user, su=False)) for label, user in users.items())
    calls = {}
    for label, subject_env in subjects.items():
        Agreement = subject_env(context={"lang": "en_US", "tz": "Asia/Jakarta"})[
            "kerjasama.agreement"
        ]
        calls[label] = (
            Agreement.env,
            lambda Agreement=Agreement: Agreement.web_search_read(
                [], spec, limit=80, count_limit=10001
            ),
            lambda Agreement=Agreement: Agreement.search_count([]),
        )
        for func in calls[label][1:]:
            func()  # warm-up: registry, rules and view caches
    best = {}
    for _round in range(repeat):
        for label, (uenv, page, count) in calls.items():
            p_time, p_queries, data = _timed(uenv, page)
            c_time, _c_queries, total = _timed(uenv, count)
            old = best.get(label)
            best[label] = (
                min(p_time, old[0]) if old else p_time,
                p_queries,
                data["length"],
                len(data["records"]),
                min(c_time, old[4]) if old else c_time,
                total,
            )
    return best


def _report(results, agreements):
    su_page, _q, _l, _r, su_count, _t = results["superuser"]
    print(f"--- {agreements} agreements")
    print(
        f"{'who':<18}{'list page':>11}{'ratio':>8}{'queries':>9}{'rows/length':>14}"
        f"{'count':>10}{'ratio':>8}{'visible':>9}"
    )
    met = True
    for label, (p_time, queries, length, rows, c_time, total) in results.items():
        ratio, c_ratio = p_time / su_page, c_time / su_count
        if label != "superuser" and ratio > GOAL_RATIO:
            met = False
        print(
            f"{label:<18}{p_time * 1000:>9.1f}ms{ratio:>7.2f}x{queries:>9}"
            f"{f'{rows}/{length}':>14}{c_time * 1000:>8.1f}ms{c_ratio:>7.2f}x{total:>9}"
        )
    print(
        f"goal: every role's list page within {GOAL_RATIO}x of the superuser's: "
        f"{'met' if met else 'NOT met'}"
    )
    return met


def _explain(env, users):
    for label, user in users.items():
        Agreement = env(user=user, su=False)["kerjasama.agreement"]
        sql = Agreement._search([], limit=80, order=Agreement._order).select()
        env.cr.execute(f"EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF) {sql.code}", sql.params)
        lines = [row[0] for row in env.cr.fetchall()]
        print(f"plan of the list query, {label}:")
        for line in lines:
            print(f"    {line[:150]}")


def _set_rules(env, domains):
    previous = {}
    for xmlid, domain in domains.items():
        rule = env.ref(xmlid)
        previous[xmlid] = rule.domain_force
        rule.domain_force = domain
    env.flush_all()
    env.registry.clear_cache()
    return previous


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument(
        "--count",
        default="25000,250000",
        help="agreement counts to measure at, comma-separated, increasing (default "
        "25000,250000); the agreements of an earlier run kept with --keep count",
    )
    parser.add_argument("--provinces", default="32,33,35", help="province codes of the desa")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--old-rules", action="store_true", help="also measure the old rules")
    parser.add_argument("--explain", action="store_true", help="print the roles' plans")
    parser.add_argument("--keep", action="store_true", help="commit the data")
    parser.add_argument(
        "--odoo-path", default="/opt/odoo/18.0", help="Odoo sources, if odoo is not importable"
    )
    args = parser.parse_args()
    counts = [int(c) for c in args.count.split(",")]
    provinces = args.provinces.split(",")

    try:
        import odoo
    except ImportError:
        sys.path.insert(0, args.odoo_path)
        import odoo
    from odoo import SUPERUSER_ID, api

    odoo.tools.config.parse_config(["-c", args.config, "-d", args.database])
    odoo.modules.module.initialize_sys_path()
    registry = odoo.modules.registry.Registry(args.database)
    all_met = True
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
        try:
            cr.execute("SHOW jit")
            print(f"PostgreSQL jit = {cr.fetchone()[0]}")
            _load_regions(env)
            n_desa, n_kec, n_kab = _prepare_desa(env, provinces)
            print(
                f"desa of provinces {args.provinces}: {n_desa} in {n_kec} kecamatan, {n_kab} kab."
            )
            spec = _list_spec(env)
            cr.execute("SELECT count(*) FROM kerjasama_agreement WHERE name LIKE 'BENCH/%%'")
            done, users, template = cr.fetchone()[0], None, None
            if done:
                print(f"{done} agreements of an earlier run (--keep) in place")
            for count in counts:
                if count > done:
                    template = template or _template(env)
                    seconds = _insert(env, template, done + 1, count)
                    print(f"inserted agreements {done + 1}..{count} by SQL in {seconds:.1f} s")
                    done = count
                count = done
                if users is None:
                    regions = _pick_regions(env, provinces[0])
                    users = _users(env, regions)
                    print("regions: " + ", ".join(f"{r.display_name}" for r in regions))
                results = _measure(env, users, spec, args.repeat)
                all_met &= _report(results, count)
                if args.explain:
                    _explain(env, users)
                if args.old_rules:
                    cr.execute("SAVEPOINT bench_old_rules")
                    _set_rules(env, OLD_RULES)
                    old = _measure(env, users, spec, 1)
                    print("with the rules of before the rewrite:")
                    _report(old, count)
                    if args.explain:
                        _explain(env, users)
                    cr.execute("ROLLBACK TO SAVEPOINT bench_old_rules")
                    env.invalidate_all()
                    env.registry.clear_cache()
        finally:
            if args.keep:
                cr.commit()  # pylint: disable=invalid-commit  (standalone script, --keep)
                print("committed: the data stays in the database")
            else:
                cr.rollback()
                print("rolled back: the database is unchanged")
    return 0 if all_met else 1


if __name__ == "__main__":
    sys.exit(main())
