using System.Numerics;

namespace FastDense.Losses;

/// <summary>
/// A loss for the parts of the runtime that read its value, name or targets (scoring, evaluation, data checks): the
/// one place that maps a <see cref="Loss"/> member to its definition. A model's is
/// <see cref="ModelDescription.LossFunction"/>: <see cref="For(Loss, LossArguments)"/> with the arguments its
/// description carries, which are the values the generated backward passes to the loss's operator.
/// </summary>
#pragma warning disable CS0618 // the loss structs live in __Internals, [Obsolete] for users only.
internal abstract class LossFunction
{
    /// <summary>The definition of <paramref name="loss"/> with Keras's default arguments.</summary>
    public static LossFunction For(Loss loss) => For(loss, LossArguments.Default);

    /// <summary>The definition of <paramref name="loss"/> with <paramref name="arguments"/> (the ones it does not take are ignored).</summary>
    public static LossFunction For(Loss loss, LossArguments arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        return loss switch
        {
            Loss.CategoricalCrossentropy => Of<__Internals.CategoricalCrossentropyLoss>.With(arguments),
            Loss.BinaryCrossentropy => Of<__Internals.BinaryCrossentropyLoss>.With(arguments),
            Loss.MeanSquaredError => Of<__Internals.MeanSquaredErrorLoss>.With(arguments),
            Loss.MeanAbsoluteError => Of<__Internals.MeanAbsoluteErrorLoss>.With(arguments),
            Loss.MeanAbsolutePercentageError => Of<__Internals.MeanAbsolutePercentageErrorLoss>.With(arguments),
            Loss.MeanSquaredLogarithmicError => Of<__Internals.MeanSquaredLogarithmicErrorLoss>.With(arguments),
            Loss.Huber => Of<__Internals.HuberLoss>.With(arguments),
            Loss.LogCosh => Of<__Internals.LogCoshLoss>.With(arguments),
            Loss.Poisson => Of<__Internals.PoissonLoss>.With(arguments),
            Loss.KLDivergence => Of<__Internals.KLDivergenceLoss>.With(arguments),
            Loss.CosineSimilarity => Of<__Internals.CosineSimilarityLoss>.With(arguments),
            Loss.Hinge => Of<__Internals.HingeLoss>.With(arguments),
            Loss.SquaredHinge => Of<__Internals.SquaredHingeLoss>.With(arguments),
            Loss.CategoricalHinge => Of<__Internals.CategoricalHingeLoss>.With(arguments),
            Loss.BinaryFocalCrossentropy => Of<__Internals.BinaryFocalCrossentropyLoss>.With(arguments),
            Loss.CategoricalFocalCrossentropy => Of<__Internals.CategoricalFocalCrossentropyLoss>.With(arguments),
            Loss.SparseCategoricalCrossentropy => Of<__Internals.SparseCategoricalCrossentropyLoss>.With(arguments),
            _ => throw new ArgumentOutOfRangeException(nameof(loss), loss, "Unknown loss."),
        };
    }

    /// <summary>The loss's member of <see cref="Loss"/>.</summary>
    public abstract Loss Kind { get; }

    /// <summary>Keras's name.</summary>
    public abstract string KerasName { get; }

    /// <summary>Whether the value is computed from the logits.</summary>
    public abstract bool ReadsLogits { get; }

    /// <summary>The metric reported when none is given: <c>mae</c> or <c>accuracy</c>.</summary>
    public abstract string DefaultMetric { get; }

    /// <summary>The arguments this definition was built with.</summary>
    public LossArguments Arguments { get; private init; } = LossArguments.Default;

    /// <summary>How many target values a row has for a model with <paramref name="outputs"/> outputs (<see cref="LossTargets.Width"/>).</summary>
    public int TargetWidth(int outputs) => LossTargets.Width(Kind, outputs);

    /// <summary>
    /// The sum over <paramref name="rows"/> rows of each row's loss, in double: <paramref name="lossInput"/> is (rows,
    /// columns), <paramref name="y"/> (rows, <see cref="TargetWidth"/>(columns)).
    /// </summary>
    public abstract double Sum<T>(ReadOnlySpan<T> lossInput, ReadOnlySpan<T> y, int rows, int columns)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>;

    /// <summary>
    /// Keras's weighted loss sum <c>Σ w·loss</c> over <paramref name="rows"/> rows (keras/src/losses/loss.py,
    /// <c>reduce_weighted_values</c>: the values times the weights, summed; divided by the rows later).
    /// </summary>
    public abstract double WeightedSum<T>(ReadOnlySpan<T> lossInput, ReadOnlySpan<T> y, ReadOnlySpan<T> sampleWeight, int rows, int columns)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>;

    /// <summary>Checks targets already shaped and finite; <paramref name="width"/> is the model's output width.</summary>
    public abstract void CheckTargets<T>(T[] y, string name, int width)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>;

    private sealed class Of<TLoss> : LossFunction
        where TLoss : struct, ILossDefinition<TLoss>
    {
        /// <summary>The definition with Keras's defaults, shared.</summary>
        private static readonly Of<TLoss> Defaults = new(TLoss.Create(LossArguments.Default)) { Arguments = LossArguments.Default };

        private readonly TLoss _loss;

        private Of(TLoss loss) => _loss = loss;

        public static LossFunction With(LossArguments arguments)
            => arguments == LossArguments.Default ? Defaults : new Of<TLoss>(TLoss.Create(arguments)) { Arguments = arguments };

        public override Loss Kind => TLoss.Kind;

        public override string KerasName => TLoss.KerasName;

        public override bool ReadsLogits => TLoss.ReadsLogits;

        public override string DefaultMetric => TLoss.DefaultMetric;

        public override double Sum<T>(ReadOnlySpan<T> lossInput, ReadOnlySpan<T> y, int rows, int columns)
        {
            int targets = TargetWidth(columns);
            double total = 0;
            for (int r = 0; r < rows; r++) total += _loss.RowValue(lossInput.Slice(r * columns, columns), y.Slice(r * targets, targets));
            return total;
        }

        public override double WeightedSum<T>(ReadOnlySpan<T> lossInput, ReadOnlySpan<T> y, ReadOnlySpan<T> sampleWeight, int rows, int columns)
        {
            int targets = TargetWidth(columns);
            double total = 0;
            for (int r = 0; r < rows; r++)
            {
                total += double.CreateTruncating(sampleWeight[r]) * _loss.RowValue(lossInput.Slice(r * columns, columns), y.Slice(r * targets, targets));
            }
            return total;
        }

        public override void CheckTargets<T>(T[] y, string name, int width) => _loss.CheckTargets(y, name, width);
    }
}
