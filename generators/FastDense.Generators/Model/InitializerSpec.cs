namespace FastDense.Generators.Model;

/// <summary>A tensor's initializer as declared: Keras's initializer and its arguments (value; mean, stddev; minval, maxval; gain).</summary>
internal sealed record InitializerSpec(Initializer Kind, double A, double B)
{
    /// <summary>VarianceScaling's mode (A is its scale).</summary>
    public VarianceScalingMode Mode { get; init; }

    /// <summary>VarianceScaling's distribution.</summary>
    public VarianceScalingDistribution Distribution { get; init; }

    /// <summary>Keras's <c>seed</c>: the tensor draws from a stream of its own started from it; null (unwritten) draws from the model's stream.</summary>
    public int? Seed { get; init; }

    /// <summary>Whether the initializer draws random numbers (and so takes a seed): all but zeros, ones, constant and identity.</summary>
    public static bool Draws(Initializer kind) => kind is not (Initializer.Zeros or Initializer.Ones or Initializer.Constant or Initializer.Identity);

    /// <summary>Keras's kernel default.</summary>
    public static readonly InitializerSpec GlorotUniform = new(Initializer.GlorotUniform, 0, 0);

    /// <summary>Keras's bias default.</summary>
    public static readonly InitializerSpec Zeros = new(Initializer.Zeros, 0, 0);

    /// <summary>Keras's default of a normalization's γ and moving variance.</summary>
    public static readonly InitializerSpec Ones = new(Initializer.Ones, 0, 0);
}
