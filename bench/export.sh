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
. "$(dirname "$0")/lib.sh"
WORK=$(mktemp -d /tmp/anju-bench-export.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
cd "$WORK"
A=("$ANJU" --db "sqlite:$WORK/town.db" --progress none)
generated_town "$N" "sqlite:$WORK/town.db" census
ledger_for_all town.db
LINES=$(sqlite3 town.db "SELECT count(*) FROM ledger_entries WHERE closed_on IS NULL")

echo "ledger lines: $LINES"
measure reference_sqlite_csv sqlite3 -csv town.db "SELECT l.*, h.*, m.parcel_id, b.floors, b.built_text, b.structure,
  b.area_m2, e.assessed_on, e.assessor FROM ledger_entries l JOIN households h ON h.household_id = l.household_id
  LEFT JOIN matches m ON m.household_id = l.household_id LEFT JOIN buildings b ON b.parcel_id = m.parcel_id
  LEFT JOIN evidence e ON e.source = l.evidence_source AND e.evidence_id = l.evidence_id
  WHERE l.closed_on IS NULL ORDER BY h.region_code, l.household_id"
measure export_ledger_xlsx "${A[@]}" export ledger --out ledger.xlsx --full-id
echo "xlsx size: $(( $(stat -c %s ledger.xlsx) / 1024 )) KB"
echo "ratio export/reference: $(ratio_of export_ledger_xlsx reference_sqlite_csv)"
