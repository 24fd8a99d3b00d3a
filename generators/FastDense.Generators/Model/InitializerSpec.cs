namespace FastDense.Generators.Model;

/// <summary>A tensor's initializer as declared: Keras's initializer and its arguments (value; mean, stddev; minval, maxval; gain).</summary>
internal sealed record InitializerSpec(Initializer Kind, double A, double B)
{
    /// <summary>VarianceScaling's mode (A is its scale).</summary>
    public VarianceScalingMode Mode { get; init; }

    /// <summary>VarianceScaling's distribution.</summary>
    public VarianceScalingDistribution Distribution { get; init; }

    /// <summary>Keras's kernel default.</summary>
    public static readonly InitializerSpec GlorotUniform = new(Initializer.GlorotUniform, 0, 0);

    /// <summary>Keras's bias default.</summary>
    public static readonly InitializerSpec Zeros = new(Initializer.Zeros, 0, 0);

    /// <summary>Keras's default of a normalization's γ and moving variance.</summary>
    public static readonly InitializerSpec Ones = new(Initializer.Ones, 0, 0);
}
