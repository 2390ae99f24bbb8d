"""The Python side of app/src/bench/embedding.sh: all-MiniLM-L6-v2 over the sample events' text with onnxruntime and
the Hugging Face tokenizers package, as pipetune's sentence_embedding does it (same ONNX file and tokenizer.json,
truncation to 256 tokens, padding to the batch's longest text, mean pooling, L2 normalization), with CONCURRENCY
worker threads that each own one session with THREADS intra-op threads (onnxruntime and the tokenizer release the
GIL), over batches of BATCH_SIZE rows. The timed part starts before the sessions are created, as pipetune's operator
wall time includes its actors' model loading. Prints one JSON line: rows, wall seconds and the process's CPU seconds
over the timed part (all its threads).

Same threads as pipetune's actors: the tokenizer's batch mode stays on the calling thread (TOKENIZERS_PARALLELISM=false
and RAYON_NUM_THREADS=1; without them encode_batch fans out to a thread per core), and NumPy's OpenBLAS and OpenMP
pools get one thread (OpenBLAS threads spin after a call, taking the other worker's core; pipetune pools on the
actor's thread). The workers are threads of one process, as pipetune's actors are.

With FORWARD_BATCH_SIZE above 0, each batch's texts are sorted by token count and run in passes of that many rows,
each padded to its own longest text, as sentence-transformers' encode does (its batch_size, 32 by default); "auto"
sorts and plans the passes as pipetune's sentence_embedding does on a CPU (the exported Ray script's
_forward_passes); 0 (the default) runs each batch in one pass padded to its longest text, as a plain onnxruntime
function in map_batches does.

  python3 embedding_python.py MODEL.onnx TOKENIZER.json EVENTS_FOLDER BATCH_SIZE CONCURRENCY THREADS [FORWARD_BATCH_SIZE]
"""

import ast
import concurrent.futures
import glob
import json
import os
import pathlib
import queue
import sys
import time

os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
os.environ.setdefault("RAYON_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("OMP_NUM_THREADS", "1")

import numpy as np  # noqa: E402
import onnxruntime  # noqa: E402
import pyarrow.parquet as pq  # noqa: E402
from tokenizers import Tokenizer  # noqa: E402


def load_forward_passes():
    """pipetune's plan of forward passes, taken from the exported Ray script's template (_forward_passes, the port of
    ForwardPasses), so that the bench runs exactly the code that export writes."""
    template = (pathlib.Path(__file__).resolve().parents[3] / "profiler" / "src" / "main" / "resources" / "dev"
                / "pipetune" / "profiler" / "export" / "sentence_embedding.py")
    tree = ast.parse(template.read_text(encoding="utf-8"))
    node = next(n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name == "_forward_passes")
    namespace = {}
    exec(compile(ast.Module(body=[node], type_ignores=[]), str(template), "exec"), namespace)
    return namespace["_forward_passes"]


def embed(session, ids, mask, types):
    hidden = session.run(None, {"input_ids": ids, "attention_mask": mask, "token_type_ids": types})[0]
    weights = mask[:, :, None].astype(np.float32)
    pooled = (hidden * weights).sum(axis=1) / np.clip(weights.sum(axis=1), 1e-9, None)
    pooled /= np.clip(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12, None)
    return pooled


def main():
    model, tokenizer_file, events, batch_size, concurrency, threads = sys.argv[1:7]
    batch_size, concurrency, threads = int(batch_size), int(concurrency), int(threads)
    forward = sys.argv[7] if len(sys.argv) > 7 else "0"
    forward_batch_size = -1 if forward == "auto" else int(forward)
    forward_passes = load_forward_passes()
    texts = []
    for file in sorted(glob.glob(os.path.join(events, "*.parquet"))):
        texts.extend(pq.read_table(file, columns=["text"])["text"].to_pylist())
    batches = queue.Queue()
    for start in range(0, len(texts), batch_size):
        batches.put(texts[start:start + batch_size])

    def worker():
        tokenizer = Tokenizer.from_file(tokenizer_file)
        tokenizer.enable_truncation(max_length=256)
        if forward_batch_size == 0:
            tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")
        else:
            tokenizer.no_padding()  # tokenizer.json pads to 128 tokens; the passes pad themselves
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        options.execution_mode = onnxruntime.ExecutionMode.ORT_SEQUENTIAL
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        session = onnxruntime.InferenceSession(model, options, providers=["CPUExecutionProvider"])
        rows = 0
        while True:
            try:
                batch = batches.get_nowait()
            except queue.Empty:
                return rows
            encodings = tokenizer.encode_batch([text or "" for text in batch])
            if forward_batch_size == 0:
                ids = np.array([e.ids for e in encodings], dtype=np.int64)
                mask = np.array([e.attention_mask for e in encodings], dtype=np.int64)
                types = np.array([e.type_ids for e in encodings], dtype=np.int64)
                embed(session, ids, mask, types)
            else:
                encodings.sort(key=lambda encoding: len(encoding.ids))
                if forward_batch_size > 0:
                    ends = list(range(forward_batch_size, len(encodings), forward_batch_size)) + [len(encodings)]
                else:
                    ends = forward_passes([len(encoding.ids) for encoding in encodings])
                for start, end in zip([0] + ends[:-1], ends):
                    part = encodings[start:end]
                    length = len(part[-1].ids)
                    ids, mask, types = (np.zeros((len(part), length), dtype=np.int64) for _ in range(3))
                    for row, encoding in enumerate(part):
                        ids[row, :len(encoding.ids)] = encoding.ids
                        mask[row, :len(encoding.ids)] = encoding.attention_mask
                        types[row, :len(encoding.ids)] = encoding.type_ids
                    embed(session, ids, mask, types)
            rows += len(batch)

    start = time.perf_counter()
    cpu_start = time.process_time()
    with concurrent.futures.ThreadPoolExecutor(concurrency) as pool:
        rows = sum(pool.map(lambda _: worker(), range(concurrency)))
    seconds = time.perf_counter() - start
    cpu_seconds = time.process_time() - cpu_start
    engine = "python-onnxruntime" + ("" if forward == "0" else f"-sorted-{forward}")
    print(json.dumps({"engine": engine, "batch_size": batch_size, "concurrency": concurrency,
                      "threads": threads, "rows": rows, "seconds": seconds, "sentences_per_s": rows / seconds,
                      "cpu_s": cpu_seconds}))


if __name__ == "__main__":
    main()
