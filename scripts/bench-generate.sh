#!/usr/bin/env bash
# Times `sessiongan generate` for N users and reports throughput and memory, for docs/benchmarks.md:
#   scripts/bench-generate.sh 1000000 [more generate options, e.g. --model-file m.model]
# Heap figures come from the JVM's GC log: the most heap in use before a collection (peak) and after one
# (what generation keeps alive); peak RSS (heap, ND4J off-heap, JIT) from /usr/bin/time. HEAP=64m caps the
# heap (default 2g) to show that the run fits in it; SESSIONGAN=path runs another launcher (e.g. a copy).
set -euo pipefail
users="${1:?usage: scripts/bench-generate.sh USERS [generate options]}"
shift
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

start=$(date +%s.%N)
SESSIONGAN_JAVA_OPTS="-Xmx${HEAP:-2g} -Xlog:gc:file=$work/gc.log" /usr/bin/time -f "%M" -o "$work/rss" \
  "${SESSIONGAN:-$root/sessiongan}" generate --users "$users" --seed 1 --progress none --out "$work/users.csv" "$@" >/dev/null
end=$(date +%s.%N)

events=$(( $(wc -l < "$work/users.csv") - 1 ))
python3 - "$users" "$events" "$start" "$end" "$work/gc.log" "$(cat "$work/rss")" <<'PY'
import re, sys
users, events, start, end, log, rss = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4]), sys.argv[5], int(sys.argv[6])
before, after, pauses = 0, 0, 0
for line in open(log):
    m = re.search(r"Pause.* (\d+)M->(\d+)M\(\d+M\)", line)
    if m:
        pauses += 1
        before, after = max(before, int(m.group(1))), max(after, int(m.group(2)))
seconds = end - start
print(f"users {users:,}  events {events:,}  wall {seconds:.1f} s (JVM start included)")
print(f"throughput {users / seconds:,.0f} users/s, {events / seconds:,.0f} events/s")
print(f"heap: peak in use {before} MB, most kept after a collection {after} MB ({pauses} collections); peak RSS {rss / 1024:.0f} MB")
PY
