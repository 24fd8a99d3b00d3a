"""Writes Fixtures/keras_layers_h5py.weights.h5 with h5py the way Keras 3's H5IOStore writes a weights file
(keras/src/saving/saving_lib.py: make() -> h5_file.create_group(path).create_group("vars") with attrs["name"];
__setitem__ -> vars[key] = numpy array), for the Sequential equivalent to KerasLayersNet
(tests/FastDense.Interop.Tests/Keras/KerasTestModels.cs). No Keras is needed: the layout is the specification.
Values follow value(v, k) in KerasH5pyFixtureTests.cs, so the test knows them without the file.

    /usr/bin/python3 make_keras_fixture.py ../Fixtures/keras_layers_h5py.weights.h5
"""
import sys

import h5py
import numpy as np


def values(variable, shape, positive=False):
    count = int(np.prod(shape)) if shape else 1
    k = np.arange(count)
    v = ((k * 7 + variable * 13) % 101).astype(np.float64)
    out = 0.5 + v / 100 if positive else v / 50 - 1
    return out.astype(np.float32).reshape(shape)


# (Keras path name, [(shape, positive)] for each variable in save_own_variables order); None marks Normalization's count.
LAYERS = [
    ("normalization", [((6,), False), ((6,), True), None]),
    ("dense", [((6, 8), False), ((8,), False)]),
    ("batch_normalization", [((8,), False), ((8,), False), ((8,), False), ((8,), True)]),
    ("dropout", []),
    ("dense_1", [((8, 7), False), ((7,), False)]),
    ("batch_normalization_1", [((7,), False), ((7,), False), ((7,), True)]),
    ("layer_normalization", [((7,), False), ((7,), False)]),
    ("gaussian_noise", []),
    ("dense_2", [((7, 5), False), ((5,), False)]),
    ("layer_normalization_1", [((5,), False)]),
    ("gaussian_dropout", []),
    ("dense_3", [((5, 3), False), ((3,), False)]),
]


def main():
    path = sys.argv[1]
    variable = 0
    with h5py.File(path, "w") as f:
        f.create_group("vars").attrs["name"] = "sequential"
        for name, variables in LAYERS:
            group = f.create_group(f"layers/{name}").create_group("vars")
            group.attrs["name"] = name
            for i, spec in enumerate(variables):
                if spec is None:
                    group[str(i)] = np.array(0, dtype=np.int64)
                else:
                    group[str(i)] = values(variable, spec[0], spec[1])
                    variable += 1


if __name__ == "__main__":
    main()
