namespace FastDense;

// This file is compiled twice: into the runtime (the public enum users write) and, linked, into the
// netstandard2.0 generator (which reads the attribute's constant values). One definition, no drift.

/// <summary>
/// The activation a <see cref="DenseAttribute"/> layer applies to <c>z = x·kernel + bias</c> (and an <c>[Activation]</c>
/// layer, Keras's <c>Activation</c>, to its input, with the same properties): every activation of
/// <c>keras.activations</c> (keras/src/activations/activations.py; the TensorFlow backend's formulas,
/// keras/src/backend/tensorflow/nn.py), the element-wise ones and those that mix a row's values (softmax, log_softmax,
/// sparsemax, and glu, which also halves the layer's width), each over the last axis. Each member's Keras name is its
/// name in snake case (<see cref="LeakyRelu"/> is <c>"leaky_relu"</c>); Keras's aliases <c>swish</c> and
/// <c>hard_swish</c> are <see cref="Silu"/> and <see cref="HardSilu"/>. An activation's arguments are
/// <see cref="DenseAttribute"/>'s properties of Keras's names (<c>NegativeSlope</c>, <c>MaxValue</c>, <c>Threshold</c>,
/// <c>Alpha</c>, <c>Approximate</c>, <c>B</c>, <c>DefaultValue</c>); one it does not take is error FD0023.
/// </summary>
#if FASTDENSE_GENERATOR
internal // inside the generator the enum is an implementation detail, and must not clash with the runtime's
#else
public
#endif
enum Activation
{
    // Never renumber: the values are compiled into users' attribute data.

    /// <summary><c>f(z) = z</c> (Keras <c>"linear"</c>, the default).</summary>
    Linear = 0,

    /// <summary>
    /// <c>f(z) = max(z, 0)</c> (Keras <c>"relu"</c>). With Keras's arguments <c>NegativeSlope</c> (0), <c>MaxValue</c>
    /// (none: +∞) and <c>Threshold</c> (0): <c>f(z) = min(z, max_value)</c> for <c>z &gt; threshold</c>, else
    /// <c>negative_slope · (z − threshold)</c>.
    /// </summary>
    Relu = 1,

    /// <summary><c>f(z) = 1 / (1 + e^-z)</c> (Keras <c>"sigmoid"</c>).</summary>
    Sigmoid = 2,

    /// <summary><c>f(z) = tanh(z)</c> (Keras <c>"tanh"</c>).</summary>
    Tanh = 3,

    /// <summary>
    /// <c>f(z)_i = e^z_i / Σ_j e^z_j</c> over each row (Keras <c>"softmax"</c>), on any layer of more than one unit (FD0005).
    /// A hidden softmax layer's gradient goes through its Jacobian, row by row.
    /// </summary>
    Softmax = 4,

    /// <summary>
    /// <c>f(z) = z</c> for <c>z &gt; 0</c>, else <c>negative_slope · z</c> (Keras <c>"leaky_relu"</c>). <c>NegativeSlope</c>
    /// defaults to 0.2, the default of the function <c>keras.activations.leaky_relu</c> (which <c>activation="leaky_relu"</c>
    /// calls); Keras's <c>LeakyReLU</c> layer defaults to 0.3.
    /// </summary>
    LeakyRelu = 5,

    /// <summary><c>f(z) = min(max(z, 0), 6)</c> (Keras <c>"relu6"</c>).</summary>
    Relu6 = 6,

    /// <summary><c>f(z) = z</c> for <c>z &gt; 0</c>, else <c>alpha · (e^z − 1)</c> (Keras <c>"elu"</c>; <c>Alpha</c> 1).</summary>
    Elu = 7,

    /// <summary>
    /// <c>f(z) = scale · z</c> for <c>z &gt; 0</c>, else <c>scale · alpha · (e^z − 1)</c>, with TensorFlow's
    /// <c>scale = 1.0507009873554805</c> and <c>scale · alpha = 1.7580993408473769</c> (Keras <c>"selu"</c>).
    /// </summary>
    Selu = 8,

    /// <summary><c>f(z) = max(z, 0) + alpha · (e^(min(z, 0) / alpha) − 1)</c> (Keras <c>"celu"</c>; <c>Alpha</c> 1).</summary>
    Celu = 9,

    /// <summary>
    /// <c>f(z) = z · Φ(z) = z/2 · (1 + erf(z / √2))</c> (Keras <c>"gelu"</c>; <c>Approximate</c> false); with
    /// <c>Approximate = true</c>, <c>z/2 · (1 + tanh(√(2/π) · (z + 0.044715 z³)))</c>.
    /// </summary>
    Gelu = 10,

    /// <summary><c>f(z) = z · sigmoid(z)</c> (Keras <c>"silu"</c>, alias <c>"swish"</c>).</summary>
    Silu = 11,

    /// <summary><c>f(z) = z · tanh(softplus(z))</c> (Keras <c>"mish"</c>).</summary>
    Mish = 12,

    /// <summary><c>f(z) = log(e^z + 1)</c> (Keras <c>"softplus"</c>).</summary>
    Softplus = 13,

    /// <summary><c>f(z) = z / (|z| + 1)</c> (Keras <c>"softsign"</c>).</summary>
    Softsign = 14,

    /// <summary><c>f(z) = relu6(z + 3) / 6</c> (Keras 3's <c>"hard_sigmoid"</c>; Keras 2's slope was 0.2).</summary>
    HardSigmoid = 15,

    /// <summary><c>f(z) = z · hard_sigmoid(z)</c> (Keras <c>"hard_silu"</c>, alias <c>"hard_swish"</c>).</summary>
    HardSilu = 16,

    /// <summary><c>f(z) = e^z</c> (Keras <c>"exponential"</c>).</summary>
    Exponential = 17,

    /// <summary><c>f(z) = log(sigmoid(z)) = −softplus(−z)</c> (Keras <c>"log_sigmoid"</c>).</summary>
    LogSigmoid = 18,

    /// <summary><c>f(z) = z − tanh(z)</c> (Keras <c>"tanh_shrink"</c>).</summary>
    TanhShrink = 19,

    /// <summary><c>f(z) = min(max(z, −1), 1)</c> (Keras <c>"hard_tanh"</c>).</summary>
    HardTanh = 20,

    /// <summary><c>f(z) = z − threshold</c> for <c>z &gt; threshold</c>, <c>z + threshold</c> for <c>z &lt; −threshold</c>, else 0 (Keras <c>"soft_shrink"</c>; <c>Threshold</c> 0.5).</summary>
    SoftShrink = 21,

    /// <summary><c>f(z) = z</c> for <c>|z| &gt; threshold</c>, else 0 (Keras <c>"hard_shrink"</c>; <c>Threshold</c> 0.5).</summary>
    HardShrink = 22,

    /// <summary><c>f(z) = (z + √(z² + b)) / 2</c> (Keras <c>"squareplus"</c>; <c>B</c> 4).</summary>
    Squareplus = 23,

    /// <summary><c>f(z) = 0</c> for <c>z ≤ −1</c>, <c>(z + 1)² / 4</c> for <c>−1 &lt; z &lt; 1</c>, <c>z</c> for <c>z ≥ 1</c> (Keras <c>"sparse_plus"</c>).</summary>
    SparsePlus = 24,

    /// <summary><c>f(z) = 0</c> for <c>z ≤ −1</c>, <c>(z + 1) / 2</c> for <c>−1 &lt; z &lt; 1</c>, 1 for <c>z ≥ 1</c> (Keras <c>"sparse_sigmoid"</c>).</summary>
    SparseSigmoid = 25,

    /// <summary>
    /// <c>f(z) = z</c> for <c>z &gt; threshold</c>, else <c>default_value</c> (Keras <c>"threshold"</c>): both arguments
    /// must be written (<c>Threshold</c>, <c>DefaultValue</c>), as Keras's function has no defaults for them.
    /// </summary>
    Threshold = 26,

    /// <summary>
    /// <c>f(z)_i = z_i − log Σ_j e^z_j</c> over each row (Keras <c>"log_softmax"</c>, <c>axis=-1</c>), shifted by the row's
    /// maximum so it never overflows; on any layer of more than one unit (FD0005). Its gradient goes through its Jacobian,
    /// row by row: <c>dz = g − softmax(z)·Σg</c>, with softmax(z) = e^f(z).
    /// </summary>
    LogSoftmax = 27,

    /// <summary>
    /// <c>f(z)_i = max(z_i − τ(z), 0)</c> over each row (Keras <c>"sparsemax"</c>, <c>axis=-1</c>): the Euclidean projection
    /// of the row onto the probability simplex (Martins &amp; Astudillo, 2016), whose outputs sum to 1 and are exactly 0
    /// outside the row's support S, the k largest z with <c>1 + k·z_(k) &gt; Σ_{j≤k} z_(j)</c> (z sorted in descending
    /// order); <c>τ = (Σ_{j∈S} z_j − 1) / k</c>. On any layer of more than one unit (FD0005). Its gradient goes through
    /// its Jacobian, row by row: <c>dz = s ⊙ (g − mean of g over S)</c>, s the support's indicator. Not under the
    /// cross-entropies (FD0006): their log would meet its exact zeros.
    /// </summary>
    Sparsemax = 28,

    /// <summary>
    /// <c>f(z) = a ⊙ sigmoid(b)</c>, where each row of z is split into two halves, <c>a = z[:units/2]</c> and
    /// <c>b = z[units/2:]</c> (Keras <c>"glu"</c>, <c>axis=-1</c>). It halves the width: a Dense layer of <c>units</c>
    /// keeps a kernel of <c>(inputs, units)</c>, as Keras stores it, and outputs <c>units / 2</c> values a row, so
    /// <c>units</c> must be even (FD0027). Its derivative is taken from z: <c>da = g ⊙ sigmoid(b)</c>,
    /// <c>db = g ⊙ a ⊙ sigmoid(b) ⊙ (1 − sigmoid(b))</c>.
    /// </summary>
    Glu = 29,
}

/// <summary>What the runtime and the generator both need to know of each <see cref="Activation"/> (this file is linked into both).</summary>
internal static class ActivationFacts
{
    /// <summary>Keras's name: the member's name in snake case (<c>LeakyRelu</c> → <c>leaky_relu</c>, <c>Relu6</c> → <c>relu6</c>).</summary>
    public static string KerasName(this Activation activation)
    {
        string name = activation.ToString();
        var text = new System.Text.StringBuilder(name.Length + 4);
        for (int i = 0; i < name.Length; i++)
        {
            if (i > 0 && char.IsUpper(name[i])) text.Append('_');
            text.Append(char.ToLowerInvariant(name[i]));
        }
        return text.ToString();
    }

    /// <summary>Whether each output depends on its whole row (softmax, log_softmax, sparsemax): the derivative is a Jacobian, not element-wise.</summary>
    public static bool IsRowWise(this Activation activation) => activation is Activation.Softmax or Activation.LogSoftmax or Activation.Sparsemax;

    /// <summary>Whether the activation halves its layer's width (glu: the first half of each row gated by the second).</summary>
    public static bool HalvesWidth(this Activation activation) => activation == Activation.Glu;

    /// <summary>The output width of a Dense layer of <paramref name="units"/> with this activation: <c>units</c>, or <c>units / 2</c> for glu.</summary>
    public static int OutputWidth(this Activation activation, int units) => activation.HalvesWidth() ? units / 2 : units;

    /// <summary>
    /// Whether the activation's derivative is taken from its input z (the pre-activation, which the layout then keeps
    /// beside the output) rather than from its output: those whose output does not determine the derivative (glu's output,
    /// half as wide as z, cannot give back both halves).
    /// </summary>
    public static bool NeedsInput(this Activation activation) => activation switch
    {
        Activation.Gelu or Activation.Silu or Activation.Mish or Activation.HardSilu or Activation.TanhShrink or Activation.Threshold or Activation.Glu => true,
        _ => false,
    };
}
