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
. "$(dirname "$0")/lib.sh"
WORK=$(mktemp -d /tmp/anju-bench-import.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
cd "$WORK"

"$ANJU" gen --households "$N" --seed 1 --out data >/dev/null
"$ANJU" --db anju.db --progress none import regions data/regions.csv >/dev/null
size_mb=$(( $(stat -c %s data/households.csv) / 1024 / 1024 ))

results=()
timed "$ANJU" --db anju.db --progress none import households data/households.csv
results+=("anju_import_fresh $SECS $MB")
timed "$ANJU" --db anju.db --progress none import households data/households.csv
results+=("anju_reimport_unchanged $SECS $MB")
tail -n +2 data/households.csv > body.csv
timed sqlite3 ref.db '.mode csv' 'CREATE TABLE h(a,b,c,d,e,f,g,h,i,j,k,l,m,n,o);' '.import body.csv h'
results+=("sqlite3_dot_import $SECS $MB")

echo "roster import, N=$N households ($size_mb MB CSV), $(nproc) cores, $(date -u +%F)"
table_vs_last "${results[@]}"
