"""The run/test tooling: clear failures, rendered configuration, CI and lint wiring."""

import ast
import os
import re
import subprocess
import sys

import junit_counts
import pytest
from conftest import ADDONS, REQUIRED_ADDONS


def run_lib(root, env, snippet):
    """Run `snippet` in bash after sourcing scripts/lib.sh."""
    return subprocess.run(
        ["bash", "-c", f'source "{root}/scripts/lib.sh"; {snippet}'],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_no_odoo_found_fails_with_one_clear_line(root, bash_env):
    result = run_lib(root, bash_env, "kd_find_odoo; echo reached")
    assert result.returncode != 0
    assert "reached" not in result.stdout
    errors = [x for x in result.stderr.splitlines() if x.startswith("ERROR:")]
    assert len(errors) == 1
    assert "no Odoo 18 found" in errors[0]
    assert "set ODOO_PATH" in errors[0]
    # the failed clone leaves nothing behind
    assert not os.path.exists(bash_env["KD_ODOO_DEFAULT"])


def test_odoo_path_without_odoo_fails(root, bash_env, tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    result = run_lib(root, dict(bash_env, ODOO_PATH=str(empty)), "kd_find_odoo; echo reached")
    assert result.returncode != 0
    assert "reached" not in result.stdout
    assert f"ODOO_PATH={empty} does not hold Odoo 18.0" in result.stderr


def _fake_odoo(path, major=18):
    (path / "odoo").mkdir(parents=True)
    (path / "odoo-bin").write_text("#!/usr/bin/env python3\n")
    (path / "odoo" / "release.py").write_text(f"version_info = ({major}, 0, 0, FINAL, 0, '')\n")
    return path


def test_odoo_path_of_another_version_fails(root, bash_env, tmp_path):
    odoo17 = _fake_odoo(tmp_path / "odoo17", major=17)
    result = run_lib(root, dict(bash_env, ODOO_PATH=str(odoo17)), "kd_find_odoo")
    assert result.returncode != 0
    assert "does not hold Odoo 18.0" in result.stderr


def test_odoo_found_says_which_one(root, bash_env, tmp_path):
    odoo = _fake_odoo(tmp_path / "odoo18")
    result = run_lib(root, dict(bash_env, ODOO_PATH=str(odoo)), 'kd_find_odoo; echo "=$ODOO_PATH"')
    assert result.returncode == 0, result.stderr
    assert f"Odoo: {odoo} (from ODOO_PATH)" in result.stdout
    assert f"={odoo}" in result.stdout
    default = _fake_odoo(tmp_path / "opt" / "odoo" / "18.0")
    result = run_lib(root, bash_env, "kd_find_odoo")
    assert result.returncode == 0, result.stderr
    assert f"Odoo: {default} (default location)" in result.stdout


def test_test_command_without_odoo_ends_with_count_line(root, bash_env):
    """`make test` with no Odoo: clear message, last line 'N passed, N failed', non-zero."""
    result = subprocess.run(
        [str(root / "scripts" / "test.sh")],
        env=bash_env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode != 0
    assert "no Odoo 18 found" in result.stderr
    assert result.stdout.strip().splitlines()[-1] == "0 passed, 1 failed"


def test_venv_is_keyed_by_the_requirements(root, bash_env):
    result = run_lib(root, bash_env, "kd_venv_path")
    assert result.returncode == 0
    path = result.stdout.strip()
    assert path.startswith(bash_env["KD_CACHE_DIR"] + "/venv-")
    assert re.fullmatch(r"venv-[0-9a-f]{12}", os.path.basename(path))


def test_config_template_renders_every_placeholder(root, bash_env, tmp_path):
    out = tmp_path / "odoo.conf"
    env = dict(
        bash_env,
        ODOO_PATH="/srv/odoo",
        KD_PY=sys.executable,
        PGHOST="/run/pg",
        PGPORT="54329",
        PGUSER="kd",
    )
    result = run_lib(root, env, f'kd_render_conf "{out}" 8070')
    assert result.returncode == 0, result.stderr
    text = out.read_text()
    assert "@" not in re.sub(r"^;.*$", "", text, flags=re.M)
    assert f"addons_path = /srv/odoo/odoo/addons,{root}/addons" in text
    assert "db_host = /run/pg" in text and "db_port = 54329" in text and "db_user = kd" in text
    assert "db_password = False" in text
    assert "http_port = 8070" in text


def test_requirements_are_pinned(root):
    lines = [
        x.strip()
        for x in (root / "requirements.txt").read_text().splitlines()
        if x.strip() and not x.startswith("#")
    ]
    names = {re.split(r"[=<>!~\[ ;]", x, maxsplit=1)[0].lower() for x in lines}
    assert all("==" in x for x in lines), [x for x in lines if "==" not in x]
    for needed in ("psycopg2-binary", "reportlab", "xlsxwriter", "num2words", "websocket-client"):
        assert needed in names


def test_ci_runs_exactly_the_readme_test_command(root):
    ci = (root / ".ci" / "run").read_text()
    assert os.access(root / ".ci" / "run", os.X_OK)
    assert "set -euo pipefail" in ci
    commands = [
        x for x in ci.splitlines() if x.strip() and not x.lstrip().startswith(("#", "set ", "cd "))
    ]
    assert commands == ["make test"]
    readme = (root / "README.md").read_text()
    assert "make test" in readme and "make run" in readme


def test_pre_commit_uses_only_local_system_hooks(root):
    text = (root / ".pre-commit-config.yaml").read_text()
    repos = re.findall(r"^\s*-\s*repo:\s*(\S+)", text, flags=re.M)
    assert repos and set(repos) == {"local"}
    assert set(re.findall(r"language:\s*(\S+)", text)) == {"system"}
    for hook in ("ruff", "ruff-format", "pylint-odoo"):
        assert re.search(rf"id:\s*{hook}\s*$", text, flags=re.M), hook


def test_local_state_is_git_ignored(root):
    ignored = (root / ".gitignore").read_text().splitlines()
    assert "/.local/" in ignored


def test_the_three_addons_exist():
    assert set(REQUIRED_ADDONS) <= set(ADDONS)


def test_modules_of_the_commands_are_the_addons(root, bash_env):
    result = run_lib(root, bash_env, 'echo "$KD_MODULES"')
    assert result.stdout.strip().split(",") == list(ADDONS)


@pytest.mark.parametrize("addon", ADDONS)
def test_addon_manifest(root, addon):
    manifest = ast.literal_eval((root / "addons" / addon / "__manifest__.py").read_text())
    assert re.fullmatch(r"18\.0\.\d+\.\d+\.\d+", manifest["version"])
    assert manifest["license"] == "LGPL-3"
    assert (root / "addons" / addon / "static" / "description" / "icon.png").is_file()
    assert (root / "addons" / addon / "tests" / "__init__.py").is_file()


def test_tour_is_registered_in_the_test_assets(root):
    manifest = ast.literal_eval((root / "addons/kerjasama_desa/__manifest__.py").read_text())
    assets = manifest["assets"]["web.assets_tests"]
    assert any(x.startswith("kerjasama_desa/static/tests/tours") for x in assets)
    tour = (root / "addons/kerjasama_desa/static/tests/tours/kerjasama_desa_tour.js").read_text()
    assert '"kerjasama_desa_tour"' in tour
    test = (root / "addons/kerjasama_desa/tests/test_tour.py").read_text()
    assert 'start_tour("/odoo", "kerjasama_desa_tour", login="admin")' in test


def test_junit_counts(tmp_path):
    xml = tmp_path / "r.xml"
    xml.write_text(
        '<testsuites><testsuite tests="5" failures="1" errors="1" skipped="1"/></testsuites>'
    )
    assert junit_counts.counts(xml) == (5, 2, 1)
    assert junit_counts.counts(tmp_path / "missing.xml") == (0, 1, 0)


def _pg_home(root, env, local, snippet="", reachable=True):
    """``_kd_pg_home`` as root for a checkout whose .local/ is ``local``, with a stand-in
    ``runuser`` answering whether the postgres OS user can enter it."""
    fake = "true" if reachable else "false"
    return run_lib(
        root,
        env,
        f'KD_LOCAL="{local}"; kd_is_root() {{ true; }}; runuser() {{ {fake}; }}; {snippet}'
        "_kd_pg_home",
    )


def test_pg_cluster_stays_in_a_reachable_checkout(root, bash_env, tmp_path):
    result = _pg_home(root, bash_env, tmp_path / ".local")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == str(tmp_path / ".local")


def test_pg_cluster_of_an_unreachable_checkout_lives_under_var_lib(root, bash_env, tmp_path):
    """A clone in root's home (mode 700): the postgres user cannot enter it, the cluster lives
    in $KD_PG_SHARED_ROOT/<hash of the checkout path>, one folder per checkout."""
    env = dict(bash_env, KD_PG_SHARED_ROOT=str(tmp_path / "shared"))
    result = _pg_home(root, env, tmp_path / ".local", reachable=False)
    assert result.returncode == 0, result.stderr
    home = result.stdout.strip()
    assert os.path.dirname(home) == str(tmp_path / "shared")
    assert re.fullmatch(r"[0-9a-f]{16}", os.path.basename(home))
    other = run_lib(
        root,
        env,
        f'KD_ROOT=/srv/other; KD_LOCAL="{tmp_path}/.local"; kd_is_root() {{ true; }}; '
        "runuser() { false; }; _kd_pg_home",
    )
    assert other.stdout.strip() != home


def test_pg_cluster_follows_the_link_and_keeps_an_existing_cluster(root, bash_env, tmp_path):
    local = tmp_path / ".local"
    (local / "pgdata").mkdir(parents=True)
    (local / "pgdata" / "PG_VERSION").write_text("15\n")
    # an existing cluster in .local/pgdata stays there
    assert _pg_home(root, bash_env, local, reachable=False).stdout.strip() == str(local)
    # a checkout linked to its cluster elsewhere keeps using it
    elsewhere = tmp_path / "var" / "abc"
    (local / "pgdata" / "PG_VERSION").unlink()
    (local / "pgdata").rmdir()
    (local / "pgdata").symlink_to(elsewhere / "pgdata")
    assert _pg_home(root, bash_env, local).stdout.strip() == str(elsewhere)
