using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using FastDense.Kernels;

namespace FastDense.Optimizers;

/// <summary>
/// The loops every element-wise optimizer shares: one pass over a range of the parameters, reading each parameter,
/// its gradient and its state slots once and writing them once, on the widest registers the kernel path allows
/// (512, 256, 128 bits), the elements past the last whole register one at a time. The rule
/// (<see cref="IElementwiseRule{T}"/>) is the only thing an optimizer writes.
/// </summary>
internal static class ElementwiseUpdate
{
    /// <summary>
    /// Updates parameters [start, start + gradient.Length) and their state: slot k of parameter i is
    /// <c>state[k · parameters.Length + i]</c>.
    /// </summary>
    /// <remarks>
    /// Compiled fully optimized at its first call (AggressiveOptimization), as is <see cref="Registers"/>: at tier 0
    /// nothing is inlined, so each register's update would be some twenty calls into the lane helpers, and a fresh
    /// process's first <c>Fit</c> runs whole at tier 0 (tiering promotes a method only after a quiet spell with no
    /// new methods compiled). Every helper below is AggressiveInlining, so the code is tier 1's less dynamic PGO, which
    /// a loop without branches does not use.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run<TRule, T, TGradient>(TRule rule, KernelPath path, Span<T> parameters, Span<T> state, int start, TGradient gradient)
        where TRule : struct, IElementwiseRule<T>
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        where TGradient : struct, IGradientSource<T>, allows ref struct
    {
        int n = parameters.Length, length = gradient.Length;
        if ((uint)start > (uint)n || length > n - start) throw new ArgumentOutOfRangeException(nameof(start), start, $"The range [{start}, {start + length}) leaves the {n} parameters.");
        if (state.Length < TRule.Slots * n) throw new ArgumentException($"The optimizer's state has {state.Length} elements; {TRule.Slots} slots of {n} need {TRule.Slots * n}.", nameof(state));
        ref T w = ref Unsafe.Add(ref MemoryMarshal.GetReference(parameters), start);
        // A slot past the rule's count is never read or written; it aliases the parameters so every reference is valid.
        ref T s0 = ref TRule.Slots > 0 ? ref Unsafe.Add(ref MemoryMarshal.GetReference(state), start) : ref w;
        ref T s1 = ref TRule.Slots > 1 ? ref Unsafe.Add(ref MemoryMarshal.GetReference(state), n + start) : ref w;
        ref T s2 = ref TRule.Slots > 2 ? ref Unsafe.Add(ref MemoryMarshal.GetReference(state), 2 * n + start) : ref w;

        nint done = 0;
        if (path >= KernelPath.Vector512 && Lane512<T>.IsSupported)
        {
            done = Registers<TRule, Lane512<T>, System.Runtime.Intrinsics.Vector512<T>, T, TGradient>(ref rule, ref w, ref s0, ref s1, ref s2, gradient, length);
        }
        else if (path >= KernelPath.Vector256 && Lane256<T>.IsSupported)
        {
            done = Registers<TRule, Lane256<T>, System.Runtime.Intrinsics.Vector256<T>, T, TGradient>(ref rule, ref w, ref s0, ref s1, ref s2, gradient, length);
        }
        else if (path >= KernelPath.Vector128 && Lane128<T>.IsSupported)
        {
            done = Registers<TRule, Lane128<T>, System.Runtime.Intrinsics.Vector128<T>, T, TGradient>(ref rule, ref w, ref s0, ref s1, ref s2, gradient, length);
        }
        for (nint i = done; i < length; i++)
        {
            Step<TRule, LaneScalar<T>, T, T, TGradient>(ref rule, ref w, ref s0, ref s1, ref s2, gradient, i);
        }
    }

    /// <summary>Whole registers of the range; returns how many elements that was.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static nint Registers<TRule, TMath, TVec, T, TGradient>(ref TRule rule, ref T w, ref T s0, ref T s1, ref T s2, TGradient gradient, int length)
        where TRule : struct, IElementwiseRule<T>
        where TMath : struct, ILaneMath<TVec, T>
        where TVec : struct
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        where TGradient : struct, IGradientSource<T>, allows ref struct
    {
        nint lanes = TMath.Count, whole = length - length % TMath.Count, k = 0;
        // Two registers per iteration: square roots and divisions have long latencies, and two independent chains keep
        // both the divider and the FMA pipes busy.
        for (; k + 2 * lanes <= whole; k += 2 * lanes)
        {
            Step<TRule, TMath, TVec, T, TGradient>(ref rule, ref w, ref s0, ref s1, ref s2, gradient, k);
            Step<TRule, TMath, TVec, T, TGradient>(ref rule, ref w, ref s0, ref s1, ref s2, gradient, k + lanes);
        }
        if (k < whole) Step<TRule, TMath, TVec, T, TGradient>(ref rule, ref w, ref s0, ref s1, ref s2, gradient, k);
        return whole;
    }

    /// <summary>One register at <paramref name="k"/>: load, the new state (its subnormals flushed), the new parameter, store.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Step<TRule, TMath, TVec, T, TGradient>(ref TRule rule, ref T w, ref T s0, ref T s1, ref T s2, TGradient gradient, nint k)
        where TRule : struct, IElementwiseRule<T>
        where TMath : struct, ILaneMath<TVec, T>
        where TVec : struct
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        where TGradient : struct, IGradientSource<T>, allows ref struct
    {
        Lanes<TMath, TVec, T> a0 = default, a1 = default, a2 = default;
        if (TRule.Slots > 0) a0 = new(TMath.Load(ref s0, k));
        if (TRule.Slots > 1) a1 = new(TMath.Load(ref s1, k));
        if (TRule.Slots > 2) a2 = new(TMath.Load(ref s2, k));
        var state = new Slots<TMath, TVec, T>(a0, a1, a2);
        var wk = new Lanes<TMath, TVec, T>(TMath.Load(ref w, k));
        var gk = new Lanes<TMath, TVec, T>(gradient.Load<TMath, TVec>(k));
        Slots<TMath, TVec, T> raw = rule.NewState(wk, gk, state);
        Lanes<TMath, TVec, T> n0 = default, n1 = default, n2 = default;
        if (TRule.Slots > 0) TMath.Store((n0 = Lanes<TMath, TVec, T>.FlushSubnormal(raw.S0)).Value, ref s0, k);
        if (TRule.Slots > 1) TMath.Store((n1 = Lanes<TMath, TVec, T>.FlushSubnormal(raw.S1)).Value, ref s1, k);
        if (TRule.Slots > 2) TMath.Store((n2 = Lanes<TMath, TVec, T>.FlushSubnormal(raw.S2)).Value, ref s2, k);
        TMath.Store(rule.NewParameter(wk, gk, state, new Slots<TMath, TVec, T>(n0, n1, n2, raw.Carry)).Value, ref w, k);
    }
}
