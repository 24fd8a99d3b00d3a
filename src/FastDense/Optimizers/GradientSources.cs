using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using FastDense.Kernels;

namespace FastDense.Optimizers;

/// <summary>Where <see cref="ElementwiseUpdate"/> reads a range's gradient from, a register at a time.</summary>
/// <typeparam name="T">The element type.</typeparam>
internal interface IGradientSource<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    /// <summary>The elements of the range.</summary>
    int Length { get; }

    /// <summary>The gradient's register at element <paramref name="offset"/> of the range.</summary>
    TVec Load<TMath, TVec>(nint offset)
        where TMath : struct, ILaneMath<TVec, T>
        where TVec : struct;
}

/// <summary>A gradient buffer (the range's part of it).</summary>
internal readonly ref struct OneGradient<T>(ReadOnlySpan<T> gradient) : IGradientSource<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private readonly ReadOnlySpan<T> _gradient = gradient;

    public int Length => _gradient.Length;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public TVec Load<TMath, TVec>(nint offset)
        where TMath : struct, ILaneMath<TVec, T>
        where TVec : struct
        => TMath.Load(ref MemoryMarshal.GetReference(_gradient), offset);
}

/// <summary>
/// The gradient of a batch split over two shards, combined as it is read: first·firstScale + second·secondScale, each
/// product rounded and then the sum (no fused multiply-add), which is what the trainer's <c>CombineGradients</c>
/// computes, so both give the same bits. Reading the two shards' buffers here saves a pass that wrote the
/// combination and one that read it back.
/// </summary>
internal readonly ref struct ShardPair<T>(ReadOnlySpan<T> first, T firstScale, ReadOnlySpan<T> second, T secondScale) : IGradientSource<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private readonly ReadOnlySpan<T> _first = first, _second = second.Slice(0, first.Length);
    private readonly T _firstScale = firstScale, _secondScale = secondScale;

    public int Length => _first.Length;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public TVec Load<TMath, TVec>(nint offset)
        where TMath : struct, ILaneMath<TVec, T>
        where TVec : struct
        => TMath.Add(
            TMath.Multiply(TMath.Load(ref MemoryMarshal.GetReference(_first), offset), TMath.Create(_firstScale)),
            TMath.Multiply(TMath.Load(ref MemoryMarshal.GetReference(_second), offset), TMath.Create(_secondScale)));
}
