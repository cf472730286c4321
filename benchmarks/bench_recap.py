#!/usr/bin/env python3
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Benchmark of the Rekapitulasi Kerja Sama Desa workbook against the database's own speed.

Inserts agreements by SQL into DATABASE (each with two desa parties and two financing lines,
spread over 500 desa of 20 kecamatan), then, in the same run:

1. kabupaten recap (per kecamatan and per desa sheets) of KABUPATEN agreements (default
   2,000) against Odoo's generic ``export_data`` of the same rows (the agreement x desa
   parties and agreement x kecamatan rows, with the same columns but the parties' list),
   best of ``--rounds`` (default 7) alternated rounds each;
2. national recap (the three sheets, no filter) at COUNT/10 and COUNT agreements (default
   25,000 and 250,000) against ``COPY (the same rows) TO STDOUT (FORMAT csv)`` into a file:
   time, peak Python memory (tracemalloc) and process peak RSS (getrusage), to show that the
   memory stays flat when the rows grow tenfold.

The recaps go through the wizard's ``action_export`` (workbook to a temporary file, streamed
into the attachment), as a user's click does. Everything runs in one transaction that is
rolled back at the end: the database is left as it was.

Usage (the database must have kerjasama_desa_report installed)::

    python bench_recap.py -c .local/odoo-dev.conf -d kd_bench [--count 250000]
"""

import argparse
import resource
import sys
import tempfile
import time
import tracemalloc

DESA_PER_KECAMATAN = 25
KECAMATAN = 20


def _maxrss_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def _create_regions(env):
    Region = env["kerjasama.region"]
    provinsi = Region.create({"code": "96", "name": "Provinsi Benchmark", "level": "provinsi"})
    kabupaten = Region.create(
        {"code": "96.01", "name": "Kabupaten Benchmark", "parent_id": provinsi.id}
    )
    kecamatan = Region.create(
        [
            {"code": f"96.01.{k:02d}", "name": f"Kecamatan {k:02d}", "parent_id": kabupaten.id}
            for k in range(1, KECAMATAN + 1)
        ]
    )
    desa = Region.create(
        [
            {
                "code": f"96.01.{k:02d}.2{d:03d}",
                "name": f"Desa {k:02d}-{d:03d}",
                "parent_id": kec.id,
            }
            for k, kec in enumerate(kecamatan, 1)
            for d in range(1, DESA_PER_KECAMATAN + 1)
        ]
    )
    desa._get_village_partner()
    return kabupaten, desa


def _columns(cr, table, exclude):
    cr.execute(
        """SELECT column_name FROM information_schema.columns
            WHERE table_name = %s AND column_name <> ALL(%s) ORDER BY ordinal_position""",
        (table, list(exclude)),
    )
    return [row[0] for row in cr.fetchall()]


def _set_kecamatan_key(cr):
    """The agreements' stored ``kecamatan_key`` from their kecamatan relation (what the ORM
    computes with the kecamatan), for the agreements of ``bench_agreement``."""
    cr.execute(
        """UPDATE kerjasama_agreement a SET kecamatan_key = x.k
             FROM (SELECT r.agreement_id, string_agg(r.region_id::text, ',' ORDER BY r.region_id) k
                     FROM kerjasama_agreement_kecamatan_rel r
                     JOIN bench_agreement b ON b.id = r.agreement_id
                 GROUP BY r.agreement_id) x
            WHERE x.agreement_id = a.id"""
    )


def _insert(env, count, desa, offset=0):
    """Clone a template agreement (created with the ORM, so every NOT NULL column is valid)."""
    cr = env.cr
    template = env["kerjasama.agreement"].create(
        {
            "title": "TEMPLATE",
            "kind": "antar_desa",
            "date_start": "2026-01-01",
            "date_end": "2027-12-31",
            "party_ids": [
                (0, 0, {"party_kind": "desa", "region_id": desa[0].id}),
                (0, 0, {"party_kind": "desa", "region_id": desa[1].id}),
            ],
        }
    )
    party_a, party_b = template.party_ids
    env["kerjasama.agreement.funding"].create(
        [
            {"agreement_id": template.id, "party_id": party_a.id, "amount": 1000000},
            {"agreement_id": template.id, "party_id": party_b.id, "amount": 2000000},
        ]
    )
    env.flush_all()
    desa_ids = desa.ids
    partner_ids = desa.partner_id.ids
    kecamatan_ids = desa.kecamatan_id.ids
    n_desa = len(desa_ids)
    cr.execute("CREATE TEMP TABLE bench_desa (idx int, desa_id int, partner_id int, kec_id int)")
    desa_rows = [(i, d.id, d.partner_id.id, d.kecamatan_id.id) for i, d in enumerate(desa)]
    cr.execute(
        "INSERT INTO bench_desa VALUES " + ",".join(["(%s,%s,%s,%s)"] * len(desa_rows)),
        [v for row in desa_rows for v in row],
    )
    assert partner_ids and kecamatan_ids

    cols = _columns(cr, "kerjasama_agreement", {"id"})
    overrides = {
        "name": "'BENCH/' || lpad(g::text, 7, '0')",
        "title": "'Kerja sama benchmark nomor ' || g",
        "kind": "CASE WHEN mod(g, 5) = 0 THEN 'pihak_ketiga' ELSE 'antar_desa' END",
        "state": "(ARRAY['persiapan','penyusunan','berjalan','berakhir'])[1 + mod(g, 4)]",
        "date_start": "DATE '2020-01-01' + mod(g, 2000)",
        "date_end": "DATE '2020-01-01' + mod(g, 2000) + 730",
        "amount_total": "3000000",
    }
    select = ", ".join(overrides.get(c, f"t.{c}") for c in cols)
    t0 = time.perf_counter()
    cr.execute(
        f"""INSERT INTO kerjasama_agreement ({", ".join(cols)})
            SELECT {select} FROM kerjasama_agreement t, generate_series(%s, %s) g
             WHERE t.id = %s""",
        (offset + 1, offset + count, template.id),
    )
    cr.execute(
        """CREATE TEMP TABLE bench_agreement AS
           SELECT id, g FROM (
                  SELECT id, (substring(name from 7))::int AS g FROM kerjasama_agreement
                   WHERE name LIKE 'BENCH/%%') s
            WHERE g > %s""",
        (offset,),
    )
    # two desa parties per agreement: desa g and desa g + 1 (often another kecamatan)
    party_cols = _columns(
        cr,
        "kerjasama_agreement_party",
        {"id", "agreement_id", "region_id", "partner_id", "sequence"},
    )
    cr.execute(
        f"""INSERT INTO kerjasama_agreement_party
                   (agreement_id, region_id, partner_id, sequence, {", ".join(party_cols)})
            SELECT b.id, d.desa_id, d.partner_id, s.seq, {", ".join("t." + c for c in party_cols)}
              FROM bench_agreement b
              JOIN (VALUES (0, 10), (1, 20)) AS s(off, seq) ON TRUE
              JOIN bench_desa d ON d.idx = (b.g + s.off * 7) %% %s
              JOIN kerjasama_agreement_party t ON t.id = %s""",
        (n_desa, party_a.id),
    )
    cr.execute(
        """INSERT INTO kerjasama_agreement_region_rel (agreement_id, region_id)
           SELECT DISTINCT p.agreement_id, p.region_id FROM kerjasama_agreement_party p
             JOIN bench_agreement b ON b.id = p.agreement_id"""
    )
    cr.execute(
        """INSERT INTO kerjasama_agreement_kecamatan_rel (agreement_id, region_id)
           SELECT DISTINCT p.agreement_id, d.kec_id FROM kerjasama_agreement_party p
             JOIN bench_agreement b ON b.id = p.agreement_id
             JOIN bench_desa d ON d.desa_id = p.region_id"""
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
              FROM kerjasama_agreement_party p
              JOIN bench_agreement b ON b.id = p.agreement_id
              JOIN kerjasama_agreement_funding t ON t.id = %s""",
        (template.funding_ids[:1].id,),
    )
    cr.execute("ANALYZE kerjasama_region")
    cr.execute("ANALYZE kerjasama_agreement")
    cr.execute("ANALYZE kerjasama_agreement_party")
    cr.execute("ANALYZE kerjasama_agreement_funding")
    cr.execute("ANALYZE kerjasama_agreement_region_rel")
    cr.execute("ANALYZE kerjasama_agreement_kecamatan_rel")
    env.invalidate_all()
    return time.perf_counter() - t0


def _recap_queries(env, data):
    """The rows of the recap's sheets as plain columns (the anchor's COPY)."""
    from odoo.tools import SQL

    renderer = env["report.kerjasama_desa_report.recap_xlsx"]
    data = dict(data)  # the temporary tables the queries read are made anew for each run
    queries = []
    sheets = data.get("sheets") or ["kecamatan", "desa"]
    if "kecamatan" in sheets:
        queries.append(
            SQL(
                "%s SELECT * FROM x ORDER BY kec_code, date_start, agreement_id",
                renderer._kd_kecamatan_rows(data),
            )
        )
    if "desa" in sheets:
        queries.append(
            SQL(
                "%s SELECT * FROM x ORDER BY desa_code, date_start, agreement_id",
                renderer._kd_desa_rows(data),
            )
        )
    if "apbdes" in sheets:
        queries.append(
            SQL("%s SELECT * FROM x ORDER BY desa_code, year", renderer._kd_apbdes_rows(data))
        )
    return queries


def _measure(func, trace=True):
    """(seconds, result, peak Python heap MiB or None, process peak RSS MiB after)."""
    if trace:
        tracemalloc.start()
    start = time.perf_counter()
    result = func()
    elapsed = time.perf_counter() - start
    peak = None
    if trace:
        peak = tracemalloc.get_traced_memory()[1] / 1024 / 1024
        tracemalloc.stop()
    return elapsed, result, peak, _maxrss_mb()


def _copy_csv(env, data):
    """COPY the same rows to a CSV file: the anchor. Returns the number of rows."""
    from odoo.tools import SQL

    cr = env.cr
    env.flush_all()
    renderer = env["report.kerjasama_desa_report.recap_xlsx"]
    settings = renderer._kd_set_query_settings({"jit": "off", "work_mem": "64MB"})
    rows = 0
    try:
        with tempfile.NamedTemporaryFile("wb", suffix=".csv") as handle:
            for query in _recap_queries(env, data):
                statement = cr.mogrify(SQL("COPY (%s) TO STDOUT (FORMAT csv)", query)).decode()
                cr._obj.copy_expert(statement, handle)
                rows += cr._obj.rowcount
            handle.flush()
    finally:
        renderer._kd_set_query_settings(settings)
    return rows


def _recap(env, vals):
    wizard = env["kerjasama.recap.wizard"].create(vals)
    for fname in wizard._fields:
        if fname == "sheet_bkad":
            wizard[fname] = False
    wizard.action_export()
    return wizard.attachment_id.file_size


def _export_data(env, kabupaten):
    """Odoo's generic export of the same rows and columns: agreement x desa party (with the
    desa's financing lines) and agreement x kecamatan, each with the agreement's columns and
    its parties."""
    agreements = env["kerjasama.agreement"].search([("region_ids", "child_of", kabupaten.id)])
    parties = env["kerjasama.agreement.party"].search(
        [("agreement_id", "in", agreements.ids), ("region_id", "!=", False)]
    )
    common = ["name", "title", "kind", "party_ids/partner_id/name", "bidang_id/name"]
    common += ["document_number", "date_start", "date_end", "amount_total", "state"]
    rows = parties.export_data(
        ["region_id/kecamatan_id/name", "region_id/code", "region_id/name"]
        + [f"agreement_id/{f}" for f in common]
        + ["agreement_id/funding_ids/flow", "agreement_id/funding_ids/amount"]
    )["datas"]
    rows += agreements.export_data(
        ["kecamatan_ids/kabupaten_id/name", "kecamatan_ids/code", "kecamatan_ids/name"]
        + common
        + ["funding_ids/flow", "funding_ids/amount"]
    )["datas"]
    return len(rows)


def _insert_more(env, total, desa, inserted):
    if total > inserted:
        _insert(env, total - inserted, desa, offset=inserted)
        env.cr.execute("DROP TABLE IF EXISTS bench_desa, bench_agreement")
    return max(total, inserted)


def _ratio(subject, anchor):
    return subject / anchor if anchor else float("inf")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument(
        "--count", type=int, default=250000, help="national recap sizes; 0: kabupaten recap only"
    )
    parser.add_argument(
        "--rounds", type=int, default=7, help="kabupaten recap: best of this many rounds"
    )
    parser.add_argument(
        "--profile", help="write a cProfile of one kabupaten recap to this file (pstats)"
    )
    parser.add_argument("--kabupaten", type=int, default=2000)
    parser.add_argument(
        "--odoo-path", default="/opt/odoo/18.0", help="Odoo sources, if odoo is not importable"
    )
    args = parser.parse_args()

    try:
        import odoo
    except ImportError:
        sys.path.insert(0, args.odoo_path)
        import odoo
    from odoo import SUPERUSER_ID, api

    odoo.tools.config.parse_config(["-c", args.config, "-d", args.database])
    odoo.modules.module.initialize_sys_path()
    registry = odoo.modules.registry.Registry(args.database)
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
        env["ir.config_parameter"].set_param(
            "kerjasama_desa_report.recap_background_rows", str(10**9)
        )
        try:
            kabupaten, desa = _create_regions(env)
            inserted = _insert_more(env, args.kabupaten, desa, 0)
            # 1. kabupaten recap against export_data
            # the sheets of the rows export_data gives: per kecamatan and per desa only (the
            # APBDesa, ranking and Epdeskel sheets have no counterpart in the anchor)
            vals = {
                "kabupaten_id": kabupaten.id,
                "sheet_apbdes": False,
                "sheet_ranking": False,
                "sheet_epdeskel": False,
            }
            # best of --rounds each, alternated (the first call of a process warms its
            # caches), cold ORM cache
            t_exp = t_rec = float("inf")
            for _round in range(args.rounds):
                env.invalidate_all()
                elapsed, n_exp, _p, _r = _measure(lambda: _export_data(env, kabupaten), False)
                t_exp = min(t_exp, elapsed)
                env.invalidate_all()
                elapsed, size, _p, _r = _measure(lambda: _recap(env, vals), trace=False)
                t_rec = min(t_rec, elapsed)
            if args.profile:
                import cProfile

                env.invalidate_all()
                cProfile.runctx("_recap(env, vals)", globals(), locals(), args.profile)
            print(
                f"kabupaten recap, {inserted} agreements ({n_exp} rows): recap {t_rec:.2f} s, "
                f"export_data {t_exp:.2f} s: the recap is {_ratio(t_exp, t_rec):.1f}x faster"
            )
            # 2. national recap against COPY TO CSV, at two sizes
            national = {"sheet_apbdes": True}
            data = {"sheets": ["kecamatan", "desa", "apbdes"]}
            for count in (args.count // 10, args.count) if args.count else ():
                inserted = _insert_more(env, count, desa, inserted)
                env.invalidate_all()
                t_csv, n_rows, p_csv, rss_csv = _measure(lambda: _copy_csv(env, data))
                t_rec, size, p_rec, rss_rec = _measure(lambda: _recap(env, national))
                print(
                    f"national recap, {count} agreements ({n_rows} rows): "
                    f"recap {t_rec:.1f} s ({size / 1024 / 1024:.1f} MiB), COPY TO CSV "
                    f"{t_csv:.1f} s: ratio {_ratio(t_rec, t_csv):.1f}x; peak Python heap "
                    f"recap {p_rec:.1f} MiB, COPY {p_csv:.1f} MiB; process peak RSS "
                    f"{rss_rec:.0f} MiB"
                )
        finally:
            cr.rollback()
            print("rolled back: the database is unchanged")
    return 0


if __name__ == "__main__":
    sys.exit(main())
