#!/usr/bin/env bash
# Runs every benchmark and prints two Markdown tables (the README's Performance
# section). First the one that cannot be flattered: tanya, tanya-echo (tanya's
# stack with no engine) and tanya-bare-echo (a bare Beast echo: the machine's
# ceiling) under the same client — 64 WebSocket connections, one question in
# flight each, every question distinct (tanya-bench --unique) — in ROUNDS
# interleaved rounds, reported as the range over the rounds. Then the other
# figures. Client and server share this machine.
#   tests/bench/run.sh [BUILD_DIR] [SECONDS_PER_RUN] [ROUNDS]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
build=$(cd "${1:-$here/../../build}" && pwd)
secs=${2:-10}
rounds=${3:-3}
work=$(mktemp -d)
export TANYA_CACHE_DIR=$work/cache NO_PROXY='*' no_proxy='*'
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT

figure() { sed -n 's/^FIGURES //p' | python3 -c "import json,sys; d=json.load(sys.stdin); print(d['$1'])"; }
json_field() { python3 -c "import json,sys; d=json.loads(sys.stdin.read().strip().splitlines()[-1]); print(d['$1'])"; }
rss_kb() { awk '/VmRSS/ {print $2}' "/proc/$1/status"; }
fmt() { python3 -c "print(f'{float(\"$1\"):,.${2:-0}f}')"; }

. "$here/ready_port.sh"
# start NAME ARGS...: starts a server, waits for its ready line; sets PORT and PID.
start() {
  local bin=$1; shift
  local out=$work/$bin.$RANDOM.out
  "$build/$bin" serve --host 127.0.0.1 --port 0 --rate 1000000 --burst 1000000 --log-level warn \
    --max-connections 20000 "$@" > "$out" 2>&1 &
  PID=$!; pids+=("$PID")
  PORT=$(ready_port "$out") && return 0
  echo "server $bin did not start" >&2; cat "$out" >&2; exit 1
}
stop() { kill "$PID"; wait "$PID" 2>/dev/null || true; }
bench() { "$build/tanya-bench" --url "ws://127.0.0.1:$PORT/ws" --warmup 2 --duration "$secs" --unique "$@" | tail -1; }
# range VALUES...: "min–max" (or the one value), formatted.
range() { python3 -c "import sys; v=sorted(float(x) for x in sys.argv[1:]); f=lambda x: f'{x:,.0f}'; print(f(v[0]) if f(v[0]) == f(v[-1]) else f(v[0]) + '–' + f(v[-1]))" "$@"; }

rows=()
row() { rows+=("| $1 | $2 | $3 |"); }

# 1. The one-run table: the same client against tanya, tanya-echo and the bare
# echo, round after round, so a busy moment on the machine hits all three.
declare -A rate p50 p99
servers=(tanya tanya-echo tanya-bare-echo)
"$build/tanya" index > /dev/null
for r in $(seq "$rounds"); do
  for s in "${servers[@]}"; do
    start "$s" --threads 2
    j=$(bench --connections 64)
    stop
    rate[$s]+=" $(echo "$j" | json_field answers_per_s)"
    p50[$s]+=" $(echo "$j" | json_field p50_us)"
    p99[$s]+=" $(echo "$j" | json_field p99_us)"
    if [ "$s" = tanya ]; then
      mix=$(python3 -c "import json,sys; d=json.loads(sys.argv[1]); f,t=d['fallback_share'],d['smalltalk_share']; print(f'{100*(1-f-t):.0f}% answered, {100*f:.0f}% fallback, {100*t:.0f}% small talk')" "$j")
    fi
  done
done
median() { python3 -c "import statistics,sys; print(statistics.median(float(x) for x in sys.argv[1:]))" "$@"; }
bare=$(median ${rate[tanya-bare-echo]})
headline=("| server | answers/s | p50 µs | p99 µs | answers/s ÷ bare echo (medians) |" "|---|---|---|---|---|")
for s in tanya-bare-echo tanya-echo tanya; do
  ratio=$(python3 -c "print(f'{$(median ${rate[$s]}) / $bare:.2f}×')")
  headline+=("| $s | $(range ${rate[$s]}) | $(range ${p50[$s]}) | $(range ${p99[$s]}) | $ratio |")
done
tanya_rate=$(median ${rate[tanya]})

# 2. In process, bundled article.
f=$("$build/tanya-bench-inprocess" "[figures]" | grep '^FIGURES')
row "Analyzer throughput (in process)" "$(fmt "$(echo "$f" | figure analyzer_tokens_per_s)") tokens/s" "—"
row "Index build, bundled article (40 units)" "$(fmt "$(echo "$f" | figure index_build_s)" 4) s ($(fmt "$(echo "$f" | figure index_units_per_s)") units/s)" "—"
p50=$(echo "$f" | figure answer_p50_us); p99=$(echo "$f" | figure answer_p99_us)
row "Answer time in process, p50 / p99" "$(fmt "$p50") µs / $(fmt "$p99") µs" "p50 ≤ 30 µs, p99 ≤ 100 µs"

# 3. Start to ready with an existing index, and idle memory.
t0=$(date +%s%N); start tanya --threads 2; t1=$(date +%s%N)
row "Start to ready, existing index" "$(( (t1 - t0) / 1000000 )) ms" "< 200 ms"
sleep 1
row "RSS idle" "$(( $(rss_kb "$PID") / 1024 )) MB" "< 30 MB"
stop

# 4. p99 at half of tanya's rate.
start tanya --threads 2
half=$(python3 -c "print(int($tanya_rate / 2))")
half_json=$(bench --connections 64 --rate "$half")
row "Latency at half load ($(fmt "$half") answers/s), p50 / p99" "$(fmt "$(echo "$half_json" | json_field p50_us)") µs / $(fmt "$(echo "$half_json" | json_field p99_us)") µs" "p99 < 5 ms"
stop

# 5. Thread scaling.
for t in 1 2; do
  start tanya --threads "$t"
  r=$(bench --connections 64 | json_field answers_per_s)
  stop
  row "answers/s with --threads $t (unique questions)" "$(fmt "$r")" "—"
done

# 6. 10,000 idle WebSocket connections.
start tanya --threads 2
"$build/tanya-bench" --url "ws://127.0.0.1:$PORT/ws" --connections 10000 --idle --warmup 5 --duration 3 > "$work/idle.out" &
bpid=$!
sleep 6
held_rss=$(( $(rss_kb "$PID") / 1024 ))
wait $bpid || true
connected=$(tail -1 "$work/idle.out" | json_field connected)
row "10,000 idle WebSocket connections" "$connected held, RSS $held_rss MB" "< 150 MB"
stop

# 7. Corpus growth.
for n in 10 100 1000; do
  python3 "$here/make_corpus.py" "$n" "$work/corpus-$n" > /dev/null
  f=$(TANYA_BENCH_KNOWLEDGE=$work/corpus-$n "$build/tanya-bench-inprocess" "[figures]" | grep '^FIGURES')
  start tanya --threads 2 --knowledge "$work/corpus-$n"
  sleep 1
  rss=$(( $(rss_kb "$PID") / 1024 ))
  stop
  target="—"; [ "$n" = 1000 ] && target="p50 < 1 ms"
  row "${n}× corpus ($(echo "$f" | figure units) units)" "build $(fmt "$(echo "$f" | figure index_build_s)" 2) s, index $(( $(echo "$f" | figure index_bytes) / 1024 )) KB, answer p50 $(fmt "$(echo "$f" | figure answer_p50_us)") µs / p99 $(fmt "$(echo "$f" | figure answer_p99_us)") µs, RSS $rss MB" "$target"
done

echo "Measured $(date -u +%Y-%m-%d) on $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')), commit $(git -C "$here" rev-parse --short HEAD 2>/dev/null || echo unknown), $secs s per throughput run, client and server on the same machine, load average $(cut -d' ' -f1-3 /proc/loadavg) at the end."
echo
echo "64 WebSocket connections, one question in flight each, every question distinct (tanya's replies: $mix), 2 server threads, $rounds rounds (range):"
echo
printf '%s\n' "${headline[@]}"
echo
echo "| measure | result | target |"
echo "|---|---|---|"
printf '%s\n' "${rows[@]}"
