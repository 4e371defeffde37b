#!/usr/bin/env bash
# Town offices at once (issue: every office in its own region): eight towns
# of different counties run 初判 at the same time on PostgreSQL, against one
# of them alone, same database, same run. Each `anju judge --region` is its
# own process; the group's wall time is from the first start to the last
# end. Goal: eight at once ≤ 2× one.
#
# Usage: scripts/with-postgres bash -c 'bench/towns_at_once.sh "$ANJU_TEST_PG/postgres" [N]'
#   N: households to generate and load first (default 300000: eight counties
#   of the generator's); the database
#   is filled by bench/pipeline.sh.
set -euo pipefail
DB=${1:?usage: bench/towns_at_once.sh POSTGRES_URL [N]}
N=${2:-300000}
BENCH=$(dirname "$(realpath "$0")")
ANJU=$(realpath "${ANJU:-$BENCH/../build/anju}")
export ANJU
WORK=$(mktemp -d /tmp/anju-bench-towns.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
cd "$WORK"  # the steps' log and the store's key files stay here
"$BENCH/pipeline.sh" "$N" --db "$DB" > /dev/null

# Eight towns, each of another county, the largest of each.
mapfile -t TOWNS < <(psql -At "$DB" -c "
  SELECT town FROM (
    SELECT substr(region_code, 1, 9) || '000' AS town, count(*) AS n,
           row_number() OVER (PARTITION BY substr(region_code, 1, 6) ORDER BY count(*) DESC) AS k
    FROM households GROUP BY 1, substr(region_code, 1, 6)) t
  WHERE k = 1 ORDER BY n DESC LIMIT 8")
[ "${#TOWNS[@]}" -eq 8 ] || { echo "fewer than eight counties with households" >&2; exit 1; }

judge() {  # town [as-of]
  "$ANJU" --db "$DB" --progress none judge --region "$1" --as-of "${2:-2024-10-13}" > /dev/null 2>> judge-steps.txt
}
now() { date +%s.%N; }

echo "towns at once, PostgreSQL, $N households, $(nproc) cores, $(date -u +%F)"
# The towns' runs with a later as-of date, at once: their judgments change,
# so each moves the counts of the country and its province and they race
# for those rows; a run that loses begins again (service/retry.h) and none
# may fail. Then back to the pipeline's date, one town and eight at once.
start=$(now)
pids=()
for t in "${TOWNS[@]}"; do judge "$t" 2026-06-30 & pids+=($!); done
for p in "${pids[@]}"; do wait "$p" || { echo "a first run failed:" >&2; tail -n 3 judge-steps.txt >&2; exit 1; }; done
awk -v a="$start" -v b="$(now)" 'BEGIN{printf "eight runs that change the counts, at once: %.2f s, none failed\n", b - a}'
for t in "${TOWNS[@]}"; do judge "$t"; done

for round in 1 2 3; do
  start=$(now)
  judge "${TOWNS[0]}"
  one=$(awk -v a="$start" -v b="$(now)" 'BEGIN{print b - a}')
  start=$(now)
  pids=()
  for t in "${TOWNS[@]}"; do judge "$t" & pids+=($!); done
  for p in "${pids[@]}"; do wait "$p"; done
  eight=$(awk -v a="$start" -v b="$(now)" 'BEGIN{print b - a}')
  awk -v r="$round" -v o="$one" -v e="$eight" \
    'BEGIN{printf "round %d: one town %.2f s, eight towns at once %.2f s, ratio %.2fx\n", r, o, e, e / o}'
done
printf 'towns: %s\n' "${TOWNS[*]}"
