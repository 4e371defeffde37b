#!/usr/bin/env bash
# The national division table: time and peak RSS of `anju import regions
# --builtin` (665,276 rows into an empty database), then of the same import
# again (nothing changed), next to a reference run in the same session: the
# sqlite3 shell's `.import` of the same table into an untyped table (no
# validation, no indexes).
#
# Usage: bench/divisions.sh [ANJU_BINARY]
set -euo pipefail
ANJU=${1:-$(dirname "$0")/../build/anju}
ANJU=$(realpath "$ANJU")
. "$(dirname "$0")/lib.sh"
TABLE=$(dirname "$ANJU")/share/anju/divisions-2023.csv
WORK=$(mktemp -d /tmp/anju-bench-divisions.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
cd "$WORK"

results=()
timed "$ANJU" --db anju.db --progress none import regions --builtin
results+=("anju_builtin_fresh $SECS $MB")
timed "$ANJU" --db anju.db --progress none import regions --builtin
results+=("anju_builtin_again $SECS $MB")
tail -n +2 "$TABLE" > body.csv
timed sqlite3 ref.db '.mode csv' 'CREATE TABLE r(code, name);' '.import body.csv r'
results+=("sqlite3_dot_import $SECS $MB")
regions=$(sqlite3 anju.db 'SELECT count(*) FROM regions')

echo "national division table, $regions regions stored, $(nproc) cores, $(date -u +%F)"
table_vs_last "${results[@]}"
