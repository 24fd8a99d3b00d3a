"""Loads a FastDense PyTorch state_dict file into the equivalent nn.Sequential with load_state_dict(strict=True) and
compares its forward pass with FastDense's Predict.

Not part of the test command (it needs torch). torch 1.13 has no safetensors reader, so the format is parsed here:
8-byte little-endian header length, JSON header, raw little-endian data. The Sequential is built from the module list
FastDense writes in the header's metadata ("fastdense_modules"), with the two modules docs/interop.md defines
(KerasActivation for sparsemax only). Produce the files as check_keras_h5.py says, then
    python3 check_torch_state_dict.py /tmp/fd/digits.safetensors /tmp/fd/digits_x.bin /tmp/fd/digits_y.bin
    python3 check_torch_state_dict.py /tmp/fd/layers.safetensors /tmp/fd/layers_x.bin /tmp/fd/layers_y.bin
    python3 check_torch_state_dict.py /tmp/fd/rowact.safetensors /tmp/fd/rowact_x.bin /tmp/fd/rowact_y.bin
"""
import json
import struct
import sys

import numpy as np
import torch
from torch import nn


class Normalization(nn.Module):
    """keras.layers.Normalization after adapt: (x - mean) / max(sqrt(variance), 1e-7), or its inverse."""

    def __init__(self, features, invert=False):
        super().__init__()
        self.invert = invert
        self.register_buffer("mean", torch.zeros(features))
        self.register_buffer("variance", torch.ones(features))

    def forward(self, x):
        std = torch.clamp(torch.sqrt(self.variance), min=1e-7)
        return self.mean + x * std if self.invert else (x - self.mean) / std


class KerasActivation(nn.Module):
    """A Keras activation torch.nn lacks, by Keras's name; this check implements sparsemax, the projection of each row
    onto the probability simplex (Martins & Astudillo 2016): sorted in descending order, the support is where
    1 + r * z_(r) > cumsum_r, tau = (sum over the support - 1) / its size, and the output max(z - tau, 0)."""

    def __init__(self, name):
        super().__init__()
        if name != "sparsemax":
            raise NotImplementedError(f"KerasActivation({name!r}) is not written in this check")
        self.name = name

    def forward(self, x):
        z = x - x.max(dim=-1, keepdim=True).values
        ordered, _ = torch.sort(z, dim=-1, descending=True)
        ranks = torch.arange(1, z.shape[-1] + 1, dtype=z.dtype)
        support = (1 + ranks * ordered > torch.cumsum(ordered, dim=-1)).to(z.dtype)
        tau = ((ordered * support).sum(dim=-1, keepdim=True) - 1) / support.sum(dim=-1, keepdim=True)
        return torch.clamp(z - tau, min=0)


DTYPES = {"F32": np.float32, "F64": np.float64, "I64": np.int64}


def load_file(path):
    with open(path, "rb") as f:
        data = f.read()
    (length,) = struct.unpack("<Q", data[:8])
    header = json.loads(data[8 : 8 + length])
    metadata = header.pop("__metadata__", {})
    base = 8 + length
    tensors = {}
    for key, entry in header.items():
        begin, end = entry["data_offsets"]
        array = np.frombuffer(data[base + begin : base + end], dtype=np.dtype(DTYPES[entry["dtype"]]).newbyteorder("<"))
        tensors[key] = torch.from_numpy(array.reshape(entry["shape"]).copy())
    return tensors, metadata


def main():
    path, x_path, y_path = sys.argv[1:4]
    state, metadata = load_file(path)
    modules = eval(f"[{metadata['fastdense_modules']}]", {"nn": nn, "Normalization": Normalization, "KerasActivation": KerasActivation})
    net = nn.Sequential(*modules)
    double = any(t.dtype == torch.float64 for t in state.values())
    if double:
        net = net.double()
    net.load_state_dict(state, strict=True)
    net.eval()
    print(net)
    x = np.fromfile(x_path, dtype="<f4")
    expected = np.fromfile(y_path, dtype="<f4")
    inputs = net[0].in_features if isinstance(net[0], nn.Linear) else net[0].mean.numel()
    with torch.no_grad():
        y = net(torch.from_numpy(x.reshape(-1, inputs))).numpy().reshape(-1)
    difference = np.abs(y - expected).max()
    print(f"load_state_dict(strict=True) passed; forward pass vs FastDense Predict, {len(x) // inputs} rows: max |difference| = {difference:.3g}")
    sys.exit(0 if difference < 1e-4 else 1)


if __name__ == "__main__":
    main()
