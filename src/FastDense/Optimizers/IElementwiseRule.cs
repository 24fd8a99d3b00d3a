using System.Numerics;
using FastDense.Kernels;

namespace FastDense.Optimizers;

/// <summary>
/// One optimizer's update of a single parameter, written once for every register width: the rule is a struct that
/// holds the step's scalars (computed once per step, in double, then rounded to T), and
/// <see cref="ElementwiseUpdate"/> runs it over the parameter buffer on the widest registers the machine has. The
/// update comes in two halves so that the driver can flush the new state's subnormal numbers to zero between them,
/// as Keras's TensorFlow backend does by computing with the CPU's flush-to-zero mode (and arithmetic on subnormals is
/// slow): first the new state, then the new parameter from the old and the new state.
/// </summary>
/// <typeparam name="T">The element type.</typeparam>
internal interface IElementwiseRule<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    /// <summary>How many state buffers (each with the parameter layout) the rule keeps: 0 to 3.</summary>
    static abstract int Slots { get; }

    /// <summary>The new state of one register of parameters <paramref name="w"/> with gradient <paramref name="g"/>; slots past <see cref="Slots"/> are ignored.</summary>
    Slots<TMath, TVec, T> NewState<TMath, TVec>(Lanes<TMath, TVec, T> w, Lanes<TMath, TVec, T> g, Slots<TMath, TVec, T> state)
        where TMath : struct, ILaneMath<TVec, T>
        where TVec : struct;

    /// <summary>The new parameters, from the old ones, the gradient, the old state and the new (subnormals flushed).</summary>
    Lanes<TMath, TVec, T> NewParameter<TMath, TVec>(Lanes<TMath, TVec, T> w, Lanes<TMath, TVec, T> g, Slots<TMath, TVec, T> state, Slots<TMath, TVec, T> updated)
        where TMath : struct, ILaneMath<TVec, T>
        where TVec : struct;
}

/// <summary>
/// One register of each state slot a rule keeps (unused slots are zero), and a <see cref="Carry"/>: a value
/// <see cref="IElementwiseRule{T}.NewState"/> computed that <see cref="IElementwiseRule{T}.NewParameter"/> needs too
/// (Adadelta's delta), handed over as it is (neither stored nor flushed) so that it is not computed twice.
/// </summary>
internal readonly struct Slots<TMath, TVec, T>(Lanes<TMath, TVec, T> s0, Lanes<TMath, TVec, T> s1 = default, Lanes<TMath, TVec, T> s2 = default, Lanes<TMath, TVec, T> carry = default)
    where TMath : struct, ILaneMath<TVec, T>
    where TVec : struct
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    public Lanes<TMath, TVec, T> S0 { get; } = s0;

    public Lanes<TMath, TVec, T> S1 { get; } = s1;

    public Lanes<TMath, TVec, T> S2 { get; } = s2;

    public Lanes<TMath, TVec, T> Carry { get; } = carry;
}
