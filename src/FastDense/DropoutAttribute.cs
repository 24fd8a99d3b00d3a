namespace FastDense;

/// <summary>
/// A Dropout layer (Keras's <c>keras.layers.Dropout(rate, seed)</c>) between two layers of a <see cref="ModelAttribute"/>
/// model: in training each of its inputs is set to 0 with probability <see cref="Rate"/> and the others are scaled by
/// <c>1 / (1 - rate)</c>, so that the expected sum is unchanged; in inference (evaluation, prediction, validation) its
/// input passes through unchanged. Layers run in the order the attributes are written; a Dropout must stand between
/// two layers or before the first (FD0015), and its rate must be in [0, 1) (FD0014).
/// </summary>
/// <remarks>
/// The masks are drawn by FastDense's own counter-based generator, not TensorFlow's: the same seed gives the same masks
/// on every machine and for any thread count, but not the masks Keras would draw.
/// </remarks>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class DropoutAttribute : Attribute
{
    /// <summary>Declares a Dropout layer that drops a fraction <paramref name="rate"/> of its inputs in training.</summary>
    /// <param name="rate">The probability that an input is dropped, in [0, 1).</param>
    public DropoutAttribute(double rate)
    {
        Rate = rate;
    }

    /// <summary>The probability that an input is dropped, in [0, 1).</summary>
    public double Rate { get; }

    /// <summary>
    /// The layer's own seed (Keras's <c>seed</c>), mixed with the step's key (drawn from <see cref="FitOptions.Seed"/>
    /// and the step's number): two Dropout layers given the same seed draw the same mask for a row of the same width.
    /// When not set, the layer's position in the model stands in for it, so that every layer draws its own masks.
    /// </summary>
    public int Seed { get; set; }

    /// <summary>
    /// Keras's <c>noise_shape</c> for the layer's (rows, features) input: two entries, each 0 (Keras's <c>None</c>: a draw
    /// per entry along that axis) or 1 (one draw shared along it). <c>new[] { 0, 1 }</c> is <c>noise_shape=(None, 1)</c>:
    /// each row kept or dropped whole; <c>new[] { 1, 0 }</c> is <c>(1, None)</c>: one mask for every row of the batch.
    /// Not set: a draw per input. Anything else is FD0026.
    /// </summary>
    public int[]? NoiseShape { get; set; }
}
