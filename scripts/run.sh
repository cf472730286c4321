#!/usr/bin/env bash
# `make run`: serve Kerja Sama Desa on http://127.0.0.1:8069 (database kerjasama_desa).
# The first run creates the database with the three addons, demo data and Indonesian;
# later runs keep the data and start at once. Extra arguments go to odoo-bin
# (e.g. `scripts/run.sh -u kerjasama_desa` to update the addon after pulling).
# Environment: KD_DB (database name), KD_HTTP_PORT (8069), and those of scripts/lib.sh.
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "$0")/lib.sh"

DB="${KD_DB:-kerjasama_desa}"
HTTP_PORT="${KD_HTTP_PORT:-8069}"
LANG_CODE="id_ID"

kd_setup_env run

CONF="$KD_LOCAL/odoo.conf"
kd_render_conf "$CONF" "$HTTP_PORT"
ODOO=("$KD_PY" "$ODOO_PATH/odoo-bin" -c "$CONF")

if _kd_port_busy "$HTTP_PORT"; then
    kd_die "port $HTTP_PORT is already in use (another Odoo running?); stop it or set KD_HTTP_PORT to a free port"
fi

if kd_db modules-installed "$DB" "$KD_MODULES"; then
    kd_say "Database $DB: ready (data kept)"
else
    log="$KD_LOCAL/logs/install-$DB.log"
    kd_say "Database $DB: installing $KD_MODULES with demo data and $LANG_CODE (log: $log) ..."
    if ! "${ODOO[@]}" -d "$DB" -i "$KD_MODULES" --load-language="$LANG_CODE" \
        --stop-after-init --no-http --logfile="$log" ||
        grep -Eq '^[0-9-]+ [0-9:,]+ [0-9]+ (ERROR|CRITICAL) ' "$log"; then
        grep -E -A3 '^[0-9-]+ [0-9:,]+ [0-9]+ (ERROR|CRITICAL) ' "$log" | head -n 20 >&2 || true
        kd_die "installing the addons into database $DB failed (see $log); fix the error, then drop the database (dropdb $DB) or rerun"
    fi
    kd_say "Database $DB: setting the language of the administrator and the demo users to $LANG_CODE"
    "$KD_PY" "$ODOO_PATH/odoo-bin" shell -c "$CONF" -d "$DB" --no-http --log-level=warn >>"$log" 2>&1 <<PY ||
lang = env["res.lang"]._activate_lang("$LANG_CODE")
env["res.users"].with_context(active_test=False).search([("share", "=", False)]).write({"lang": "$LANG_CODE"})
env.cr.commit()
PY
        kd_die "setting the language of the users failed (see $log)"
fi

kd_say "Kerja Sama Desa: http://127.0.0.1:$HTTP_PORT  login: admin  password: admin  (database $DB; Ctrl+C stops)"
exec "${ODOO[@]}" -d "$DB" --db-filter="^$DB\$" --http-interface=127.0.0.1 --http-port="$HTTP_PORT" "$@"
