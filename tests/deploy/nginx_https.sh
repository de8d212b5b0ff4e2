#!/usr/bin/env bash
# The Owner's guide, step 4, as a reader would try it before the DNS name
# exists: nginx with the README's server block and a self-signed certificate
# in front of a built tanya serving a freshly written article. Checks /healthz
# and the demo page over HTTPS, an answer over wss:// from an allowed origin,
# 403 for another origin, and /api/origin telling them apart. Not part of
# ctest (it needs nginx, openssl and Debian's python3-websockets); prints
# PASS/FAIL per step, exits non-zero on any FAIL.
#   tests/deploy/nginx_https.sh [BUILD_DIR]   (default: build)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
tanya=${1:-$root/build}/tanya
work=$(mktemp -d)
http_port=$(( 20000 + RANDOM % 10000 )); tls_port=$(( http_port + 1 ))
cleanup() { [ -f "$work/nginx.pid" ] && kill "$(cat "$work/nginx.pid")" 2>/dev/null; [ -n "${pid:-}" ] && kill "$pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
status=0
check() { if eval "$2"; then echo "PASS $1"; else echo "FAIL $1"; status=1; fi; }

mkdir "$work/k"
cat > "$work/k/fotosintesis.txt" <<'EOF'
Fotosintesis pada Tumbuhan

Fotosintesis adalah cara tumbuhan hijau membuat makanannya sendiri dengan bantuan cahaya matahari.

Bahan Fotosintesis

Tumbuhan memerlukan air dari akar, karbon dioksida dari udara, dan cahaya matahari yang ditangkap klorofil di daun.

Hasil Fotosintesis

Hasil fotosintesis adalah glukosa sebagai makanan tumbuhan dan oksigen yang dilepaskan ke udara.
EOF
openssl req -x509 -newkey rsa:2048 -nodes -days 30 -subj /CN=tanya.sekolah.example \
  -addext "subjectAltName=DNS:tanya.sekolah.example" -keyout "$work/key.pem" -out "$work/cert.pem" 2>/dev/null
cat > "$work/nginx.conf" <<EOF
pid $work/nginx.pid;
error_log $work/error.log;
events {}
http {
  access_log $work/access.log;
  client_body_temp_path $work/body; proxy_temp_path $work/proxy;
  fastcgi_temp_path $work/fcgi; uwsgi_temp_path $work/uwsgi; scgi_temp_path $work/scgi;
  # The README's block (Owner's guide, step 4); only the ports and paths differ.
  upstream tanya { server 127.0.0.1:$http_port; }
  server {
    listen $tls_port ssl;
    server_name tanya.sekolah.example;
    ssl_certificate     $work/cert.pem;
    ssl_certificate_key $work/key.pem;
    include $root/web/deploy/tanya-proxy.conf;
  }
}
EOF
TANYA_CACHE_DIR=$work/cache "$tanya" serve --port "$http_port" --knowledge "$work/k" \
  --allowed-origins https://sekolah.example --trusted-proxies 127.0.0.1 > "$work/tanya.log" 2>&1 &
pid=$!
for _ in $(seq 100); do curl -fsS "http://127.0.0.1:$http_port/healthz" >/dev/null 2>&1 && break; sleep 0.2; done
nginx -c "$work/nginx.conf"
url=https://tanya.sekolah.example:$tls_port
c() { curl -sS --resolve "tanya.sekolah.example:$tls_port:127.0.0.1" --cacert "$work/cert.pem" "$@"; }
check "/healthz over HTTPS" '[[ $(c "$url/healthz") == *"\"status\":\"ok\""* ]]'
check "demo page titled by the article" '[[ $(c "$url/") == *"<title>Fotosintesis pada Tumbuhan"* ]]'
check "/api/origin refuses another site" '[[ $(c -H "Origin: https://lain.example" "$url/api/origin") == *"\"allowed\":false"* ]]'
check "/api/origin allows the listed site" '[[ $(c -H "Origin: https://sekolah.example" "$url/api/origin") == *"\"allowed\":true"* ]]'
ws=$(/usr/bin/python3 - "$work/cert.pem" "$tls_port" <<'PY'
import asyncio, json, ssl, sys, websockets
async def ask(origin):
    ctx = ssl.create_default_context(cafile=sys.argv[1])
    try:
        async with websockets.connect("wss://tanya.sekolah.example/ws", ssl=ctx, origin=origin, host="127.0.0.1",
                                      port=int(sys.argv[2]), server_hostname="tanya.sekolah.example") as w:
            await w.recv()
            await w.send(json.dumps({"type": "ask", "id": 1, "text": "apa hasil fotosintesis?"}))
            a = json.loads(await w.recv())
            return "answer" if a.get("type") == "answer" and not a.get("fallback") and "glukosa" in a.get("text", "") else "wrong"
    except websockets.exceptions.InvalidStatusCode as e:
        return f"refused {e.status_code}"
print(asyncio.run(ask("https://sekolah.example")), "|", asyncio.run(ask("https://lain.example")))
PY
)
check "wss:// answer from the allowed origin" '[[ $ws == "answer |"* ]]'
check "wss:// from another origin refused with 403" '[[ $ws == *"| refused 403" ]]'
exit $status
