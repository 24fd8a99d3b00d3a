using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace FastDense.Kernels;

/// <summary>
/// Element-wise arithmetic on one register of lanes, as static abstract members, so that an element-wise formula
/// (an optimizer's update) is written once and compiled for 512-, 256-, 128-bit registers and single elements: the
/// JIT specialises generic code over struct type arguments and inlines these calls.
/// </summary>
/// <typeparam name="TVec">The register: <c>Vector512&lt;T&gt;</c>, <c>Vector256&lt;T&gt;</c>, <c>Vector128&lt;T&gt;</c> or <typeparamref name="T"/> itself.</typeparam>
/// <typeparam name="T">The element type.</typeparam>
internal interface ILaneMath<TVec, T>
    where TVec : struct
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    /// <summary>Lanes in one register.</summary>
    static abstract int Count { get; }

    /// <summary>Whether this width runs on this machine (the scalar one always does).</summary>
    static abstract bool IsSupported { get; }

    static abstract TVec Create(T value);

    static abstract TVec Load(ref T source, nint offset);

    static abstract void Store(TVec value, ref T destination, nint offset);

    static abstract TVec Add(TVec left, TVec right);

    static abstract TVec Subtract(TVec left, TVec right);

    static abstract TVec Multiply(TVec left, TVec right);

    static abstract TVec Divide(TVec left, TVec right);

    static abstract TVec Negate(TVec value);

    /// <summary><c>left · right + addend</c> with one rounding where the machine has an FMA instruction, else two.</summary>
    static abstract TVec MultiplyAdd(TVec left, TVec right, TVec addend);

    static abstract TVec Sqrt(TVec value);

    static abstract TVec Abs(TVec value);

    /// <summary>The larger of each pair; NaN if either is NaN.</summary>
    static abstract TVec Max(TVec left, TVec right);

    /// <summary>The smaller of each pair; NaN if either is NaN.</summary>
    static abstract TVec Min(TVec left, TVec right);

    /// <summary>1, -1 or 0 (for ±0) by the sign of each lane; NaN stays NaN.</summary>
    static abstract TVec Sign(TVec value);

    /// <summary>
    /// <c>1 / value</c>, possibly approximated: float on AVX-512 takes a 14-bit estimate refined by one Newton step
    /// (1–2 ulps from the division, several times its throughput); every other width divides.
    /// </summary>
    static abstract TVec Reciprocal(TVec value);

    /// <summary>Lanes whose magnitude is below the smallest normal number (subnormals) set to zero; NaN stays NaN.</summary>
    static abstract TVec FlushSubnormal(TVec value);
}

/// <summary>The smallest positive normal numbers, for flushing subnormals.</summary>
internal static class SmallestNormal
{
    /// <summary>2^-126 for float, 2^-1022 for double, 2^-14 for Half.</summary>
    /// <remarks>
    /// AggressiveInlining: a constant once inlined, but its IL is too long for the inliner to take it unasked where
    /// there is no profile (in the optimizer's loop, compiled optimized at once, it stayed a call per register).
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Of<T>()
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => typeof(T) == typeof(float) ? T.CreateTruncating(1.17549435e-38f)
            : typeof(T) == typeof(double) ? T.CreateTruncating(2.2250738585072014e-308)
            : T.ScaleB(T.One, -14);
}

/// <summary>512-bit registers: 16 floats or 8 doubles.</summary>
internal readonly struct Lane512<T> : ILaneMath<Vector512<T>, T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    public static int Count => Vector512<T>.Count;

    public static bool IsSupported => Vector512.IsHardwareAccelerated;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Create(T value) => Vector512.Create(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Load(ref T source, nint offset) => Vector512.LoadUnsafe(ref source, (nuint)offset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector512<T> value, ref T destination, nint offset) => value.StoreUnsafe(ref destination, (nuint)offset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Add(Vector512<T> left, Vector512<T> right) => left + right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Subtract(Vector512<T> left, Vector512<T> right) => left - right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Multiply(Vector512<T> left, Vector512<T> right) => left * right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Divide(Vector512<T> left, Vector512<T> right) => left / right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Negate(Vector512<T> value) => -value;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> MultiplyAdd(Vector512<T> left, Vector512<T> right, Vector512<T> addend)
    {
        if (typeof(T) == typeof(float)) return Vector512.FusedMultiplyAdd(left.AsSingle(), right.AsSingle(), addend.AsSingle()).As<float, T>();
        if (typeof(T) == typeof(double)) return Vector512.FusedMultiplyAdd(left.AsDouble(), right.AsDouble(), addend.AsDouble()).As<double, T>();
        return left * right + addend;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Sqrt(Vector512<T> value) => Vector512.Sqrt(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Abs(Vector512<T> value) => Vector512.Abs(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Max(Vector512<T> left, Vector512<T> right) => Vector512.Max(left, right);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Min(Vector512<T> left, Vector512<T> right) => Vector512.Min(left, right);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Sign(Vector512<T> value)
    {
        Vector512<T> one = Vector512<T>.One;
        Vector512<T> signed = Vector512.ConditionalSelect(Vector512.LessThan(value, Vector512<T>.Zero), -one, one);
        // ±0 gives 0, NaN stays NaN (the comparisons above are false for both).
        return Vector512.ConditionalSelect(Vector512.Equals(value, Vector512<T>.Zero) | ~Vector512.Equals(value, value), value, signed);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Reciprocal(Vector512<T> value)
    {
        if (typeof(T) == typeof(float) && Avx512F.IsSupported)
        {
            Vector512<float> d = value.AsSingle();
            Vector512<float> r = Avx512F.Reciprocal14(d);
            return Vector512.FusedMultiplyAdd(r, Vector512<float>.One - d * r, r).As<float, T>();   // one Newton step
        }
        return Vector512<T>.One / value;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> FlushSubnormal(Vector512<T> value)
        => Vector512.ConditionalSelect(Vector512.LessThan(Vector512.Abs(value), Vector512.Create(SmallestNormal.Of<T>())), Vector512<T>.Zero, value);
}

/// <summary>256-bit registers: 8 floats or 4 doubles.</summary>
internal readonly struct Lane256<T> : ILaneMath<Vector256<T>, T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    public static int Count => Vector256<T>.Count;

    public static bool IsSupported => Vector256.IsHardwareAccelerated;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Create(T value) => Vector256.Create(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Load(ref T source, nint offset) => Vector256.LoadUnsafe(ref source, (nuint)offset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector256<T> value, ref T destination, nint offset) => value.StoreUnsafe(ref destination, (nuint)offset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Add(Vector256<T> left, Vector256<T> right) => left + right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Subtract(Vector256<T> left, Vector256<T> right) => left - right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Multiply(Vector256<T> left, Vector256<T> right) => left * right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Divide(Vector256<T> left, Vector256<T> right) => left / right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Negate(Vector256<T> value) => -value;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> MultiplyAdd(Vector256<T> left, Vector256<T> right, Vector256<T> addend)
    {
        if (Fma.IsSupported && typeof(T) == typeof(float)) return Vector256.FusedMultiplyAdd(left.AsSingle(), right.AsSingle(), addend.AsSingle()).As<float, T>();
        if (Fma.IsSupported && typeof(T) == typeof(double)) return Vector256.FusedMultiplyAdd(left.AsDouble(), right.AsDouble(), addend.AsDouble()).As<double, T>();
        return left * right + addend;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Sqrt(Vector256<T> value) => Vector256.Sqrt(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Abs(Vector256<T> value) => Vector256.Abs(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Max(Vector256<T> left, Vector256<T> right) => Vector256.Max(left, right);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Min(Vector256<T> left, Vector256<T> right) => Vector256.Min(left, right);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Sign(Vector256<T> value)
    {
        Vector256<T> one = Vector256<T>.One;
        Vector256<T> signed = Vector256.ConditionalSelect(Vector256.LessThan(value, Vector256<T>.Zero), -one, one);
        return Vector256.ConditionalSelect(Vector256.Equals(value, Vector256<T>.Zero) | ~Vector256.Equals(value, value), value, signed);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Reciprocal(Vector256<T> value) => Vector256<T>.One / value;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> FlushSubnormal(Vector256<T> value)
        => Vector256.ConditionalSelect(Vector256.LessThan(Vector256.Abs(value), Vector256.Create(SmallestNormal.Of<T>())), Vector256<T>.Zero, value);
}

/// <summary>128-bit registers: 4 floats or 2 doubles.</summary>
internal readonly struct Lane128<T> : ILaneMath<Vector128<T>, T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    public static int Count => Vector128<T>.Count;

    public static bool IsSupported => Vector128.IsHardwareAccelerated;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> Create(T value) => Vector128.Create(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> Load(ref T source, nint offset) => Vector128.LoadUnsafe(ref source, (nuint)offset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector128<T> value, ref T destination, nint offset) => value.StoreUnsafe(ref destination, (nuint)offset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> Add(Vector128<T> left, Vector128<T> right) => left + right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> Subtract(Vector128<T> left, Vector128<T> right) => left - right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> Multiply(Vector128<T> left, Vector128<T> right) => left * right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> Divide(Vector128<T> left, Vector128<T> right) => left / right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> Negate(Vector128<T> value) => -value;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> MultiplyAdd(Vector128<T> left, Vector128<T> right, Vector128<T> addend)
    {
        if (Fma.IsSupported && typeof(T) == typeof(float)) return Vector128.FusedMultiplyAdd(left.AsSingle(), right.AsSingle(), addend.AsSingle()).As<float, T>();
        if (Fma.IsSupported && typeof(T) == typeof(double)) return Vector128.FusedMultiplyAdd(left.AsDouble(), right.AsDouble(), addend.AsDouble()).As<double, T>();
        return left * right + addend;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> Sqrt(Vector128<T> value) => Vector128.Sqrt(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> Abs(Vector128<T> value) => Vector128.Abs(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> Max(Vector128<T> left, Vector128<T> right) => Vector128.Max(left, right);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> Min(Vector128<T> left, Vector128<T> right) => Vector128.Min(left, right);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> Sign(Vector128<T> value)
    {
        Vector128<T> one = Vector128<T>.One;
        Vector128<T> signed = Vector128.ConditionalSelect(Vector128.LessThan(value, Vector128<T>.Zero), -one, one);
        return Vector128.ConditionalSelect(Vector128.Equals(value, Vector128<T>.Zero) | ~Vector128.Equals(value, value), value, signed);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> Reciprocal(Vector128<T> value) => Vector128<T>.One / value;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> FlushSubnormal(Vector128<T> value)
        => Vector128.ConditionalSelect(Vector128.LessThan(Vector128.Abs(value), Vector128.Create(SmallestNormal.Of<T>())), Vector128<T>.Zero, value);
}

/// <summary>
/// One element at a time: the tail past the last whole register, and machines without SIMD. Multiply-add is fused
/// when the machine has an FMA instruction, as the vector widths are, so a tail element gets its register's bits.
/// </summary>
internal readonly struct LaneScalar<T> : ILaneMath<T, T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    public static int Count => 1;

    public static bool IsSupported => true;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Create(T value) => value;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Load(ref T source, nint offset) => Unsafe.Add(ref source, offset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(T value, ref T destination, nint offset) => Unsafe.Add(ref destination, offset) = value;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Add(T left, T right) => left + right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Subtract(T left, T right) => left - right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Multiply(T left, T right) => left * right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Divide(T left, T right) => left / right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Negate(T value) => -value;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T MultiplyAdd(T left, T right, T addend) => Fma.IsSupported ? T.FusedMultiplyAdd(left, right, addend) : left * right + addend;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Sqrt(T value) => T.Sqrt(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Abs(T value) => T.Abs(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Max(T left, T right) => T.Max(left, right);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Min(T left, T right) => T.Min(left, right);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Sign(T value) => T.IsNaN(value) || T.IsZero(value) ? value : value < T.Zero ? -T.One : T.One;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Reciprocal(T value) => T.One / value;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T FlushSubnormal(T value) => T.IsSubnormal(value) ? T.Zero : value;
}
