namespace FastDense.Persistence;

/// <summary>One named tensor of a model: a contiguous range of its flat parameter buffer.</summary>
/// <param name="Name">The file's key, e.g. <c>dense_0/kernel</c>.</param>
/// <param name="Shape">The dimensions, row-major: (inputs, units) for a kernel, (units) for a bias.</param>
/// <param name="Offset">Where the tensor starts in the parameter buffer.</param>
/// <param name="Length">The element count, the product of <paramref name="Shape"/>.</param>
/// <param name="Trainable">Whether the optimizer updates it (false for statistics a layer keeps, such as moving means).</param>
internal sealed record ModelTensor(string Name, int[] Shape, int Offset, int Length, bool Trainable);
