#!/usr/bin/env bash
# Times `sessiongan replay` against a local stand-in storefront that answers at once (scripts/ReplayStub.java),
# with no pauses: the replay's own ceiling in requests/s, for docs/benchmarks.md. The stand-in shares the
# machine's cores with the replay.
#   scripts/bench-replay.sh USERS CONCURRENCY [more replay options]
set -euo pipefail
users="${1:?usage: scripts/bench-replay.sh USERS CONCURRENCY [replay options]}"
concurrency="${2:?usage: scripts/bench-replay.sh USERS CONCURRENCY [replay options]}"
shift 2
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
port="${PORT:-18080}"
java "$root/scripts/ReplayStub.java" "$port" &
stub=$!
trap 'kill "$stub"' EXIT
for _ in $(seq 50); do
  (echo > "/dev/tcp/127.0.0.1/$port") 2>/dev/null && break
  sleep 0.2
done
"${SESSIONGAN:-$root/sessiongan}" replay --base-url "http://127.0.0.1:$port" --users "$users" --seed 7 \
  --time-scale 0 --concurrency "$concurrency" --max-errors 10 "$@"
