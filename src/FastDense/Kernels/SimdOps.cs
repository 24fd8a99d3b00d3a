using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace FastDense.Kernels;

/// <summary>
/// The handful of vector operations the register-blocked GEMM needs, as static abstract members so one kernel
/// body (<see cref="BlockedGemm"/>) is compiled once per width: the JIT specialises generic methods over struct
/// type arguments and inlines these calls, so each instantiation is the same code as a hand-written 512-, 256-,
/// 128-bit or scalar loop (TP writes the widths out by hand; here they differ only in these members).
/// </summary>
/// <typeparam name="TVec">The register type: <c>Vector512&lt;T&gt;</c>, <c>Vector256&lt;T&gt;</c>, <c>Vector128&lt;T&gt;</c> or <typeparamref name="T"/> itself.</typeparam>
/// <typeparam name="T">The element type.</typeparam>
internal interface ISimdOps<TVec, T>
    where TVec : struct
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    /// <summary>Lanes in one register.</summary>
    static abstract int Count { get; }

    /// <summary>
    /// Registers of columns one micro-kernel tile spans (4 rows x this). 4 where the register file has 32 SIMD
    /// registers (AVX-512: 16 accumulators + 4 loaded vectors + 1 broadcast), 2 where it may have only 16
    /// (AVX2/SSE: 8 + 2 + 1, so the tile does not spill).
    /// </summary>
    static abstract int TileVectors { get; }

    static abstract TVec Zero { get; }

    static abstract TVec Broadcast(T value);

    static abstract TVec Load(ref T source, nint offset);

    static abstract void Store(TVec value, ref T destination, nint offset);

    /// <summary><c>left * right + addend</c>, fused where the width has an FMA instruction.</summary>
    static abstract TVec MultiplyAdd(TVec left, TVec right, TVec addend);

    static abstract TVec Add(TVec left, TVec right);

    /// <summary>Writes lanes [0, <paramref name="count"/>) of <paramref name="value"/> and no other element; count is below <see cref="Count"/> (a whole register is a plain <see cref="Store"/>).</summary>
    static abstract void StorePrefix(TVec value, ref T destination, nint offset, int count);
}

/// <summary>AVX-512 (or software-emulated) 512-bit registers: 16 floats or 8 doubles.</summary>
internal readonly struct Simd512<T> : ISimdOps<Vector512<T>, T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    public static int Count => Vector512<T>.Count;

    public static int TileVectors => 4;

    public static Vector512<T> Zero => Vector512<T>.Zero;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Broadcast(T value) => Vector512.Create(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Load(ref T source, nint offset) => Vector512.LoadUnsafe(ref source, (nuint)offset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector512<T> value, ref T destination, nint offset) => value.StoreUnsafe(ref destination, (nuint)offset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> MultiplyAdd(Vector512<T> left, Vector512<T> right, Vector512<T> addend)
    {
        if (typeof(T) == typeof(float))
        {
            return Vector512.FusedMultiplyAdd(left.AsSingle(), right.AsSingle(), addend.AsSingle()).As<float, T>();
        }
        if (typeof(T) == typeof(double))
        {
            return Vector512.FusedMultiplyAdd(left.AsDouble(), right.AsDouble(), addend.AsDouble()).As<double, T>();
        }
        return left * right + addend;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Add(Vector512<T> left, Vector512<T> right) => left + right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StorePrefix(Vector512<T> value, ref T destination, nint offset, int count)
        => PrefixStore.Write512(value.AsByte(), ref Unsafe.As<T, byte>(ref Unsafe.Add(ref destination, offset)), count * Unsafe.SizeOf<T>());
}

/// <summary>AVX2 256-bit registers: 8 floats or 4 doubles. Chosen only where FMA exists (every AVX2 CPU since Haswell and Zen 1).</summary>
internal readonly struct Simd256<T> : ISimdOps<Vector256<T>, T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    public static int Count => Vector256<T>.Count;

    public static int TileVectors => 2;

    public static Vector256<T> Zero => Vector256<T>.Zero;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Broadcast(T value) => Vector256.Create(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Load(ref T source, nint offset) => Vector256.LoadUnsafe(ref source, (nuint)offset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector256<T> value, ref T destination, nint offset) => value.StoreUnsafe(ref destination, (nuint)offset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> MultiplyAdd(Vector256<T> left, Vector256<T> right, Vector256<T> addend)
    {
        if (typeof(T) == typeof(float))
        {
            return Vector256.FusedMultiplyAdd(left.AsSingle(), right.AsSingle(), addend.AsSingle()).As<float, T>();
        }
        if (typeof(T) == typeof(double))
        {
            return Vector256.FusedMultiplyAdd(left.AsDouble(), right.AsDouble(), addend.AsDouble()).As<double, T>();
        }
        return left * right + addend;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Add(Vector256<T> left, Vector256<T> right) => left + right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StorePrefix(Vector256<T> value, ref T destination, nint offset, int count)
        => PrefixStore.Write256(value.AsByte(), ref Unsafe.As<T, byte>(ref Unsafe.Add(ref destination, offset)), count * Unsafe.SizeOf<T>());
}

/// <summary>128-bit registers (SSE with FMA, Arm64 AdvSimd): 4 floats or 2 doubles.</summary>
internal readonly struct Simd128<T> : ISimdOps<Vector128<T>, T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    public static int Count => Vector128<T>.Count;

    public static int TileVectors => 2;

    public static Vector128<T> Zero => Vector128<T>.Zero;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> Broadcast(T value) => Vector128.Create(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> Load(ref T source, nint offset) => Vector128.LoadUnsafe(ref source, (nuint)offset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector128<T> value, ref T destination, nint offset) => value.StoreUnsafe(ref destination, (nuint)offset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> MultiplyAdd(Vector128<T> left, Vector128<T> right, Vector128<T> addend)
    {
        if (typeof(T) == typeof(float))
        {
            return Vector128.FusedMultiplyAdd(left.AsSingle(), right.AsSingle(), addend.AsSingle()).As<float, T>();
        }
        if (typeof(T) == typeof(double))
        {
            return Vector128.FusedMultiplyAdd(left.AsDouble(), right.AsDouble(), addend.AsDouble()).As<double, T>();
        }
        return left * right + addend;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> Add(Vector128<T> left, Vector128<T> right) => left + right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StorePrefix(Vector128<T> value, ref T destination, nint offset, int count)
        => PrefixStore.Write128(value.AsByte(), ref Unsafe.As<T, byte>(ref Unsafe.Add(ref destination, offset)), count * Unsafe.SizeOf<T>());
}

/// <summary>
/// One element per "register": the portable fallback, and the only path for element types without vector
/// support (<see cref="Half"/>). Multiply and add are not fused, because without an FMA instruction
/// <c>T.FusedMultiplyAdd</c> is a slow software routine.
/// </summary>
internal readonly struct SimdScalar<T> : ISimdOps<T, T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    public static int Count => 1;

    public static int TileVectors => 2;

    public static T Zero => T.Zero;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Broadcast(T value) => value;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Load(ref T source, nint offset) => Unsafe.Add(ref source, offset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(T value, ref T destination, nint offset) => Unsafe.Add(ref destination, offset) = value;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T MultiplyAdd(T left, T right, T addend) => left * right + addend;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Add(T left, T right) => left + right;

    // A one-lane register is never a partial tail: count is always 1 here.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StorePrefix(T value, ref T destination, nint offset, int count)
    {
        if (count > 0) Unsafe.Add(ref destination, offset) = value;
    }
}

/// <summary>
/// Stores the first bytes of a register and nothing past them, in halving pieces (32, 16, 8, 4 bytes): 10 floats
/// are one 32-byte and one 8-byte store. Written for 4- and 8-byte elements, the only ones on vector paths.
/// </summary>
/// <remarks>
/// The first version read the whole register's worth of C, blended and wrote it back; on the digits output layer
/// (rows of 10 floats) each such read overlaps the previous row's store, which stalls store forwarding. Split
/// stores read nothing (docs/benchmarks.md, W1).
/// AVX-512 masked stores would do it in one instruction, but .NET exposes them only through pointers, and the
/// kernels use no pointers (the <c>unsafe</c> keyword is only in Inference/BulkPredict.cs).
/// </remarks>
internal static class PrefixStore
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Write512(Vector512<byte> value, ref byte destination, int bytes)
    {
        Vector256<byte> half = value.GetLower();
        if (bytes >= 32)
        {
            half.StoreUnsafe(ref destination);
            half = value.GetUpper();
            destination = ref Unsafe.Add(ref destination, 32);
            bytes -= 32;
        }
        Write256(half, ref destination, bytes);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Write256(Vector256<byte> value, ref byte destination, int bytes)
    {
        Vector128<byte> quarter = value.GetLower();
        if (bytes >= 16)
        {
            quarter.StoreUnsafe(ref destination);
            quarter = value.GetUpper();
            destination = ref Unsafe.Add(ref destination, 16);
            bytes -= 16;
        }
        Write128(quarter, ref destination, bytes);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Write128(Vector128<byte> value, ref byte destination, int bytes)
    {
        if (bytes >= 8)
        {
            Unsafe.WriteUnaligned(ref destination, value.AsUInt64().ToScalar());
            if ((bytes & 4) != 0) Unsafe.WriteUnaligned(ref Unsafe.Add(ref destination, 8), value.AsUInt32().GetElement(2));
        }
        else if ((bytes & 4) != 0)
        {
            Unsafe.WriteUnaligned(ref destination, value.AsUInt32().ToScalar());
        }
    }
}
