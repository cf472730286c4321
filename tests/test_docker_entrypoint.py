"""Issue 9, item 10: the Docker deployment ships no known secret.

docker/kd-entrypoint.sh runs for real here, with sh (dash on Debian) and bash, outside any
container: its paths point into a temporary folder and the official entrypoint it hands over to
(KD_ODOO_ENTRYPOINT) is a fake that records its arguments and environment.
"""

import configparser
import os
import re
import stat
import subprocess

import pytest

SHELLS = ("sh", "bash")
GOOD = "Kd-str0ng master;pass%#=x"  # spaces, %, ; and # must survive the rendering
FAKE_ENTRYPOINT = """#!/bin/sh
# stands in for the official /entrypoint.sh: one argument per line, then the environment
out="$KD_TEST_OUT"
: >"$out"
for arg in "$@"; do printf 'ARG[%s]\\n' "$arg" >>"$out"; done
printf 'ODOO_RC[%s]\\n' "${ODOO_RC-}" >>"$out"
printf 'PASSWD_ENV[%s]\\n' "${ODOO_ADMIN_PASSWD-unset}${ODOO_ADMIN_PASSWD_FILE-unset}" >>"$out"
echo "fake entrypoint ran"
"""


class Box:
    """A temporary container layout: image config, data volume, runtime folder, fake exec."""

    def __init__(self, root, tmp_path, shell):
        self.script = root / "docker" / "kd-entrypoint.sh"
        self.shell = shell
        self.image_conf = tmp_path / "etc" / "odoo.conf"
        self.image_conf.parent.mkdir()
        self.image_conf.write_text((root / "docker" / "odoo.conf").read_text())
        self.image_text = self.image_conf.read_text()
        self.store = tmp_path / "var-lib-odoo" / ".admin_passwd"
        self.store.parent.mkdir()
        self.runtime = tmp_path / "run" / "kerjasama_desa" / "odoo.conf"
        self.out = tmp_path / "fake-entrypoint.out"
        self.fake = tmp_path / "entrypoint.sh"
        self.fake.write_text(FAKE_ENTRYPOINT)
        self.fake.chmod(0o755)
        self.env = {
            key: value
            for key, value in os.environ.items()
            if not key.startswith(("KD_", "ODOO_ADMIN_PASSWD"))
        }
        self.env.pop("ODOO_RC", None)
        self.env.update(
            KD_ODOO_CONF=str(self.image_conf),
            KD_RUNTIME_CONF=str(self.runtime),
            KD_ADMIN_PASSWD_STORE=str(self.store),
            KD_ODOO_ENTRYPOINT=str(self.fake),
            KD_TEST_OUT=str(self.out),
        )

    def run(self, *args, **env):
        if self.out.exists():
            self.out.unlink()
        result = subprocess.run(
            [self.shell, str(self.script), *args],
            env=dict(self.env, **env),
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        result.output = result.stdout + result.stderr
        return result

    def exec_args(self):
        """Arguments the fake official entrypoint received."""
        return re.findall(r"^ARG\[(.*)\]$", self.out.read_text(), flags=re.M)

    def exec_value(self, name):
        return re.search(rf"^{name}\[(.*)\]$", self.out.read_text(), flags=re.M).group(1)

    def rendered_passwd(self):
        parser = configparser.RawConfigParser()
        parser.read(self.runtime)
        return parser.get("options", "admin_passwd")


@pytest.fixture(params=SHELLS)
def box(request, root, tmp_path):
    return Box(root, tmp_path, request.param)


def _mode(path):
    return stat.S_IMODE(path.stat().st_mode)


def _assert_refused(box, result, *words):
    assert result.returncode != 0, result.output
    errors = [x for x in result.stderr.splitlines() if x.startswith("ERROR:")]
    assert len(errors) == 1, result.stderr
    assert "; " in errors[0]  # what went wrong; what to do
    for word in words:
        assert word in errors[0]
    assert not box.out.exists(), "the official entrypoint must not run"
    assert not box.runtime.exists()
    assert not box.store.exists()
    assert box.image_conf.read_text() == box.image_text


@pytest.mark.parametrize(
    "value",
    [
        "",
        "admin",
        "change-me",
        "changeme",
        "CHANGE_ME",
        "odoo",
        "administrator",
        "please-change-me-now",
        "Short-pw-11",  # 11 characters
        " padded-password-with-spaces",
        "two\nlines-of-password",
    ],
)
def test_known_default_or_weak_password_is_refused(box, value):
    result = box.run("odoo", ODOO_ADMIN_PASSWD=value)
    _assert_refused(box, result, "ODOO_ADMIN_PASSWD", "set ODOO_ADMIN_PASSWD")
    if len(value) > 5:
        assert value not in result.output  # a refused password is not echoed to the log


def test_no_password_generates_one_stored_printed_once_and_reused(box):
    first = box.run("odoo")
    assert first.returncode == 0, first.output
    assert box.store.is_file()
    assert _mode(box.store) == 0o600
    stored = box.store.read_text().strip()
    assert re.fullmatch(r"[A-Za-z0-9_-]{32}", stored)
    assert first.output.count(stored) == 1  # printed exactly once
    assert "shown only this once" in first.stderr
    assert box.rendered_passwd() == stored
    assert _mode(box.runtime) == 0o600
    assert box.image_conf.read_text() == box.image_text

    second = box.run("odoo")
    assert second.returncode == 0, second.output
    assert stored not in second.output  # not printed again
    assert box.store.read_text().strip() == stored
    assert box.rendered_passwd() == stored
    assert str(box.store) in second.stderr  # says where it comes from


def test_generated_passwords_differ(root, tmp_path):
    passwords = set()
    for name in ("a", "b"):
        (tmp_path / name).mkdir()
        one = Box(root, tmp_path / name, "sh")
        assert one.run("odoo").returncode == 0
        passwords.add(one.store.read_text().strip())
    assert len(passwords) == 2


def test_weak_stored_password_is_refused(box):
    box.store.write_text("admin\n")
    result = box.run("odoo")
    assert result.returncode != 0
    errors = [x for x in result.stderr.splitlines() if x.startswith("ERROR:")]
    assert len(errors) == 1 and str(box.store) in errors[0] and "delete the file" in errors[0]
    assert not box.out.exists()


def test_environment_password_is_rendered_not_in_the_image_config(box):
    result = box.run("odoo", ODOO_ADMIN_PASSWD=GOOD)
    assert result.returncode == 0, result.output
    assert box.rendered_passwd() == GOOD
    assert f"admin_passwd = {GOOD}\n" in box.runtime.read_text()
    assert len(re.findall(r"^\s*admin_passwd\s*[=:]", box.runtime.read_text(), flags=re.M)) == 1
    assert _mode(box.runtime) == 0o600
    assert box.image_conf.read_text() == box.image_text
    assert GOOD not in box.image_conf.read_text()
    assert GOOD not in result.output  # never printed
    assert not box.store.exists()  # nothing generated nor stored
    # the official entrypoint gets the runtime file, and not the password in its environment
    assert box.exec_value("ODOO_RC") == str(box.runtime)
    assert box.exec_value("PASSWD_ENV") == "unsetunset"
    # the rest of the image's configuration is kept
    parser = configparser.RawConfigParser()
    parser.read(box.runtime)
    assert parser.get("options", "dbfilter") == "^kerjasama_desa$"
    assert parser.get("options", "list_db") == "False"


def test_image_config_password_is_replaced(box):
    box.image_conf.write_text(
        box.image_text.replace("[options]\n", "[options]\nadmin_passwd = x\n")
    )
    result = box.run("odoo", ODOO_ADMIN_PASSWD=GOOD)
    assert result.returncode == 0, result.output
    assert box.rendered_passwd() == GOOD
    assert "admin_passwd = x" not in box.runtime.read_text()
    assert "is ignored" in result.stderr


def test_password_file(box, tmp_path):
    secret = tmp_path / "secret"
    secret.write_text(GOOD + "\n")  # a trailing newline, as most secret files have
    result = box.run("odoo", ODOO_ADMIN_PASSWD_FILE=str(secret))
    assert result.returncode == 0, result.output
    assert box.rendered_passwd() == GOOD
    assert GOOD not in result.output
    assert not box.store.exists()
    assert box.exec_value("PASSWD_ENV") == "unsetunset"

    secret.write_text("change-me\n")
    box.runtime.unlink()
    _assert_refused(box, box.run("odoo", ODOO_ADMIN_PASSWD_FILE=str(secret)), str(secret))


def test_password_file_missing_or_with_the_variable_is_refused(box, tmp_path):
    missing = tmp_path / "no-such-secret"
    _assert_refused(
        box, box.run("odoo", ODOO_ADMIN_PASSWD_FILE=str(missing)), "not a readable file"
    )
    secret = tmp_path / "secret"
    secret.write_text(GOOD)
    _assert_refused(
        box,
        box.run("odoo", ODOO_ADMIN_PASSWD=GOOD, ODOO_ADMIN_PASSWD_FILE=str(secret)),
        "both ODOO_ADMIN_PASSWD and ODOO_ADMIN_PASSWD_FILE",
    )


def test_unwritable_data_volume_is_a_clear_error(box):
    if os.geteuid() == 0:
        # root writes anywhere: point the store below a regular file instead
        box.env["KD_ADMIN_PASSWD_STORE"] = str(box.image_conf / "sub" / ".admin_passwd")
    else:
        box.store.parent.chmod(0o500)
    result = box.run("odoo")
    assert result.returncode != 0
    errors = [x for x in result.stderr.splitlines() if x.startswith("ERROR:")]
    assert len(errors) == 1 and "cannot store a generated master password" in errors[0]
    assert not box.out.exists()


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["odoo"], ["odoo", "-c", "@RC@"]),
        (
            ["odoo", "-d", "kerjasama_desa", "-i", "kerjasama_desa", "--stop-after-init"],
            ["odoo", "-c", "@RC@", "-d", "kerjasama_desa", "-i", "kerjasama_desa"]
            + ["--stop-after-init"],
        ),
        (["--dev=all", "-d", "db"], ["-c", "@RC@", "--dev=all", "-d", "db"]),
        (["--", "-u", "kerjasama_desa"], ["--", "-c", "@RC@", "-u", "kerjasama_desa"]),
        (["odoo", "shell", "-d", "db"], ["odoo", "shell", "-c", "@RC@", "-d", "db"]),
        (["odoo", "server", "--workers=0"], ["odoo", "server", "-c", "@RC@", "--workers=0"]),
        (
            ["odoo", "scaffold", "my_module", "/mnt/extra-addons"],
            ["odoo", "scaffold", "my_module", "/mnt/extra-addons"],
        ),
        (["bash", "-c", "echo 'a b'  c"], ["bash", "-c", "echo 'a b'  c"]),
        (
            ["odoo", "--log-handler", "odoo.sql_db: DEBUG", "", "*", "$HOME"],
            ["odoo", "-c", "@RC@", "--log-handler", "odoo.sql_db: DEBUG", "", "*", "$HOME"],
        ),
    ],
)
def test_arguments_are_passed_through(box, args, expected):
    result = box.run(*args, ODOO_ADMIN_PASSWD=GOOD)
    assert result.returncode == 0, result.output
    assert "fake entrypoint ran" in result.stdout
    assert box.exec_args() == [str(box.runtime) if x == "@RC@" else x for x in expected]
    assert box.exec_value("ODOO_RC") == str(box.runtime)


def test_image_files_ship_no_master_password(root):
    """docker/odoo.conf has no admin_passwd value; no default secret in the docker/ files."""
    conf = (root / "docker" / "odoo.conf").read_text()
    assert not re.search(r"^\s*admin_passwd\s*[=:]", conf, flags=re.M)
    parser = configparser.RawConfigParser()
    parser.read_string(conf)
    assert not parser.has_option("options", "admin_passwd")

    dockerfile = (root / "docker" / "Dockerfile").read_text()
    assert re.search(r"^FROM odoo:18\.0$", dockerfile, flags=re.M)
    assert 'ENTRYPOINT ["/usr/local/bin/kd-entrypoint.sh"]' in dockerfile
    assert 'CMD ["odoo"]' in dockerfile  # ENTRYPOINT resets the CMD of the base image
    assert os.access(root / "docker" / "kd-entrypoint.sh", os.X_OK)

    compose = (root / "docker" / "docker-compose.yml").read_text()
    assert not re.search(r"PASSWORD:?-", compose)  # no ${VAR:-default} for a password
    assert "${POSTGRES_PASSWORD:?" in compose
    assert re.search(r"^\s+ODOO_ADMIN_PASSWD:\s*$", compose, flags=re.M)  # passed on if set

    example = (root / "docker" / ".env.example").read_text()
    assert re.search(r"^POSTGRES_PASSWORD=$", example, flags=re.M)
    assert "ODOO_ADMIN_PASSWD" in example
    assert not re.search(r"^ODOO_ADMIN_PASSWD\w*=.", example, flags=re.M)
    for text in (conf, dockerfile, compose, example):
        assert not re.search(
            r"(?i)(passw\w*|admin_passwd)\s*[=:]\s*(change-?me|admin|odoo)\b", text
        )

    ignored = (root / ".gitignore").read_text().splitlines()
    assert "/docker/.env" in ignored
