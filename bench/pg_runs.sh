#!/usr/bin/env bash
# The match and the judgment of two binaries on PostgreSQL, alternately, each
# run on its own fresh copy (CREATE DATABASE … TEMPLATE) of one database
# loaded once by the imports of bench/pipeline.sh. Prints each run's wall
# seconds and peak RSS, the judge's steps (`--json`, stderr), and an md5 of
# the stored matches, judgments and counts, which must agree between the
# binaries. Run it beside a server:
#
#   scripts/with-postgres --durable bench/pg_runs.sh OLD_ANJU NEW_ANJU DATA [ROUNDS]
#
# DATA is a folder `anju gen` wrote; ANJU_PG_OPTIONS sets the server's memory.
set -euo pipefail
OLD=$(realpath "${1:?usage: bench/pg_runs.sh OLD NEW DATA [ROUNDS]}")
NEW=$(realpath "${2:?usage}")
DATA=$(realpath "${3:?usage}")
ROUNDS=${4:-2}
PG=${ANJU_TEST_PG:?run inside scripts/with-postgres}
WORK=$(mktemp -d /tmp/anju-bench-pg-runs.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
sql() { PGOPTIONS=--client-min-messages=warning psql -qtA -v ON_ERROR_STOP=1 "$@"; }
digest() {  # url: what the runs stored, as md5s
  sql "$1" \
    -c "SELECT md5(string_agg(household_id || outcome || coalesce(parcel_id, '') || candidates || shared::text
          || parcel_not_found::text, ',' ORDER BY household_id)) FROM matches" \
    -c "SELECT md5(string_agg(household_id || result || reasons || coalesce(evidence_id, ''), ','
          ORDER BY household_id)) FROM judgments" \
    -c "SELECT md5(string_agg(region_code || counts, ',' ORDER BY region_code, leaf)) FROM region_counts" |
    tr '\n' ' '
}

sql "$PG/postgres" -c "CREATE DATABASE runs_base"
A=("$OLD" --db "$PG/runs_base" --progress none)
started=$(date +%s)
"${A[@]}" import regions "$DATA/regions.csv" >/dev/null
"${A[@]}" import households "$DATA/households.csv" >/dev/null
"${A[@]}" import buildings "$(ls "$DATA"/buildings.* | head -1)" >/dev/null
for s in census selfbuilt monitoring appraisal; do
  "${A[@]}" import evidence "$DATA/evidence_$s.csv" --source "$s" >/dev/null
done
"${A[@]}" import disasters "$DATA/disasters.csv" >/dev/null
sql "$PG/runs_base" -c "VACUUM ANALYZE"
echo "loaded in $(($(date +%s) - started)) s"

for ((i = 1; i <= ROUNDS; ++i)); do
  for which in old new; do
    bin=$OLD
    [ "$which" = new ] && bin=$NEW
    sql "$PG/postgres" -c "DROP DATABASE IF EXISTS runs_copy" -c "CREATE DATABASE runs_copy TEMPLATE runs_base"
    url="$PG/runs_copy"
    sync
    echo 3 >/proc/sys/vm/drop_caches 2>/dev/null || echo "  (page cache not dropped: not root)"
    /usr/bin/time -f "%e %M" -o "$WORK/m" "$bin" --db "$url" --progress none match >/dev/null
    /usr/bin/time -f "%e %M" -o "$WORK/j" "$bin" --db "$url" --progress none --json judge --as-of 2024-10-13 \
      >"$WORK/judged_$which" 2>"$WORK/steps"
    read -r ms mk <"$WORK/m"
    read -r js jk <"$WORK/j"
    steps=$(head -1 "$WORK/steps" | python3 -c \
      'import json,sys; print(" ".join("%s=%.2f" % (s["step"], s["seconds"]) for s in json.load(sys.stdin)["steps"]))')
    echo "$which $i: match ${ms} s $((mk / 1024)) MB, judge ${js} s $((jk / 1024)) MB ($steps)"
    got="$(digest "$url") $(md5sum <"$WORK/judged_$which" | cut -c1-32)"
    echo "  stored, then printed: $got"
    if [ -z "${first:-}" ]; then
      first=$got
    elif [ "$got" != "$first" ]; then
      echo "pg_runs: the runs differ from the first one" >&2
      exit 1
    fi
  done
done
