#!/usr/bin/env bash
# Region-scoped runs (issue: every office in its own region): what a town's
# 人房对应, 初判 and roster re-import cost in a province-sized database,
# against the same commands on a database that holds that town alone, made
# from the same rows in the same run. Each step is its own process under
# /usr/bin/time (wall seconds, peak RSS), the median of three. Goal: ≤ 1.5×
# for each.
#
# Usage: bench/scoped.sh DIR [TOWN]
#   DIR   what `bench/pipeline.sh N --keep DIR` left: DIR/pipeline.db (SQLite)
#         and DIR/data (the files `anju gen` made)
#   TOWN  a town's 12-digit code (default 500229108000, the seed's 高燕镇)
set -euo pipefail
SRC=$(realpath "${1:?usage: bench/scoped.sh DIR [TOWN]}")
TOWN=${2:-500229108000}
PREFIX=${TOWN:0:9}
BENCH=$(dirname "$(realpath "$0")")
ANJU=$(realpath "${ANJU:-$BENCH/../build/anju}")
. "$BENCH/lib.sh"
WORK=$(mktemp -d /tmp/anju-bench-scoped.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
cd "$WORK"

# The big database, copied (the runs write), and the town alone: the same
# file with every row outside the town deleted.
sqlite3 "$SRC/pipeline.db" "VACUUM INTO '$WORK/big.db'"
cp big.db alone.db
sqlite3 alone.db <<SQL
PRAGMA foreign_keys = OFF;
DELETE FROM judgment_reasons WHERE household_id NOT IN (SELECT household_id FROM households WHERE region_code LIKE '$PREFIX%');
DELETE FROM judgments WHERE household_id NOT IN (SELECT household_id FROM households WHERE region_code LIKE '$PREFIX%');
DELETE FROM matches WHERE household_id NOT IN (SELECT household_id FROM households WHERE region_code LIKE '$PREFIX%');
DELETE FROM field_tasks WHERE region_code NOT LIKE '$PREFIX%';
DELETE FROM ledger_entries WHERE household_id NOT IN (SELECT household_id FROM households WHERE region_code LIKE '$PREFIX%');
DELETE FROM evidence WHERE region_code NOT LIKE '$PREFIX%';
DELETE FROM buildings WHERE region_code NOT LIKE '$PREFIX%';
DELETE FROM households WHERE region_code NOT LIKE '$PREFIX%';
DELETE FROM region_counts WHERE region_code NOT LIKE '$PREFIX%' AND region_code <> '000000000000';
VACUUM;
SQL
# The town's roster as the town sends it again.
awk -F, -v p="$PREFIX" 'NR == 1 || substr($5, 1, 9) == p' "$SRC/data/households.csv" > town.csv

# Each step three times (a town's step is a tenth of a second: one run is
# mostly noise); the median. The runs repeat what the first did, so the
# later ones find everything unchanged, as a clerk's second click does.
rows=()
step() {  # label, database, command…
  local label=$1 db=$2; shift 2
  local times=()
  for _ in 1 2 3; do
    timed "$ANJU" --db "sqlite:$WORK/$db" --progress none "$@"
    times+=("$SECS")
  done
  rows+=("$label $(printf '%s\n' "${times[@]}" | sort -n | sed -n 2p) $MB")
}
for db in big alone; do
  step "match_$db" "$db.db" match --region "$TOWN"
  step "judge_$db" "$db.db" judge --region "$TOWN" --as-of 2024-10-13
  step "reimport_$db" "$db.db" import households town.csv
done

town_households=$(($(wc -l < town.csv) - 1))
all_households=$(sqlite3 big.db "SELECT count(*) FROM households")
echo "scoped runs, town $TOWN ($town_households households) in a database of $all_households, $(nproc) cores, $(date -u +%F)"
printf '%-16s %9s %9s\n' step seconds peak_MB
declare -A secs
for r in "${rows[@]}"; do
  set -- $r
  printf '%-16s %9s %9s\n' "$1" "$2" "$3"
  secs[$1]=$2
done
for s in match judge reimport; do
  awk -v s="$s" -v b="${secs[${s}_big]}" -v a="${secs[${s}_alone]}" \
    'BEGIN{printf "%s: province / town alone = %.2fx\n", s, (a > 0 ? b / a : 0)}'
done
