# Sourced by the cluster tests: sets and exports ANJU_CLUSTER_PORT to the
# first of $1 free loopback ports in a row (scripts/cluster's ports start
# there), below Linux's ephemeral ports (32768…), which outgoing
# connections take.
port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
range_free() { for p in $(seq "$1" $(($1 + $2 - 1))); do port_free "$p" || return 1; done; }
ANJU_CLUSTER_PORT=$((20000 + RANDOM % 12000))
until range_free "$ANJU_CLUSTER_PORT" "$1"; do ANJU_CLUSTER_PORT=$((20000 + RANDOM % 12000)); done
export ANJU_CLUSTER_PORT
