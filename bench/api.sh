#!/usr/bin/env bash
# API benchmark (issue: the server): wrk on loopback against a real
# `anju serve`, 64 connections, for
#   - GET /api/v1/session                        the floor: session look-up only (reference)
#   - GET /api/v1/households?result=verify&…     a page of 50 with a filter
#   - GET /api/v1/stats?by=result                counts by region × result
#   - GET /api/v1/ledger?page_size=50            the first page of the C/D ledger (its lines joined to households)
#   - GET /api/v1/field-tasks?page_size=50        the first page of field tasks (each with its household)
# as an administrator (the widest scope). Prints req/s and p50/p99 per
# endpoint and each one's p99 as a ratio to the reference's.
#
# Usage: bench/api.sh [--db URL] [--duration S] [--connections N] [--workers N] [--region CODE]
#   --region: the administrator's region (default the whole country)
#   default database: the demo town, made afresh in a temporary folder.
set -euo pipefail
DB_URL=""
DURATION=15
CONNECTIONS=64
WORKERS=()
REGION=000000000000
while (($#)); do
  case $1 in
    --db) DB_URL=$2; shift 2 ;;
    --duration) DURATION=$2; shift 2 ;;
    --connections) CONNECTIONS=$2; shift 2 ;;
    --workers) WORKERS=(--workers "$2"); shift 2 ;;
    --region) REGION=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
command -v wrk >/dev/null || { echo "wrk is missing: scripts/install-deps installs it" >&2; exit 1; }
ANJU=$(realpath "${ANJU:-$(dirname "$0")/../build/anju}")
WORK=$(mktemp -d /tmp/anju-bench-api.XXXXXX)
SERVER=""
trap '[ -n "$SERVER" ] && kill "$SERVER" 2>/dev/null; rm -rf "$WORK"' EXIT
cd "$WORK"
if [ -z "$DB_URL" ]; then
  "$ANJU" demo --dir demo --no-serve >/dev/null
  DB_URL="sqlite:$WORK/demo/demo.db"
fi
PASSWORD="Qz7-Lantern-Ridge-$RANDOM$RANDOM"  # new each run: a password is never set twice
printf '%s\n' "$PASSWORD" > pw.txt
BENCH_USER=bench_admin_$REGION
"$ANJU" --db "$DB_URL" user add --name "$BENCH_USER" --role admin --region "$REGION" --password-file pw.txt \
  >/dev/null 2>&1 || "$ANJU" --db "$DB_URL" user passwd --name "$BENCH_USER" --password-file pw.txt \
  --no-change-required >/dev/null
"$ANJU" --db "$DB_URL" serve --port 0 "${WORKERS[@]}" >url.txt 2>access.log &
SERVER=$!
for _ in $(seq 3000); do [ -s url.txt ] && break; sleep 0.1; done  # a first start may count a while
[ -s url.txt ] || { echo "the server did not start" >&2; cat access.log >&2; exit 1; }
BASE=$(head -1 url.txt | grep -o 'http://[0-9.:]*')
curl -s --noproxy 127.0.0.1 -c cookies -H 'Content-Type: application/json' \
  -d "{\"username\":\"$BENCH_USER\",\"password\":\"$PASSWORD\"}" "$BASE/api/v1/session" >/dev/null
COOKIE=$(awk '$6 == "anju_session" {print "anju_session=" $7}' cookies)
[ -n "$COOKIE" ] || { echo "login failed" >&2; exit 1; }
HOUSEHOLDS=$(curl -s --noproxy 127.0.0.1 -H "Cookie: $COOKIE" "$BASE/api/v1/households?page_size=1" |
  grep -o '"total":[0-9]*' | cut -d: -f2)

# wrk's latency figures in milliseconds ("1.23ms", "850.00us", "1.02s").
ms() { awk '{v=$1; if (v ~ /us$/) {sub(/us/,"",v); v/=1000} else if (v ~ /ms$/) {sub(/ms/,"",v)} else if (v ~ /s$/) {sub(/s/,"",v); v*=1000}; printf "%.2f", v}' <<<"$1"; }
run() {  # label path
  wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --latency -H "Cookie: $COOKIE" "$BASE$2" >"wrk_$1.txt"
  local rps p50 p99 errors
  rps=$(awk '/Requests\/sec/ {print $2}' "wrk_$1.txt")
  p50=$(ms "$(awk '$1 == "50%" {print $2}' "wrk_$1.txt")")
  p99=$(ms "$(awk '$1 == "99%" {print $2}' "wrk_$1.txt")")
  errors=$(awk '/Non-2xx/ {print $NF}' "wrk_$1.txt")
  printf '%-12s %10s %9s %9s %s\n' "$1" "$rps" "$p50" "$p99" "${errors:+non-2xx=$errors}"
  eval "P99_$1=$p99"
}
echo "api, $HOUSEHOLDS households in region $REGION, db ${DB_URL%%:*}, $CONNECTIONS connections, ${DURATION}s each, $(nproc) cores, $(date -u +%F)"
printf '%-12s %10s %9s %9s\n' endpoint req/s p50_ms p99_ms
run session "/api/v1/session"
run households "/api/v1/households?result=verify&page_size=50&page=3"
run stats "/api/v1/stats?by=result"
run ledger "/api/v1/ledger?page_size=50"
run tasks "/api/v1/field-tasks?page_size=50"
awk -v r="$P99_session" -v h="$P99_households" -v s="$P99_stats" -v l="$P99_ledger" -v t="$P99_tasks" \
  'BEGIN {printf "p99 / reference p99: households %.1fx, stats %.1fx, ledger %.1fx, tasks %.1fx\n", h/r, s/r, l/r, t/r}'
