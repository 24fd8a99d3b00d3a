#!/usr/bin/env python3
"""Checks ONNX files exported by FastDense (model.ExportOnnx) with the ONNX project's own checker.

Not part of `dotnet test`: it needs Python's `onnx` package (1.12 or later; opset 17 and IR version 8 are what
FastDense writes, and onnx 1.12 is the first release that knows them). Run it on one or more exported files:

    python3 tests/FastDense.Interop.Tests/Python/check_onnx.py digits.onnx cancer.onnx

For each file it runs `onnx.checker.check_model(model, full_check=True)`, which validates the protobuf, the IR and opset
versions, every node against its operator's schema (inputs, attributes, type constraints) and, with full_check, strict
shape inference over the whole graph; then it prints what the file declares: producer, graph name, opset, input and
output shapes, the operators used and the number of stored weights. The exit code is the number of files that failed.
"""

import collections
import sys

import onnx


def describe_value(value):
    tensor = value.type.tensor_type
    dims = [d.dim_param if d.dim_param else str(d.dim_value) for d in tensor.shape.dim]
    return f"{value.name}: {onnx.TensorProto.DataType.Name(tensor.elem_type).lower()}[{', '.join(dims)}]"


def check(path):
    model = onnx.load(path)
    onnx.checker.check_model(model, full_check=True)
    graph = model.graph
    opsets = ", ".join(f"{o.domain or 'ai.onnx'} {o.version}" for o in model.opset_import)
    operators = collections.Counter(node.op_type for node in graph.node)
    weights = sum(int(numpy_size(t.dims)) for t in graph.initializer)
    print(f"{path}: OK")
    print(f"  producer {model.producer_name} {model.producer_version}, IR version {model.ir_version}, opset {opsets}")
    print(f"  graph {graph.name}: {', '.join(describe_value(v) for v in graph.input)} -> "
          f"{', '.join(describe_value(v) for v in graph.output)}")
    print(f"  {len(graph.node)} nodes ({', '.join(f'{op} x{n}' for op, n in sorted(operators.items()))}), "
          f"{len(graph.initializer)} initializers holding {weights} values")


def numpy_size(dims):
    size = 1
    for d in dims:
        size *= d
    return size


def main(paths):
    if not paths:
        print(__doc__)
        return 2
    failures = 0
    for path in paths:
        try:
            check(path)
        except Exception as error:  # the checker raises ValidationError, loading raises DecodeError or OSError
            failures += 1
            print(f"{path}: FAILED: {type(error).__name__}: {error}")
    return failures


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
