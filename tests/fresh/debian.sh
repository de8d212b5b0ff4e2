# Sourced by tests/fresh/run.sh and tests/image/run.sh: a Debian 12 minbase root
# made with debootstrap from the mirror this machine's apt uses, cached as a
# tarball, and the apt settings that let it reach that mirror as this machine does.
#   TANYA_FRESH_DIR     cache folder (default /var/tmp/tanya-fresh)
#   TANYA_FRESH_MIRROR  Debian mirror (default: this machine's)

fresh_dir=${TANYA_FRESH_DIR:-/var/tmp/tanya-fresh}

# The first URI this machine's apt uses for SUITE (one-line .list or deb822 .sources).
mirror_for() {
  local suite=$1 f
  for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
    [[ -f $f ]] || continue
    awk -v s="$suite" '{ l=$0; sub(/\[[^]]*\] */, "", l); split(l, f, " ")
      if (f[1]=="deb" && f[3]==s) { print f[2]; exit } }' "$f"
  done
  for f in /etc/apt/sources.list.d/*.sources; do
    [[ -f $f ]] || continue
    awk -v s="$suite" 'BEGIN{RS=""; FS="\n"} { u=""; ok=0
      for (i=1;i<=NF;i++) { if ($i ~ /^URIs:/) { split($i,a," "); u=a[2] }
        if ($i ~ /^Suites:/) { n=split($i,b," "); for (j=2;j<=n;j++) if (b[j]==s) ok=1 } }
      if (ok && u!="") { print u; exit } }' "$f"
  done
}
debian_mirror=${TANYA_FRESH_MIRROR:-$(mirror_for bookworm | head -1)}
debian_mirror=${debian_mirror:-http://deb.debian.org/debian}
debian_security=$(mirror_for bookworm-security | head -1)
debian_security=${debian_security:-http://deb.debian.org/debian-security}

# Prints the path of the cached minbase tarball, made first when missing or when
# $1 is "rebuild". debootstrap's output goes to $2 (a log file).
minbase_tarball() {
  local tarball=$fresh_dir/bookworm-minbase.tar
  mkdir -p "$fresh_dir"
  if [[ ${1:-} == rebuild || ! -f $tarball ]]; then
    command -v debootstrap >/dev/null || { echo "apt-get install debootstrap" >&2; return 2; }
    rm -rf --one-file-system "$fresh_dir/base.tmp"
    debootstrap --variant=minbase bookworm "$fresh_dir/base.tmp" "$debian_mirror" >>"${2:-/dev/null}" 2>&1 || return 1
    tar -C "$fresh_dir/base.tmp" -cf "$tarball.tmp" . && mv "$tarball.tmp" "$tarball" && rm -rf "$fresh_dir/base.tmp"
  fi
  echo "$tarball"
}

# A Debian 12 install's three suites from this machine's mirrors (the security
# suite carries chromium), and this machine's apt settings for reaching them
# (proxies, validity checks): only the files that set Acquire:: options.
write_apt_settings() {
  local root=$1 f
  cat >"$root/etc/apt/sources.list.d/debian.sources" <<SOURCES
Types: deb
URIs: $debian_mirror
Suites: bookworm bookworm-updates
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

Types: deb
URIs: $debian_security
Suites: bookworm-security
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SOURCES
  rm -f "$root/etc/apt/sources.list"
  for f in /etc/apt/apt.conf /etc/apt/apt.conf.d/*; do
    if [[ -f $f ]] && grep -q 'Acquire::' "$f"; then cp "$f" "$root/etc/apt/apt.conf.d/$(basename "$f")"; fi
  done
}
