"""Cross-addon check on the test database of `make test` (KD_TEST_DB): the three addons are
installed, at the version of their manifests."""

import ast
import os

import psycopg2
import pytest
from conftest import ADDONS, ROOT


@pytest.fixture(scope="module")
def cr():
    dbname = os.environ.get("KD_TEST_DB")
    if not dbname:
        # make test always sets it, and counts a skip as a failure
        pytest.skip("KD_TEST_DB is not set (run through `make test`)")
    conn = psycopg2.connect(dbname=dbname)
    try:
        with conn.cursor() as cursor:
            yield cursor
    finally:
        conn.close()


@pytest.mark.parametrize("addon", ADDONS)
def test_addon_installed_at_manifest_version(cr, addon):
    manifest = ast.literal_eval((ROOT / "addons" / addon / "__manifest__.py").read_text())
    cr.execute("SELECT state, latest_version FROM ir_module_module WHERE name = %s", [addon])
    row = cr.fetchone()
    assert row is not None, f"{addon} is unknown to the database"
    assert row == ("installed", manifest["version"])


def test_indonesian_is_active(cr):
    cr.execute("SELECT active FROM res_lang WHERE code = 'id_ID'")
    assert cr.fetchone() == (True,)
