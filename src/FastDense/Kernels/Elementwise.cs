using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace FastDense.Kernels;

/// <summary>An element-wise function, written once for a single element and for a <see cref="Vector{T}"/> of them.</summary>
internal interface IElementwiseFunction<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    T Apply(T x);

    Vector<T> Apply(Vector<T> x);
}

/// <summary>
/// <c>upstream · f'(·)</c> for an activation f, from what its derivative is written in (its output a, or its input z),
/// for a single element and for a <see cref="Vector{T}"/> of them.
/// </summary>
internal interface IElementwiseDerivative<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    T Apply(T from, T upstream);

    Vector<T> Apply(Vector<T> from, Vector<T> upstream);
}

/// <summary>
/// The loops of every element-wise activation operator: whole <see cref="Vector{T}"/> registers, then single
/// elements for the tail (and for everything when the machine has no vector unit, or for an element type other than
/// float and double). The destination may be the source (or the upstream) itself: each register is read before it
/// is written, and no register reaches past the element it is stored at.
/// </summary>
internal static class Elementwise
{
    /// <summary>Whether the vector loop runs: a vector unit, and an element type <see cref="ActivationMath"/> has vector functions for.</summary>
    public static bool IsVectorized<T>()
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => Vector.IsHardwareAccelerated && (typeof(T) == typeof(float) || typeof(T) == typeof(double));

    /// <summary>destination = f(x), element by element.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Map<T, TFunction>(ReadOnlySpan<T> x, Span<T> destination, TFunction function)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        where TFunction : struct, IElementwiseFunction<T>
    {
        if (destination.Length < x.Length) ThrowHelper.ThrowDestinationTooShort(nameof(destination), destination.Length, x.Length);
        ref T source = ref MemoryMarshal.GetReference(x);
        ref T target = ref MemoryMarshal.GetReference(destination);
        nuint n = (nuint)x.Length, i = 0;
        if (IsVectorized<T>())
        {
            for (; i + (nuint)Vector<T>.Count <= n; i += (nuint)Vector<T>.Count)
            {
                function.Apply(Vector.LoadUnsafe(ref source, i)).StoreUnsafe(ref target, i);
            }
        }
        for (; i < n; i++) Unsafe.Add(ref target, i) = function.Apply(Unsafe.Add(ref source, i));
    }

    /// <summary>destination = upstream · f'(from), element by element; destination may alias upstream.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Map<T, TDerivative>(ReadOnlySpan<T> from, ReadOnlySpan<T> upstream, Span<T> destination, TDerivative derivative)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        where TDerivative : struct, IElementwiseDerivative<T>
    {
        if (upstream.Length < from.Length) ThrowHelper.ThrowDestinationTooShort(nameof(upstream), upstream.Length, from.Length);
        if (destination.Length < from.Length) ThrowHelper.ThrowDestinationTooShort(nameof(destination), destination.Length, from.Length);
        ref T source = ref MemoryMarshal.GetReference(from);
        ref T up = ref MemoryMarshal.GetReference(upstream);
        ref T target = ref MemoryMarshal.GetReference(destination);
        nuint n = (nuint)from.Length, i = 0;
        if (IsVectorized<T>())
        {
            for (; i + (nuint)Vector<T>.Count <= n; i += (nuint)Vector<T>.Count)
            {
                derivative.Apply(Vector.LoadUnsafe(ref source, i), Vector.LoadUnsafe(ref up, i)).StoreUnsafe(ref target, i);
            }
        }
        for (; i < n; i++) Unsafe.Add(ref target, i) = derivative.Apply(Unsafe.Add(ref source, i), Unsafe.Add(ref up, i));
    }
}
