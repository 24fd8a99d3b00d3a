namespace FastDense;

/// <summary>
/// An ActivityRegularization layer (Keras's <c>keras.layers.ActivityRegularization(l1=0.0, l2=0.0)</c>): its output is
/// its input, and <c>(l1·Σ|x| + l2·Σx²) / rows</c> over the batch is added to the loss, trained and reported, as Keras
/// adds an activity regularizer's penalty divided by the batch size (keras/src/layers/layer.py). <c>L1</c> and <c>L2</c>
/// must be non-negative and finite (FD0020); the layer cannot be the output (FD0015).
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class ActivityRegularizationAttribute : Attribute
{
    /// <summary>Keras's <c>l1</c> (default 0).</summary>
    public double L1 { get; set; }

    /// <summary>Keras's <c>l2</c> (default 0).</summary>
    public double L2 { get; set; }
}
