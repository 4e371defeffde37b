#!/usr/bin/env bash
# How the fixtures of this case were made, by the producers offices use.
# Not run by the tests (they read the committed files); needs Debian's
# libreoffice-calc-nogui, python3-openpyxl and gdal-bin.
set -euo pipefail
cd "$(dirname "$0")"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# 1. LibreOffice reads a roster CSV and detects numbers: 户编号, 身份证号 and
#    联系电话 become numeric cells, saved as .xlsx and as .xls (BIFF8).
cp roster_numeric.csv "$tmp/roster_libreoffice.csv"
soffice --headless --infilter=CSV:44,34,76,1 --convert-to xlsx --outdir "$tmp" "$tmp/roster_libreoffice.csv" >/dev/null
soffice --headless --infilter=CSV:44,34,76,1 --convert-to xls --outdir "$tmp" "$tmp/roster_libreoffice.csv" >/dev/null
cp "$tmp/roster_libreoffice.xlsx" "$tmp/roster_libreoffice.xls" .

# 2. openpyxl: a notes sheet first, a merged title row, the header in row 3,
#    numbers as numbers, a formula never calculated, dates in several forms.
/usr/bin/python3 make_openpyxl.py
