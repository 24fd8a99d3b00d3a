using System.ComponentModel;
using System.Numerics;
using FastDense.Data;
using FastDense.Losses;

namespace FastDense.__Internals;

/// <summary>
/// Keras's <c>categorical_focal_crossentropy</c> (keras/src/losses/losses.py) with its <c>alpha</c>, <c>gamma</c>,
/// <c>from_logits</c> and <c>label_smoothing</c>. With the targets smoothed to <c>y' = y(1 − s) + s/K</c> over K classes,
/// the probabilities (the softmax output, or the softmax of the logits from logits) renormalized and clipped as Keras
/// does, <c>q = clip(p / Σp, ε, 1 − ε)</c> with ε = 1e-7, a row's loss is <c>Σ −alpha (1 − q)^gamma y' log q</c>. Keras
/// computes it from the probabilities, not the logits, so a clipped q has no gradient (TensorFlow's
/// <c>clip_by_value</c>). The gradient with respect to q is <c>−alpha y' [(1 − q)^gamma / q − gamma (1 − q)^(gamma − 1) log q]</c>,
/// then through the renormalization and softmax's Jacobian, over rows. The parser (FD0006) allows it on a softmax
/// output, or a linear one with <c>FromLogits</c>; targets are probability rows.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
[Obsolete(InternalsInfo.Message)]
public readonly struct CategoricalFocalCrossentropyLoss : ILossOperator, ILossDefinition<CategoricalFocalCrossentropyLoss>
{
    private readonly bool _fromLogits;
    private readonly double _alpha, _gamma, _labelSmoothing;
    // Keras's alpha as a list: one weight per class (the output's width), in place of _alpha; null for the scalar.
    private readonly double[]? _alphaPerClass;

    /// <summary>Categorical focal cross-entropy with Keras's arguments (its defaults: 0.25, 2.0, false, 0).</summary>
    /// <param name="alpha">The weight of every class, in [0, 1].</param>
    /// <param name="gamma">The focusing exponent, non-negative.</param>
    /// <param name="fromLogits">Whether the output is the logits (a linear last layer).</param>
    /// <param name="labelSmoothing">s in [0, 1]: targets become <c>y(1 − s) + s/K</c>.</param>
    public CategoricalFocalCrossentropyLoss(double alpha, double gamma, bool fromLogits, double labelSmoothing)
    {
        _alpha = alpha;
        _gamma = gamma;
        _fromLogits = fromLogits;
        _labelSmoothing = labelSmoothing;
    }

    /// <summary>
    /// The loss as <paramref name="arguments"/> gives it, with <see cref="LossArguments.AlphaPerClass"/> when set (generated
    /// code passes its model's description's arguments): allocates nothing.
    /// </summary>
    /// <param name="arguments">The loss's arguments.</param>
    public CategoricalFocalCrossentropyLoss(LossArguments arguments)
        : this(arguments.Alpha, arguments.Gamma, arguments.FromLogits, arguments.LabelSmoothing)
    {
        _alphaPerClass = arguments.AlphaPerClassValues;
    }

    /// <summary>Class c's alpha: its entry of the per-class list, or the scalar.</summary>
    private double AlphaOf(int c) => _alphaPerClass is null ? _alpha : _alphaPerClass[c];

    /// <inheritdoc />
    public void Backward<T, TActivation>(ReadOnlySpan<T> output, ReadOnlySpan<T> y, Span<T> delta, int rows, TActivation activation)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        where TActivation : struct, IActivation
    {
        bool logitsOut = typeof(TActivation) == typeof(LinearActivation) && _fromLogits;
        if (typeof(TActivation) != typeof(SoftmaxActivation) && !logitsOut)
        {
            throw new NotSupportedException("categorical focal cross-entropy is trained only on a softmax output, or a linear one from logits (FD0006).");
        }
        int columns = output.Length / rows;
        if (_alphaPerClass is not null && _alphaPerClass.Length != columns)
        {
            throw new ArgumentException($"alpha has {_alphaPerClass.Length} entries, one a class, but the output has {columns} columns.", nameof(output));
        }
        // The probabilities go in delta first (the softmax of the logits, or a copy of the output); each row's gradient
        // then replaces them there, in passes that each read what the previous wrote.
        if (logitsOut) Kernels.SoftmaxOperator.ForwardRows(output, delta, columns);
        else output.CopyTo(delta);
        T scale = T.One / T.CreateTruncating(rows), alpha = T.CreateTruncating(_alpha), gamma = T.CreateTruncating(_gamma);
        T keep = T.CreateTruncating(1 - _labelSmoothing), share = T.CreateTruncating(_labelSmoothing / columns);
        T low = ElementLosses.Epsilon<T>(), high = T.CreateTruncating(1 - 1e-7);
        for (int start = 0; start < output.Length; start += columns)
        {
            Span<T> d = delta.Slice(start, columns);
            ReadOnlySpan<T> yr = y.Slice(start, columns), z = output.Slice(start, columns);
            T sum = T.Zero;
            foreach (T p in d) sum += p;
            // From the logits, the row's softmax is recomputed as e^(z − max) / Σ.
            T zMax = T.Zero, zSum = T.One;
            if (logitsOut)
            {
                zMax = z[0];
                foreach (T v in z) zMax = T.Max(zMax, v);
                zSum = T.Zero;
                foreach (T v in z) zSum += T.Exp(v - zMax);
            }
            // g_q, then through q = p / Σp: g_p = (g_q − Σ g_q·q) / Σp; then softmax's Jacobian: dz = p ⊙ (g_p − Σ g_p·p).
            // The probabilities are read back from the output (or recomputed from the logits) as d is overwritten.
            T qDot = T.Zero;
            for (int c = 0; c < columns; c++)
            {
                T q = d[c] / sum, target = yr[c] * keep + share, g = T.Zero;
                if (q >= low && q <= high)
                {
                    T miss = T.One - q, focal = T.Pow(miss, gamma);
                    T classAlpha = _alphaPerClass is null ? alpha : T.CreateTruncating(_alphaPerClass[c]);
                    g = -classAlpha * target * (focal / q - (_gamma != 0 ? gamma * focal / miss * T.Log(q) : T.Zero));
                }
                qDot += g * q;
                d[c] = g;
            }
            T pDot = T.Zero;
            for (int c = 0; c < columns; c++)
            {
                d[c] = (d[c] - qDot) / sum;
                pDot += d[c] * (logitsOut ? T.Exp(z[c] - zMax) / zSum : z[c]);
            }
            for (int c = 0; c < columns; c++) d[c] = (logitsOut ? T.Exp(z[c] - zMax) / zSum : z[c]) * (d[c] - pDot) * scale;
        }
    }

    static Loss ILossDefinition<CategoricalFocalCrossentropyLoss>.Kind => Loss.CategoricalFocalCrossentropy;

    static string ILossDefinition<CategoricalFocalCrossentropyLoss>.KerasName => "categorical_focal_crossentropy";

    static bool ILossDefinition<CategoricalFocalCrossentropyLoss>.ReadsLogits => false;

    static string ILossDefinition<CategoricalFocalCrossentropyLoss>.DefaultMetric => "accuracy";

    static CategoricalFocalCrossentropyLoss ILossDefinition<CategoricalFocalCrossentropyLoss>.Create(LossArguments arguments) => new(arguments);

    double ILossDefinition<CategoricalFocalCrossentropyLoss>.RowValue<T>(ReadOnlySpan<T> lossInput, ReadOnlySpan<T> y)
    {
        int columns = lossInput.Length;
        double low = ElementLosses.EpsilonOf<T>(), high = double.CreateTruncating(T.CreateTruncating(1 - 1e-7));
        double max = double.NegativeInfinity, sum = 0;
        foreach (T v in lossInput) max = Math.Max(max, double.CreateTruncating(v));
        for (int c = 0; c < columns; c++) sum += Probability(lossInput, c, max);
        double loss = 0;
        for (int c = 0; c < columns; c++)
        {
            double q = Math.Clamp(Probability(lossInput, c, max) / sum, low, high);
            double target = double.CreateTruncating(y[c]) * (1 - _labelSmoothing) + _labelSmoothing / columns;
            loss += -AlphaOf(c) * Math.Pow(1 - q, _gamma) * target * Math.Log(q);
        }
        return loss;
    }

    /// <summary>The row's c-th probability in double: the output, or e^(z_c − max) (normalized by the caller's sum).</summary>
    private double Probability<T>(ReadOnlySpan<T> lossInput, int c, double max)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => _fromLogits ? Math.Exp(double.CreateTruncating(lossInput[c]) - max) : double.CreateTruncating(lossInput[c]);

    void ILossDefinition<CategoricalFocalCrossentropyLoss>.CheckTargets<T>(T[] y, string name, int width)
    {
        LossTargets.Probabilities(y, name, width, Loss.CategoricalFocalCrossentropy);
        DataChecks.CheckProbabilityRows<T>(y, name, width, Loss.CategoricalFocalCrossentropy);
    }
}
