namespace FastDense;

// Compiled into the runtime and, linked, into the generator: see Activation.cs.

/// <summary>
/// Keras's <c>mode</c> of <c>OrthogonalRegularizer</c> (keras/src/regularizers/regularizers.py) on a Dense kernel
/// <c>[inputs, units]</c> (<see cref="DenseAttribute.KernelRegularizerOrthogonalMode"/>): which of the kernel's vectors
/// it pushes toward being orthogonal to each other.
/// </summary>
#if FASTDENSE_GENERATOR
internal
#else
public
#endif
enum OrthogonalRegularizerMode
{
    /// <summary>
    /// <c>"rows"</c> (Keras's default): the kernel's rows, each input's outgoing weights (<c>units</c> long; Keras's
    /// "feature vectors, the basis of the output space"). <c>inputs</c> vectors, compared pairwise.
    /// </summary>
    Rows = 0,

    /// <summary><c>"columns"</c>: the kernel's columns, each unit's incoming weights (<c>inputs</c> long). <c>units</c> vectors, compared pairwise.</summary>
    Columns = 1,
}
