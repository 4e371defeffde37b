#!/usr/bin/env bash
# Whole-pipeline benchmark (issue: census link and judgment): generates N
# households with `anju gen`, then times each step as its own process with
# /usr/bin/time (wall seconds, peak RSS): import of regions, households,
# buildings, four evidence sources and disasters; match; judge. Next to it,
# in the same run, a reference: the sqlite3 shell loading the same
# households CSV (no validation, no indexes), to express times as ratios on
# this machine. On SQLite it then runs bench/floor.sh on the filled database:
# the sqlite3 shell copying the tables the pipeline wrote, the least time any
# pipeline needs to write them here.
#
# Usage: bench/pipeline.sh N [--db URL] [--keep DIR] [--data DIR]
#   --keep DIR  work in DIR and keep it; --data DIR reuse files made by `anju gen`
set -euo pipefail
N=${1:?usage: bench/pipeline.sh N [--db URL] [--keep DIR]}
shift
DB_URL=""
KEEP=""
DATA=""
while (($#)); do
  case $1 in
    --data) DATA=$(realpath "$2"); shift 2 ;;
    --db) DB_URL=$2; shift 2 ;;
    --keep) KEEP=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
BENCH=$(dirname "$(realpath "$0")")
ANJU=$(realpath "${ANJU:-$BENCH/../build/anju}")
. "$BENCH/lib.sh"
WORK=${KEEP:-$(mktemp -d /tmp/anju-bench-pipeline.XXXXXX)}
mkdir -p "$WORK"
[ -n "$KEEP" ] || trap 'rm -rf "$WORK"' EXIT
cd "$WORK"
DB=${DB_URL:-sqlite:$WORK/pipeline.db}
rm -f pipeline.db pipeline.db-wal pipeline.db-shm ref.db

rows=()
step() {  # label, command…
  local label=$1
  shift
  timed "$@"
  rows+=("$label $SECS $MB")
}

if [ -n "$DATA" ]; then
  [ "$DATA" = "$WORK/data" ] || { rm -rf data; ln -s "$DATA" data; }
  rows+=("gen(reused) 0 0")
else
  step gen "$ANJU" gen --households "$N" --seed 1 --out data
fi
BUILDINGS=$(buildings_file)
A=("$ANJU" --db "$DB" --progress none)
step import_regions "${A[@]}" import regions data/regions.csv
step import_households "${A[@]}" import households data/households.csv
step import_buildings "${A[@]}" import buildings "$BUILDINGS"
for s in census selfbuilt monitoring appraisal; do
  step "import_evidence_$s" "${A[@]}" import evidence "data/evidence_$s.csv" --source "$s"
done
step import_disasters "${A[@]}" import disasters data/disasters.csv
step match "${A[@]}" match
step judge "${A[@]}" judge --as-of 2024-10-13
tail -n +2 data/households.csv > body.csv
step reference_sqlite3_import sqlite3 ref.db '.mode csv' \
  'CREATE TABLE h(a,b,c,d,e,f,g,h,i,j,k,l,m,n,o);' '.import body.csv h'

nb=$(grep -c . data/evidence_census.csv || true)
echo "pipeline, N=$N households, $(nproc) cores, $(date -u +%F), db ${DB_URL:-sqlite}"
printf '%-28s %9s %9s\n' step seconds peak_MB
total=0
peak=0
ref=0
for r in "${rows[@]}"; do
  set -- $r
  printf '%-28s %9s %9s\n' "$1" "$2" "$3"
  case $1 in
    gen*|reference_*) [ "$1" = reference_sqlite3_import ] && ref=$2 ;;
    *) total=$(awk -v a="$total" -v b="$2" 'BEGIN{print a+b}'); ((peak < $3)) && peak=$3 ;;
  esac
done
printf '%-28s %9s %9s\n' "pipeline_total(import..judge)" "$total" "$peak"
awk -v t="$total" -v r="$ref" 'BEGIN{printf "pipeline / reference households load = %.1fx\n", t/r}'
if [ -z "$DB_URL" ]; then
  "$BENCH/floor.sh" "$WORK/pipeline.db" | tee floor.txt
  floor=$(awk '$1 == "floor_total" {print $2}' floor.txt)
  awk -v t="$total" -v f="$floor" 'BEGIN{printf "pipeline / storage floor = %.1fx\n", t/f}'
fi
