#!/usr/bin/env bash
# Throughput through nginx with 1 and 2 tanya replicas sharing a Redis, with
# the shipped web/deploy/tanya-proxy.conf, beside one replica with no proxy.
# Prints one Markdown table (the README's "Scale-out" section). Client,
# nginx, Redis and replicas all share this machine.
#   tests/bench/scaleout.sh [BUILD_DIR] [SECONDS_PER_RUN] [THREADS_PER_REPLICA]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
src=$(cd "$here/../.." && pwd)
. "$here/ready_port.sh"
build=$(cd "${1:-$src/build}" && pwd)
secs=${2:-10}
threads=${3:-1}
work=$(mktemp -d)
export TANYA_CACHE_DIR=$work/cache NO_PROXY='*' no_proxy='*'
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; sleep 0.2; rm -rf "$work"; }
trap cleanup EXIT

for p in nginx redis-server; do
  command -v $p >/dev/null || [ -x /usr/sbin/$p ] || { echo "needs $p (apt-get install nginx redis-server)" >&2; exit 1; }
done
nginx_bin=$(command -v nginx || echo /usr/sbin/nginx)
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
json_field() { python3 -c "import json,sys; d=json.loads(sys.stdin.read().strip().splitlines()[-1]); print(d['$1'])"; }
rss_mb() { awk '/VmRSS/ {printf "%d", $2 / 1024}' "/proc/$1/status"; }
fmt() { python3 -c "print(f'{float(\"$1\"):,.0f}')"; }

redis_port=$(free_port)
redis-server --port "$redis_port" --bind 127.0.0.1 --save '' --appendonly no --dir "$work" > "$work/redis.log" 2>&1 &
pids+=($!); redis_pid=$!
until redis-cli -p "$redis_port" ping > /dev/null 2>&1; do sleep 0.05; done
redis_url=redis://127.0.0.1:$redis_port/0

replica_pids=(); replica_ports=()
start_replica() {
  local out=$work/replica.$RANDOM.out
  "$build/tanya" serve --host 127.0.0.1 --port 0 --threads "$threads" --rate 1000000 --burst 1000000 \
    --log-level warn --max-connections 20000 --sessions "$redis_url" --events-db "$redis_url" > "$out" 2>&1 &
  local pid=$!; pids+=("$pid"); replica_pids+=("$pid")
  local port
  if port=$(ready_port "$out"); then replica_ports+=("$port"); return 0; fi
  echo "replica did not start" >&2; cat "$out" >&2; exit 1
}
stop_replicas() { for p in "${replica_pids[@]}"; do kill "$p"; wait "$p" 2>/dev/null || true; done; replica_pids=(); replica_ports=(); }

nginx_pid=""; nginx_port=""
start_nginx() {
  local n=$work/nginx.$RANDOM; mkdir -p "$n"
  nginx_port=$(free_port)
  {
    [ "$(id -u)" = 0 ] && echo "user root;"
    echo "daemon off; worker_processes auto; pid $n/nginx.pid; error_log $n/error.log warn;"
    echo "events { worker_connections 16384; }"
    echo "http { access_log off; client_body_temp_path $n/body; proxy_temp_path $n/proxy;"
    echo "  fastcgi_temp_path $n/f; uwsgi_temp_path $n/u; scgi_temp_path $n/s;"
    echo "  upstream tanya { least_conn; keepalive 64;"
    for p in "${replica_ports[@]}"; do echo "    server 127.0.0.1:$p max_fails=1 fail_timeout=5s;"; done
    echo "  }"
    echo "  server { listen 127.0.0.1:$nginx_port; include $src/web/deploy/tanya-proxy.conf; }"
    echo "}"
  } > "$n/nginx.conf"
  "$nginx_bin" -p "$n" -c "$n/nginx.conf" -e "$n/error.log" &
  nginx_pid=$!; pids+=("$nginx_pid")
  until (exec 3<>"/dev/tcp/127.0.0.1/$nginx_port") 2>/dev/null; do sleep 0.05; done
}
stop_nginx() { kill "$nginx_pid"; wait "$nginx_pid" 2>/dev/null || true; }
nginx_rss() { local sum=0; for p in $(pgrep -P "$nginx_pid") "$nginx_pid"; do sum=$((sum + $(rss_mb "$p"))); done; echo $sum; }
bench() { "$build/tanya-bench" --url "ws://127.0.0.1:$1/ws" --connections 64 --warmup 2 --duration "$secs" | tail -1; }

"$build/tanya" index > /dev/null
rows=()
measure() {  # LABEL PORT WITH_NGINX
  local j; j=$(bench "$2")
  local rss="" p
  for p in "${replica_pids[@]}"; do rss+="$(rss_mb "$p") MB + "; done
  rss=${rss% + }
  [ "$3" = yes ] && rss+=", nginx $(nginx_rss) MB"
  rows+=("| $1 | $(fmt "$(echo "$j" | json_field answers_per_s)") | $(fmt "$(echo "$j" | json_field p50_us)") / $(fmt "$(echo "$j" | json_field p99_us)") µs | $(echo "$j" | json_field errors) | $rss |")
}

start_replica
measure "1 replica, direct (no nginx)" "${replica_ports[0]}" no
start_nginx
measure "1 replica through nginx" "$nginx_port" yes
stop_nginx
start_replica
start_nginx
measure "2 replicas through nginx" "$nginx_port" yes

# Memory per connected student: idle WebSockets held through nginx.
idle=${IDLE_CONNECTIONS:-5000}
"$build/tanya-bench" --url "ws://127.0.0.1:$nginx_port/ws" --connections "$idle" --idle --warmup 5 --duration 3 > "$work/idle.out" &
bpid=$!
sleep 6
idle_rss=""
for p in "${replica_pids[@]}"; do idle_rss+="$(rss_mb "$p") MB + "; done
idle_rss="${idle_rss% + }, nginx $(nginx_rss) MB"
wait $bpid || true
connected=$(tail -1 "$work/idle.out" | json_field connected)
rows+=("| $connected idle WebSockets through nginx, 2 replicas | — | — | — | $idle_rss |")
stop_nginx
stop_replicas

echo "Measured $(date -u +%Y-%m-%d) on $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')), commit $(git -C "$here" rev-parse --short HEAD 2>/dev/null || echo unknown): tanya-bench, 64 WebSocket connections, $secs s per run, --threads $threads per replica, Redis for sessions and events, everything on this machine."
echo
echo "| setup | answers/s | p50 / p99 | errors | RSS (replicas, nginx) |"
echo "|---|---|---|---|---|"
printf '%s\n' "${rows[@]}"
