def model_folder(name, *files):
    """The folder MODEL_DIR/name of a model that pipetune ships; stops with a message when a file is missing."""
    folder = os.path.join(MODEL_DIR, name)
    missing = [file for file in files if not os.path.isfile(os.path.join(folder, file))]
    if missing:
        raise FileNotFoundError(
            f"{name}: {', '.join(missing)} not found in {folder}. `pipetune export PIPELINE --to ray -o SCRIPT.py` "
            f"writes the model's files to pipetune-models/{name}/ beside the script; point --model-dir or "
            f"PIPETUNE_MODEL_DIR at the folder that holds {name}/ (on a cluster, a path every node can read)")
    return folder


def _forward_passes(lengths, overhead=10, max_rows=256):
    """pipetune's ForwardPasses: splits ascending token counts into passes (their exclusive ends) so that the padded
    tokens plus `overhead` tokens per pass are fewest, at most max_rows rows a pass."""
    cost, start = [0] * (len(lengths) + 1), [0] * (len(lengths) + 1)
    for end in range(1, len(lengths) + 1):
        cost[end] = None
        for begin in range(end - 1, max(0, end - max_rows) - 1, -1):
            candidate = cost[begin] + overhead + (end - begin) * lengths[end - 1]
            if cost[end] is None or candidate <= cost[end]:
                cost[end], start[end] = candidate, begin
    ends, end = [], len(lengths)
    while end > 0:
        ends.append(end)
        end = start[end]
    return ends[::-1]


class SentenceEmbedding:
    """pipetune's sentence_embedding: all-MiniLM-L6-v2 as sentence-transformers computes it (WordPiece tokens with
    [CLS]/[SEP], truncated to max_length; the transformer's last hidden state mean-pooled over the attention mask;
    L2-normalized) over one text column, added as a list of 384 float32; a null text gets a null embedding.
    As in pipetune, a batch's texts are sorted by token count and run through the model in passes, each padded only
    to its own longest text: forward_batch_size rows each when set, otherwise one pass on a GPU and on a CPU the
    passes that cost the least padding plus about ten tokens per call (_forward_passes).
    It runs the ONNX file and tokenizer.json that pipetune runs, from MODEL_DIR/all-MiniLM-L6-v2 (pip install
    onnxruntime tokenizers numpy; with onnxruntime-gpu it runs on CUDA). Ray runs it in an actor pool: the model loads
    once per actor, with as many ONNX Runtime threads as the actor's CPUs (Ray's OMP_NUM_THREADS)."""

    MODEL = "all-MiniLM-L6-v2"
    WIDTH = 384

    def __init__(self, input_column, output_column="embedding", model="all-MiniLM-L6-v2", max_length=256,
                 normalize=True, forward_batch_size=None):
        import onnxruntime
        from tokenizers import Tokenizer

        if model.lower() not in (self.MODEL.lower(), "sentence-transformers/" + self.MODEL.lower()):
            raise ValueError(f"sentence_embedding: model {model!r}: the model that ships with pipetune is {self.MODEL}")
        folder = model_folder(self.MODEL, "model.onnx", "tokenizer.json")
        self.tokenizer = Tokenizer.from_file(os.path.join(folder, "tokenizer.json"))
        self.tokenizer.enable_truncation(max_length=max_length)
        self.tokenizer.no_padding()
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = int(os.environ.get("OMP_NUM_THREADS") or 0)
        options.inter_op_num_threads = 1
        options.execution_mode = onnxruntime.ExecutionMode.ORT_SEQUENTIAL
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        providers = ["CPUExecutionProvider"]
        if "CUDAExecutionProvider" in onnxruntime.get_available_providers():
            providers.insert(0, "CUDAExecutionProvider")
        self.session = onnxruntime.InferenceSession(os.path.join(folder, "model.onnx"), options, providers=providers)
        self.input_column = input_column
        self.output_column = output_column
        self.normalize = normalize
        self.on_gpu = self.session.get_providers()[0] == "CUDAExecutionProvider"
        self.forward_batch_size = forward_batch_size

    def __call__(self, table: pa.Table) -> pa.Table:
        import numpy as np

        texts = table[self.input_column].to_pylist()
        present = [row for row, text in enumerate(texts) if text is not None]
        encodings = self.tokenizer.encode_batch([texts[row] for row in present]) if present else []
        order = sorted(range(len(present)), key=lambda index: (len(encodings[index].ids), present[index]))
        if self.forward_batch_size:
            ends = list(range(self.forward_batch_size, len(order), self.forward_batch_size)) + [len(order)]
        elif self.on_gpu:
            ends = [len(order)]
        else:
            ends = _forward_passes([len(encodings[index].ids) for index in order])
        embeddings = np.zeros((len(texts), self.WIDTH), dtype=np.float32)
        start = 0
        for end in ends if order else []:
            part, start = order[start:end], end
            length = max(len(encodings[index].ids) for index in part)
            ids, mask, types = (np.zeros((len(part), length), dtype=np.int64) for _ in range(3))
            for row, index in enumerate(part):
                encoding = encodings[index]
                ids[row, :len(encoding.ids)] = encoding.ids
                mask[row, :len(encoding.ids)] = encoding.attention_mask
                types[row, :len(encoding.ids)] = encoding.type_ids
            hidden = self.session.run(None, {"input_ids": ids, "attention_mask": mask, "token_type_ids": types})[0]
            weights = mask[:, :, None].astype(np.float64)
            pooled = (hidden.astype(np.float64) * weights).sum(axis=1) / np.maximum(weights.sum(axis=1), 1e-9)
            if self.normalize:
                pooled /= np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12)
            embeddings[[present[index] for index in part]] = pooled.astype(np.float32)
        column = _float_lists(embeddings, [text is None for text in texts])
        return _with_column(table, self.output_column, column)
