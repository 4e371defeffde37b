#!/usr/bin/env bash
# Ledger export benchmark (issue: ledger, renovation and exports): a town
# database of N households (`anju gen`, import, match, judge), every one of
# them put into the C/D ledger (so the ledger has N lines: the export reads
# the same joins a real ledger does — household, building, assessment,
# application), then `anju export ledger` timed as its own process with
# /usr/bin/time (wall seconds, peak RSS). The reference in the same run: the
# sqlite3 shell writing the same joined rows as CSV (no formatting, no zip),
# so the time reads as a ratio on this machine.
#
# Usage: bench/export.sh [N]   (default 100000)
set -euo pipefail
N=${1:-100000}
ANJU=$(realpath "${ANJU:-$(dirname "$0")/../build/anju}")
WORK=$(mktemp -d /tmp/anju-bench-export.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
cd "$WORK"
A=("$ANJU" --db "sqlite:$WORK/town.db" --progress none)
"$ANJU" gen --households "$N" --seed 1 --out data >/dev/null
BUILDINGS=data/buildings.geojson
[ -f data/buildings.gpkg ] && BUILDINGS=data/buildings.gpkg
"${A[@]}" import regions data/regions.csv >/dev/null
"${A[@]}" import households data/households.csv >/dev/null
"${A[@]}" import buildings "$BUILDINGS" >/dev/null
"${A[@]}" import evidence data/evidence_census.csv --source census >/dev/null
"${A[@]}" match >/dev/null
"${A[@]}" judge >/dev/null
# Every household into the ledger (those the judgment put there keep theirs).
sqlite3 town.db "INSERT INTO ledger_entries(household_id, opened_on, grade, evidence_source, evidence_id,
  transitional, responsible, created_at, updated_at, updated_by, province)
  SELECT j.household_id, '2024-10-13', coalesce(j.grade, 'C'), j.evidence_source, coalesce(j.evidence_id, ''),
  'relatives', '镇干部', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', 'bench', j.province
  FROM judgments j WHERE NOT EXISTS (SELECT 1 FROM ledger_entries l WHERE l.household_id = j.household_id
  AND l.closed_on IS NULL)"
LINES=$(sqlite3 town.db "SELECT count(*) FROM ledger_entries WHERE closed_on IS NULL")

measure() {  # label, command…
  local label=$1; shift
  /usr/bin/time -f "%e %M" -o t.txt "$@" >out.txt 2>err.txt || { tail -n 5 err.txt out.txt; exit 1; }
  read -r secs kb < t.txt
  printf '%-22s %8s s %8s MB\n' "$label" "$secs" "$((kb / 1024))"
  echo "$secs" > "$label.secs"
}
echo "ledger lines: $LINES"
measure reference_sqlite_csv sqlite3 -csv town.db "SELECT l.*, h.*, m.parcel_id, b.floors, b.built_text, b.structure,
  b.area_m2, e.assessed_on, e.assessor FROM ledger_entries l JOIN households h ON h.household_id = l.household_id
  LEFT JOIN matches m ON m.household_id = l.household_id LEFT JOIN buildings b ON b.parcel_id = m.parcel_id
  LEFT JOIN evidence e ON e.source = l.evidence_source AND e.evidence_id = l.evidence_id
  WHERE l.closed_on IS NULL ORDER BY h.region_code, l.household_id"
measure export_ledger_xlsx "${A[@]}" export ledger --out ledger.xlsx --full-id
echo "xlsx size: $(( $(stat -c %s ledger.xlsx) / 1024 )) KB"
awk -v a="$(cat export_ledger_xlsx.secs)" -v b="$(cat reference_sqlite_csv.secs)" \
  'BEGIN { if (b > 0) printf "ratio export/reference: %.1f\n", a / b }'
