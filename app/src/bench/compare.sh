#!/usr/bin/env bash
# Times W1-W3 on pipetune's embedded engine next to DuckDB, Polars and Ray Data (the reference harness in
# ../shared/workloads), each engine and workload in its own process, and prints the medians and ratios.
#
#   app/src/bench/compare.sh                        # all engines, data in /tmp/anchor-data (generated if missing)
#   ENGINES="pipetune duckdb polars" REPS=3 app/src/bench/compare.sh
#
# Knobs: ANCHOR_DATA (/tmp/anchor-data), ANCHOR_OUT (/tmp/anchor-out), PY (python with pyarrow, duckdb, polars and
# ray[data]; default /tmp/anchors-venv/bin/python, created with pip if missing), REPS (5; Ray variants use RAY_REPS, 3;
# pipetune runs one more: its first run in a fresh JVM, reported apart),
# ENGINES ("pipetune duckdb polars ray-seed ray-tuned"), WORKLOADS ("w1 w2 w3"), RESULTS (/tmp/pipetune-bench).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
shared="${SHARED:-$root/../shared/workloads}"
export ANCHOR_DATA="${ANCHOR_DATA:-/tmp/anchor-data}"
export ANCHOR_OUT="${ANCHOR_OUT:-/tmp/anchor-out}"
PY="${PY:-/tmp/anchors-venv/bin/python}"
REPS="${REPS:-5}"
RAY_REPS="${RAY_REPS:-3}"
ENGINES="${ENGINES:-pipetune duckdb polars ray-seed ray-tuned}"
WORKLOADS="${WORKLOADS:-w1 w2 w3}"
results="${RESULTS:-/tmp/pipetune-bench}"
mkdir -p "$results"
: > "$results/raw.jsonl"

if ! "$PY" -c "import pyarrow, duckdb, polars, ray" 2>/dev/null; then
  case "$PY" in
    */bin/python*) [ -x "$PY" ] || python3 -m venv "$(dirname "$(dirname "$PY")")" ;;
    *) echo "compare.sh: $PY lacks pyarrow, duckdb, polars or ray; installing them" >&2 ;;
  esac
  "$PY" -m pip install -q --retries 0 "ray[data]" pyarrow duckdb polars pandas numpy
fi
if [ ! -f "$ANCHOR_DATA/MANIFEST.json" ]; then
  "$PY" "$shared/gen_data.py" --out "$ANCHOR_DATA"
fi

for w in $WORKLOADS; do
  for e in $ENGINES; do
    echo "[bench] $e $w ($(date +%T), load $(cut -d' ' -f1 /proc/loadavg))" >&2
    case $e in
      pipetune) "$root/pipetune" bench --data "$ANCHOR_DATA" --out "$ANCHOR_OUT/pipetune" --workloads "$w" \
                  --reps "$((REPS + 1))" > "$results/$e-$w.out" 2> "$results/$e-$w.err" || echo "$e $w failed" >&2 ;;
      ray-*)    (cd "$shared" && "$PY" run_ray.py --variant "${e#ray-}" --workloads "$w" --reps "$RAY_REPS") \
                  > "$results/$e-$w.out" 2> "$results/$e-$w.err" || echo "$e $w failed" >&2 ;;
      *)        (cd "$shared" && "$PY" "run_$e.py" --workloads "$w" --reps "$REPS") \
                  > "$results/$e-$w.out" 2> "$results/$e-$w.err" || echo "$e $w failed" >&2 ;;
    esac
    grep '^{' "$results/$e-$w.out" >> "$results/raw.jsonl" || true
  done
done

"$PY" - "$results/raw.jsonl" <<'PYEOF'
import json, statistics, sys
from collections import defaultdict
runs = defaultdict(list)
for line in open(sys.argv[1]):
    r = json.loads(line)
    runs[(r["engine"], r["workload"])].append(r)
engines = sorted({e for e, _ in runs}, key=lambda e: ["pipetune", "duckdb", "polars", "pyarrow", "ray-seed",
                                                       "ray-tuned"].index(e) if e in ["pipetune", "duckdb", "polars",
                                                       "pyarrow", "ray-seed", "ray-tuned"] else 99)
def median(e, w):
    # A JVM engine reports its first run in a fresh JVM apart and the median of the repeated runs after it
    # (shared/workloads/README.md); the other engines' medians include every repetition.
    rs = [r for r in runs.get((e, w), []) if not (e == "pipetune" and r["rep"] == 1 and len(runs[(e, w)]) > 1)]
    return statistics.median(r["seconds"] for r in rs) if rs else None
def peak(e, w):
    rs = [r.get("tree_peak_rss_mb") or r.get("peak_rss_mb") for r in runs.get((e, w), [])]
    rs = [x for x in rs if x]
    return max(rs) if rs else None
print("| engine | " + " | ".join(f"{w.upper()} median s (rep 1) | peak RSS MB" for w in ["w1", "w2", "w3"]) + " |")
print("|---" * 7 + "|")
for e in engines:
    cells = []
    for w in ["w1", "w2", "w3"]:
        m = median(e, w)
        first = next((r["seconds"] for r in runs.get((e, w), []) if r["rep"] == 1), None)
        cells.append(f"{m:.2f} ({first:.2f})" if m is not None else "-")
        cells.append(str(peak(e, w) or "-"))
    print(f"| {e} | " + " | ".join(cells) + " |")
print()
for w in ["w1", "w2", "w3"]:
    ours = median("pipetune", w)
    if ours is None:
        continue
    fastest = min([x for x in (median("duckdb", w), median("polars", w)) if x is not None], default=None)
    parts = [f"{w.upper()}: pipetune {ours:.2f}s"]
    if fastest:
        parts.append(f"{ours / fastest:.2f}x the fastest of DuckDB/Polars (target <= 1.5x)")
    for ray in ("ray-seed", "ray-tuned"):
        r = median(ray, w)
        if r:
            parts.append(f"{r / ours:.1f}x faster than {ray}")
    print("; ".join(parts))
PYEOF
