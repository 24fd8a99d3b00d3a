using System.Globalization;
using System.Text;

namespace FastDense;

/// <summary>
/// The arguments of a model's loss, named as Keras's loss arguments and defaulting to Keras's defaults. A generated
/// model's <see cref="ModelDescription.LossArguments"/> carries the ones its <c>[Model]</c> gave (see
/// <see cref="ModelAttribute"/>); the runtime builds the loss's value and target checks from them, and the generated
/// backward passes the same values to the loss's operator. Each loss reads only its own arguments:
/// <list type="table">
/// <item><term><see cref="Delta"/> (<c>delta</c>)</term><description><see cref="Loss.Huber"/>.</description></item>
/// <item><term><see cref="Alpha"/> (<c>alpha</c>), <see cref="Gamma"/> (<c>gamma</c>)</term><description><see cref="Loss.BinaryFocalCrossentropy"/> (alpha only with <see cref="ApplyClassBalancing"/>), <see cref="Loss.CategoricalFocalCrossentropy"/> (alpha also as <see cref="AlphaPerClass"/>).</description></item>
/// <item><term><see cref="ApplyClassBalancing"/> (<c>apply_class_balancing</c>)</term><description><see cref="Loss.BinaryFocalCrossentropy"/>.</description></item>
/// <item><term><see cref="LabelSmoothing"/> (<c>label_smoothing</c>), <see cref="FromLogits"/> (<c>from_logits</c>)</term><description><see cref="Loss.BinaryCrossentropy"/>, <see cref="Loss.CategoricalCrossentropy"/> and the two focal cross-entropies (<c>from_logits</c> also <see cref="Loss.SparseCategoricalCrossentropy"/>).</description></item>
/// <item><term><see cref="IgnoreClass"/> (<c>ignore_class</c>)</term><description><see cref="Loss.SparseCategoricalCrossentropy"/>.</description></item>
/// <item><term><see cref="Reduction"/> (<c>reduction</c>)</term><description>every loss.</description></item>
/// </list>
/// </summary>
public sealed record LossArguments
{
    /// <summary>Keras's defaults for every argument.</summary>
    public static LossArguments Default { get; } = new();

    /// <summary>Huber's <c>delta</c>: where the loss turns from quadratic to linear. Keras's default 1.0.</summary>
    public double Delta { get; init; } = 1.0;

    /// <summary>The focal cross-entropies' <c>alpha</c>: the weight of class 1 (binary, with class balancing; class 0 gets 1 − alpha) or of every class (categorical). Keras's default 0.25.</summary>
    public double Alpha { get; init; } = 0.25;

    /// <summary>
    /// Categorical focal cross-entropy's <c>alpha</c> given as a list (keras/src/losses/losses.py: "a list of floats or a
    /// scalar"): one weight per class, in the output's order, in place of <see cref="Alpha"/>; null (the default) for
    /// the scalar. Keras multiplies each class's term by its entry.
    /// </summary>
    public IReadOnlyList<double>? AlphaPerClass
    {
        get => _alphaPerClass;
        init => _alphaPerClass = value?.ToArray();
    }

    // A copy the caller cannot change; the loss's operator reads it without copying again.
    private readonly double[]? _alphaPerClass;

    /// <summary>The per-class alphas as the operator reads them, or null.</summary>
    internal double[]? AlphaPerClassValues => _alphaPerClass;

    /// <summary>The focal cross-entropies' <c>gamma</c>: the focusing exponent of <c>(1 − p_t)^gamma</c>. Keras's default 2.0.</summary>
    public double Gamma { get; init; } = 2.0;

    /// <summary>The cross-entropies' <c>label_smoothing</c> in [0, 1]: targets become <c>y(1 − s) + s/2</c> (binary) or <c>y(1 − s) + s/K</c> over K classes (categorical). Keras's default 0.</summary>
    public double LabelSmoothing { get; init; }

    /// <summary>The cross-entropies' <c>from_logits</c>: the model's (linear) output is the logits, and the loss applies the sigmoid or softmax itself. Keras's default false.</summary>
    public bool FromLogits { get; init; }

    /// <summary>
    /// Sparse categorical cross-entropy's <c>ignore_class</c>: rows whose label is this value add nothing to the loss or
    /// the gradient, and each batch's loss is the mean over its other rows (keras/src/losses/losses.py masks them;
    /// keras/src/losses/loss.py <c>apply_mask</c> weighs the rest by <c>total / (valid + ε)</c>). Keras's default None.
    /// </summary>
    public int? IgnoreClass { get; init; }

    /// <summary>
    /// Every loss's <c>reduction</c>: how a batch's per-row losses, times their sample weights, become the batch's loss
    /// (keras/src/losses/loss.py, <c>reduce_values</c>). Keras's default <c>"sum_over_batch_size"</c>.
    /// </summary>
    public LossReduction Reduction { get; init; }

    /// <summary>Binary focal cross-entropy's <c>apply_class_balancing</c>: weight class 1 by alpha and class 0 by 1 − alpha. Keras's default false.</summary>
    public bool ApplyClassBalancing { get; init; }

    /// <summary>The arguments that differ from Keras's defaults, in Keras's spelling: <c>delta=2</c>; empty when none do.</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        void Add(string name, string value) => text.Append(text.Length == 0 ? "" : ", ").Append(name).Append('=').Append(value);
        if (Delta != Default.Delta) Add("delta", Delta.ToString("R", CultureInfo.InvariantCulture));
        if (Alpha != Default.Alpha) Add("alpha", Alpha.ToString("R", CultureInfo.InvariantCulture));
        if (Gamma != Default.Gamma) Add("gamma", Gamma.ToString("R", CultureInfo.InvariantCulture));
        if (LabelSmoothing != Default.LabelSmoothing) Add("label_smoothing", LabelSmoothing.ToString("R", CultureInfo.InvariantCulture));
        if (FromLogits) Add("from_logits", "True");
        if (ApplyClassBalancing) Add("apply_class_balancing", "True");
        if (IgnoreClass is int ignored) Add("ignore_class", ignored.ToString(CultureInfo.InvariantCulture));
        if (_alphaPerClass is not null) Add("alpha", "[" + string.Join(", ", _alphaPerClass.Select(a => a.ToString("R", CultureInfo.InvariantCulture))) + "]");
        if (Reduction != LossReduction.SumOverBatchSize) Add("reduction", Reduction == LossReduction.Sum ? "\"sum\"" : "\"mean_with_sample_weight\"");
        return text.ToString();
    }

    /// <summary>Equal when every argument is, the per-class alphas element by element.</summary>
    public bool Equals(LossArguments? other)
        => other is not null && Delta.Equals(other.Delta) && Alpha.Equals(other.Alpha) && Gamma.Equals(other.Gamma) &&
           LabelSmoothing.Equals(other.LabelSmoothing) && FromLogits == other.FromLogits && IgnoreClass == other.IgnoreClass &&
           ApplyClassBalancing == other.ApplyClassBalancing && Reduction == other.Reduction &&
           (_alphaPerClass is null ? other._alphaPerClass is null : other._alphaPerClass is not null && _alphaPerClass.AsSpan().SequenceEqual(other._alphaPerClass));

    /// <inheritdoc />
    public override int GetHashCode()
        => HashCode.Combine(Delta, Alpha, Gamma, LabelSmoothing, FromLogits, IgnoreClass, ApplyClassBalancing, HashCode.Combine(Reduction, _alphaPerClass?.Length));
}
