namespace FastDense.Generators.Losses;

/// <summary>
/// What the generator knows of one loss: its Keras name, whether it reads the output layer's logits, which output
/// activations it can train, and the comment its backward line carries. The gradient itself is the runtime's
/// (<c>FastDense.__Internals.{Operator}</c>); the generated code only passes the typed operator.
/// </summary>
internal abstract class LossKind
{
    /// <summary>The loss's member of <c>Loss</c>.</summary>
    public abstract Loss Loss { get; }

    /// <summary>Keras's name: <c>categorical_crossentropy</c>.</summary>
    public abstract string KerasName { get; }

    /// <summary>Whether the loss is computed from the output layer's logits (the layout then keeps them).</summary>
    public abstract bool KeepsLogits { get; }

    /// <summary>The runtime's typed operator: <c>CategoricalCrossentropyLoss</c>.</summary>
    public string Operator => Loss + "Loss";

    /// <summary>Why this loss cannot train a model whose last layer uses <paramref name="output"/> (FD0006), or null.</summary>
    public abstract string? Mismatch(Activation output);

    /// <summary>The shape comment above the backward line: <c>d1 (rows, 10) = (a1 - y) / rows: ...</c>.</summary>
    public abstract string BackwardComment(string output, string delta, string columns, Activation activation);

    protected static string Lower(Activation activation) => activation.ToString().ToLowerInvariant();
}
