#!/usr/bin/env bash
# The README's Quick start on a minimal Debian 12, as a new user runs it: a
# debootstrap --variant=minbase bookworm chroot, root, only the packages
# .ci/install adds, a clean clone of HEAD (uncommitted changes are not in it).
#
#   tests/fresh/run.sh [--rebuild] [--only-serve] [--reuse]
#     --rebuild     debootstrap the cached minbase tarball again
#     --only-serve  command 1 only (install, build, serve, /healthz, stop)
#     --reuse       keep the chroot (and its build) from the last run instead of
#                   a fresh one: for iterating on this script, proves nothing new
#   TANYA_FRESH_DIR          cache and work folder (default /var/tmp/tanya-fresh)
#   TANYA_FRESH_MIRROR       Debian mirror (default: the one this machine's apt uses)
#   TANYA_FRESH_CTEST_REGEX  command 2 runs `.ci/install --test`, the build and
#                            `ctest -R REGEX` instead of tests/run-all.sh (quick proofs)
#   TANYA_FRESH_SERVE_TIMEOUT seconds command 1 may take to answer /healthz (default 5400)
#
# Needs root, debootstrap and the mirror; not part of ctest. The chroot gets this
# machine's CA certificates, apt mirror/proxy settings and npm settings, so apt and
# npm work in it as they do here. Exit status 0 only when every step passed; the
# whole output is kept in $TANYA_FRESH_DIR/run-<time>.log, a PASS/FAIL summary last.
set -euo pipefail
{  # parsed whole before it runs: editing this file cannot change a run in progress

rebuild=false only_serve=false reuse=false
for a in "$@"; do
  case "$a" in
    --rebuild) rebuild=true ;;
    --only-serve) only_serve=true ;;
    --reuse) reuse=true ;;
    *) echo "usage: $0 [--rebuild] [--only-serve] [--reuse]" >&2; exit 2 ;;
  esac
done
[[ $(id -u) -eq 0 ]] || { echo "tests/fresh/run.sh: needs root (debootstrap, chroot, mounts)" >&2; exit 2; }
command -v debootstrap >/dev/null || { echo "tests/fresh/run.sh: apt-get install debootstrap" >&2; exit 2; }

src=$(git -C "$(dirname "$0")" rev-parse --show-toplevel)
. "$(dirname "$0")/debian.sh"
dir=$fresh_dir
root=$dir/root
mkdir -p "$dir/apt-archives"
log=$dir/run-$(date -u +%Y%m%dT%H%M%SZ).log
: >"$log"
say() { echo "$*" | tee -a "$log"; }
results=()
serve_pid=""

mirror=$debian_mirror

mounted_under_root() { findmnt -rn -o TARGET | grep -E "^$root(/|$)" | sort -r || true; }

# Stops what the chroot still runs (by pid: only processes whose root is the
# chroot), unmounts in reverse order. Runs on every exit path.
cleanup() {
  local rc=$? p
  if [[ -n $serve_pid ]]; then kill -TERM -- "-$serve_pid" 2>/dev/null || true; fi
  for p in /proc/[0-9]*; do
    [[ $(readlink "$p/root" 2>/dev/null) == "$root" ]] && kill -KILL "${p#/proc/}" 2>/dev/null || true
  done
  sleep 1
  for m in $(mounted_under_root); do umount "$m" 2>/dev/null || umount -l "$m" || true; done
  if [[ -n $(mounted_under_root) ]]; then echo "WARNING: still mounted under $root" | tee -a "$log"; fi
  say ""
  say "== fresh Debian 12 (debootstrap minbase bookworm, $mirror), clone of $(git -C "$root/root/tanya" rev-parse --short HEAD 2>/dev/null)"
  for r in "${results[@]}"; do say "$r"; done
  if ((rc == 0)); then say "fresh Debian 12: PASS"; else say "fresh Debian 12: FAIL (exit $rc)"; fi
  say "log: $log"
  exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# 1. The minbase tarball, cached (also the base of tests/image/run.sh).
say "-- minbase tarball (debootstrap --variant=minbase bookworm from $mirror when not cached)"
base=$(minbase_tarball "$($rebuild && echo rebuild)" "$log")

# 2. A fresh root from it, with this machine's network settings.
for m in $(mounted_under_root); do umount "$m" 2>/dev/null || umount -l "$m"; done
[[ -z $(mounted_under_root) ]] || { say "something is still mounted under $root"; exit 1; }
if ! $reuse || [[ ! -d $root/root/tanya ]]; then
  rm -rf --one-file-system "$root"
  mkdir -p "$root"
  tar -C "$root" -xf "$base"

  write_apt_settings "$root"
  # CA certificates: the bundle, and the local ones so the chroot's own
  # update-ca-certificates (when ca-certificates is installed) keeps them.
  mkdir -p "$root/etc/ssl/certs" "$root/usr/local/share/ca-certificates"
  cp -L /etc/ssl/certs/ca-certificates.crt "$root/etc/ssl/certs/" 2>/dev/null || true
  cp -a /usr/local/share/ca-certificates/. "$root/usr/local/share/ca-certificates/" 2>/dev/null || true
  cp -L /etc/resolv.conf "$root/etc/resolv.conf"
  cp /etc/hosts "$root/etc/hosts"
  # npm: the user's ~/.npmrc, then the effective registry, CA file and proxies.
  : >"$root/root/.npmrc"
  [[ -f $HOME/.npmrc ]] && cat "$HOME/.npmrc" >>"$root/root/.npmrc"
  if command -v npm >/dev/null; then
    for key in registry cafile proxy https-proxy strict-ssl; do
      v=$(npm config get "$key" 2>/dev/null || true)
      [[ -n $v && $v != null && $v != undefined ]] || continue
      echo "$key=$v" >>"$root/root/.npmrc"
      if [[ $key == cafile && -f $v ]]; then mkdir -p "$root$(dirname "$v")"; cp -L "$v" "$root$v"; fi
    done
  fi
  # No daemon starts from a package install in a chroot (nginx, redis-server
  # would bind the host's ports); Debian's own containers do the same.
  printf '#!/bin/sh\nexit 101\n' >"$root/usr/sbin/policy-rc.d"
  chmod 755 "$root/usr/sbin/policy-rc.d"

  # A clean clone of HEAD: what a user gets, not this working tree.
  if [[ -n $(git -C "$src" status --porcelain --untracked-files=no) ]]; then
    say "note: uncommitted changes in $src are not in the clone"
  fi
  git clone -q --no-hardlinks "$src" "$root/root/tanya"
  git -C "$root/root/tanya" checkout -q --detach "$(git -C "$src" rev-parse HEAD)"
fi

# 3. What chromium and the build need, and the package cache between runs.
mnt() { mkdir -p "${@: -1}"; mount "$@"; }
mnt -t proc proc "$root/proc"
mnt --rbind /sys "$root/sys"; mount --make-rslave "$root/sys"
mnt --bind /dev "$root/dev"
mnt --bind /dev/pts "$root/dev/pts"
mnt -t tmpfs -o mode=1777 shm "$root/dev/shm"
mnt --bind "$dir/apt-archives" "$root/var/cache/apt/archives"

in_chroot() {
  chroot "$root" /usr/bin/env -i HOME=/root USER=root LANG=C.UTF-8 TERM=dumb \
    PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    ${http_proxy:+http_proxy=$http_proxy} ${https_proxy:+https_proxy=$https_proxy} \
    ${no_proxy:+no_proxy=$no_proxy} "$@"
}
step_start() { t0=$(date +%s); say "-- $(date -u +%H:%M:%S) $1"; }
elapsed() { echo $(($(date +%s) - t0))s; }

# 4. Command 1 of the README, exactly; TANYA_PORT picks a free port so a server
#    already on 8080 here cannot answer for it.
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
cmd1='.ci/install && cmake -S . -B build -G Ninja && cmake --build build && ./build/tanya serve'
step_start "command 1: $cmd1 (TANYA_PORT=$port)"
setsid chroot "$root" /usr/bin/env -i HOME=/root USER=root LANG=C.UTF-8 TERM=dumb TANYA_PORT="$port" \
  PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
  ${http_proxy:+http_proxy=$http_proxy} ${https_proxy:+https_proxy=$https_proxy} ${no_proxy:+no_proxy=$no_proxy} \
  bash -c "cd /root/tanya && $cmd1" >>"$log" 2>&1 </dev/null &
serve_pid=$!
limit=${TANYA_FRESH_SERVE_TIMEOUT:-5400}
healthz=""
while (($(date +%s) - t0 < limit)); do
  if healthz=$(curl -fsS --max-time 2 "http://127.0.0.1:$port/healthz" 2>/dev/null); then break; fi
  healthz=""
  kill -0 "$serve_pid" 2>/dev/null || break
  sleep 3
done
if [[ -z $healthz ]]; then
  results+=("FAIL command 1: no /healthz after $(elapsed) (see the log)")
  tail -n 40 "$log"
  exit 1
fi
say "/healthz: $healthz"
kill -TERM -- "-$serve_pid"
wait "$serve_pid" 2>/dev/null || true
serve_pid=""
results+=("PASS command 1: installed, built, served; /healthz answered $(elapsed) after start, stopped")

# 5. Command 2 (or its quick form).
if ! $only_serve; then
  if [[ -n ${TANYA_FRESH_CTEST_REGEX:-} ]]; then
    cmd2=".ci/install --test && cmake -S . -B build -G Ninja && cmake --build build && ctest --test-dir build --output-on-failure --no-tests=error -R '${TANYA_FRESH_CTEST_REGEX}'"
  else
    cmd2='.ci/install --test && tests/run-all.sh'
  fi
  step_start "command 2: $cmd2"
  if in_chroot bash -c "cd /root/tanya && $cmd2" >>"$log" 2>&1 </dev/null; then
    results+=("PASS command 2: $cmd2 ($(elapsed); node $(in_chroot node --version 2>&1), playwright-core $(in_chroot node -p "require('/root/tanya/tests/browser/node_modules/playwright-core/package.json').version" 2>&1))")
    grep -E 'tests passed|passed, [0-9]+ failed' "$log" | tail -3 | tee -a "$log"
  else
    results+=("FAIL command 2: $cmd2 ($(elapsed))")
    tail -n 60 "$log"
    exit 1
  fi
fi
exit 0
}
