namespace FastDense;

// Compiled into the runtime and, linked, into the generator: see Activation.cs.

/// <summary>Keras's <c>distribution</c> of <see cref="Initializer.VarianceScaling"/>.</summary>
#if FASTDENSE_GENERATOR
internal
#else
public
#endif
enum VarianceScalingDistribution
{
    /// <summary><c>"truncated_normal"</c> (Keras's default): draws beyond ±2σ drawn again, σ corrected by 0.8796.</summary>
    TruncatedNormal = 0,

    /// <summary><c>"untruncated_normal"</c>: a normal distribution.</summary>
    UntruncatedNormal = 1,

    /// <summary><c>"uniform"</c>: uniform in ±sqrt(3 · scale / fan).</summary>
    Uniform = 2,
}
