namespace FastDense;

/// <summary>
/// An AlphaDropout layer (Keras's <c>keras.layers.AlphaDropout(rate, noise_shape=None, seed=None)</c>), for selu networks:
/// in training each input is dropped with probability <c>rate</c> and set to selu's negative saturation
/// <c>α' = −scale · alpha</c> (selu's constants), then every value is mapped by <c>a · x + b</c> with
/// <c>a = ((1 − rate)(1 + rate · α'²))^−½</c> and <c>b = −a · α' · rate</c>, which keeps an input of mean 0 and variance 1
/// at mean 0 and variance 1 (keras/src/layers/regularization/alpha_dropout.py); in inference the input passes unchanged.
/// The gradient reaches the kept inputs, times <c>a</c>. The rate must be in [0, 1) (error FD0020; at 1 Keras's
/// <c>a</c> is infinite). The layer keeps the width and cannot be the model's last (FD0015).
/// </summary>
/// <remarks>
/// The draws are FastDense's own counter-based ones (seeded by <see cref="FitOptions.Seed"/>, the same for any thread count,
/// as Dropout's), not TensorFlow's.
/// </remarks>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class AlphaDropoutAttribute : Attribute
{
    /// <summary>Declares an AlphaDropout layer that drops a fraction <paramref name="rate"/> of its inputs in training.</summary>
    /// <param name="rate">The probability that an input is dropped, in [0, 1).</param>
    public AlphaDropoutAttribute(double rate)
    {
        Rate = rate;
    }

    /// <summary>The probability that an input is dropped, in [0, 1).</summary>
    public double Rate { get; }

    /// <summary>The layer's own seed (Keras's <c>seed</c>), as <see cref="DropoutAttribute.Seed"/>.</summary>
    public int Seed { get; set; }

    /// <summary>Keras's <c>noise_shape</c>, as <see cref="DropoutAttribute.NoiseShape"/> (error FD0026 unless two entries, each 0 or 1).</summary>
    public int[]? NoiseShape { get; set; }
}
