using System;
using System.Collections.Generic;

namespace FastDense.Generators.Losses;

/// <summary>Every loss the generator knows: adding one is a line here (see docs/common-tasks.md).</summary>
internal static class LossKinds
{
    /// <summary>All kinds, in the order of the <c>Loss</c> enum.</summary>
    public static readonly IReadOnlyList<LossKind> All = new LossKind[]
    {
        new CategoricalCrossentropyKind(),
        new BinaryCrossentropyKind(),
        new MeanSquaredErrorKind(),
        new MeanAbsoluteErrorKind(),
        new MeanAbsolutePercentageErrorKind(),
        new MeanSquaredLogarithmicErrorKind(),
        new HuberKind(),
        new LogCoshKind(),
        new PoissonKind(),
        new KLDivergenceKind(),
        new CosineSimilarityKind(),
        new HingeKind(),
        new SquaredHingeKind(),
        new CategoricalHingeKind(),
        new BinaryFocalCrossentropyKind(),
        new CategoricalFocalCrossentropyKind(),
        new SparseCategoricalCrossentropyKind(),
    };

    /// <summary>The kind of <paramref name="loss"/>.</summary>
    public static LossKind Of(Loss loss)
    {
        foreach (LossKind kind in All)
        {
            if (kind.Loss == loss) return kind;
        }
        // The parser rejects undefined losses (FD0011); a new Loss member needs its kind here.
        throw new InvalidOperationException($"No loss kind for {loss}.");
    }
}
