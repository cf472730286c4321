"""Issue 5: kerjasama_desa_bkad uninstalls cleanly from the `make test` database without touching
the data of kerjasama_desa. Runs last (file order): it removes the BKAD addon and its bridge."""

import os
import subprocess
import sys

import psycopg2
import pytest

CORE_TABLES = (
    "kerjasama_region",
    "kerjasama_agreement",
    "kerjasama_agreement_party",
    "kerjasama_agreement_funding",
    "kerjasama_bidang",
    "kerjasama_apbdes",
    "kerjasama_apbdes_line",
    "kerjasama_asset",
    "kerjasama_musyawarah",
    "kerjasama_desa_official",
)

UNINSTALL = """
module = env["ir.module.module"].search([("name", "=", "kerjasama_desa_bkad")])
module.button_immediate_uninstall()
env.cr.commit()
"""


def _snapshot(dbname):
    conn = psycopg2.connect(dbname=dbname)
    try:
        with conn.cursor() as cr:
            counts = {}
            for table in CORE_TABLES:
                cr.execute(f"SELECT count(*) FROM {table}")  # fixed table names
                counts[table] = cr.fetchone()[0]
            # the Musyawarah Antar-Desa are core records; those of the BKAD addon's demo BKAD
            # go with it
            cr.execute(
                "SELECT count(*) FROM kerjasama_mad m WHERE NOT EXISTS (SELECT 1 FROM"
                " ir_model_data d WHERE d.model = 'kerjasama.mad' AND d.res_id = m.id"
                " AND d.module = 'kerjasama_desa_bkad')"
            )
            counts["kerjasama_mad of the core"] = cr.fetchone()[0]
            cr.execute("SELECT count(*) FROM ir_model_data WHERE module = 'kerjasama_desa'")
            counts["kerjasama_desa xml ids"] = cr.fetchone()[0]
            cr.execute(
                "SELECT name, state FROM ir_module_module WHERE name LIKE 'kerjasama_desa%'"
                " ORDER BY name"
            )
            states = dict(cr.fetchall())
            cr.execute(
                "SELECT count(*) FROM information_schema.tables"
                " WHERE table_name LIKE 'kerjasama_bkad_%' AND table_name NOT LIKE '%_rel'"
            )
            bkad_tables = cr.fetchone()[0]
        return counts, states, bkad_tables
    finally:
        conn.close()


def test_bkad_uninstalls_without_touching_core_data():
    dbname = os.environ.get("KD_TEST_DB")
    conf = os.environ.get("KD_TEST_CONF")
    odoo_path = os.environ.get("ODOO_PATH")
    if not (dbname and conf and odoo_path):
        pytest.skip("KD_TEST_DB, KD_TEST_CONF and ODOO_PATH are set by `make test`")
    before, states, bkad_tables = _snapshot(dbname)
    assert states["kerjasama_desa_bkad"] == "installed"
    assert bkad_tables > 0
    assert before["kerjasama_agreement"] > 0, "the test database has demo agreements"

    result = subprocess.run(
        [
            sys.executable,
            os.path.join(odoo_path, "odoo-bin"),
            "shell",
            "-c",
            conf,
            "-d",
            dbname,
            "--no-http",
            "--log-level=warn",
        ],
        input=UNINSTALL,
        text=True,
        capture_output=True,
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert "Traceback" not in result.stderr, result.stderr[-3000:]

    after, states, bkad_tables = _snapshot(dbname)
    assert states["kerjasama_desa_bkad"] == "uninstalled"
    assert states["kerjasama_desa_report_bkad"] == "uninstalled"
    assert states["kerjasama_desa"] == "installed"
    assert bkad_tables == 0
    # the demo BKAD of kerjasama_desa_bkad is its own data; everything of the core stays
    assert after == before
