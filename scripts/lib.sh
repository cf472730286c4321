# shellcheck shell=bash
# Shared environment of `make run` and `make test` (sourced, not executed).
#
#   kd_find_odoo      Odoo 18.0 source: $ODOO_PATH, else /opt/odoo/18.0, else a shallow clone there
#   kd_system_pkgs    Debian packages (chromium, poppler-utils, fonts-dejavu-core, ...)
#   kd_setup_pg       PostgreSQL: $PGHOST/$PGPORT/$PGUSER, else a project-local cluster in .local/
#   kd_setup_venv     virtualenv with the pinned requirements, keyed by a hash of requirements.txt
#   kd_render_conf    render config/odoo.conf into .local/ for this machine
#
# Every failure prints one line "ERROR: <what went wrong>; <what to do>" and exits non-zero.
# Overrides (all optional): ODOO_PATH, PGHOST, PGPORT, PGUSER, PGPASSWORD, KD_VENV (use this
# virtualenv as is), KD_PYTHON (interpreter for a new venv), KD_CACHE_DIR (default
# ~/.cache/kerjasama_desa), KD_ODOO_DEFAULT (default Odoo folder, /opt/odoo/18.0),
# KD_ODOO_GIT_URL (clone source), KD_PG_PORT (first port tried for the local cluster, 54329),
# KD_PG_SHARED_ROOT (where a root-run cluster lives when the postgres OS user cannot reach the
# checkout, default /var/lib/kerjasama-desa).

KD_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
KD_LOCAL="$KD_ROOT/.local"
KD_ADDONS="$KD_ROOT/addons"
# every installable addon of addons/ (the three of the suite, and any added later)
KD_MODULES="$(for _m in "$KD_ADDONS"/*/__manifest__.py; do
    grep -Eq "[\"']installable[\"']: *False" "$_m" || basename "$(dirname "$_m")"
done | paste -sd, -)"
KD_CACHE_DIR="${KD_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/kerjasama_desa}"
KD_ODOO_DEFAULT="${KD_ODOO_DEFAULT:-/opt/odoo/18.0}"
KD_ODOO_GIT_URL="${KD_ODOO_GIT_URL:-https://github.com/odoo/odoo}"

kd_say() { printf '==> %s\n' "$*"; }
kd_warn() { printf 'WARNING: %s\n' "$*" >&2; }
kd_die() {
    printf 'ERROR: %s\n' "$*" >&2
    exit 1
}
kd_is_root() { [ "$(id -u)" = 0 ]; }

# ---------------------------------------------------------------------------------------------
# 1. Odoo 18.0 source
# ---------------------------------------------------------------------------------------------
_kd_is_odoo18() {
    # $1: folder; true when it holds odoo-bin and an Odoo 18.0 release.py
    [ -f "$1/odoo-bin" ] && [ -f "$1/odoo/release.py" ] &&
        grep -Eq '^version_info = \(18, 0,' "$1/odoo/release.py"
}

kd_find_odoo() {
    if [ -n "${ODOO_PATH:-}" ]; then
        _kd_is_odoo18 "$ODOO_PATH" ||
            kd_die "ODOO_PATH=$ODOO_PATH does not hold Odoo 18.0 (odoo-bin and odoo/release.py 18.0 expected); point ODOO_PATH at an Odoo 18.0 source folder or unset it"
        ODOO_PATH="$(cd "$ODOO_PATH" && pwd)"
        kd_say "Odoo: $ODOO_PATH (from ODOO_PATH)"
    elif _kd_is_odoo18 "$KD_ODOO_DEFAULT"; then
        ODOO_PATH="$KD_ODOO_DEFAULT"
        kd_say "Odoo: $ODOO_PATH (default location)"
    else
        if [ -e "$KD_ODOO_DEFAULT" ] && [ -n "$(ls -A "$KD_ODOO_DEFAULT" 2>/dev/null)" ]; then
            kd_die "no Odoo 18 found: $KD_ODOO_DEFAULT exists but is not an Odoo 18.0 source folder; fix or remove it, or set ODOO_PATH to an Odoo 18.0 source folder"
        fi
        command -v git >/dev/null 2>&1 ||
            kd_die "no Odoo 18 found at $KD_ODOO_DEFAULT and git is missing to clone it; install git (apt-get install -y git) or set ODOO_PATH to an Odoo 18.0 source folder"
        kd_say "Odoo: none at $KD_ODOO_DEFAULT, cloning branch 18.0 of $KD_ODOO_GIT_URL (shallow) ..."
        mkdir -p "$(dirname "$KD_ODOO_DEFAULT")" 2>/dev/null ||
            kd_die "no Odoo 18 found at $KD_ODOO_DEFAULT and its parent folder cannot be created (not root?); set ODOO_PATH to an Odoo 18.0 source folder"
        local clone_log="$KD_CACHE_DIR/odoo-clone.log"
        if ! GIT_TERMINAL_PROMPT=0 git clone --quiet --depth 1 -b 18.0 "$KD_ODOO_GIT_URL" \
            "$KD_ODOO_DEFAULT" >"$clone_log" 2>&1 || ! _kd_is_odoo18 "$KD_ODOO_DEFAULT"; then
            rm -rf "$KD_ODOO_DEFAULT"
            kd_die "no Odoo 18 found at $KD_ODOO_DEFAULT and cloning $KD_ODOO_GIT_URL (branch 18.0) failed ($(tail -n 1 "$clone_log" 2>/dev/null)); set ODOO_PATH to an Odoo 18.0 source folder"
        fi
        ODOO_PATH="$KD_ODOO_DEFAULT"
        kd_say "Odoo: $ODOO_PATH (freshly cloned)"
    fi
    export ODOO_PATH
}

# ---------------------------------------------------------------------------------------------
# 2. Debian packages
# ---------------------------------------------------------------------------------------------
_KD_APT_UPDATED=""
kd_apt_install() {
    # $@: Debian package names that are missing; installs them when root, else says how.
    [ $# -eq 0 ] && return 0
    if ! kd_is_root; then
        kd_die "missing Debian packages: $*; run: sudo apt-get install -y $*"
    fi
    command -v apt-get >/dev/null 2>&1 ||
        kd_die "missing system packages ($*) and no apt-get on this machine; install them by hand"
    kd_say "Installing Debian packages: $*"
    if [ -z "$_KD_APT_UPDATED" ]; then
        DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null ||
            kd_die "apt-get update failed; check the network and /etc/apt/sources.list"
        _KD_APT_UPDATED=1
    fi
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null ||
        kd_die "apt-get install $* failed; run it by hand to see why"
}

kd_chromium_bin() {
    local b
    for b in chromium chromium-browser google-chrome google-chrome-stable; do
        command -v "$b" 2>/dev/null && return 0
    done
    return 1
}

kd_system_pkgs() {
    # $1: "test" also requires the browser of the tours
    local missing=()
    command -v pdftotext >/dev/null 2>&1 || missing+=(poppler-utils)
    [ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || missing+=(fonts-dejavu-core)
    if [ "${1:-}" = test ] || kd_is_root; then
        kd_chromium_bin >/dev/null || missing+=(chromium)
    fi
    kd_apt_install "${missing[@]}"
    if [ "${1:-}" = test ]; then
        kd_say "Browser for tours: $(kd_chromium_bin)"
    fi
}

# ---------------------------------------------------------------------------------------------
# 3. PostgreSQL
# ---------------------------------------------------------------------------------------------
_kd_pg_bindir() {
    local d
    for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -t/ -k5 -n -r); do
        [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ] && { echo "$d"; return 0; }
    done
    return 1
}

_kd_port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

kd_pg_as() {
    # run a command as the OS owner of the local cluster
    if kd_is_root; then
        # from /, so that a working directory it cannot enter does not trouble the postgres user
        (cd / && runuser -u postgres -- "$@")
    else
        "$@"
    fi
}

# The folder holding the local cluster (pgdata/, run/, postgresql.log). Normally .local/ of the
# checkout. When the cluster runs as the postgres OS user (we are root) and that user cannot
# reach .local/ (a clone in root's home, mode 700), the cluster lives in
# $KD_PG_SHARED_ROOT/<hash of the checkout path>/ instead, still tied to the checkout: the
# symlink .local/pgdata points to it (and the folder names its checkout in a file "checkout").
# A cluster already in .local/pgdata stays where it is.
_kd_pg_home() {
    local link="$KD_LOCAL/pgdata"
    if [ -L "$link" ]; then
        dirname "$(readlink "$link")"
    elif [ -f "$link/PG_VERSION" ] || ! kd_is_root ||
        runuser -u postgres -- test -x "$KD_LOCAL" 2>/dev/null; then
        echo "$KD_LOCAL"
    else
        echo "${KD_PG_SHARED_ROOT:-/var/lib/kerjasama-desa}/$(printf '%s' "$KD_ROOT" |
            sha256sum | cut -c1-16)"
    fi
}

kd_setup_pg() {
    if [ -n "${PGHOST:-}${PGPORT:-}${PGUSER:-}" ]; then
        export PGHOST="${PGHOST:-localhost}" PGPORT="${PGPORT:-5432}" PGUSER="${PGUSER:-$(id -un)}"
        KD_PG_MODE="external"
        kd_say "PostgreSQL: $PGUSER@$PGHOST:$PGPORT (from PGHOST/PGPORT/PGUSER)"
        return 0
    fi
    local bindir
    if ! bindir="$(_kd_pg_bindir)"; then
        kd_apt_install postgresql
        bindir="$(_kd_pg_bindir)" ||
            kd_die "PostgreSQL server binaries not found under /usr/lib/postgresql/*/bin; install postgresql or set PGHOST/PGPORT/PGUSER"
    fi
    local portfile="$KD_LOCAL/pgport" owner home
    if kd_is_root; then
        owner=postgres
        id postgres >/dev/null 2>&1 ||
            kd_die "running as root but there is no 'postgres' OS user to own the local cluster; install postgresql (apt-get install -y postgresql) or set PGHOST/PGPORT/PGUSER"
    else
        owner="$(id -un)"
    fi
    mkdir -p "$KD_LOCAL"
    home="$(_kd_pg_home)"
    if [ "$home" != "$KD_LOCAL" ]; then
        if [ ! -L "$KD_LOCAL/pgdata" ]; then
            # an empty pgdata left by an earlier failed run gives way to the link
            rmdir "$KD_LOCAL/pgdata" 2>/dev/null || true
            [ -e "$KD_LOCAL/pgdata" ] &&
                kd_die "$KD_LOCAL/pgdata is not empty but holds no cluster, and the postgres OS user cannot reach it; remove it and retry, or set PGHOST/PGPORT/PGUSER"
            kd_say "PostgreSQL: the postgres OS user cannot reach $KD_LOCAL; the cluster of this checkout lives in $home (linked from .local/pgdata)"
        fi
        mkdir -p "$home"
        chmod 755 "$(dirname "$home")"
        printf '%s\n' "$KD_ROOT" >"$home/checkout"
        chown postgres: "$home"
        chmod 700 "$home"
        ln -sfn "$home/pgdata" "$KD_LOCAL/pgdata"
    fi
    local pgdata="$home/pgdata" run="$home/run" log="$home/postgresql.log"
    mkdir -p "$pgdata" "$run"
    chmod 700 "$pgdata"
    if [ ${#run} -gt 90 ]; then
        # unix socket paths are limited to 107 bytes
        run="/tmp/kerjasama_desa-pg-$(printf '%s' "$KD_ROOT" | sha256sum | cut -c1-10)"
        mkdir -p "$run"
    fi
    if kd_is_root; then
        chown postgres: "$pgdata" "$run"
        [ -f "$log" ] || install -o postgres -g postgres -m 640 /dev/null "$log"
        kd_pg_as test -w "$pgdata" ||
            kd_die "the postgres OS user cannot reach $pgdata (a parent folder is not searchable by others); chmod o+x the parent folders, set KD_PG_SHARED_ROOT to a folder it can reach, or set PGHOST/PGPORT/PGUSER"
    fi
    if [ ! -f "$pgdata/PG_VERSION" ]; then
        local port="${KD_PG_PORT:-54329}"
        while _kd_port_busy "$port"; do port=$((port + 1)); done
        echo "$port" >"$portfile"
        kd_say "PostgreSQL: creating the project-local cluster in $pgdata (port $port, owner $owner)"
        kd_pg_as "$bindir/initdb" -D "$pgdata" -U "$owner" -E UTF8 --locale=C.UTF-8 \
            --auth-local=peer --auth-host=scram-sha-256 >"$KD_LOCAL/initdb.log" 2>&1 ||
            kd_die "initdb failed (see $KD_LOCAL/initdb.log); remove $pgdata and retry, or set PGHOST/PGPORT/PGUSER"
    fi
    local port
    port="$(cat "$portfile" 2>/dev/null || echo "${KD_PG_PORT:-54329}")"
    if ! kd_pg_as "$bindir/pg_ctl" -D "$pgdata" status >/dev/null 2>&1; then
        if _kd_port_busy "$port"; then
            kd_die "port $port, recorded for the local PostgreSQL in $portfile, is used by another program; stop it or write a free port into $portfile"
        fi
        kd_say "PostgreSQL: starting the project-local cluster on 127.0.0.1:$port"
        kd_pg_as "$bindir/pg_ctl" -D "$pgdata" -l "$log" -w -t 60 -o \
            "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$run -c synchronous_commit=off" \
            start >/dev/null 2>&1 ||
            kd_die "the local PostgreSQL did not start: $(tail -n 1 "$log" 2>/dev/null); see $log"
    else
        kd_say "PostgreSQL: project-local cluster already running on 127.0.0.1:$port ($pgdata)"
    fi
    PGUSER="$(id -un)"
    export PGHOST="$run" PGPORT="$port" PGUSER
    KD_PG_MODE="local"
    KD_PG_BINDIR="$bindir"
    if kd_is_root; then
        # a superuser role for root, reached over the unix socket (peer authentication)
        local psql
        psql="$(_kd_psql_bin)" || kd_die "psql not found; install postgresql-client"
        if [ "$(cd / && runuser -u postgres -- "$psql" -XAtq -h "$run" -p "$port" -U postgres -d postgres \
            -c "SELECT 1 FROM pg_roles WHERE rolname = '$PGUSER'" 2>/dev/null)" != 1 ]; then
            (cd / && runuser -u postgres -- "$psql" -XAtq -h "$run" -p "$port" -U postgres -d postgres \
                -c "CREATE ROLE \"$PGUSER\" LOGIN SUPERUSER" >/dev/null) ||
                kd_die "could not create the database role $PGUSER in the local cluster; see $log"
        fi
    fi
}

_kd_psql_bin() {
    if [ -n "${KD_PG_BINDIR:-}" ] && [ -x "$KD_PG_BINDIR/psql" ]; then
        echo "$KD_PG_BINDIR/psql"
    else
        command -v psql
    fi
}

kd_pg_stop() {
    local bindir pgdata
    pgdata="$(_kd_pg_home)/pgdata"
    [ -f "$pgdata/PG_VERSION" ] || { kd_say "no project-local cluster in $pgdata"; return 0; }
    bindir="$(_kd_pg_bindir)" || kd_die "PostgreSQL binaries not found"
    kd_pg_as "$bindir/pg_ctl" -D "$pgdata" -m fast stop || true
}

# ---------------------------------------------------------------------------------------------
# 4. Python virtualenv
# ---------------------------------------------------------------------------------------------
kd_venv_path() {
    if [ -n "${KD_VENV:-}" ]; then
        echo "$KD_VENV"
    else
        echo "$KD_CACHE_DIR/venv-$(sha256sum "$KD_ROOT/requirements.txt" | cut -c1-12)"
    fi
}

kd_setup_venv() {
    KD_VENV_DIR="$(kd_venv_path)"
    if [ -n "${KD_VENV:-}" ]; then
        [ -x "$KD_VENV/bin/python" ] || kd_die "KD_VENV=$KD_VENV has no bin/python; unset KD_VENV or point it at a virtualenv"
        KD_PY="$KD_VENV/bin/python"
        kd_say "Python: $KD_VENV (from KD_VENV)"
        export KD_PY KD_VENV_DIR
        return 0
    fi
    KD_PY="$KD_VENV_DIR/bin/python"
    if [ -f "$KD_VENV_DIR/.kd-complete" ] && [ -x "$KD_PY" ]; then
        kd_say "Python: $KD_VENV_DIR (reused)"
        export KD_PY KD_VENV_DIR
        return 0
    fi
    mkdir -p "$KD_CACHE_DIR"
    (
        flock 9
        [ -f "$KD_VENV_DIR/.kd-complete" ] && exit 0
        local base="${KD_PYTHON:-python3}" log="$KD_VENV_DIR.log"
        command -v "$base" >/dev/null 2>&1 ||
            kd_die "no $base found; install Python 3.11 (apt-get install -y python3 python3-venv) or set KD_PYTHON"
        "$base" -c 'import sys; sys.exit(not ((3, 10) <= sys.version_info[:2] <= (3, 12)))' ||
            kd_die "$base is Python $("$base" -c 'import sys; print(sys.version.split()[0])'), Odoo 18 needs 3.10 to 3.12 (3.11 recommended); set KD_PYTHON to such an interpreter"
        "$base" -c 'import ensurepip, venv' 2>/dev/null || kd_apt_install python3-venv
        kd_say "Python: creating $KD_VENV_DIR with the pinned requirements (once; log in $log)"
        rm -rf "$KD_VENV_DIR"
        "$base" -m venv "$KD_VENV_DIR" >"$log" 2>&1 ||
            kd_die "creating the virtualenv failed (see $log); install python3-venv"
        {
            "$KD_VENV_DIR/bin/python" -m pip install -q --upgrade pip &&
                "$KD_VENV_DIR/bin/python" -m pip install -q "setuptools<70" wheel &&
                "$KD_VENV_DIR/bin/python" -m pip install -q -r "$KD_ROOT/requirements.txt"
        } >>"$log" 2>&1 ||
            kd_die "pip could not install requirements.txt into $KD_VENV_DIR: $(grep -E '^ERROR' "$log" | tail -n 1); see $log"
        touch "$KD_VENV_DIR/.kd-complete"
    ) 9>"$KD_VENV_DIR.lock" || exit 1
    kd_say "Python: $KD_VENV_DIR"
    export KD_PY KD_VENV_DIR
}

# ---------------------------------------------------------------------------------------------
# 5. Odoo configuration and database helpers
# ---------------------------------------------------------------------------------------------
kd_render_conf() {
    # $1: output file, $2: http port. Renders config/odoo.conf with this machine's values.
    local out="$1" http_port="${2:-8069}"
    mkdir -p "$(dirname "$out")" "$KD_LOCAL/data"
    local addons_path="$ODOO_PATH/odoo/addons"
    # a git checkout of Odoo keeps base in odoo/addons and the other apps in addons/
    [ -d "$ODOO_PATH/addons" ] && addons_path="$addons_path,$ODOO_PATH/addons"
    addons_path="$addons_path,$KD_ADDONS"
    "$KD_PY" - "$KD_ROOT/config/odoo.conf" "$out" <<EOF || kd_die "could not render $KD_ROOT/config/odoo.conf into $out"
import sys
values = {
    "ADDONS_PATH": "$addons_path",
    "DB_HOST": "${PGHOST}",
    "DB_PORT": "${PGPORT}",
    "DB_USER": "${PGUSER}",
    "DB_PASSWORD": "${PGPASSWORD:-False}",
    "DATA_DIR": "$KD_LOCAL/data",
    "HTTP_PORT": "$http_port",
}
text = open(sys.argv[1], encoding="utf-8").read()
for key, value in values.items():
    text = text.replace("@" + key + "@", value)
open(sys.argv[2], "w", encoding="utf-8").write(text)
EOF
}

kd_db() {
    # database helper (exists / modules-installed / drop / check), see scripts/kd_db.py
    "$KD_PY" "$KD_ROOT/scripts/kd_db.py" "$@"
}

kd_setup_env() {
    # $1: run|test
    mkdir -p "$KD_CACHE_DIR" "$KD_LOCAL/logs"
    kd_find_odoo
    kd_system_pkgs "${1:-run}"
    kd_setup_pg
    kd_setup_venv
    kd_db check ||
        kd_die "cannot connect to PostgreSQL as $PGUSER at $PGHOST:$PGPORT; check the server or PGHOST/PGPORT/PGUSER/PGPASSWORD"
}
