#!/usr/bin/env bash
# Print benchmark (issue 25): a generated town of N households (`anju gen`,
# import, match, judge). Two documents, each `anju print` timed as its own
# process with /usr/bin/time (wall seconds, peak RSS):
#  - a village's household files in one PDF, every household of the largest
#    village given a field task with two photos (distinct JPEGs, kept as
#    the server keeps them: the file and its 320-px thumbnail); goal ≤ 10 s;
#  - the town's C/D ledger with every household of the town in it
#    (landscape, its header on every page); goal ≤ 2 s.
# The reference in the same run: poppler's pdftocairo writing each PDF again
# through Cairo (the same pages, fonts and images re-emitted, no reading of
# the database and no layout), so each time reads as a ratio.
#
# Usage: bench/print.sh [N]   (default 900)
set -euo pipefail
N=${1:-900}
ANJU=$(realpath "${ANJU:-$(dirname "$0")/../build/anju}")
. "$(dirname "$0")/lib.sh"
WORK=$(mktemp -d /tmp/anju-bench-print.XXXXXX)
trap '[ -n "${KEEP:-}" ] || rm -rf "$WORK"' EXIT
cd "$WORK"
A=("$ANJU" --db "sqlite:$WORK/town.db" --progress none)
generated_town "$N" "sqlite:$WORK/town.db" census selfbuilt monitoring appraisal
VILLAGE=$(sqlite3 town.db "SELECT region_code FROM households GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1")
TOWN=${VILLAGE:0:9}000
HOUSEHOLDS=$(sqlite3 town.db "SELECT count(*) FROM households WHERE region_code = '$VILLAGE'")

# Every household of the town into the ledger.
ledger_for_all town.db
# Photos: twelve distinct JPEG pages of the town's first ledger, each kept by
# its hash with a 320-px thumbnail, two to each household's task.
"${A[@]}" print ledger --region "$TOWN" --status all --out seed.pdf >/dev/null
pdftoppm -jpeg -r 90 -l 12 seed.pdf photo
mkdir -p town.db.files/thumbs
i=0
for f in photo-*.jpg; do
  sha=$(sha256sum "$f" | cut -c1-64)
  mkdir -p "town.db.files/${sha:0:2}"
  cp "$f" "town.db.files/${sha:0:2}/$sha"
  pdftoppm -jpeg -scale-to 320 -singlefile "$f" "town.db.files/thumbs/$sha" 2>/dev/null ||
    cp "$f" "town.db.files/thumbs/$sha.jpg"
  [ -f "town.db.files/thumbs/$sha.jpg" ] || cp "$f" "town.db.files/thumbs/$sha.jpg"
  echo "$sha $(stat -c %s "$f")" >> photos.txt
  i=$((i + 1))
done
# pdftoppm cannot read a JPEG: thumbnails are copies at the full size when
# it refuses, which only makes the PDF heavier.
sqlite3 town.db "UPDATE field_tasks SET status = 'closed' WHERE region_code = '$VILLAGE' AND status IN ('open', 'visited');
  INSERT INTO field_tasks(household_id, region_code, origin, status, created_at, updated_at, updated_by, province)
  SELECT household_id, region_code, 'judgment', 'visited', '2026-11-20T01:00:00Z', '2026-11-20T01:00:00Z', 'bench',
  province
  FROM households WHERE region_code = '$VILLAGE';"
n=0
while read -r sha bytes; do
  sqlite3 town.db "INSERT INTO attachments(task_id, kind, sha256, mime, bytes, file_name, created_at, created_by)
    SELECT id, 'photo', '$sha', 'image/jpeg', $bytes, '现场照片$n.jpg', '2026-11-20T02:00:00Z', 'bench'
    FROM field_tasks WHERE region_code = '$VILLAGE' AND status = 'visited' AND (id % 6) = ($n % 6)"
  n=$((n + 1))
done < photos.txt
PHOTOS=$(sqlite3 town.db "SELECT count(*) FROM attachments a JOIN field_tasks t ON t.id = a.task_id WHERE t.region_code = '$VILLAGE'")
LINES=$(sqlite3 town.db "SELECT count(*) FROM ledger_entries WHERE closed_on IS NULL")

echo "village $VILLAGE: $HOUSEHOLDS households, $PHOTOS photos; town ledger: $LINES lines"
measure print_village_files "${A[@]}" print households --region "$VILLAGE" --out village.pdf
measure reference_village_cairo pdftocairo -pdf village.pdf village-ref.pdf
measure print_town_ledger "${A[@]}" print ledger --region "$TOWN" --out ledger.pdf
measure reference_ledger_cairo pdftocairo -pdf ledger.pdf ledger-ref.pdf
echo "village files: $(pdfinfo village.pdf | awk '/^Pages/ {print $2}') pages, $(( $(stat -c %s village.pdf) / 1024 )) KB;" \
  "ratio $(ratio_of print_village_files reference_village_cairo) (goal ≤ 10 s)"
echo "town ledger: $(pdfinfo ledger.pdf | awk '/^Pages/ {print $2}') pages, $(( $(stat -c %s ledger.pdf) / 1024 )) KB;" \
  "ratio $(ratio_of print_town_ledger reference_ledger_cairo) (goal ≤ 2 s)"
