namespace FastDense.Optimizers;

/// <summary>The argument checks the optimizers' constructors share, each naming the argument and the range it must be in.</summary>
internal static class OptimizerArguments
{
    /// <summary>Throws unless <paramref name="value"/> is positive and finite (an epsilon).</summary>
    public static void PositiveFinite(double value, string name)
    {
        if (!(value > 0) || !double.IsFinite(value)) throw new ArgumentOutOfRangeException(name, value, $"{name} must be positive and finite.");
    }

    /// <summary>Throws unless <paramref name="value"/> is in [0, 1) (a decay rate such as beta1 or rho).</summary>
    public static void BelowOne(double value, string name)
    {
        if (!(value >= 0 && value < 1)) throw new ArgumentOutOfRangeException(name, value, $"{name} must be in [0, 1).");
    }

    /// <summary>Throws unless <paramref name="value"/> is in [0, 1] (a momentum).</summary>
    public static void UpToOne(double value, string name)
    {
        if (!(value >= 0 && value <= 1)) throw new ArgumentOutOfRangeException(name, value, $"{name} must be in [0, 1].");
    }
}
