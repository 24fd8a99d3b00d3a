namespace FastDense.Interop.PyTorch;

/// <summary>What a state_dict entry holds.</summary>
internal enum TorchTensorKind
{
    /// <summary>One of the model's tensors (a Linear weight: the kernel transposed).</summary>
    Values,

    /// <summary>
    /// A BatchNorm1d or LayerNorm half the model does not have (center or scale false): all ones (weight) or all zeros
    /// (bias), so the module computes what the layer does; a load requires exactly that value back.
    /// </summary>
    Identity,

    /// <summary>BatchNorm1d's <c>num_batches_tracked</c>: an int64 scalar, written 0 (FastDense does not count).</summary>
    BatchCount,
}

/// <summary>One entry of the state_dict: its key, shape and what it holds.</summary>
/// <param name="Key">E.g. <c>0.weight</c>, <c>2.running_var</c>.</param>
/// <param name="Shape">PyTorch's shape: (out, in) for a Linear weight; empty for a scalar.</param>
/// <param name="Kind">What it holds.</param>
/// <param name="Source">The model's tensor (<see cref="TorchTensorKind.Values"/>), or null.</param>
/// <param name="Transposed">Whether it is the source transposed: a Linear weight is (out, in), the kernel (in, out).</param>
/// <param name="Fill">The value of an <see cref="TorchTensorKind.Identity"/> entry: 1 or 0.</param>
internal sealed record TorchTensor(string Key, int[] Shape, TorchTensorKind Kind, TensorDescription? Source, bool Transposed = false, double Fill = 0)
{
    /// <summary>The element count.</summary>
    public int Length => Shape.Aggregate(1, (product, d) => product * d);
}
