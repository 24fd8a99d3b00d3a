using FastDense.Generators.Helpers;
using FastDense.Generators.Losses;

namespace FastDense.Generators.Model;

/// <summary>
/// The loss arguments a <c>[Model]</c> gave, Keras's defaults for the others (booleans as 0 or 1, so that every
/// argument is read the same way). Compares by value, as the spec must.
/// </summary>
internal sealed record LossArgumentsSpec(
    double Delta = 1.0,
    double Alpha = 0.25,
    double Gamma = 2.0,
    double LabelSmoothing = 0.0,
    bool FromLogits = false,
    bool ApplyClassBalancing = false,
    double IgnoreClass = double.NaN,
    LossReduction Reduction = LossReduction.SumOverBatchSize)
{
    /// <summary>Categorical focal cross-entropy's alpha as a list, one a class; empty for the scalar <see cref="Alpha"/>.</summary>
    public EquatableArray<double> AlphaPerClass { get; init; } = EquatableArray<double>.Empty;

    /// <summary>Keras's defaults.</summary>
    public static readonly LossArgumentsSpec Default = new();

    /// <summary>The value of <paramref name="argument"/> (a boolean as 0 or 1).</summary>
    public double ValueOf(LossArgument argument) => argument.Name switch
    {
        nameof(Delta) => Delta,
        nameof(Alpha) => Alpha,
        nameof(Gamma) => Gamma,
        nameof(LabelSmoothing) => LabelSmoothing,
        nameof(FromLogits) => FromLogits ? 1 : 0,
        nameof(ApplyClassBalancing) => ApplyClassBalancing ? 1 : 0,
        nameof(IgnoreClass) => IgnoreClass,
        _ => throw new System.ArgumentOutOfRangeException(nameof(argument), argument.Name, "Unknown loss argument."),
    };

    /// <summary>This with <paramref name="argument"/> set to <paramref name="value"/>.</summary>
    public LossArgumentsSpec With(LossArgument argument, double value) => argument.Name switch
    {
        nameof(Delta) => this with { Delta = value },
        nameof(Alpha) => this with { Alpha = value },
        nameof(Gamma) => this with { Gamma = value },
        nameof(LabelSmoothing) => this with { LabelSmoothing = value },
        nameof(FromLogits) => this with { FromLogits = value != 0 },
        nameof(ApplyClassBalancing) => this with { ApplyClassBalancing = value != 0 },
        nameof(IgnoreClass) => this with { IgnoreClass = value },
        _ => throw new System.ArgumentOutOfRangeException(nameof(argument), argument.Name, "Unknown loss argument."),
    };
}
