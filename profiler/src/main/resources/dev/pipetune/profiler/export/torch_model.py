class TorchModel:
    """pipetune's torch_model: a TorchScript file over numeric input columns (one float32 row each), its output added
    as a list of float32 per row, or, with labels, as the softmax's best label and its score. Ray runs it in an
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
        return _with_column(table, self.output_column, _float_lists(output))
