#!/usr/bin/env bash
# A short smoke of every benchmark tool, run by ctest: they start, measure and
# report. No thresholds — figures come from run.sh.
set -u
build=${1:?usage: smoke.sh BUILD_DIR}
. "$(dirname "$0")/ready_port.sh"
passed=0; failed=0
check() { if "$@" > /tmp/tanya-smoke.$$ 2>&1; then passed=$((passed+1)); else failed=$((failed+1)); echo "FAILED: $*"; tail -5 /tmp/tanya-smoke.$$; fi; }
cache=$(mktemp -d); trap 'kill "${pids[@]}" 2>/dev/null; rm -rf "$cache" /tmp/tanya-smoke.$$' EXIT
export TANYA_CACHE_DIR=$cache

check bash -c "\"$build/tanya-bench-inprocess\" '[figures]' | grep -q '^FIGURES {'"

pids=()
start() {  # start a server on a free port; sets port (not in a subshell: the server must stay ours to stop)
  local out=$cache/$1.out
  "$build/$1" serve --host 127.0.0.1 --port 0 --rate 100000 --burst 100000 --log-level warn > "$out" 2>&1 &
  pids+=($!)
  port=$(ready_port "$out" 200) || port=
}
for server in tanya tanya-echo tanya-bare-echo; do
  start "$server"
  check "$build/tanya-bench" --url "ws://127.0.0.1:$port/ws" --connections 4 --duration 1 --warmup 0.2
  check "$build/tanya-bench" --url "ws://127.0.0.1:$port/ws" --connections 4 --duration 1 --warmup 0.2 --unique
  check "$build/tanya-bench" --url "ws://127.0.0.1:$port/ws" --connections 8 --duration 0.5 --warmup 0.2 --idle
done
check python3 "$(dirname "$0")/make_corpus.py" 2 "$cache/corpus"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
