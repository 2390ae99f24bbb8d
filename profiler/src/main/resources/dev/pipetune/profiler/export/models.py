class SentenceEmbedding:
    """pipetune's sentence_embedding: all-MiniLM-L6-v2 (sentence-transformers, mean pooling, L2 normalization) over
    one text column, added as a fixed-size list of float32; a null text gets a null embedding. Ray runs it in an
    actor pool: the model loads once per actor (pip install sentence-transformers; it downloads the model once)."""

    def __init__(self, input_column, output_column="embedding", model="all-MiniLM-L6-v2", max_length=256,
                 normalize=True):
        import torch
        from sentence_transformers import SentenceTransformer

        device = "cuda" if torch.cuda.is_available() else "cpu"
        self.model = SentenceTransformer("sentence-transformers/" + model, device=device)
        self.model.max_seq_length = max_length
        self.input_column = input_column
        self.output_column = output_column
        self.normalize = normalize

    def __call__(self, table: pa.Table) -> pa.Table:
        texts = table[self.input_column].to_pylist()
        present = [index for index, text in enumerate(texts) if text is not None]
        width = self.model.get_sentence_embedding_dimension()
        vectors = [None] * len(texts)
        if present:
            encoded = self.model.encode([texts[index] for index in present], batch_size=len(present),
                                        normalize_embeddings=self.normalize, convert_to_numpy=True)
            for row, index in enumerate(present):
                vectors[index] = encoded[row].astype("float32").tolist()
        column = pa.array(vectors, type=pa.list_(pa.float32(), width))
        return _with_column(table, self.output_column, column)


class TorchModel:
    """pipetune's torch_model: a TorchScript file over numeric input columns (one float32 row each), its output added
    as a fixed-size list of float32, or, with labels, as the softmax's best label and its score. Ray runs it in an
    actor pool: the model loads once per actor (pip install torch)."""

    def __init__(self, model_path, input_columns, output_column="output", labels=None, label_column="label",
                 score_column="score"):
        import torch

        self.torch = torch
        self.device = "cuda" if torch.cuda.is_available() else "cpu"
        self.model = torch.jit.load(resolve(model_path), map_location=self.device).eval()
        self.input_columns = input_columns
        self.output_column = output_column
        self.labels = labels
        self.label_column = label_column
        self.score_column = score_column

    def __call__(self, table: pa.Table) -> pa.Table:
        import numpy as np

        for name in self.input_columns:
            if table[name].null_count:
                raise ValueError(f"torch_model: column {name} has nulls")
        inputs = np.stack([table[name].to_numpy(zero_copy_only=False).astype("float32")
                           for name in self.input_columns], axis=1)
        with self.torch.no_grad():
            output = self.model(self.torch.from_numpy(inputs).to(self.device)).float().cpu().numpy()
        output = output.reshape(table.num_rows, -1)
        if self.labels:
            scores = np.exp(output - output.max(axis=1, keepdims=True))
            scores = scores / scores.sum(axis=1, keepdims=True)
            best = scores.argmax(axis=1)
            table = _with_column(table, self.label_column, pa.array([self.labels[index] for index in best]))
            return _with_column(table, self.score_column, pa.array(scores.max(axis=1), type=pa.float32()))
        column = pa.FixedSizeListArray.from_arrays(pa.array(output.ravel(), type=pa.float32()), output.shape[1])
        return _with_column(table, self.output_column, column)


def _with_column(table: pa.Table, name, column) -> pa.Table:
    if name in table.column_names:
        return table.set_column(table.column_names.index(name), name, column)
    return table.append_column(name, column)
