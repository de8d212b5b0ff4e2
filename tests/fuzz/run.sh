#!/usr/bin/env bash
# Builds the libFuzzer targets with clang-14 (ASan + UBSan) and runs each for
# SECONDS from seed corpora made of the knowledge, the question sets and the
# recorded payloads, after replaying every earlier finding in regressions/.
# Prints executions and CPU time per target; exits non-zero on any crash.
#   tests/fuzz/run.sh SECONDS [BUILD_DIR]
set -euo pipefail
secs=${1:?usage: run.sh SECONDS [BUILD_DIR]}
root=$(cd "$(dirname "$0")/../.." && pwd)
build=${2:-$root/build-fuzz}
here=$root/tests/fuzz
# A build directory configured already (the sanitizer build of tests/run-all.sh,
# which has TANYA_FUZZ on) is used as it is; otherwise one is made.
if [ ! -f "$build/CMakeCache.txt" ]; then
  CC=clang-14 CXX=clang++-14 cmake -S "$root" -B "$build" -G Ninja -DTANYA_FUZZ=ON -DBUILD_TESTING=OFF \
    -DCMAKE_BUILD_TYPE=RelWithDebInfo > /dev/null
fi
grep -q '^TANYA_FUZZ:BOOL=ON' "$build/CMakeCache.txt" || { echo "$build is not a TANYA_FUZZ build"; exit 1; }
cmake --build "$build" --target fuzz_knowledge fuzz_analyzer fuzz_answer fuzz_ws_message fuzz_http fuzz_whatsapp > "$build/fuzz-build.log" 2>&1 ||
  { tail -30 "$build/fuzz-build.log"; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export TANYA_CACHE_DIR=$work/cache ASAN_OPTIONS=detect_leaks=0:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1

# Seed corpora.
seed() { mkdir -p "$work/seed/$1"; }
seed knowledge; cp "$root"/knowledge/articles/*.txt "$root"/tests/data/import/* "$work/seed/knowledge/"
for t in analyzer answer ws_message http whatsapp; do seed $t; done
python3 - "$root" "$work/seed" <<'PY'
import json, sys, os
root, out = sys.argv[1], sys.argv[2]
qs = []
for f in ("dev-questions.jsonl", "own-questions.jsonl"):
    for line in open(os.path.join(root, "tests/eval", f), encoding="utf-8"):
        qs.append(json.loads(line)["question"])
qs += ['"kerja sama" NEAR(diplomasi, 5) AND -', "bilateral* ^multilateral: (OR)", "negara-negara2 kerjasamanya"]
for i, q in enumerate(qs):
    for t in ("analyzer", "answer"):
        open(f"{out}/{t}/q{i}", "w", encoding="utf-8").write(q)
    open(f"{out}/ws_message/q{i}", "w", encoding="utf-8").write(json.dumps({"type": "ask", "id": f"c-{i}", "text": q}))
open(f"{out}/ws_message/feedback", "w").write('{"type":"feedback","id":"c-1","useful":true}')
for name in os.listdir(os.path.join(root, "tests/data/adapters")):
    body = open(os.path.join(root, "tests/data/adapters", name), encoding="utf-8").read().encode()
    path = "/adapters/telegram/s3cret" if name.startswith("telegram") else "/adapters/webhook"
    head = (f"POST {path} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            f"X-Telegram-Bot-Api-Secret-Token: s3cret\r\nContent-Length: {len(body)}\r\n\r\n").encode()
    open(f"{out}/http/{name}", "wb").write(head + body)
for name in os.listdir(os.path.join(root, "tests/data/whatsapp")):
    body = open(os.path.join(root, "tests/data/whatsapp", name), "rb").read()
    open(f"{out}/whatsapp/{name}", "wb").write(body)
PY

status=0
printf '| target | executions | exec/s | seconds | findings |\n|---|---|---|---|---|\n'
for t in knowledge analyzer answer ws_message http whatsapp; do
  bin=$build/fuzz/fuzz_$t
  dict=$here/json.dict; case $t in analyzer|answer|knowledge) dict=$here/fts5.dict ;; esac
  mkdir -p "$work/corpus/$t" "$work/crash/$t"
  if [ -d "$here/regressions/$t" ] && [ -n "$(ls -A "$here/regressions/$t")" ]; then
    "$bin" "$here"/regressions/$t/* > "$work/$t.replay" 2>&1 || { echo "REGRESSION in $t"; tail -20 "$work/$t.replay"; status=1; }
  fi
  start=$(date +%s.%N)
  # -timeout is per input, and the first input also pays the engine's start
  # (index build, the thesaurus and the English dictionary under ASan and
  # fuzzer instrumentation: about 9 s seen on a busy 2-core machine), so it is
  # set well above that; a hang still ends the run.
  if ! "$bin" -max_total_time="$secs" -dict="$dict" -print_final_stats=1 -max_len=4096 -timeout=60 \
       -artifact_prefix="$work/crash/$t/" "$work/corpus/$t" "$work/seed/$t" > "$work/$t.log" 2>&1; then
    status=1
    mkdir -p "$root/tests/fuzz/findings"
    cp "$work/crash/$t"/* "$root/tests/fuzz/findings/" 2>/dev/null || true
    echo "FINDING in $t:"; grep -m5 -E "ERROR|SUMMARY|runtime error" "$work/$t.log" || tail -20 "$work/$t.log"
  fi
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$work/$t.log" | tail -1)
  cpu=$(python3 -c "print(f'{$(date +%s.%N) - $start:.0f}')")
  rate=$(python3 -c "print(int(${runs:-0} / max(1, $cpu)))")
  findings=$(ls "$work/crash/$t" | wc -l)
  printf '| fuzz_%s | %s | %s | %s | %s |\n' "$t" "${runs:-0}" "$rate" "$cpu" "$findings"
done
exit $status
