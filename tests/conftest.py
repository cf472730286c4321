"""Shared fixtures of the tooling tests (pytest, run by `make test` after the Odoo tests)."""

import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

# the three addons of the suite (issue 2), and every addon of addons/ (all installed by make test)
REQUIRED_ADDONS = ("kerjasama_desa", "kerjasama_desa_bkad", "kerjasama_desa_report")
ADDONS = tuple(sorted(path.parent.name for path in (ROOT / "addons").glob("*/__manifest__.py")))


@pytest.fixture(scope="session")
def root():
    return ROOT


@pytest.fixture
def bash_env(tmp_path):
    """Environment for running scripts/lib.sh functions in isolation (no real Odoo, no cache)."""
    env = {key: value for key, value in os.environ.items() if not key.startswith(("PG", "KD_"))}
    env.pop("ODOO_PATH", None)
    env.update(
        KD_CACHE_DIR=str(tmp_path / "cache"),
        KD_ODOO_DEFAULT=str(tmp_path / "opt" / "odoo" / "18.0"),
        KD_ODOO_GIT_URL=str(tmp_path / "no-such-odoo-repository"),
    )
    (tmp_path / "cache").mkdir()
    return env
