#!/usr/bin/env bash
# Storage floor of the pipeline (issue: census link and judgment): how long
# the sqlite3 shell alone needs to write what the pipeline writes. It takes
# a database that `bench/pipeline.sh --keep DIR` filled and copies its
# tables, step by step as the pipeline writes them, into a fresh database
# with the same schema and Anju's settings (16 KiB pages, WAL,
# synchronous=FULL), each step in one transaction with its secondary indexes
# built after the rows, as the pipeline does. The rows are already parsed and
# valid and the copy is SQLite's cheapest (`INSERT INTO t SELECT * FROM
# src.t` moves stored records without decoding them), so no program that
# parses, validates, matches and judges can write the same tables faster:
# a lower bound for the pipeline on this machine, measured in the same run.
#
# Usage: bench/floor.sh SRC.db [--journal wal|delete] [--out FILE.db]
#   --journal delete  the rollback journal instead of Anju's WAL, for comparison
set -euo pipefail
SRC=$(realpath "${1:?usage: bench/floor.sh SRC.db [--journal wal|delete] [--out FILE.db]}")
shift
JOURNAL=wal
OUT=""
while (($#)); do
  case $1 in
    --journal) JOURNAL=$2; shift 2 ;;
    --out) OUT=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
case $JOURNAL in wal|delete) ;; *) echo "--journal wal|delete" >&2; exit 2 ;; esac
if [ -z "$OUT" ]; then
  OUT=$(mktemp -u /tmp/anju-bench-floor.XXXXXX.db)
  trap 'rm -f "$OUT" "$OUT-wal" "$OUT-shm" "$OUT-journal"' EXIT
fi
OUT=$(realpath -m "$OUT")
rm -f "$OUT" "$OUT-wal" "$OUT-shm" "$OUT-journal"

# The same tables, empty, without their secondary indexes.
{
  echo "PRAGMA page_size=16384; PRAGMA journal_mode=$JOURNAL;"
  sqlite3 "$SRC" "SELECT sql || ';' FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'"
} | sqlite3 "$OUT" >/dev/null

pragmas="PRAGMA journal_mode=$JOURNAL; PRAGMA synchronous=FULL; PRAGMA threads=2;"
rows=()
step() {  # label, tables…
  local label=$1; shift
  local sql="$pragmas ATTACH '$SRC' AS src; BEGIN;"
  for t in "$@"; do
    sql+=" INSERT INTO main.$t SELECT * FROM src.$t;"
    sql+=$(sqlite3 "$SRC" "SELECT sql || ';' FROM sqlite_master WHERE type='index' AND tbl_name='$t' AND sql IS NOT NULL")
  done
  sql+=" COMMIT;"
  /usr/bin/time -f "%e" -o floor_t.txt sqlite3 "$OUT" "$sql" >/dev/null
  rows+=("$label $(cat floor_t.txt)")
}

cd "$(dirname "$OUT")"
step import_regions regions
step import_households households
step import_buildings buildings
step import_evidence evidence
step import_disasters disasters
step match matches
step judge judgments judgment_reasons field_tasks ledger_entries region_counts
rm -f floor_t.txt

echo "storage floor: sqlite3 copying the tables of $(basename "$SRC"), journal $JOURNAL"
total=0
for r in "${rows[@]}"; do
  set -- $r
  printf '%-28s %9s\n' "floor_$1" "$2"
  total=$(awk -v a="$total" -v b="$2" 'BEGIN{print a+b}')
done
printf '%-28s %9s\n' floor_total "$total"
