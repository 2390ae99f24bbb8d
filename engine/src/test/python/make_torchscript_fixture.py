"""Writes the TorchScript fixture the torch_model tests load: engine/src/test/resources/inference/tiny_linear.pt.

The model is y = tanh(x @ W.T + b) with the fixed weights below, for inputs of 3 float32 columns and outputs of 4
values per row. TorchModelTest computes the same function in Java from the same constants, so the test checks DJL's
output against values computed independently of libtorch.

Run with the CPU torch wheel: python3 -m pip install torch && python3 engine/src/test/python/make_torchscript_fixture.py
"""

import pathlib

import torch

WEIGHT = [
    [0.5, -1.0, 0.25],
    [1.5, 0.0, -0.5],
    [-0.75, 0.5, 1.0],
    [0.1, 0.2, 0.3],
]
BIAS = [0.1, -0.2, 0.0, 0.05]


class TinyLinear(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.linear = torch.nn.Linear(3, 4)
        with torch.no_grad():
            self.linear.weight.copy_(torch.tensor(WEIGHT))
            self.linear.bias.copy_(torch.tensor(BIAS))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return torch.tanh(self.linear(x))


def main():
    target = pathlib.Path(__file__).resolve().parents[1] / "resources" / "inference" / "tiny_linear.pt"
    target.parent.mkdir(parents=True, exist_ok=True)
    model = torch.jit.script(TinyLinear().eval())
    model.save(str(target))
    check = torch.jit.load(str(target))
    print(target, "written; f([1, 2, 3]) =", check(torch.tensor([[1.0, 2.0, 3.0]])).tolist())


if __name__ == "__main__":
    main()
