#!/usr/bin/env bash
# Thread scaling: tanya's answers/s with --threads 1, 2, 4, … up to half the
# machine's cores, the server pinned to the first half of the cores and the
# client (tanya-bench, as many threads) to the other half, so the client never
# takes a core from the server; then tanya-bare-echo at the largest count (the
# machine's ceiling for the same client). Every question is distinct
# (--unique), 256 connections, one question in flight each. One JSON line per
# run, then a Markdown table. Not part of ctest; the README's Performance
# section reports it.
#   tests/bench/scaling.sh [BIN_DIR] [SECONDS_PER_RUN] [KNOWLEDGE_DIR]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
bin=$(cd "${1:-$here/../../build}" && pwd)
secs=${2:-8}
knowledge=${3:-$here/../../knowledge/articles}
work=$(mktemp -d)
export TANYA_CACHE_DIR=$work/cache NO_PROXY='*' no_proxy='*'
pid=""
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

. "$here/ready_port.sh"

cores=$(nproc)
half=$((cores / 2))
((half >= 1)) || { echo "scaling.sh: needs at least 2 cores" >&2; exit 2; }
server_cpus="0-$((half - 1))"
client_cpus="$half-$((cores - 1))"
[ "$half" -eq 1 ] && server_cpus=0 client_cpus=1
pin() { taskset -c "$@"; }
command -v taskset > /dev/null || { echo "scaling.sh: no taskset here: server and client not pinned"; pin() { shift; "$@"; }; }

start() {
  local name=$1 threads=$2 out=$work/server.out
  pin "$server_cpus" "$bin/$name" serve --host 127.0.0.1 --port 0 --threads "$threads" \
    --knowledge "$knowledge" --rate 1000000 --burst 1000000 --log-level warn --max-connections 20000 > "$out" 2>&1 &
  pid=$!
  port=$(ready_port "$out") && return 0
  echo "scaling.sh: $name did not start" >&2; cat "$out" >&2; exit 1
}
stop() { kill "$pid"; wait "$pid" 2>/dev/null || true; pid=""; }
bench() {
  pin "$client_cpus" "$bin/tanya-bench" --url "ws://127.0.0.1:$port/ws" --warmup 2 --duration "$secs" \
    --unique --connections 256 --threads "$half" | tail -1
}
field() { python3 -c "import json,sys; print(json.loads(sys.argv[1])['$2'])" "$1"; }

echo "cores $cores: server on cpus $server_cpus, client on cpus $client_cpus, $secs s per run"
rows=()
one=""
for ((t = 1; t <= half; t *= 2)); do
  start tanya "$t"
  j=$(bench)
  stop
  echo "tanya --threads $t: $j"
  r=$(field "$j" answers_per_s)
  [ -z "$one" ] && one=$r
  rows+=("| tanya --threads $t | $(printf '%.0f' "$r") | $(python3 -c "print(f'{$r / $one:.2f}×')") | $(printf '%.0f' "$(field "$j" p50_us)") | $(printf '%.0f' "$(field "$j" p99_us)") |")
done
start tanya-bare-echo "$half"
j=$(bench)
stop
echo "tanya-bare-echo --threads $half: $j"
rows+=("| tanya-bare-echo --threads $half | $(printf '%.0f' "$(field "$j" answers_per_s)") | — | $(printf '%.0f' "$(field "$j" p50_us)") | $(printf '%.0f' "$(field "$j" p99_us)") |")

echo
echo "| server | answers/s | vs 1 thread | p50 µs | p99 µs |"
echo "|---|---|---|---|---|"
printf '%s\n' "${rows[@]}"
