#!/usr/bin/env bash
# The ctest "demo.resume": `anju demo` whose load stops half way (here an
# unreadable disasters file, after the roster, buildings and evidence are
# in) must load again on the next run, not show half a town as the demo;
# households it did not load are never touched.
set -euo pipefail
anju=${ANJU_BIN:?ANJU_BIN}
dir=$(mktemp -d /tmp/anju-demo-resume.XXXXXX)
trap 'rm -rf "$dir"' EXIT
fail() { echo "demo.resume: $*" >&2; exit 1; }
export TZ=Asia/Shanghai

"$anju" gen --households 898 --seed 2024 --out "$dir/demo/data" >/dev/null
cp "$dir/demo/data/disasters.csv" "$dir/disasters.csv"
printf '这不是灾害事件表\n1,2,3\n' >"$dir/demo/data/disasters.csv"
if "$anju" demo --no-serve --dir "$dir/demo" >"$dir/first.txt" 2>&1; then
  fail "the demo loaded a broken disasters file: $(cat "$dir/first.txt")"
fi
[ -f "$dir/demo/loading" ] || fail "a stopped load left no mark"

cp "$dir/disasters.csv" "$dir/demo/data/disasters.csv"
"$anju" demo --no-serve --dir "$dir/demo" >"$dir/second.txt" 2>&1 || fail "second run: $(cat "$dir/second.txt")"
grep -q "上次装入演示数据未完成" "$dir/second.txt" || fail "the second run did not say it resumed: $(cat "$dir/second.txt")"
grep -q "^初判：" "$dir/second.txt" || fail "the second run did not judge: $(cat "$dir/second.txt")"
grep -q "（898 户）" "$dir/second.txt" || fail "the demo has not 898 households: $(cat "$dir/second.txt")"
[ ! -e "$dir/demo/loading" ] || fail "the mark stayed after a complete load"

# A third run finds a complete town: it loads nothing.
"$anju" demo --no-serve --dir "$dir/demo" >"$dir/third.txt" 2>&1 || fail "third run: $(cat "$dir/third.txt")"
if grep -q "^初判：\|继续装入" "$dir/third.txt"; then fail "a complete demo was loaded again"; fi
# A mark left by a load into another database is not this one's.
printf '%s\n' "$dir/elsewhere/demo.db" >"$dir/demo/loading"
"$anju" demo --no-serve --dir "$dir/demo" >"$dir/fourth.txt" 2>&1 || fail "fourth run: $(cat "$dir/fourth.txt")"
if grep -q "^初判：\|继续装入" "$dir/fourth.txt"; then fail "another database's mark made the demo load again"; fi
echo "demo.resume: a half-loaded demo was loaded again; a complete one was left alone"
