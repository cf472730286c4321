#!/bin/sh
# Entrypoint of the Kerja Sama Desa image (docker/Dockerfile): sets the Odoo master password
# (admin_passwd, the password of the database manager) from the environment, never from the
# image, then runs the official entrypoint of odoo:18.0 with the same arguments.
#
# The master password comes from, in this order:
#   ODOO_ADMIN_PASSWD         the password itself
#   ODOO_ADMIN_PASSWD_FILE    a file holding it (e.g. a Docker secret, /run/secrets/...)
#   neither                   the one stored in the data volume (KD_ADMIN_PASSWD_STORE), or, at
#                             the first start, a new random one stored there (mode 600) and
#                             printed once
# A known default ("admin", "odoo", "change-me", ...), a password shorter than 12 characters,
# an empty value or both variables at once stop the container: one line
# "ERROR: what went wrong; what to do" on stderr and exit status 1.
#
# The effective configuration is the image's (KD_ODOO_CONF) with the admin_passwd line(s)
# replaced, written to KD_RUNTIME_CONF (mode 600); the official entrypoint and Odoo get it as
# ODOO_RC and, for the server and the subcommands reading a configuration, as `-c <file>`.
# Every argument is passed on as given, so `odoo -d db -i module --stop-after-init`,
# `odoo shell -d db`, `odoo scaffold ...` and `bash` work as with the official image.
#
# Paths and the exec target can be overridden (tests/test_docker_entrypoint.py runs this script
# outside any container): KD_ODOO_CONF (/etc/odoo/odoo.conf), KD_RUNTIME_CONF
# (/run/kerjasama_desa/odoo.conf), KD_ADMIN_PASSWD_STORE (/var/lib/odoo/.admin_passwd),
# KD_ODOO_ENTRYPOINT (/entrypoint.sh).
set -eu

KD_ODOO_CONF="${KD_ODOO_CONF:-/etc/odoo/odoo.conf}"
KD_RUNTIME_CONF="${KD_RUNTIME_CONF:-/run/kerjasama_desa/odoo.conf}"
KD_ADMIN_PASSWD_STORE="${KD_ADMIN_PASSWD_STORE:-/var/lib/odoo/.admin_passwd}"
KD_ODOO_ENTRYPOINT="${KD_ODOO_ENTRYPOINT:-/entrypoint.sh}"
MIN_LENGTH=12
TAB="$(printf '\t')"
# how to set a good one, appended to the errors about the environment
HINT="set ODOO_ADMIN_PASSWD (docker/.env) to a strong password of $MIN_LENGTH or more characters (e.g. the output of: openssl rand -base64 24), or unset it to have one generated at the first start"

say() { printf 'kd-entrypoint: %s\n' "$*" >&2; }
die() {
    printf 'ERROR: %s\n' "$*" >&2
    exit 1
}

# check_passwd VALUE WHERE HOW: stop unless VALUE is acceptable as a master password
check_passwd() {
    case "$1" in
        "") die "$2 is empty; $3" ;;
        *"
"* | *"$(printf '\r')"*) die "$2 contains a line break; $3" ;;
        [[:space:]]* | *[[:space:]]) die "$2 starts or ends with a space (Odoo would drop it); $3" ;;
    esac
    normalized="$(printf '%s' "$1" | tr '[:upper:]' '[:lower:]' | tr -d ' ._-')"
    case "$normalized" in
        *changeme* | *changeit* | *yourpassword*)
            die "$2 is a placeholder, not a password; $3" ;;
        admin | administrator | odoo | odoo18 | odoo180 | password | passwd | secret | master | \
            masterpassword | adminpassword | odoopassword | kerjasama | kerjasamadesa | \
            123456789012 | qwertyuiop | qwertyuiopas)
            die "$2 is a known default password; $3" ;;
    esac
    [ "${#1}" -ge "$MIN_LENGTH" ] || die "$2 is shorter than $MIN_LENGTH characters; $3"
}

generate_passwd() {
    # 24 random bytes, base64 with the URL-safe alphabet: 32 characters, 192 bits
    head -c 24 /dev/urandom | base64 | tr '+/' '-_'
}

# --- the master password ----------------------------------------------------------------------
if [ -n "${ODOO_ADMIN_PASSWD+set}" ] && [ -n "${ODOO_ADMIN_PASSWD_FILE+set}" ]; then
    die "both ODOO_ADMIN_PASSWD and ODOO_ADMIN_PASSWD_FILE are set; keep only one of them"
fi
from_env=""
generated=""
if [ -n "${ODOO_ADMIN_PASSWD+set}" ]; then
    passwd="$ODOO_ADMIN_PASSWD"
    check_passwd "$passwd" "ODOO_ADMIN_PASSWD" "$HINT"
    source_name="ODOO_ADMIN_PASSWD"
    from_env=1
elif [ -n "${ODOO_ADMIN_PASSWD_FILE+set}" ]; then
    file="$ODOO_ADMIN_PASSWD_FILE"
    [ -n "$file" ] ||
        die "ODOO_ADMIN_PASSWD_FILE is set but empty; set it to the path of a file holding the master password, or unset it"
    if [ ! -f "$file" ] || [ ! -r "$file" ]; then
        die "ODOO_ADMIN_PASSWD_FILE=$file is not a readable file; mount the secret there (compose: secrets) or fix the path"
    fi
    passwd="$(cat "$file")" # without its trailing newline(s)
    check_passwd "$passwd" "the file of ODOO_ADMIN_PASSWD_FILE ($file)" \
        "put a strong password of $MIN_LENGTH or more characters in it (e.g. the output of: openssl rand -base64 24)"
    source_name="ODOO_ADMIN_PASSWD_FILE ($file)"
    from_env=1
elif [ -e "$KD_ADMIN_PASSWD_STORE" ]; then
    if [ ! -f "$KD_ADMIN_PASSWD_STORE" ] || [ ! -r "$KD_ADMIN_PASSWD_STORE" ]; then
        die "$KD_ADMIN_PASSWD_STORE (the stored master password) is not a readable file; make it readable by the user of the container (uid $(id -u)) or set ODOO_ADMIN_PASSWD"
    fi
    passwd="$(cat "$KD_ADMIN_PASSWD_STORE")"
    check_passwd "$passwd" "the stored master password $KD_ADMIN_PASSWD_STORE" \
        "delete the file to have a new one generated at the next start, or set ODOO_ADMIN_PASSWD"
    chmod 600 "$KD_ADMIN_PASSWD_STORE" 2>/dev/null || say "cannot restrict $KD_ADMIN_PASSWD_STORE to mode 600"
    source_name="$KD_ADMIN_PASSWD_STORE (generated at the first start)"
else
    passwd="$(generate_passwd)"
    [ "${#passwd}" -eq 32 ] ||
        die "could not generate a master password (no /dev/urandom, head or base64?); set ODOO_ADMIN_PASSWD"
    store_dir="$(dirname "$KD_ADMIN_PASSWD_STORE")"
    tmp="$KD_ADMIN_PASSWD_STORE.tmp.$$"
    if ! (umask 077 && mkdir -p "$store_dir" && printf '%s\n' "$passwd" >"$tmp" &&
        chmod 600 "$tmp" && mv -f "$tmp" "$KD_ADMIN_PASSWD_STORE") 2>/dev/null; then
        rm -f "$tmp" 2>/dev/null || true
        die "cannot store a generated master password in $KD_ADMIN_PASSWD_STORE; make $store_dir (the data volume) writable by the user of the container (uid $(id -u)), or set ODOO_ADMIN_PASSWD"
    fi
    generated=1
    source_name="$KD_ADMIN_PASSWD_STORE (generated now)"
fi
if [ -n "$from_env" ] && [ -e "$KD_ADMIN_PASSWD_STORE" ]; then
    say "$KD_ADMIN_PASSWD_STORE (a master password generated earlier) is not used while $source_name is set; delete it"
fi

# --- the effective configuration --------------------------------------------------------------
if [ ! -f "$KD_ODOO_CONF" ] || [ ! -r "$KD_ODOO_CONF" ]; then
    die "the Odoo configuration $KD_ODOO_CONF is missing or unreadable; mount docker/odoo.conf there (see docker/docker-compose.yml) or set KD_ODOO_CONF"
fi
grep -Eq '^[[:space:]]*\[options\]' "$KD_ODOO_CONF" ||
    die "$KD_ODOO_CONF has no [options] section; start from docker/odoo.conf"
render() {
    printf '; Written by kd-entrypoint.sh at each start from %s, with the master password from %s.\n' \
        "$KD_ODOO_CONF" "$source_name"
    printf '; Do not edit: edit %s (docker/odoo.conf) instead.\n' "$KD_ODOO_CONF"
    while IFS= read -r line || [ -n "$line" ]; do
        trimmed="${line#"${line%%[![:space:]]*}"}"
        case "$trimmed" in
            admin_passwd=* | admin_passwd:* | "admin_passwd "* | "admin_passwd$TAB"*)
                case "$trimmed" in
                    *[=:]*[![:space:]]*)
                        say "the admin_passwd of $KD_ODOO_CONF is ignored (the master password comes from $source_name)" ;;
                esac
                continue ;;
        esac
        printf '%s\n' "$line"
        case "$trimmed" in
            "[options]"*) printf 'admin_passwd = %s\n' "$passwd" ;;
        esac
    done <"$KD_ODOO_CONF"
}
runtime_dir="$(dirname "$KD_RUNTIME_CONF")"
tmp="$KD_RUNTIME_CONF.tmp.$$"
# created empty with mode 600 before the password is written into it
(umask 077 && mkdir -p "$runtime_dir" && : >"$tmp" && chmod 600 "$tmp") 2>/dev/null ||
    die "cannot write the runtime configuration $KD_RUNTIME_CONF; make $runtime_dir writable by the user of the container (uid $(id -u)) or set KD_RUNTIME_CONF to a writable path"
render >"$tmp"
mv -f "$tmp" "$KD_RUNTIME_CONF" ||
    die "cannot write the runtime configuration $KD_RUNTIME_CONF; make $runtime_dir writable by the user of the container (uid $(id -u)) or set KD_RUNTIME_CONF to a writable path"

if [ -n "$generated" ]; then
    say "generated the Odoo master password (database manager) and stored it in $KD_ADMIN_PASSWD_STORE (mode 600); it is shown only this once:"
    say "    $passwd"
else
    say "Odoo master password from $source_name"
fi
unset passwd ODOO_ADMIN_PASSWD ODOO_ADMIN_PASSWD_FILE
export ODOO_RC="$KD_RUNTIME_CONF"

# --- hand over to the official entrypoint, with `-c <runtime conf>` where Odoo reads it ----------
case "${1:-}" in
    odoo | --)
        command="$1"
        shift
        case "${1:-}" in
            "" | -*) set -- "$command" -c "$KD_RUNTIME_CONF" "$@" ;;
            # the subcommands that parse the server options (`odoo scaffold`, `odoo help`, ...
            # take none: passed on unchanged, they still see ODOO_RC)
            server | shell | populate | neutralize | cloc | db)
                subcommand="$1"
                shift
                set -- "$command" "$subcommand" -c "$KD_RUNTIME_CONF" "$@"
                ;;
            *) set -- "$command" "$@" ;;
        esac
        ;;
    -*) set -- -c "$KD_RUNTIME_CONF" "$@" ;;
esac
exec "$KD_ODOO_ENTRYPOINT" "$@"
