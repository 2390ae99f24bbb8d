#!/usr/bin/env bash
# Gives the app image an ahead-of-time cache (JDK 25's AOT cache, JEP 483/514/515): runs the reference workloads
# W1-W3 on a small sample (a million rows: four row groups of 250,000 rows, as the full data has, so the parallel
# row-group reads get trained) and then opens the workbench once on a virtual display until its first frame is drawn,
# records the classes that loaded and linked and the profiles of the methods that ran, and tells the launcher to use
# them. It roughly halved the time to the first window here, and cut a fresh JVM's first pipeline run by about a
# third. Skipped, with a warning, without Xvfb.
#   installers/src/linux/train-aot.sh installers/target/pipetune
set -euo pipefail
image="$(readlink -f "$1")"
cache="$image/lib/app/pipetune.aot"
fixed_time=1767225600  # 2026-01-01T00:00:00Z, also in src/linux/resources/postinst and pipetune.spec
config="$image/lib/app/pipetune.cfg"
if ! command -v Xvfb >/dev/null; then
  echo "train-aot: Xvfb is missing (Debian's xvfb): the packages get no AOT cache and start slower" >&2
  exit 0
fi
home="$(mktemp -d)"
display=":$((190 + RANDOM % 100))"
Xvfb "$display" -screen 0 1280x900x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
trap 'kill "$xvfb" 2>/dev/null || true; rm -rf "$home"' EXIT
for _ in $(seq 50); do
  DISPLAY="$display" xdpyinfo >/dev/null 2>&1 && break
  sleep 0.1
done
rm -f "$cache"
sed -i '/AOTCache=/d' "$config"
# The cache records each jar's modification time and refuses jars whose time differs. Packaging does not keep times,
# so every file of the image gets this fixed time here, and the packages' install scripts set it again.
find "$image" -exec touch -h -d @"$fixed_time" {} +
data="$home/training-data"
(cd "$home" && HOME="$home" JAVA_TOOL_OPTIONS="-Duser.home=$home" \
  timeout 300 "$image/bin/pipetune" sample-data "$data" --rows 1000000 --docs 200) >"$home/train.log" 2>&1 || {
  cat "$home/train.log" >&2
  echo "train-aot: writing the training data failed" >&2
  exit 1
}
training="-Duser.home=$home -Dpipetune.aotTraining=$data -Dpipetune.exitWhenShown=true -XX:AOTCacheOutput=$cache"
(cd "$home" && HOME="$home" DISPLAY="$display" JAVA_TOOL_OPTIONS="$training" timeout 300 "$image/bin/pipetune") \
  >>"$home/train.log" 2>&1 || {
  cat "$home/train.log" >&2
  echo "train-aot: the training run failed" >&2
  exit 1
}
if [ ! -s "$cache" ]; then
  cat "$home/train.log" >&2
  echo "train-aot: no AOT cache was written" >&2
  exit 1
fi
grep -q 'AOTCache=' "$config" || echo 'java-options=-XX:AOTCache=$APPDIR/pipetune.aot' >>"$config"
echo "train-aot: $(du -h "$cache" | cut -f1) AOT cache in $cache"
