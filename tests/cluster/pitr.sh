#!/usr/bin/env bash
# The ctest "cluster.pitr": the point-in-time restore drill of docs/deploy.md
# on a cluster of its own (scripts/cluster), across a failover:
#   base backup → write A → the primary killed, the standby promoted →
#   write B → the target time T → write C (and undo A) →
#   restore the backup to T on a port of its own.
# The restored database must hold A and B and not C, every household, an
# audit log that `anju audit verify` finds cut at T until the restore is
# noted, and it must take writes. The cluster is removed whatever happens.
set -euo pipefail
here=$(cd "$(dirname "$0")/../.." && pwd)
cluster="$here/scripts/cluster"
anju=${ANJU_BIN:-$here/build/anju}

ANJU_CLUSTER_DIR=$(mktemp -d /tmp/anju-pitr.XXXXXX)
export ANJU_CLUSTER_DIR ANJU_CLUSTER_SERVERS=1
. "$here/tests/cluster/free_ports.sh" 31  # the cluster's, and the restored copy's (+30)
restore_port=$((ANJU_CLUSTER_PORT + 30))

finish() {
  local rc=$?
  if [ $rc != 0 ]; then
    "$cluster" status || true
    for f in "$ANJU_CLUSTER_DIR"/logs/*.log "$ANJU_CLUSTER_DIR"/pg/restore-*/startup.log; do
      [ -f "$f" ] && { echo "=== $f"; tail -n 30 "$f"; }
    done
  fi
  "$cluster" down
  exit $rc
}
trap finish EXIT
fail() { echo "pitr: $*" >&2; exit 1; }

"$cluster" up --demo
eval "$("$cluster" env)"
key="$ANJU_CLUSTER_DIR/audit.key"
sql() { psql -Atq "$1" -c "$2"; }
cli() { "$anju" --db "$ANJU_DB" --audit-key "$key" "$@"; }
(umask 077 && printf 'Pitr-Drill-7319\n' >"$ANJU_CLUSTER_DIR/password")
add_user() { cli user add --name "$1" --role admin --region 000000000000 --password-file "$ANJU_CLUSTER_DIR/password"; }
# Until the segment holding what was just written is in the archive.
archive_now() {
  local wal
  wal=$(sql "$ANJU_DB" "SELECT pg_walfile_name(pg_switch_wal())")
  for i in $(seq 1 100); do
    [ -f "$ANJU_CLUSTER_DIR/pg/archive/$wal" ] && return 0
    sleep 0.2
  done
  fail "WAL segment $wal was not archived within 20 s"
}

households=$(sql "$ANJU_DB" "SELECT count(*) FROM households")
[ "$households" -gt 0 ] || fail "the demo has no households"
backup=$("$cluster" backup)
echo "pitr: base backup $backup"

add_user pitr_a
archive_now
killed=$("$cluster" kill-primary)
echo "pitr: killed node $killed"
for i in $(seq 1 150); do
  if add_user pitr_b 2>/dev/null; then break; fi
  [ "$i" = 150 ] && fail "no new primary took writes within 60 s"
  sleep 0.4
done
sql "$ANJU_DB" "SELECT pg_is_in_recovery()" | grep -qx f || fail "the new primary is in recovery"
sleep 1
target=$(sql "$ANJU_DB" "SELECT to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US') || '+00'")
sleep 1
add_user pitr_c
cli user disable --name pitr_a
archive_now
# Both nodes archive (archive_mode = always): never a segment refused.
failed=$(sql "$ANJU_DB" "SELECT failed_count FROM pg_stat_archiver")
[ "$failed" = 0 ] || fail "the primary failed to archive $failed times (see its log)"
echo "pitr: restoring to $target"

restored=$("$cluster" restore "$backup" "$target" "$restore_port")
users=$(sql "$restored" "SELECT name || ':' || CASE WHEN disabled THEN 'off' ELSE 'on' END FROM users WHERE name LIKE 'pitr_%' ORDER BY name" | tr '\n' ' ')
[ "$users" = "pitr_a:on pitr_b:on " ] || fail "restored users are '$users', expected 'pitr_a:on pitr_b:on '"
got=$(sql "$restored" "SELECT count(*) FROM households")
[ "$got" = "$households" ] || fail "restored $got households of $households"
timeline=$(sql "$restored" "SELECT ('x' || substr(pg_walfile_name(pg_current_wal_lsn()), 1, 8))::bit(32)::int")
[ "$timeline" -ge 3 ] || fail "the restore is on timeline $timeline: it did not follow the failover's timeline"

# The audit log: the copy of the key and its checkpoints, as a restored
# production database would have them.
rkey="$ANJU_CLUSTER_DIR/restored.audit-key"
cp "$key" "$rkey"
cp "$key.checkpoints" "$rkey.checkpoints"
rcli() { "$anju" --db "$restored" --audit-key "$rkey" "$@"; }
if out=$(rcli audit verify); then fail "verify passed on a log cut at the target: $out"; fi
echo "$out" | grep -q "末尾的记录被删除" || fail "verify did not name the cut tail: $out"
rcli audit restored --from "$(basename "$backup") 至 $target"
rcli audit verify | grep -q "审计日志完整" || fail "verify failed after the restore was noted"
rcli user add --name pitr_d --role admin --region 000000000000 --password-file "$ANJU_CLUSTER_DIR/password" \
  || fail "the restored database does not take writes"
echo "pitr: restored to $target: $got households, users $users on timeline $timeline; audit verified"
