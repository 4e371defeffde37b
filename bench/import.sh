#!/usr/bin/env bash
# Roster import benchmark: time and peak RSS of `anju import households` on a
# generated roster of N households, next to a reference run in the same
# session: the sqlite3 shell's `.import` of the same CSV into an untyped table
# (no validation, no indexes), i.e. the cost of just moving the bytes into
# SQLite on this machine.
#
# Usage: bench/import.sh [N] [ANJU_BINARY]     (default N = 1000000)
set -euo pipefail
N=${1:-1000000}
ANJU=${2:-$(dirname "$0")/../build/anju}
ANJU=$(realpath "$ANJU")
WORK=$(mktemp -d /tmp/anju-bench-import.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
cd "$WORK"

measure() {  # label, command… → "label seconds peak_mb"
  local label=$1; shift
  /usr/bin/time -f "%e %M" -o t.txt "$@" >/dev/null 2>err.txt || { cat err.txt; exit 1; }
  read -r secs kb < t.txt
  echo "$label $secs $((kb / 1024))"
}

"$ANJU" gen --households "$N" --seed 1 --out data >/dev/null
"$ANJU" --db anju.db --progress none import regions data/regions.csv >/dev/null
size_mb=$(( $(stat -c %s data/households.csv) / 1024 / 1024 ))

results=()
results+=("$(measure anju_import_fresh "$ANJU" --db anju.db --progress none import households data/households.csv)")
results+=("$(measure anju_reimport_unchanged "$ANJU" --db anju.db --progress none import households data/households.csv)")
tail -n +2 data/households.csv > body.csv
results+=("$(measure sqlite3_dot_import sqlite3 ref.db '.mode csv' 'CREATE TABLE h(a,b,c,d,e,f,g,h,i,j,k,l,m,n,o);' '.import body.csv h')")

ref=$(echo "${results[2]}" | awk '{print $2}')
echo "roster import, N=$N households ($size_mb MB CSV), $(nproc) cores, $(date -u +%F)"
printf '%-26s %9s %9s %10s\n' step seconds peak_MB vs_ref
for r in "${results[@]}"; do
  set -- $r
  printf '%-26s %9s %9s %10s\n' "$1" "$2" "$3" "$(awk -v a="$2" -v b="$ref" 'BEGIN{printf "%.2fx", a/b}')"
done
