namespace FastDense;

// Compiled into the runtime and, linked, into the generator: see Activation.cs.

/// <summary>Keras's <c>mode</c> of <see cref="Initializer.VarianceScaling"/>: which fan divides the scale.</summary>
#if FASTDENSE_GENERATOR
internal
#else
public
#endif
enum VarianceScalingMode
{
    /// <summary><c>"fan_in"</c> (Keras's default): the number of inputs.</summary>
    FanIn = 0,

    /// <summary><c>"fan_out"</c>: the number of units.</summary>
    FanOut = 1,

    /// <summary><c>"fan_avg"</c>: their mean.</summary>
    FanAvg = 2,
}
