namespace FastDense;

// This file is compiled twice: into the runtime (the public enum users write) and, linked, into the
// netstandard2.0 generator (which reads the attribute's constant values). One definition, no drift.

/// <summary>The activation a <see cref="DenseAttribute"/> layer applies to <c>x·kernel + bias</c>, named as in Keras.</summary>
#if FASTDENSE_GENERATOR
internal // inside the generator the enum is an implementation detail, and must not clash with the runtime's
#else
public
#endif
enum Activation
{
    /// <summary><c>f(z) = z</c> (Keras <c>"linear"</c>, the default).</summary>
    Linear = 0,

    /// <summary><c>f(z) = max(z, 0)</c> (Keras <c>"relu"</c>).</summary>
    Relu = 1,

    /// <summary><c>f(z) = 1 / (1 + e^-z)</c> (Keras <c>"sigmoid"</c>).</summary>
    Sigmoid = 2,

    /// <summary><c>f(z) = tanh(z)</c> (Keras <c>"tanh"</c>).</summary>
    Tanh = 3,

    /// <summary><c>f(z)_i = e^z_i / Σ_j e^z_j</c> over each row (Keras <c>"softmax"</c>). Only allowed on the last layer.</summary>
    Softmax = 4,
}
