"""Benchmark: load all 83,762 Kemendagri 2025 villages (and their kecamatan, kabupaten/kota,
provinsi) through ``kerjasama.region.load.load_regions()``, then load them again.

Usage::

    python bench_region_load.py DBNAME [-c /tmp/odoo-dev.conf] [--keep]

(``ODOO_PATH`` points to the Odoo source when ``odoo`` is not importable, default
/opt/odoo/18.0.)

The first run creates (or updates) the regions, the second shows the idempotent re-run.
Without ``--keep`` the transaction is rolled back so the database is left as it was.
Target: under a minute for all of Indonesia.
"""

import argparse
import os
import sys
import time

try:
    import odoo
except ImportError:  # run with a plain python: find the Odoo source tree
    sys.path.insert(0, os.environ.get("ODOO_PATH", "/opt/odoo/18.0"))
    import odoo
from odoo import SUPERUSER_ID, api
from odoo.tools import config


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("database")
    parser.add_argument("-c", "--config", default="/tmp/odoo-dev.conf")
    parser.add_argument("--keep", action="store_true", help="commit the loaded regions")
    args = parser.parse_args()

    config.parse_config(["-c", args.config, "-d", args.database])
    registry = odoo.modules.registry.Registry(args.database)
    out = sys.stdout
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        Region = env["kerjasama.region"]
        Loader = env["kerjasama.region.load"]
        before = Region.with_context(active_test=False).search_count([])
        out.write(f"database {args.database}: {before} regions before\n")
        for label in ("first load", "re-run (idempotent)"):
            start = time.perf_counter()
            counts = Loader.load_regions()
            elapsed = time.perf_counter() - start
            out.write(
                f"{label}: {elapsed:.2f} s  total={counts['total']} created={counts['created']} "
                f"updated={counts['updated']} unchanged={counts['unchanged']}\n"
            )
        by_level = dict(Region._read_group([], ["level"], ["__count"]))
        by_type = dict(Region._read_group([("level", "=", "desa")], ["village_type"], ["__count"]))
        out.write(f"regions by level: {by_level}\n")
        out.write(f"villages by kind: {by_type}\n")
        if args.keep:
            cr.commit()  # pylint: disable=invalid-commit  (standalone script, --keep)
            out.write("committed\n")
        else:
            cr.rollback()
            out.write("rolled back (use --keep to commit)\n")


if __name__ == "__main__":
    main()
