using System.Numerics;
using System.Runtime.CompilerServices;
using FastDense.Kernels;

namespace FastDense.Optimizers;

/// <summary>
/// One register of lanes with arithmetic operators, so that an optimizer's element-wise formula reads as the formula
/// (<c>m + (g - m) * oneMinusBeta1</c>) and compiles to the register width <typeparamref name="TMath"/> stands for.
/// A thin wrapper: every member inlines to the one vector instruction it names.
/// </summary>
/// <typeparam name="TMath">The width's arithmetic (<see cref="Lane512{T}"/>, <see cref="Lane256{T}"/>, <see cref="Lane128{T}"/>, <see cref="LaneScalar{T}"/>).</typeparam>
/// <typeparam name="TVec">The register type.</typeparam>
/// <typeparam name="T">The element type.</typeparam>
internal readonly struct Lanes<TMath, TVec, T>
    where TMath : struct, ILaneMath<TVec, T>
    where TVec : struct
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    /// <summary>Wraps a register.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Lanes(TVec value) => Value = value;

    /// <summary>The register.</summary>
    public TVec Value { get; }

    /// <summary>Every lane <paramref name="value"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes<TMath, TVec, T> Of(T value) => new(TMath.Create(value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes<TMath, TVec, T> operator +(Lanes<TMath, TVec, T> left, Lanes<TMath, TVec, T> right) => new(TMath.Add(left.Value, right.Value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes<TMath, TVec, T> operator -(Lanes<TMath, TVec, T> left, Lanes<TMath, TVec, T> right) => new(TMath.Subtract(left.Value, right.Value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes<TMath, TVec, T> operator *(Lanes<TMath, TVec, T> left, Lanes<TMath, TVec, T> right) => new(TMath.Multiply(left.Value, right.Value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes<TMath, TVec, T> operator /(Lanes<TMath, TVec, T> left, Lanes<TMath, TVec, T> right) => new(TMath.Divide(left.Value, right.Value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes<TMath, TVec, T> operator -(Lanes<TMath, TVec, T> value) => new(TMath.Negate(value.Value));

    /// <summary><c>left · right + addend</c>, one rounding where the machine has FMA.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes<TMath, TVec, T> MultiplyAdd(Lanes<TMath, TVec, T> left, Lanes<TMath, TVec, T> right, Lanes<TMath, TVec, T> addend)
        => new(TMath.MultiplyAdd(left.Value, right.Value, addend.Value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes<TMath, TVec, T> Sqrt(Lanes<TMath, TVec, T> value) => new(TMath.Sqrt(value.Value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes<TMath, TVec, T> Abs(Lanes<TMath, TVec, T> value) => new(TMath.Abs(value.Value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes<TMath, TVec, T> Max(Lanes<TMath, TVec, T> left, Lanes<TMath, TVec, T> right) => new(TMath.Max(left.Value, right.Value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes<TMath, TVec, T> Min(Lanes<TMath, TVec, T> left, Lanes<TMath, TVec, T> right) => new(TMath.Min(left.Value, right.Value));

    /// <summary>1, -1, or the lane itself for ±0 and NaN.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes<TMath, TVec, T> Sign(Lanes<TMath, TVec, T> value) => new(TMath.Sign(value.Value));

    /// <summary><c>1 / value</c>, within 2 ulps (see <see cref="ILaneMath{TVec, T}.Reciprocal"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes<TMath, TVec, T> Reciprocal(Lanes<TMath, TVec, T> value) => new(TMath.Reciprocal(value.Value));

    /// <summary>Subnormal lanes set to zero.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes<TMath, TVec, T> FlushSubnormal(Lanes<TMath, TVec, T> value) => new(TMath.FlushSubnormal(value.Value));
}
