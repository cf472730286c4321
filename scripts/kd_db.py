"""Small PostgreSQL helper of the run and test commands.

Connects with the libpq environment (PGHOST, PGPORT, PGUSER, PGPASSWORD) set by scripts/lib.sh.

    kd_db.py check                       exit 0 when the server answers
    kd_db.py exists DB                   exit 0 when database DB exists
    kd_db.py modules-installed DB a,b    exit 0 when DB has all modules a, b installed
    kd_db.py drop DB                     drop database DB (closing its connections)
"""

import sys

import psycopg2
from psycopg2 import sql


def _connect(dbname="postgres"):
    conn = psycopg2.connect(dbname=dbname, connect_timeout=10)
    conn.autocommit = True
    return conn


def db_exists(name):
    with _connect() as conn, conn.cursor() as cr:
        cr.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        return bool(cr.fetchone())


def modules_installed(name, modules):
    if not db_exists(name):
        return False
    conn = _connect(name)
    try:
        with conn.cursor() as cr:
            cr.execute("SELECT to_regclass('ir_module_module')")
            if cr.fetchone()[0] is None:
                return False
            cr.execute(
                "SELECT count(*) FROM ir_module_module"
                " WHERE name = ANY(%s) AND state = 'installed'",
                [list(modules)],
            )
            return cr.fetchone()[0] == len(modules)
    finally:
        conn.close()


def drop(name):
    conn = _connect()
    try:
        with conn.cursor() as cr:
            cr.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )
    finally:
        conn.close()


def main(argv):
    if not argv:
        sys.stderr.write(__doc__)
        return 2
    command, args = argv[0], argv[1:]
    try:
        if command == "check":
            _connect().close()
            return 0
        if command == "exists":
            return 0 if db_exists(args[0]) else 1
        if command == "modules-installed":
            return 0 if modules_installed(args[0], [m for m in args[1].split(",") if m]) else 1
        if command == "drop":
            drop(args[0])
            return 0
    except psycopg2.Error as exc:
        sys.stderr.write(f"kd_db {command}: {str(exc).strip().splitlines()[0]}\n")
        return 3
    sys.stderr.write(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
