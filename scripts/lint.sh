#!/usr/bin/env bash
# `make lint`: ruff (check + format --check) on addons/, scripts/, tests/, and pylint-odoo
# (the OCA mandatory checks of .pylintrc) on the three addons.
# Prints one line per tool and, last, "KD_LINT failed=N tools=<names of failing tools>".
# Exit status 1 when a tool failed. `scripts/lint.sh --fix` fixes what ruff can fix first.
set -uo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "$0")/lib.sh"
cd "$KD_ROOT" || exit 1

if [ -z "${KD_PY:-}" ]; then
    KD_VENV_DIR="$(kd_venv_path)"
    [ -x "$KD_VENV_DIR/bin/ruff" ] ||
        kd_die "no virtualenv with the lint tools at $KD_VENV_DIR; run make test once (it creates it)"
else
    KD_VENV_DIR="$(dirname "$(dirname "$KD_PY")")"
fi
BIN="$KD_VENV_DIR/bin"
PATHS=(addons scripts tests)
ADDONS=()
for manifest in addons/*/__manifest__.py; do ADDONS+=("$(dirname "$manifest")"); done

if [ "${1:-}" = --fix ]; then
    "$BIN/ruff" check --fix --quiet "${PATHS[@]}"
    "$BIN/ruff" format --quiet "${PATHS[@]}"
fi

failed=()
run_tool() {
    local name="$1"
    shift
    local out
    if out="$("$@" 2>&1)"; then
        echo "lint: $name ok"
    else
        echo "lint: $name FAILED"
        printf '%s\n' "$out" | sed 's/^/    /' | head -n 60
        failed+=("$name")
    fi
}
run_tool ruff-check "$BIN/ruff" check --no-fix --output-format=concise "${PATHS[@]}"
run_tool ruff-format "$BIN/ruff" format --check "${PATHS[@]}"
run_tool pylint-odoo "$BIN/pylint" --rcfile=.pylintrc "${ADDONS[@]}"

echo "KD_LINT failed=${#failed[@]} tools=$(IFS=,; echo "${failed[*]}")"
[ ${#failed[@]} -eq 0 ]
