#!/usr/bin/env python3
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Benchmark of the Rekapitulasi Kerja Sama Desa workbook on a national-size register.

Inserts N agreements (default 250,000) by SQL into DATABASE, each with two desa parties and two
financing lines spread over 500 desa of 20 kecamatan, produces the recap (per kecamatan, per
desa and APBDesa sheets) and prints the time, the peak Python memory (tracemalloc) and the
process peak RSS (getrusage). Everything runs in one transaction that is rolled back at the
end: the database is left as it was.

Usage (the database must have kerjasama_desa_report installed)::

    python bench_recap.py -c /tmp/odoo-dev.conf -d kd_bench [--count 250000] [--no-tracemalloc]
"""

import argparse
import resource
import sys
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


def _insert(env, count, desa):
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
            SELECT {select} FROM kerjasama_agreement t, generate_series(1, %s) g
             WHERE t.id = %s""",
        (count, template.id),
    )
    cr.execute(
        """CREATE TEMP TABLE bench_agreement AS
           SELECT id, (substring(name from 7))::int AS g FROM kerjasama_agreement
            WHERE name LIKE 'BENCH/%%'"""
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


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("--count", type=int, default=250000)
    parser.add_argument("--no-tracemalloc", action="store_true")
    parser.add_argument("--output", help="also write the workbook to this path")
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
        try:
            kabupaten, desa = _create_regions(env)
            insert_time = _insert(env, args.count, desa)
            print(f"inserted {args.count} agreements by SQL in {insert_time:.1f} s")
            wizard = env["kerjasama.recap.wizard"].create({"kabupaten_id": kabupaten.id})
            for fname in wizard._fields:
                if fname == "sheet_bkad":
                    wizard[fname] = False
            rss_before = _maxrss_mb()
            if not args.no_tracemalloc:
                tracemalloc.start()
            start = time.perf_counter()
            content = wizard._kd_render()
            elapsed = time.perf_counter() - start
            peak = (
                tracemalloc.get_traced_memory()[1] / 1024 / 1024
                if not args.no_tracemalloc
                else None
            )
            if not args.no_tracemalloc:
                tracemalloc.stop()
            cr.execute(
                """SELECT COUNT(*) FROM kerjasama_agreement_kecamatan_rel r
                     JOIN kerjasama_agreement a ON a.id = r.agreement_id
                    WHERE a.name LIKE 'BENCH/%%'"""
            )
            kec_rows = cr.fetchone()[0]
            cr.execute(
                """SELECT COUNT(*) FROM kerjasama_agreement_region_rel r
                     JOIN kerjasama_agreement a ON a.id = r.agreement_id
                    WHERE a.name LIKE 'BENCH/%%'"""
            )
            desa_rows = cr.fetchone()[0]
            print(f"recap rows: {kec_rows} (per kecamatan) + {desa_rows} (per desa)")
            print(
                f"recap produced in {elapsed:.1f} s, workbook {len(content) / 1024 / 1024:.1f} MiB"
            )
            if peak is not None:
                print(f"peak Python memory (tracemalloc) during the recap: {peak:.1f} MiB")
            print(
                f"process peak RSS (getrusage): {_maxrss_mb():.0f} MiB "
                f"(before the recap: {rss_before:.0f} MiB)"
            )
            if args.output:
                with open(args.output, "wb") as handle:
                    handle.write(content)
        finally:
            cr.rollback()
            print("rolled back: the database is unchanged")
    return 0


if __name__ == "__main__":
    sys.exit(main())
