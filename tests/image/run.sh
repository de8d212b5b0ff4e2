#!/usr/bin/env bash
# Builds the Dockerfile with podman and proves the image without starting a
# container (this sandbox refuses crun's rlimits and cgroups): its filesystem is
# exported and its entrypoint run in a chroot of it, as the image's user, with the
# image's environment and working directory. Checks: /healthz, an answer over /ws,
# `tanya healthcheck` (the image's HEALTHCHECK command), a non-root process, and
# that the index was built into the image (found at start, not rebuilt).
#
#   tests/image/run.sh [--no-build]
#     --no-build   prove the image already tagged $TANYA_IMAGE
#   TANYA_IMAGE   tag to build and prove (default tanya:local)
#   TANYA_FRESH_DIR, TANYA_FRESH_MIRROR  as in tests/fresh/debian.sh
#
# No registry is reachable here, so each base image the Dockerfile names
# (debian:bookworm, debian:bookworm-slim) that podman does not have is made from
# the debootstrap minbase tarball of tests/fresh/ and tagged with that name: the
# Dockerfile stays as users who pull the real ones build it. The build context is
# a clean export of HEAD (git archive), not this working tree.
# Needs root, podman, debootstrap, curl, Debian's python3-websockets, the mirror;
# not in ctest.
# Exit status 0 only when every check passed; output kept in a log file.
set -euo pipefail
{  # parsed whole before it runs: editing this file cannot change a run in progress

build=true
for a in "$@"; do
  case "$a" in
    --no-build) build=false ;;
    *) echo "usage: $0 [--no-build]" >&2; exit 2 ;;
  esac
done
[[ $(id -u) -eq 0 ]] || { echo "tests/image/run.sh: needs root" >&2; exit 2; }
command -v podman >/dev/null || { echo "tests/image/run.sh: apt-get install podman" >&2; exit 2; }

src=$(git -C "$(dirname "$0")" rev-parse --show-toplevel)
commit=$(git -C "$src" rev-parse --short HEAD)
. "$src/tests/fresh/debian.sh"
image=${TANYA_IMAGE:-tanya:local}
work=$fresh_dir/image
log=$fresh_dir/image-$(date -u +%Y%m%dT%H%M%SZ).log
mkdir -p "$work"
: >"$log"
say() { echo "$*" | tee -a "$log"; }
results=()
pass() { results+=("PASS $*"); say "PASS $*"; }
failed=0
fail() { results+=("FAIL $*"); say "FAIL $*"; failed=1; }
rootfs=$work/rootfs
tanya_pid=""

mounted_under() { findmnt -rn -o TARGET | grep -E "^$1(/|$)" | sort -r || true; }
cleanup() {
  local rc=$? p
  [[ -n $tanya_pid ]] && kill -TERM "$tanya_pid" 2>/dev/null && sleep 1
  for p in /proc/[0-9]*; do
    [[ $(readlink "$p/root" 2>/dev/null) == "$rootfs" ]] && kill -KILL "${p#/proc/}" 2>/dev/null || true
  done
  for m in $(mounted_under "$rootfs"); do umount "$m" 2>/dev/null || umount -l "$m" || true; done
  ((rc == 0 && failed)) && rc=1
  say ""
  say "== image $image (Dockerfile of $commit)"
  for r in "${results[@]}"; do say "$r"; done
  if ((rc == 0)); then say "image: PASS"; else say "image: FAIL (exit $rc)"; fi
  say "log: $log"
  exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if $build; then
  # 1. Base images named by the Dockerfile's FROM lines (not its stage names).
  stages=$(awk 'toupper($1)=="FROM" && toupper($3)=="AS" {print $4}' "$src/Dockerfile")
  for name in $(awk 'toupper($1)=="FROM" {print $2}' "$src/Dockerfile" | sort -u); do
    grep -qxF "$name" <<<"$stages" && continue
    if podman image exists "$name"; then say "-- base $name: present"; continue; fi
    say "-- base $name: made from debootstrap minbase bookworm ($debian_mirror)"
    tarball=$(minbase_tarball "" "$log")
    base=$work/base
    rm -rf --one-file-system "$base"; mkdir -p "$base"
    tar -C "$base" -xf "$tarball"
    write_apt_settings "$base"
    # The real images' apt settings: no recommends kept, lists and caches cleaned.
    rm -rf "$base"/var/lib/apt/lists/* "$base"/var/cache/apt/*.bin
    if [[ $name == *slim* ]]; then  # like the real slim image: no docs, man pages, locales
      printf '%s\n' 'path-exclude /usr/share/doc/*' 'path-include /usr/share/doc/*/copyright' \
        'path-exclude /usr/share/man/*' 'path-exclude /usr/share/info/*' 'path-exclude /usr/share/locale/*' \
        >"$base/etc/dpkg/dpkg.cfg.d/docker"
    fi
    tar -C "$base" -c . | podman import --change 'CMD ["bash"]' - "$name" >>"$log" 2>&1
    rm -rf --one-file-system "$base"
  done

  # 2. The build, from a clean export of HEAD.
  ctx=$work/context
  rm -rf "$ctx"; mkdir -p "$ctx"
  git -C "$src" archive HEAD | tar -C "$ctx" -x
  say "-- podman build --isolation chroot --format docker -t $image (log: $log)"
  t0=$(date +%s)
  # --format docker: the OCI format has no HEALTHCHECK (podman drops it with a warning).
  if nice -n 10 podman build --isolation chroot --format docker -t "$image" "$ctx" >>"$log" 2>&1 && podman image exists "$image"; then
    pass "build: podman build --isolation chroot --format docker -t $image in $(($(date +%s) - t0))s"
  else
    fail "build: podman build (see the log)"; tail -n 40 "$log"; exit 1
  fi
fi

# 3. What the image says about itself.
q() { podman image inspect --format "$1" "$image"; }
user=$(q '{{.Config.User}}')
workdir=$(q '{{.Config.WorkingDir}}')
mapfile -t envs < <(q '{{range .Config.Env}}{{println .}}{{end}}' | sed '/^$/d')
mapfile -t entry < <(q '{{range .Config.Entrypoint}}{{println .}}{{end}}' | sed '/^$/d')
mapfile -t cmd < <(q '{{range .Config.Cmd}}{{println .}}{{end}}' | sed '/^$/d')
mapfile -t hc < <(q '{{if .Config.Healthcheck}}{{range .Config.Healthcheck.Test}}{{println .}}{{end}}{{end}}' | sed '/^$/d')
size=$(q '{{.Size}}')
say "user=$user workdir=${workdir:-/} entrypoint=${entry[*]} cmd=${cmd[*]} healthcheck=${hc[*]}"
say "env: ${envs[*]}"
say "size: $size bytes ($((size / 1000000)) MB)"
podman images "$image" | tee -a "$log"
[[ -n $user && $user != root && $user != 0 && $user != 0:* ]] && pass "image user is $user, not root" || fail "image user is '${user:-root}'"
image_port=$(printf '%s\n' "${envs[@]}" | sed -n 's/^TANYA_PORT=//p')
[[ -n $image_port ]] && q '{{range $p, $_ := .Config.ExposedPorts}}{{$p}} {{end}}' | grep -qw "$image_port/tcp" \
  && pass "EXPOSE matches TANYA_PORT=$image_port" || fail "EXPOSE does not match TANYA_PORT=$image_port"

# 4. The filesystem, exported.
for m in $(mounted_under "$rootfs"); do umount "$m" 2>/dev/null || umount -l "$m"; done
rm -rf --one-file-system "$rootfs"; mkdir -p "$rootfs"
cid=$(podman create "$image")
podman export "$cid" | tar -C "$rootfs" -x
podman rm "$cid" >/dev/null
mount -t proc proc "$rootfs/proc"
mount --bind /dev "$rootfs/dev"
cp /etc/resolv.conf "$rootfs/etc/resolv.conf" 2>/dev/null || true

# The image's user as numbers, from the image's own /etc/passwd.
name=${user%%:*}
if [[ $name =~ ^[0-9]+$ ]]; then uid=$name; gid=${user#*:}; [[ $gid == "$user" ]] && gid=$uid
else IFS=: read -r _ _ uid gid _ < <(grep "^$name:" "$rootfs/etc/passwd"); fi
cache_dir=$(printf '%s\n' "${envs[@]}" | sed -n 's/^TANYA_CACHE_DIR=//p')
before=$(find "$rootfs${cache_dir:-/nonexistent}" -name 'index-*.db' -printf '%P %s %T@\n' 2>/dev/null | sort)
[[ -n $before ]] && pass "index built into the image: ${cache_dir}/$(cut -d' ' -f1,2 <<<"$before" | head -1) bytes" \
  || fail "no index-*.db in the image's TANYA_CACHE_DIR (${cache_dir:-unset})"

# 5. The entrypoint, as the image's user, with its environment and working directory;
#    a free port instead of the image's, as `-e TANYA_PORT=` would (8080 may be taken here).
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
as_image() {
  chroot --userspec="$uid:$gid" --groups="$gid" "$rootfs" /usr/bin/env -i -C "${workdir:-/}" "${envs[@]}" TANYA_PORT="$port" "$@"
}
t0=$(date +%s%N)
chroot --userspec="$uid:$gid" --groups="$gid" "$rootfs" /usr/bin/env -i -C "${workdir:-/}" "${envs[@]}" \
  TANYA_PORT="$port" "${entry[@]}" "${cmd[@]}" >"$work/serve.log" 2>&1 &  # exec chain: $! is tanya
tanya_pid=$!
healthz=""
for _ in $(seq 1 300); do
  healthz=$(curl -fsS --max-time 2 "http://127.0.0.1:$port/healthz" 2>/dev/null) && break
  healthz=""
  kill -0 "$tanya_pid" 2>/dev/null || break
  sleep 0.1
done
ms=$((($(date +%s%N) - t0) / 1000000))
cat "$work/serve.log" >>"$log"
if [[ $healthz == *'"ok"'* ]]; then
  pass "/healthz answered ${ms} ms after the entrypoint started ($(grep -o 'ready in [0-9]* ms' "$work/serve.log" || true) by its own log): $healthz"
else fail "/healthz: no answer (serve log below)"; cat "$work/serve.log"; exit 1; fi

# The serve process (the chroot's tanya), its user.
spid=""
for p in /proc/[0-9]*; do
  if [[ $(readlink "$p/root" 2>/dev/null) == "$rootfs" && $(readlink "$p/exe" 2>/dev/null) == */tanya ]]; then spid=${p#/proc/}; break; fi
done
puid=$(awk '/^Uid:/ {print $2}' "/proc/${spid:-0}/status" 2>/dev/null || true)
[[ -n $puid && $puid == "$uid" && $puid != 0 ]] && pass "serve runs as uid $puid ($name), not root" || fail "serve runs as uid $puid"

grep -q "reused" "$work/serve.log" && pass "serve reused the index from the image: $(grep -m1 reused "$work/serve.log")" \
  || fail "serve did not reuse the image's index: $(grep -m1 -i index "$work/serve.log")"
after=$(find "$rootfs$cache_dir" -name 'index-*.db' -printf '%P %s %T@\n' 2>/dev/null | sort)
[[ $before == "$after" ]] && pass "index file unchanged by the start" || fail "index file changed at start"

# An answer over /ws, from an independent client (Debian's python3-websockets).
if answer=$(/usr/bin/python3 - "$port" <<'PY' 2>&1
import asyncio, json, sys, websockets
async def main():
    async with websockets.connect(f"ws://127.0.0.1:{sys.argv[1]}/ws") as ws:
        welcome = json.loads(await ws.recv())
        assert welcome["type"] == "welcome", welcome
        await ws.send(json.dumps({"type": "ask", "id": "img-1", "text": "Apa perbedaan kerja sama bilateral dan multilateral?"}))
        a = json.loads(await ws.recv())
        assert a["type"] == "answer" and a["id"] == "img-1" and not a["fallback"] and a["sources"], a
        print(a["sources"][0]["kind"], "from", a["sources"][0]["article"], "-", a["text"][:80])
asyncio.run(main())
PY
); then pass "/ws answered: $answer"; else fail "/ws: $answer"; fi

# The image's HEALTHCHECK command, as the image runs it (CMD form: argv after "CMD").
if [[ ${hc[0]:-} == CMD ]]; then
  if out=$(as_image "${hc[@]:1}" 2>&1); then pass "HEALTHCHECK ${hc[*]:1}: exit 0 ($out)"
  else fail "HEALTHCHECK ${hc[*]:1}: $out"; fi
else
  fail "no HEALTHCHECK CMD in the image (${hc[*]:-none})"
fi

# A clean stop on SIGTERM, as `docker stop` sends it.
kill -TERM "$tanya_pid"
if wait "$tanya_pid"; then pass "serve exited 0 on SIGTERM"; else fail "serve exited $? on SIGTERM"; fi
tanya_pid=""
exit $failed
}
