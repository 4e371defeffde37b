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
TABLE=$(dirname "$ANJU")/share/anju/divisions-2023.csv
WORK=$(mktemp -d /tmp/anju-bench-divisions.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
cd "$WORK"

measure() {  # label, command… → "label seconds peak_mb"
  local label=$1; shift
  /usr/bin/time -f "%e %M" -o t.txt "$@" >/dev/null 2>err.txt || { cat err.txt; exit 1; }
  read -r secs kb < t.txt
  echo "$label $secs $((kb / 1024))"
}

results=()
results+=("$(measure anju_builtin_fresh "$ANJU" --db anju.db --progress none import regions --builtin)")
results+=("$(measure anju_builtin_again "$ANJU" --db anju.db --progress none import regions --builtin)")
tail -n +2 "$TABLE" > body.csv
results+=("$(measure sqlite3_dot_import sqlite3 ref.db '.mode csv' 'CREATE TABLE r(code, name);' '.import body.csv r')")
regions=$(sqlite3 anju.db 'SELECT count(*) FROM regions')

ref=$(echo "${results[2]}" | awk '{print $2}')
echo "national division table, $regions regions stored, $(nproc) cores, $(date -u +%F)"
printf '%-22s %9s %9s %10s\n' step seconds peak_MB vs_ref
for r in "${results[@]}"; do
  set -- $r
  printf '%-22s %9s %9s %10s\n' "$1" "$2" "$3" "$(awk -v a="$2" -v b="$ref" 'BEGIN{printf "%.2fx", a/b}')"
done
