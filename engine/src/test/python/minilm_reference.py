"""Reference embeddings of all-MiniLM-L6-v2 for SentenceEmbeddingTest, computed the way sentence-transformers does.

Loads the same ONNX file and tokenizer.json that pipetune ships (from the langchain4j jar) with onnxruntime and the
Hugging Face tokenizers package, truncates to 256 tokens, mean-pools the last hidden state over the attention mask and
L2-normalizes. Prints the cosine similarity of each pair of sentences given, or, with --embed, the embeddings.

  python3 engine/src/test/python/minilm_reference.py MODEL.onnx TOKENIZER.json "sentence one" "sentence two" ...
"""

import sys

import numpy as np
import onnxruntime
from tokenizers import Tokenizer


def embed(model_path, tokenizer_path, sentences, threads=1):
    tokenizer = Tokenizer.from_file(tokenizer_path)
    tokenizer.enable_truncation(max_length=256)
    tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")
    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = threads
    options.inter_op_num_threads = 1
    options.add_session_config_entry("session.intra_op.allow_spinning", "0")
    session = onnxruntime.InferenceSession(model_path, options, providers=["CPUExecutionProvider"])
    encodings = tokenizer.encode_batch(sentences)
    ids = np.array([e.ids for e in encodings], dtype=np.int64)
    mask = np.array([e.attention_mask for e in encodings], dtype=np.int64)
    types = np.array([e.type_ids for e in encodings], dtype=np.int64)
    hidden = session.run(None, {"input_ids": ids, "attention_mask": mask, "token_type_ids": types})[0]
    weights = mask[:, :, None].astype(np.float32)
    pooled = (hidden * weights).sum(axis=1) / np.clip(weights.sum(axis=1), 1e-9, None)
    return pooled / np.clip(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12, None)


def main():
    model_path, tokenizer_path, *sentences = sys.argv[1:]
    show = sentences and sentences[0] == "--embed"
    if show:
        sentences = sentences[1:]
    vectors = embed(model_path, tokenizer_path, sentences)
    if show:
        for vector in vectors:
            print(" ".join(f"{value:.7f}" for value in vector))
        return
    for i in range(len(sentences)):
        for j in range(i + 1, len(sentences)):
            print(f"{i} {j} {float(vectors[i] @ vectors[j]):.6f}")


if __name__ == "__main__":
    main()
