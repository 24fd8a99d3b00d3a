namespace FastDense.Persistence;

/// <summary>Where a tensor read from a file goes.</summary>
internal enum TensorTarget
{
    /// <summary>Into the parameter buffer.</summary>
    Parameters,

    /// <summary>Into the optimizer's state (slots back to back, each with the parameter layout).</summary>
    State,

    /// <summary>Checked, then dropped: a checkpoint's optimizer state read by <c>LoadWeights</c>.</summary>
    Discard,
}

/// <summary>A tensor a load requires the file to hold, and where its values go.</summary>
/// <param name="Name">The key, e.g. <c>dense_0/kernel</c> or <c>optimizer/slot1/dense_0/kernel</c>.</param>
/// <param name="Shape">The exact shape required.</param>
/// <param name="Length">The element count.</param>
/// <param name="Target">The buffer the values go to.</param>
/// <param name="Offset">Where in that buffer.</param>
internal sealed record ExpectedTensor(string Name, int[] Shape, int Length, TensorTarget Target, int Offset);

/// <summary>A file tensor matched to an <see cref="ExpectedTensor"/>: its dtype and its bytes in the data area.</summary>
internal readonly record struct PlannedTensor(ExpectedTensor Expected, TensorDType DType, long Begin, long End);
