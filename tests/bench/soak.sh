#!/usr/bin/env bash
# Holds half of the maximum measured load for MINUTES and reports, minute by
# minute, answers/s, errors, p99 and the server's RSS. Fails on any error or on
# RSS growth of 5% or more after the first (warm-up) minute.
#   tests/bench/soak.sh MINUTES [BUILD_DIR]
set -euo pipefail
minutes=${1:?usage: soak.sh MINUTES [BUILD_DIR]}
here=$(cd "$(dirname "$0")" && pwd)
build=$(cd "${2:-$here/../../build}" && pwd)
work=$(mktemp -d)
export TANYA_CACHE_DIR=$work/cache NO_PROXY='*' no_proxy='*'
out=$work/server.out
"$build/tanya" serve --host 127.0.0.1 --port 0 --threads 2 --rate 1000000 --burst 1000000 --log-level warn \
  --events-db "$work/events.db" > "$out" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; rm -rf "$work"' EXIT
. "$here/ready_port.sh"
port=$(ready_port "$out") || { echo "server did not start" >&2; cat "$out" >&2; exit 1; }
url="ws://127.0.0.1:$port/ws"
field() { python3 -c "import json,sys; print(json.loads(sys.stdin.read().strip().splitlines()[-1])['$1'])"; }
max=$("$build/tanya-bench" --url "$url" --connections 64 --duration 5 --warmup 1 | field answers_per_s)
half=$(python3 -c "print(int($max / 2))")
echo "maximum $max answers/s; holding $half answers/s with 64 connections for $minutes minutes"
echo
echo "| minute | answers/s | errors | p99 µs | RSS MB |"
echo "|---|---|---|---|---|"
errors_total=0; first_rss=0; last_rss=0
for m in $(seq "$minutes"); do
  j=$("$build/tanya-bench" --url "$url" --connections 64 --rate "$half" --duration 58 --warmup 2)
  rss=$(awk '/VmRSS/ {print $2}' "/proc/$pid/status")
  errors=$(echo "$j" | field errors); errors_total=$((errors_total + errors))
  printf '| %d | %.0f | %d | %.0f | %.1f |\n' "$m" "$(echo "$j" | field answers_per_s)" "$errors" \
    "$(echo "$j" | field p99_us)" "$(python3 -c "print($rss/1024)")"
  [ "$m" = 1 ] && first_rss=$rss
  last_rss=$rss
done
growth=$(python3 -c "print(f'{($last_rss - $first_rss) / $first_rss * 100:.1f}')")
echo
echo "errors: $errors_total; RSS after warm-up $((first_rss / 1024)) MB, at the end $((last_rss / 1024)) MB (growth $growth%)"
python3 -c "import sys; sys.exit(0 if $errors_total == 0 and ($last_rss - $first_rss) / $first_rss < 0.05 else 1)"
