"""Walks a Keras 3 weights file written by FastDense with h5py and prints its tree; with --digits, also runs the
digits model (64 -> Dense(64, relu) -> Dense(10, softmax)) in numpy from the file's datasets and compares the result
with FastDense's Predict.

Not part of the test command (it needs h5py and numpy). Produce the files with
    FASTDENSE_INTEROP_EXPORT=/tmp/fd dotnet test tests/FastDense.Interop.Tests --filter "FullyQualifiedName~KerasAndTorchPythonCheckExport"
then
    python3 check_keras_h5.py /tmp/fd/digits.weights.h5 --digits /tmp/fd/digits_x.bin /tmp/fd/digits_y.bin
    python3 check_keras_h5.py /tmp/fd/layers.weights.h5
It reads the file the way keras/src/saving/saving_lib.py's H5IOStore does: group "layers/{name}/vars", datasets
"0", "1", ... as numpy arrays.
"""
import argparse
import sys

import h5py
import numpy as np


def tree(path):
    with h5py.File(path, "r") as f:
        def show(name, item):
            attrs = ", ".join(f"{k}={v!r}" for k, v in item.attrs.items())
            if isinstance(item, h5py.Dataset):
                layout = "contiguous" if item.chunks is None else f"chunks {item.chunks}"
                print(f"  {name}: dataset {item.shape} {item.dtype} {layout}" + (f" [{attrs}]" if attrs else ""))
            else:
                print(f"  {name}/: group" + (f" [{attrs}]" if attrs else ""))
        print(f"{path} (root attrs: {dict(f.attrs)})")
        f.visititems(show)


def digits(path, x_path, y_path):
    with h5py.File(path, "r") as f:
        k0 = np.array(f["layers/dense/vars/0"])
        b0 = np.array(f["layers/dense/vars/1"])
        k1 = np.array(f["layers/dense_1/vars/0"])
        b1 = np.array(f["layers/dense_1/vars/1"])
    x = np.fromfile(x_path, dtype="<f4").reshape(-1, 64)
    expected = np.fromfile(y_path, dtype="<f4").reshape(-1, 10)
    h = np.maximum(x @ k0 + b0, 0)
    z = h @ k1 + b1
    z = np.exp(z - z.max(axis=1, keepdims=True))
    y = z / z.sum(axis=1, keepdims=True)
    difference = np.abs(y - expected).max()
    print(f"numpy forward pass from the file vs FastDense Predict, {len(x)} rows: max |difference| = {difference:.3g}")
    return difference < 1e-5


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("file")
    parser.add_argument("--digits", nargs=2, metavar=("X", "Y"))
    args = parser.parse_args()
    tree(args.file)
    if args.digits and not digits(args.file, *args.digits):
        sys.exit(1)


if __name__ == "__main__":
    main()
