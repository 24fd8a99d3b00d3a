using System.ComponentModel;
using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using FastDense.Kernels;
using FastDense.Losses;

namespace FastDense.__Internals;

/// <summary>
/// Keras's <c>sparse_categorical_crossentropy</c>: categorical cross-entropy whose targets are class indices, one per
/// row, computed from the logits as the TensorFlow backend does (keras/src/backend/tensorflow/nn.py,
/// <c>sparse_categorical_crossentropy</c>: <c>sparse_softmax_cross_entropy_with_logits</c> on the softmax's own logits):
/// a row's loss is <c>logsumexp(z) − z_label</c>. Fused with softmax, the gradient of the batch's mean with respect to
/// the logits is <c>(p − onehot(label)) / rows</c>, rounded as <see cref="CategoricalCrossentropyLoss"/> rounds
/// <c>(p − y) / rows</c> for the one-hot row, so the two train to the same bits. With <c>from_logits</c> the output is
/// linear (the logits themselves). The parser (FD0006) allows it only on a softmax output, or a linear one with
/// <c>FromLogits</c>. y is (rows): the labels as values of T.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
[Obsolete(InternalsInfo.Message)]
public readonly struct SparseCategoricalCrossentropyLoss : ILossOperator, ILossDefinition<SparseCategoricalCrossentropyLoss>
{
    private readonly bool _fromLogits;
    private readonly int? _ignoreClass;

    /// <summary>Sparse categorical cross-entropy with Keras's arguments (<c>default</c> is Keras's defaults: false, None).</summary>
    /// <param name="fromLogits">Whether the output is the logits (a linear last layer).</param>
    /// <param name="ignoreClass">
    /// Keras's <c>ignore_class</c>: rows with this label get a zero loss and a zero gradient here; the trainer weighs the
    /// other rows by <c>rows / (valid + ε)</c>, so that the batch's loss is their mean, as Keras's mask does.
    /// </param>
    public SparseCategoricalCrossentropyLoss(bool fromLogits, int? ignoreClass = null)
    {
        _fromLogits = fromLogits;
        _ignoreClass = ignoreClass;
    }

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Backward<T, TActivation>(ReadOnlySpan<T> output, ReadOnlySpan<T> y, Span<T> delta, int rows, TActivation activation)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        where TActivation : struct, IActivation
    {
        bool logitsOut = typeof(TActivation) == typeof(LinearActivation) && _fromLogits;
        if (typeof(TActivation) != typeof(SoftmaxActivation) && !logitsOut)
        {
            throw new NotSupportedException("sparse categorical cross-entropy is trained only on a softmax output, or a linear one from logits (FD0006).");
        }
        int columns = output.Length / rows;
        if (y.Length < rows) throw new ArgumentException($"y has {y.Length} labels; {rows} rows need {rows}.", nameof(y));
        ReadOnlySpan<T> p = output;
        if (logitsOut)
        {
            SoftmaxOperator.ForwardRows(output, delta, columns);
            p = delta;
        }
        T scale = T.One / T.CreateTruncating(rows);
        // p·scale is (p − 0)·scale to the bit: only the label's entry differs from the fused one-hot gradient.
        for (int r = 0; r < rows; r++)
        {
            if (_ignoreClass is int ignored && y[r] == T.CreateTruncating(ignored))
            {
                delta.Slice(r * columns, columns).Clear();
                continue;
            }
            int label = int.CreateTruncating(y[r]);
            if ((uint)label >= (uint)columns) throw new ArgumentOutOfRangeException(nameof(y), $"y[{r}] is {y[r]}, not a class in [0, {columns}).");
            int at = r * columns + label;
            T target = p[at];
            TensorPrimitives.Multiply(p.Slice(r * columns, columns), scale, delta.Slice(r * columns, columns));
            delta[at] = (target - T.One) * scale;
        }
    }

    static Loss ILossDefinition<SparseCategoricalCrossentropyLoss>.Kind => Loss.SparseCategoricalCrossentropy;

    static string ILossDefinition<SparseCategoricalCrossentropyLoss>.KerasName => "sparse_categorical_crossentropy";

    static bool ILossDefinition<SparseCategoricalCrossentropyLoss>.ReadsLogits => true;

    static string ILossDefinition<SparseCategoricalCrossentropyLoss>.DefaultMetric => "accuracy";

    static SparseCategoricalCrossentropyLoss ILossDefinition<SparseCategoricalCrossentropyLoss>.Create(LossArguments arguments) => new(arguments.FromLogits, arguments.IgnoreClass);

    double ILossDefinition<SparseCategoricalCrossentropyLoss>.RowValue<T>(ReadOnlySpan<T> lossInput, ReadOnlySpan<T> y)
        => _ignoreClass is int ignored && y[0] == T.CreateTruncating(ignored) ? 0 : RowValue(lossInput, y[0]);

    void ILossDefinition<SparseCategoricalCrossentropyLoss>.CheckTargets<T>(T[] y, string name, int width) => LossTargets.ClassIndices(y, name, width, _ignoreClass);

    /// <summary>One row's loss from its logits <paramref name="z"/> and its label: <c>logsumexp(z) − z_label</c>.</summary>
    internal static double RowValue<T>(ReadOnlySpan<T> z, T label)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        int index = int.CreateTruncating(label);
        if ((uint)index >= (uint)z.Length) throw new ArgumentOutOfRangeException(nameof(label), $"The label {label} is not a class in [0, {z.Length}).");
        return CategoricalCrossentropyLoss.LogSumExp(z) - double.CreateTruncating(z[index]);
    }
}
