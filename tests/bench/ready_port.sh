# Sourced by the bench scripts. ready_port FILE [TRIES]: waits for a server
# started with --port 0 to write its "tanya: ready port=N" line to FILE (every
# 0.05 s, TRIES times, default 600: 30 s) and prints N; prints nothing and
# returns 1 when the line never comes.
ready_port() {
  local file=$1 tries=${2:-600} port
  for _ in $(seq "$tries"); do
    port=$(sed -n 's/^tanya: ready port=\([0-9]*\)$/\1/p' "$file")
    [ -n "$port" ] && { echo "$port"; return 0; }
    sleep 0.05
  done
  return 1
}
