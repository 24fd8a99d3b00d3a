namespace FastDense;

/// <summary>
/// A GaussianNoise layer (Keras's <c>keras.layers.GaussianNoise(stddev, seed)</c>): in training, <c>x + N(0, stddev)</c>
/// per input; in inference, <c>x</c>. The draws are FastDense's own (seeded by <see cref="FitOptions.Seed"/>, the same for
/// any thread count), not TensorFlow's. <c>stddev</c> must be finite and not negative (FD0020); the layer cannot be the
/// output (FD0015).
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class GaussianNoiseAttribute : Attribute
{
    /// <summary>Declares the layer.</summary>
    /// <param name="stddev">The standard deviation of the noise.</param>
    public GaussianNoiseAttribute(double stddev)
    {
        Stddev = stddev;
    }

    /// <summary>The standard deviation of the noise.</summary>
    public double Stddev { get; }

    /// <summary>The layer's own seed (Keras's <c>seed</c>), as <see cref="DropoutAttribute.Seed"/>.</summary>
    public int Seed { get; set; }
}
