"""Issue 13: the roll-up across real databases. Two kabupaten databases feed a province database
through HTTP with Odoo API keys, each served by its own Odoo server (as each kabupaten runs its
own instance):
a second pull changes nothing, an edit in a kabupaten arrives with the next pull, a wrong key
or an unreachable source is reported without losing the last good data.

The three databases are copies (PostgreSQL templates) of the `make test` database, which holds
the demo kabupaten; the second kabupaten renames its register so that the two sources differ."""

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import psycopg2
import pytest

SUFFIXES = ("kab_a", "kab_b", "prov")

# Run in the province database by `odoo-bin shell`; the kabupaten databases are opened through
# their own registries in the same process. Prints one JSON line per step.
SCRIPT = r"""
import json
import odoo
from odoo import api, SUPERUSER_ID
from odoo.modules.registry import Registry

def kabupaten(dbname, rename=None):
    with Registry(dbname).cursor() as cr:
        kenv = api.Environment(cr, SUPERUSER_ID, {})
        if rename:
            for agreement in kenv["kerjasama.agreement"].search([("name", "!=", "/")]):
                cr.execute(
                    "UPDATE kerjasama_agreement SET name = %s WHERE id = %s",
                    (agreement.name.replace("KSD/", rename + "/"), agreement.id),
                )
        kenv.invalidate_all()
        user = kenv["res.users"].search([("login", "=", "dpmd.garut")])
        key = kenv["res.users.apikeys"].with_user(user).sudo()._generate(None, "roll-up", None)
        registered = [("name", "!=", "/")]
        numbers = sorted(kenv["kerjasama.agreement"].search(registered).mapped("name"))
        figures = {
            f"{region.code}/{state}": [count, amount]
            for region, state, count, amount in kenv["kerjasama.agreement"]._read_group(
                registered, ["kabupaten_id", "state"], ["__count", "amount_total:sum"]
            )
        }
        return key, numbers, figures

def edit(dbname):
    with Registry(dbname).cursor() as cr:
        kenv = api.Environment(cr, SUPERUSER_ID, {})
        # an agreement still in preparation of its content: its objective may change
        agreement = kenv["kerjasama.agreement"].search(
            [("state", "in", ("penawaran", "musyawarah", "penyusunan"))], order="id", limit=1
        )
        agreement.with_context(tracking_disable=True).write(
            {"objective": "Tujuan yang diperbarui di kabupaten."}
        )
        return agreement.name

Source = env["kerjasama.national.source"]
Mirror = env["kerjasama.national.agreement"]
Source.with_context(active_test=False).search([]).unlink()
key_a, numbers_a, figures_a = kabupaten(DB_A)
key_b, numbers_b, figures_b = kabupaten(DB_B, rename="KSDB")
src_a = Source.create({"name": "Kabupaten A", "url": URL_A, "database": DB_A, "api_key": key_a})
src_b = Source.create({"name": "Kabupaten B", "url": URL_B, "database": DB_B, "api_key": key_b})
env.cr.commit()

def state(source):
    source.invalidate_recordset()
    return {
        "state": source.state,
        "created": source.last_created,
        "updated": source.last_updated,
        "count": source.agreement_count,
        "error": source.last_error or "",
        "numbers": sorted(Mirror.search([("source_id", "=", source.id)]).mapped("register_number")),
        "figures": {
            f"{region.code}/{state}": [count, amount]
            for region, state, count, amount in Mirror._read_group(
                [("source_id", "=", source.id)],
                ["kabupaten_id", "state"],
                ["__count", "amount_total:sum"],
            )
        },
    }

def step(name):
    env.cr.commit()
    print("KDSTEP " + json.dumps({"step": name, "a": state(src_a), "b": state(src_b),
                                  "numbers_a": numbers_a, "numbers_b": numbers_b,
                                  "figures_a": figures_a, "figures_b": figures_b}))

(src_a | src_b).action_pull()
step("first")
(src_a | src_b).action_pull()
step("second")
edited = edit(DB_A)
src_a.action_pull()
print("KDEDITED " + json.dumps(edited))
step("edit")
src_a.api_key = "kunci-salah"
src_b.url = CLOSED_URL
(src_a | src_b).action_pull()
step("broken")
"""


def _free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _admin_connection():
    conn = psycopg2.connect(dbname="postgres")
    conn.autocommit = True
    return conn


@pytest.fixture
def databases():
    template = os.environ.get("KD_TEST_DB")
    conf = os.environ.get("KD_TEST_CONF")
    odoo_path = os.environ.get("ODOO_PATH")
    if not (template and conf and odoo_path):
        pytest.skip("KD_TEST_DB, KD_TEST_CONF and ODOO_PATH are set by `make test`")
    names = [f"{template}_{suffix}"[:63] for suffix in SUFFIXES]
    conn = _admin_connection()
    try:
        with conn.cursor() as cr:
            for name in names:
                cr.execute(f'DROP DATABASE IF EXISTS "{name}"')  # names built above
                cr.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
        yield names, conf, odoo_path
    finally:
        with conn.cursor() as cr:
            for name in names:
                cr.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.close()


def _wait_http(url, process, timeout=120):
    deadline = time.time() + timeout
    while time.time() < deadline:
        if process.poll() is not None:
            raise AssertionError("the Odoo server stopped: " + process.stderr.read()[-3000:])
        try:
            with urllib.request.urlopen(url, timeout=5):
                return
        except OSError:
            time.sleep(0.5)
    raise AssertionError(f"no answer from {url}")


def _serve(conf, odoo_path, dbname, port, logfile):
    """One kabupaten's instance: an Odoo server serving its database only."""
    return subprocess.Popen(
        [
            sys.executable,
            os.path.join(odoo_path, "odoo-bin"),
            "-c",
            conf,
            "--http-interface=127.0.0.1",
            f"--http-port={port}",
            f"--db-filter=^{dbname}$",
            "--max-cron-threads=0",
            "--log-level=warn",
            f"--logfile={logfile}",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_two_kabupaten_databases_feed_a_province(databases, tmp_path):
    (db_a, db_b, db_prov), conf, odoo_path = databases
    port_a, port_b = _free_port(), _free_port()
    servers = [
        _serve(conf, odoo_path, db_a, port_a, tmp_path / "kab_a.log"),
        _serve(conf, odoo_path, db_b, port_b, tmp_path / "kab_b.log"),
    ]
    try:
        for port, server in zip((port_a, port_b), servers, strict=True):
            _wait_http(f"http://127.0.0.1:{port}/web/health", server)
        header = (
            f"DB_A = {db_a!r}\nDB_B = {db_b!r}\n"
            f"URL_A = 'http://127.0.0.1:{port_a}'\nURL_B = 'http://127.0.0.1:{port_b}'\n"
            f"CLOSED_URL = 'http://127.0.0.1:{_free_port()}'\n"
        )
        result = subprocess.run(
            [
                sys.executable,
                os.path.join(odoo_path, "odoo-bin"),
                "shell",
                "-c",
                conf,
                "-d",
                db_prov,
                "--no-http",
                "--log-level=warn",
            ],
            input=header + SCRIPT,
            text=True,
            capture_output=True,
            timeout=600,
            check=False,
        )
    finally:
        for server in servers:
            server.terminate()
            server.wait(timeout=60)
    assert result.returncode == 0, result.stderr[-3000:]
    assert "Traceback" not in result.stderr, result.stderr[-3000:]
    steps = {
        step["step"]: step
        for step in (
            json.loads(line[len("KDSTEP ") :])
            for line in result.stdout.splitlines()
            if line.startswith("KDSTEP ")
        )
    }
    edited = json.loads(
        next(line for line in result.stdout.splitlines() if line.startswith("KDEDITED "))[9:]
    )
    first = steps["first"]
    numbers_a, numbers_b = first["numbers_a"], first["numbers_b"]
    assert numbers_a and numbers_b and not set(numbers_a) & set(numbers_b)
    # every registered agreement of each kabupaten arrives once, under its own source
    assert first["a"]["state"] == first["b"]["state"] == "ok", first
    assert first["a"]["numbers"] == numbers_a
    assert first["b"]["numbers"] == numbers_b
    assert first["a"]["created"] == len(numbers_a)
    # the same figures by region and stage (count and value) on both sides of the exchange
    assert first["a"]["figures"] == first["figures_a"]
    assert first["b"]["figures"] == first["figures_b"]
    # a second pull changes nothing
    second = steps["second"]
    assert (second["a"]["created"], second["a"]["updated"]) == (0, 0)
    assert (second["b"]["created"], second["b"]["updated"]) == (0, 0)
    assert second["a"]["count"] == len(numbers_a)
    # an edit in kabupaten A arrives with the next pull, and only it
    edit = steps["edit"]
    assert edited in numbers_a
    assert (edit["a"]["created"], edit["a"]["updated"]) == (0, 1), edit["a"]
    # a wrong key and an unreachable source are reported; the last good data stays
    broken = steps["broken"]
    assert broken["a"]["state"] == "error" and "401" in broken["a"]["error"]
    assert broken["b"]["state"] == "error" and broken["b"]["error"]
    assert broken["a"]["numbers"] == numbers_a
    assert broken["b"]["numbers"] == numbers_b
