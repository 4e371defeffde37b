#!/usr/bin/env bash
# The ctest "cluster": a cluster of its own (scripts/cluster) in a private
# folder on free loopback ports, the failover load (failover.mjs) through its
# balancer, then the killed node started again until it is the standby —
# and the cluster removed whatever the outcome.
set -euo pipefail
here=$(cd "$(dirname "$0")/../.." && pwd)
cluster="$here/scripts/cluster"

ANJU_CLUSTER_DIR=$(mktemp -d /tmp/anju-cluster.XXXXXX)
export ANJU_CLUSTER_DIR
. "$here/tests/cluster/free_ports.sh" 21  # monitor … HAProxy (+20)

show_logs() {
  local rc=$?
  if [ $rc != 0 ]; then
    "$cluster" status || true
    for f in "$ANJU_CLUSTER_DIR"/logs/*.log; do echo "=== $f"; tail -n 30 "$f"; done
  fi
  "$cluster" down
  exit $rc
}
trap show_logs EXIT

"$cluster" up --demo
# ctest kills a test that overruns with SIGKILL, which no trap sees: stop
# the load well before, so that the cluster is always taken down.
summary=$(timeout 400 node "$here/tests/cluster/failover.mjs")
echo "$summary"
killed=$(echo "$summary" | sed -n 's/.*"killed_node": *\([0-9]*\).*/\1/p')
"$cluster" start-node "$killed"
for i in $(seq 1 120); do
  if "$cluster" status | grep -E "^node$killed " | grep -q "secondary *| *secondary"; then
    echo "cluster: node $killed is the standby again"
    "$cluster" status
    exit 0
  fi
  sleep 0.5
done
echo "cluster: node $killed did not rejoin as the standby" >&2
exit 1
