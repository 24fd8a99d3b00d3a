namespace FastDense.Generators.Model;

/// <summary>
/// A kernel's or bias's constraint as declared, with Keras's defaults filled in (MaxNorm's max_value 2, MinMaxNorm's 1;
/// min_value 0, rate 1, axis 0).
/// </summary>
internal sealed record ConstraintSpec(Constraint Kind, double MaxValue, double MinValue, double Rate, int Axis)
{
    /// <summary>No constraint.</summary>
    public static readonly ConstraintSpec None = new(Constraint.None, 0, 0, 1, 0);
}
