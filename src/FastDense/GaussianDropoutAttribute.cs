namespace FastDense;

/// <summary>
/// A GaussianDropout layer (Keras's <c>keras.layers.GaussianDropout(rate, seed)</c>): in training, <c>x · N(1,
/// sqrt(rate / (1 − rate)))</c> per input; in inference, <c>x</c>. The draws are FastDense's own, as
/// <see cref="GaussianNoiseAttribute"/>'s. <c>rate</c> must be in [0, 1) (FD0014); the layer cannot be the output (FD0015).
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class GaussianDropoutAttribute : Attribute
{
    /// <summary>Declares the layer.</summary>
    /// <param name="rate">The drop probability whose multiplicative-noise equivalent is applied, in [0, 1).</param>
    public GaussianDropoutAttribute(double rate)
    {
        Rate = rate;
    }

    /// <summary>The drop probability, in [0, 1).</summary>
    public double Rate { get; }

    /// <summary>The layer's own seed (Keras's <c>seed</c>), as <see cref="DropoutAttribute.Seed"/>.</summary>
    public int Seed { get; set; }
}
