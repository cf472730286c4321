#!/usr/bin/env bash
# `make test`: every test of the suite, ending with one line "N passed, N failed".
#
# 1. environment as for `make run` (Odoo 18.0, PostgreSQL, virtualenv, chromium, ...);
# 2. a throwaway database: installs the three addons with --test-enable (at_install and
#    post_install tests, browser tours included), log in .local/logs/, parsed by
#    scripts/odoo_test_log.py (failed tests, browser tests skipped, ERROR/CRITICAL lines);
# 3. pytest on tests/ (tooling tests + cross-addon checks on that database, KD_TEST_DB);
# 4. the database is dropped; 5. lint (scripts/lint.sh: ruff, ruff format, pylint-odoo).
# Exit status non-zero on any failure. Environment: KD_KEEP_DB=1 keeps the test database.
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "$0")/lib.sh"

T0=$(date +%s)
FINAL_PRINTED=""
DB=""
on_exit() {
    local rc=$?
    if [ -n "$DB" ] && [ -z "${KD_KEEP_DB:-}" ]; then
        kd_db drop "$DB" >/dev/null 2>&1 || true
        rm -rf "$KD_LOCAL/data/filestore/$DB"
    fi
    if [ -z "$FINAL_PRINTED" ]; then
        # the environment could not be set up (message above): still end with the count line
        echo "0 passed, 1 failed"
        [ "$rc" -eq 0 ] && rc=1
    fi
    exit "$rc"
}
trap on_exit EXIT
trap 'exit 130' INT TERM

kd_setup_env test

STAMP="$(date +%Y%m%d-%H%M%S)"
DB="kd_test_${STAMP//-/_}_$$"
LOGDIR="$KD_LOCAL/logs"
LOG="$LOGDIR/test-$STAMP.log"
ln -sfn "$(basename "$LOG")" "$LOGDIR/test-latest.log"
HTTP_PORT="$("$KD_PY" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
CONF="$KD_LOCAL/odoo-test.conf"
kd_render_conf "$CONF" "$HTTP_PORT"
TAGS="/${KD_MODULES//,/,/}"

kd_say "Odoo tests: database $DB, tags $TAGS, http port $HTTP_PORT, log $LOG"
set +e
"$KD_PY" "$ODOO_PATH/odoo-bin" -c "$CONF" -d "$DB" -i "$KD_MODULES" \
    --test-enable --test-tags "$TAGS" --stop-after-init --load-language=id_ID \
    --http-interface=127.0.0.1 --http-port="$HTTP_PORT" --log-level=info --max-cron-threads=0 \
    2>&1 | tee "$LOG"
ODOO_RC=${PIPESTATUS[0]}
set -e
T_ODOO=$(($(date +%s) - T0))

echo
kd_say "Odoo test report (odoo-bin exit status $ODOO_RC)"
"$KD_PY" "$KD_ROOT/scripts/odoo_test_log.py" "$LOG" --returncode "$ODOO_RC" | tee "$LOGDIR/odoo-report.txt" || true
read -r ODOO_PASSED ODOO_FAILED < <(sed -n 's/^KD_COUNTS passed=\([0-9]*\) failed=\([0-9]*\)$/\1 \2/p' "$LOGDIR/odoo-report.txt") || true
ODOO_PASSED=${ODOO_PASSED:-0}
ODOO_FAILED=${ODOO_FAILED:-1}

echo
kd_say "pytest tests/ (KD_TEST_DB=$DB)"
JUNIT="$LOGDIR/pytest-$STAMP.xml"
set +e
(cd "$KD_ROOT" && KD_TEST_DB="$DB" KD_TEST_CONF="$CONF" "$KD_PY" -m pytest tests/ -q -rs --junitxml="$JUNIT")
PYTEST_RC=$?
set -e
read -r PY_TESTS PY_FAILED PY_SKIPPED < <("$KD_PY" "$KD_ROOT/scripts/junit_counts.py" "$JUNIT") || true
PY_PASSED=$((PY_TESTS - PY_FAILED - PY_SKIPPED))
# a skipped pytest test (e.g. no database given) is a failure here: never a silent skip
PY_FAILED=$((PY_FAILED + PY_SKIPPED))
if [ "$PYTEST_RC" -ne 0 ] && [ "$PY_FAILED" -eq 0 ]; then PY_FAILED=1; fi

if [ -z "${KD_KEEP_DB:-}" ]; then
    kd_db drop "$DB" || kd_warn "could not drop the test database $DB"
    rm -rf "$KD_LOCAL/data/filestore/$DB"
else
    kd_say "KD_KEEP_DB set: test database $DB kept"
fi
DB=""

echo
kd_say "lint"
set +e
"$KD_ROOT/scripts/lint.sh" | tee "$LOGDIR/lint.txt"
set -e
read -r LINT_FAILED LINT_TOOLS < <(sed -n 's/^KD_LINT failed=\([0-9]*\) tools=\(.*\)$/\1 \2/p' "$LOGDIR/lint.txt") || true
LINT_FAILED=${LINT_FAILED:-1}

PASSED=$((ODOO_PASSED + PY_PASSED))
FAILED=$((ODOO_FAILED + PY_FAILED + LINT_FAILED))
echo
kd_say "Summary ($(($(date +%s) - T0))s, Odoo part ${T_ODOO}s; log $LOG)"
echo "    Odoo tests: $ODOO_PASSED passed, $ODOO_FAILED failed"
echo "    pytest:     $PY_PASSED passed, $PY_FAILED failed$([ "$PY_SKIPPED" -gt 0 ] && echo " ($PY_SKIPPED skipped, counted as failed)")"
echo "    lint:       $LINT_FAILED failed${LINT_TOOLS:+ ($LINT_TOOLS)}"
FINAL_PRINTED=1
echo "$PASSED passed, $FAILED failed"
[ "$FAILED" -eq 0 ]
