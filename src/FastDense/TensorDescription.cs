namespace FastDense;

/// <summary>
/// One named tensor of a model: its shape and where it lives, in the flat parameter buffer when it is trainable, in the
/// model's state buffer when it is not (<see cref="Model{TKernel, T}.State"/>: a Normalization's mean and variance).
/// </summary>
public sealed class TensorDescription
{
    /// <summary>Creates a tensor description.</summary>
    /// <param name="name">Its full name, <c>{layer}/{tensor}</c>: <c>dense_0/kernel</c>.</param>
    /// <param name="shape">Its shape, Keras's: a Dense kernel is <c>[inputs, units]</c>, row-major.</param>
    /// <param name="offset">Where it starts in <see cref="Model{TKernel, T}.Parameters"/> (trainable) or <see cref="Model{TKernel, T}.State"/> (not).</param>
    /// <param name="trainable">Whether the optimizer updates it (and so which buffer holds it).</param>
    public TensorDescription(string name, int[] shape, int offset, bool trainable)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(shape);
        Name = name;
        Shape = Array.AsReadOnly((int[])shape.Clone());
        long length = 1;
        foreach (int dimension in shape)
        {
            if (dimension < 0) throw new ArgumentOutOfRangeException(nameof(shape), dimension, $"Tensor {name}: a dimension is negative.");
            length *= dimension;
        }
        Length = checked((int)length);
        Offset = offset;
        Trainable = trainable;
    }

    /// <summary>Its full name, <c>{layer}/{tensor}</c>.</summary>
    public string Name { get; }

    /// <summary>Its shape.</summary>
    public IReadOnlyList<int> Shape { get; }

    /// <summary>Where it starts: in the parameter buffer when <see cref="Trainable"/>, else in the state buffer.</summary>
    public int Offset { get; }

    /// <summary>The number of elements: the product of <see cref="Shape"/>.</summary>
    public int Length { get; }

    /// <summary>Whether the optimizer updates it.</summary>
    public bool Trainable { get; }

    /// <inheritdoc />
    public override string ToString() => $"{Name} [{string.Join(", ", Shape)}] at {Offset}";
}
