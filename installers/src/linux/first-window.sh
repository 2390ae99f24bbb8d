#!/usr/bin/env bash
# Starts an installed (or app-image) pipetune on a virtual display and prints the seconds from launch until its
# window "pipetune — <project>" is mapped; exits 1 if no window appears within the time limit.
#   installers/src/linux/first-window.sh /usr/bin/pipetune [limit-seconds]
# Needs Xvfb and xwininfo (Debian's xvfb and x11-utils). The app runs with a fresh HOME, so it opens its bundled
# examples as a first launch would; PIPETUNE_TEST_HOME names a HOME to keep between launches instead.
set -euo pipefail
launcher="$(readlink -f "$1")"
limit="${2:-60}"
display=":$((90 + RANDOM % 100))"
home="${PIPETUNE_TEST_HOME:-$(mktemp -d)}"
Xvfb "$display" -screen 0 1280x900x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
cleanup() {
  [ -n "${app:-}" ] && kill "$app" 2>/dev/null || true
  kill "$xvfb" 2>/dev/null || true
  wait 2>/dev/null || true
  [ -n "${PIPETUNE_TEST_HOME:-}" ] || rm -rf "$home"
}
trap cleanup EXIT
for _ in $(seq 50); do
  DISPLAY="$display" xwininfo -root >/dev/null 2>&1 && break
  sleep 0.1
done
start=$(date +%s%N)
(cd "$home" && HOME="$home" DISPLAY="$display" JAVA_TOOL_OPTIONS="-Duser.home=$home ${JAVA_TOOL_OPTIONS:-}" \
  exec "$launcher") >"$home/app.log" 2>&1 &
app=$!
while :; do
  if DISPLAY="$display" xwininfo -root -tree 2>/dev/null | grep -q '"pipetune — '; then
    now=$(date +%s%N)
    awk -v ns="$((now - start))" 'BEGIN { printf "first window after %.2f s\n", ns / 1e9 }'
    exit 0
  fi
  if ! kill -0 "$app" 2>/dev/null; then
    echo "pipetune exited before showing a window:" >&2
    cat "$home/app.log" >&2
    exit 1
  fi
  if [ $(( ($(date +%s%N) - start) / 1000000000 )) -ge "$limit" ]; then
    echo "no pipetune window after $limit s:" >&2
    cat "$home/app.log" >&2
    exit 1
  fi
  sleep 0.02
done
