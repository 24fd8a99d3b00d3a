namespace FastDense;

// Compiled into the runtime and, linked, into the generator: see Activation.cs.

/// <summary>
/// Keras's weight initializers (keras/src/initializers/), for a Dense layer's kernel and bias
/// (<see cref="DenseAttribute.KernelInitializer"/>, <see cref="DenseAttribute.BiasInitializer"/>) and a
/// normalization's γ, β and moving statistics (<see cref="BatchNormalizationAttribute.GammaInitializer"/>…,
/// <see cref="LayerNormalizationAttribute.GammaInitializer"/>…). For a kernel <c>[inputs, units]</c>,
/// <c>fan_in = inputs</c> and <c>fan_out = units</c>; for a 1-D tensor (a bias, γ, β), both are its length, and
/// <see cref="Orthogonal"/> and <see cref="Identity"/>, which need two dimensions, are error FD0021.
/// </summary>
#if FASTDENSE_GENERATOR
internal
#else
public
#endif
enum Initializer
{
    /// <summary><c>glorot_uniform</c> (Keras's kernel default): uniform in ±sqrt(6 / (fan_in + fan_out)).</summary>
    GlorotUniform = 0,

    /// <summary><c>zeros</c> (Keras's bias default).</summary>
    Zeros = 1,

    /// <summary><c>glorot_normal</c>: truncated normal (±2σ) with σ = sqrt(2 / (fan_in + fan_out)) / 0.8796.</summary>
    GlorotNormal = 2,

    /// <summary><c>he_uniform</c>: uniform in ±sqrt(6 / fan_in).</summary>
    HeUniform = 3,

    /// <summary><c>he_normal</c>: truncated normal (±2σ) with σ = sqrt(2 / fan_in) / 0.8796.</summary>
    HeNormal = 4,

    /// <summary><c>lecun_uniform</c>: uniform in ±sqrt(3 / fan_in).</summary>
    LecunUniform = 5,

    /// <summary><c>lecun_normal</c>: truncated normal (±2σ) with σ = sqrt(1 / fan_in) / 0.8796.</summary>
    LecunNormal = 6,

    /// <summary><c>ones</c>.</summary>
    Ones = 7,

    /// <summary><c>constant(value)</c>: every element the value (<c>KernelValue</c> / <c>BiasValue</c>, default 0).</summary>
    Constant = 8,

    /// <summary><c>random_normal(mean=0, stddev=0.05)</c>.</summary>
    RandomNormal = 9,

    /// <summary><c>random_uniform(minval=-0.05, maxval=0.05)</c>.</summary>
    RandomUniform = 10,

    /// <summary><c>truncated_normal(mean=0, stddev=0.05)</c>: draws beyond 2 standard deviations are drawn again.</summary>
    TruncatedNormal = 11,

    /// <summary><c>orthogonal(gain=1)</c>: the Q of a QR factorization of a normal matrix, signs fixed by R's diagonal, times the gain.</summary>
    Orthogonal = 12,

    /// <summary><c>identity(gain=1)</c>: the gain on the diagonal of a 2D kernel (the leading square of a rectangular one).</summary>
    Identity = 13,

    /// <summary>
    /// <c>variance_scaling(scale=1.0, mode="fan_in", distribution="truncated_normal")</c>
    /// (<c>KernelScale</c>, <c>KernelMode</c>, <c>KernelDistribution</c>): with <c>s = scale / max(1, fan)</c> (fan_in, fan_out
    /// or their mean), a truncated normal (±2σ) with σ = sqrt(s) / 0.8796, a normal with σ = sqrt(s), or uniform in
    /// ±sqrt(3s). The glorot, he and lecun initializers are its special cases.
    /// </summary>
    VarianceScaling = 14,
}
