#!/usr/bin/env bash
# The cluster (scripts/cluster, docs/deploy.md) under load: wrk through
# HAProxy on the household list (a page of 50 with a filter, as bench/api.sh)
# with 3, 2 and 1 app servers behind it, against one `anju serve` on the
# same demo town in SQLite (the reference, same run); then the failover
# load (tests/cluster/failover.mjs): the write outage in seconds.
#
# Usage: bench/cluster.sh [--duration S] [--connections N]
# Everything runs on this machine: wrk, HAProxy, the app servers and both
# PostgreSQL nodes share its cores, so more app servers cannot mean more
# req/s here; the figures show what each hop costs.
set -euo pipefail
DURATION=15
CONNECTIONS=64
while (($#)); do
  case $1 in
    --duration) DURATION=$2; shift 2 ;;
    --connections) CONNECTIONS=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
here=$(cd "$(dirname "$0")/.." && pwd)
cluster="$here/scripts/cluster"
ANJU=$(realpath "${ANJU_BIN:-$here/build/anju}")
export ANJU_BIN=$ANJU
WORK=$(mktemp -d /tmp/anju-bench-cluster.XXXXXX)
chmod 755 "$WORK"  # the database user goes through it to the cluster
port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
range_free() { for p in $(seq "$1" $(($1 + 20))); do port_free "$p" || return 1; done; }
port=${ANJU_CLUSTER_PORT:-20000}
until range_free "$port"; do port=$((20000 + RANDOM % 12000)); done
export ANJU_CLUSTER_DIR=$WORK/cluster ANJU_CLUSTER_PORT=$port
SERVER=""
trap '[ -n "$SERVER" ] && kill "$SERVER" 2>/dev/null; "$cluster" down; rm -rf "$WORK"' EXIT
cd "$WORK"

login() {  # base user password → cookie
  curl -s -c "cookies.$2" -H 'Content-Type: application/json' \
    -d "{\"username\":\"$2\",\"password\":\"$3\"}" "$1/api/v1/session" >/dev/null
  awk '$6 == "anju_session" {print "anju_session=" $7}' "cookies.$2"
}
ms() { awk '{v=$1; if (v ~ /us$/) {sub(/us/,"",v); v/=1000} else if (v ~ /ms$/) {sub(/ms/,"",v)} else if (v ~ /s$/) {sub(/s/,"",v); v*=1000}; printf "%.2f", v}' <<<"$1"; }
LIST="/api/v1/households?result=verify&page_size=50&page=3"
run() {  # label base cookie
  wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --latency -H "Cookie: $3" "$2$LIST" >"wrk_$1.txt"
  local rps p99 errors
  rps=$(awk '/Requests\/sec/ {print $2}' "wrk_$1.txt")
  p99=$(ms "$(awk '$1 == "99%" {print $2}' "wrk_$1.txt")")
  errors=$(awk '/Non-2xx/ {print $NF}' "wrk_$1.txt")
  printf '%-26s %10s %9s %s\n' "$1" "$rps" "$p99" "${errors:+non-2xx=$errors}"
}

# The reference: the demo town on SQLite, one server, no balancer.
"$ANJU" demo --dir ref --no-serve >/dev/null
TZ=Asia/Shanghai "$ANJU" --db "ref/demo.db" serve --port 0 >url.txt 2>ref.log &
SERVER=$!
for _ in $(seq 300); do [ -s url.txt ] && break; sleep 0.1; done
REF=$(head -1 url.txt | grep -o 'http://[0-9.:]*')
REF_COOKIE=$(login "$REF" town "$(awk '$1 == "town" {print $2}' ref/logins.txt)")

"$cluster" up --demo >/dev/null
. <("$cluster" env)
COOKIE=$(login "$ANJU_URL" town "$(awk '$1 == "town" {print $2}' "$ANJU_CLUSTER_DIR/demo/logins.txt")")
[ -n "$COOKIE" ] && [ -n "$REF_COOKIE" ] || { echo "login failed" >&2; exit 1; }

echo "cluster, the demo town (898 households) as the town office, $CONNECTIONS connections, ${DURATION}s each, $(nproc) cores, $(date -u +%F)"
printf '%-26s %10s %9s\n' setup req/s p99_ms
run "sqlite_one_server" "$REF" "$REF_COOKIE"
kill "$SERVER"; SERVER=""
run "haproxy_3_servers" "$ANJU_URL" "$COOKIE"
"$cluster" kill-server 3; sleep 3
run "haproxy_2_servers" "$ANJU_URL" "$COOKIE"
"$cluster" kill-server 2; sleep 3
run "haproxy_1_server" "$ANJU_URL" "$COOKIE"
"$cluster" start-server 2 >/dev/null; "$cluster" start-server 3 >/dev/null; sleep 3

summary=$(node "$here/tests/cluster/failover.mjs")
echo "failover under write load: $(echo "$summary" | tr -d '\n ' | grep -o '"promotion_seconds":[0-9.]*,"write_outage_seconds":[0-9.]*')"
echo "$summary" | grep -q '"failures": 0' || { echo "$summary"; exit 1; }
