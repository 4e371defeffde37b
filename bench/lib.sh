# What the whole-process benchmarks share; sourced by them, not run. The
# caller sets ANJU (the binary) and works in its own folder.

# timed COMMAND…: runs it under /usr/bin/time and sets SECS (wall seconds)
# and MB (peak RSS). Its output goes to out.txt and err.txt; when it fails,
# their tails are shown and the benchmark stops.
timed() {
  /usr/bin/time -f "%e %M" -o t.txt "$@" >out.txt 2>err.txt || { tail -n 5 err.txt out.txt; exit 1; }
  local kb
  read -r SECS kb < t.txt
  MB=$((kb / 1024))
}

# The census footprints `anju gen` wrote: a GeoPackage where GDAL could
# write one, else GeoJSON.
buildings_file() {
  if [ -f data/buildings.gpkg ]; then echo data/buildings.gpkg; else echo data/buildings.geojson; fi
}

# generated_town N DB_URL [SOURCE…]: N generated households (`anju gen
# --seed 1` into data/) imported into DB_URL with their buildings and the
# evidence of each SOURCE (the census alone when none is named), then
# matched and judged; nothing timed.
generated_town() {
  local n=$1 db=$2
  shift 2
  local a=("$ANJU" --db "$db" --progress none) s
  "$ANJU" gen --households "$n" --seed 1 --out data >/dev/null
  "${a[@]}" import regions data/regions.csv >/dev/null
  "${a[@]}" import households data/households.csv >/dev/null
  "${a[@]}" import buildings "$(buildings_file)" >/dev/null
  for s in "${@:-census}"; do
    "${a[@]}" import evidence "data/evidence_$s.csv" --source "$s" >/dev/null
  done
  "${a[@]}" match >/dev/null
  "${a[@]}" judge >/dev/null
}

# ledger_for_all SQLITE_FILE: every judged household into the C/D ledger
# (those the judgment put there keep their entry), so that a ledger page,
# export or print reads as many lines as there are households.
ledger_for_all() {
  sqlite3 "$1" "INSERT INTO ledger_entries(household_id, opened_on, grade, evidence_source, evidence_id,
    transitional, responsible, created_at, updated_at, updated_by, province)
    SELECT j.household_id, '2024-10-13', coalesce(j.grade, 'C'), j.evidence_source, coalesce(j.evidence_id, ''),
    'relatives', '镇干部', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', 'bench', j.province
    FROM judgments j WHERE NOT EXISTS (SELECT 1 FROM ledger_entries l WHERE l.household_id = j.household_id
    AND l.closed_on IS NULL)"
}

# measure LABEL COMMAND…: timed, printed as a line of seconds and MB, and
# its seconds kept in LABEL.secs for ratio_of.
measure() {
  local label=$1
  shift
  timed "$@"
  printf '%-26s %8s s %8s MB\n' "$label" "$SECS" "$MB"
  echo "$SECS" > "$label.secs"
}

# ratio A B: A / B as "1.23x".
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2fx", a / b; else print "-" }'; }
# table_vs_last ROW…: rows of "label seconds MB" as a table, each with its
# ratio to the last row's seconds (the reference).
table_vs_last() {
  local ref=${*: -1} r
  ref=$(echo "$ref" | awk '{print $2}')
  printf '%-26s %9s %9s %10s\n' step seconds peak_MB vs_ref
  for r in "$@"; do
    set -- $r
    printf '%-26s %9s %9s %10s\n' "$1" "$2" "$3" "$(ratio "$2" "$ref")"
  done
}
# ratio_of LABEL_A LABEL_B: the ratio of two measured steps' seconds.
ratio_of() { ratio "$(cat "$1.secs")" "$(cat "$2.secs")"; }
