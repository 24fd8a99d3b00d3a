namespace FastDense;

// Compiled into the runtime and, linked, into the generator: see Activation.cs.

/// <summary>
/// Keras's weight constraints (keras/src/constraints/constraints.py) for a Dense layer's kernel and bias
/// (<see cref="DenseAttribute.KernelConstraint"/>, <see cref="DenseAttribute.BiasConstraint"/>) and a normalization's
/// γ and β (<see cref="BatchNormalizationAttribute.GammaConstraint"/>…, <see cref="LayerNormalizationAttribute.GammaConstraint"/>…,
/// whose norm is the whole vector's, as a bias's): a projection applied
/// to the tensor after every optimizer step, as Keras's optimizer applies <c>variable.constraint</c>. Norms are taken
/// along <c>axis</c> (a kernel's default 0: the weights into each unit), with Keras's epsilon 1e-7 in the divisor.
/// </summary>
#if FASTDENSE_GENERATOR
internal
#else
public
#endif
enum Constraint
{
    /// <summary>No constraint (Keras's <c>None</c>).</summary>
    None = 0,

    /// <summary><c>MaxNorm(max_value=2, axis=0)</c>: <c>w · clip(‖w‖, 0, max_value) / (1e-7 + ‖w‖)</c>.</summary>
    MaxNorm = 1,

    /// <summary><c>NonNeg</c>: <c>max(w, 0)</c>.</summary>
    NonNeg = 2,

    /// <summary><c>UnitNorm(axis=0)</c>: <c>w / (1e-7 + ‖w‖)</c>.</summary>
    UnitNorm = 3,

    /// <summary>
    /// <c>MinMaxNorm(min_value=0, max_value=1, rate=1, axis=0)</c>:
    /// <c>w · (rate · clip(‖w‖, min_value, max_value) + (1 − rate) · ‖w‖) / (1e-7 + ‖w‖)</c>.
    /// </summary>
    MinMaxNorm = 4,
}
