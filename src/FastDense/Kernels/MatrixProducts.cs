using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace FastDense.Kernels;

/// <summary>
/// The three matrix products of a Dense layer, batch-major and row-major, vectorized along the contiguous axis
/// with <see cref="Vector{T}"/> and register-blocked over four rows. Tested against <see cref="MatrixProductsNaive"/>.
/// Shapes: x (rows, inputs), kernel (inputs, units), delta (rows, units).
/// </summary>
internal static class MatrixProducts
{
    /// <summary>y (rows, units) = x (rows, inputs) · kernel (inputs, units) + bias (units).</summary>
    public static void Forward<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> kernel, ReadOnlySpan<T> bias, Span<T> y, int rows, int inputs, int units)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        CheckShapes(x.Length, rows * inputs, kernel.Length, inputs * units, y.Length, rows * units, bias.Length, units);
        ref T xs = ref MemoryMarshal.GetReference(x);
        ref T ks = ref MemoryMarshal.GetReference(kernel);
        ref T ys = ref MemoryMarshal.GetReference(y);
        int lanes = Vector<T>.Count;
        int vectorUnits = Vector.IsHardwareAccelerated ? units - units % lanes : 0;

        int r = 0;
        // Four rows at a time: each kernel vector loaded once feeds four accumulators.
        for (; r + 4 <= rows; r += 4)
        {
            ref T x0 = ref Unsafe.Add(ref xs, r * inputs);
            ref T x1 = ref Unsafe.Add(ref x0, inputs);
            ref T x2 = ref Unsafe.Add(ref x1, inputs);
            ref T x3 = ref Unsafe.Add(ref x2, inputs);
            for (int n = 0; n < vectorUnits; n += lanes)
            {
                var b = new Vector<T>(bias.Slice(n));
                Vector<T> acc0 = b, acc1 = b, acc2 = b, acc3 = b;
                for (int p = 0; p < inputs; p++)
                {
                    Vector<T> k = Vector.LoadUnsafe(ref ks, (nuint)(p * units + n));
                    acc0 += new Vector<T>(Unsafe.Add(ref x0, p)) * k;
                    acc1 += new Vector<T>(Unsafe.Add(ref x1, p)) * k;
                    acc2 += new Vector<T>(Unsafe.Add(ref x2, p)) * k;
                    acc3 += new Vector<T>(Unsafe.Add(ref x3, p)) * k;
                }
                acc0.StoreUnsafe(ref ys, (nuint)(r * units + n));
                acc1.StoreUnsafe(ref ys, (nuint)((r + 1) * units + n));
                acc2.StoreUnsafe(ref ys, (nuint)((r + 2) * units + n));
                acc3.StoreUnsafe(ref ys, (nuint)((r + 3) * units + n));
            }
            for (int rr = r; rr < r + 4; rr++) ForwardScalarColumns(x, kernel, bias, y, rr, inputs, units, vectorUnits);
        }
        for (; r < rows; r++)
        {
            ref T x0 = ref Unsafe.Add(ref xs, r * inputs);
            for (int n = 0; n < vectorUnits; n += lanes)
            {
                var acc = new Vector<T>(bias.Slice(n));
                for (int p = 0; p < inputs; p++)
                {
                    acc += new Vector<T>(Unsafe.Add(ref x0, p)) * Vector.LoadUnsafe(ref ks, (nuint)(p * units + n));
                }
                acc.StoreUnsafe(ref ys, (nuint)(r * units + n));
            }
            ForwardScalarColumns(x, kernel, bias, y, r, inputs, units, vectorUnits);
        }
    }

    private static void ForwardScalarColumns<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> kernel, ReadOnlySpan<T> bias, Span<T> y, int r, int inputs, int units, int firstColumn)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        for (int n = firstColumn; n < units; n++)
        {
            T sum = bias[n];
            for (int p = 0; p < inputs; p++) sum += x[r * inputs + p] * kernel[p * units + n];
            y[r * units + n] = sum;
        }
    }

    /// <summary>kernelGradient (inputs, units) = xᵀ (inputs, rows) · delta (rows, units); biasGradient (units) = column sums of delta.</summary>
    public static void BackwardParameters<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> delta, Span<T> kernelGradient, Span<T> biasGradient, int rows, int inputs, int units)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        CheckShapes(x.Length, rows * inputs, kernelGradient.Length, inputs * units, delta.Length, rows * units, biasGradient.Length, units);
        ref T xs = ref MemoryMarshal.GetReference(x);
        ref T ds = ref MemoryMarshal.GetReference(delta);
        ref T gs = ref MemoryMarshal.GetReference(kernelGradient);
        int lanes = Vector<T>.Count;
        int vectorUnits = Vector.IsHardwareAccelerated ? units - units % lanes : 0;

        int p = 0;
        // Four kernel rows at a time: each delta vector loaded once feeds four accumulators.
        for (; p + 4 <= inputs; p += 4)
        {
            for (int n = 0; n < vectorUnits; n += lanes)
            {
                Vector<T> acc0 = Vector<T>.Zero, acc1 = Vector<T>.Zero, acc2 = Vector<T>.Zero, acc3 = Vector<T>.Zero;
                for (int r = 0; r < rows; r++)
                {
                    Vector<T> d = Vector.LoadUnsafe(ref ds, (nuint)(r * units + n));
                    ref T xr = ref Unsafe.Add(ref xs, r * inputs + p);
                    acc0 += new Vector<T>(xr) * d;
                    acc1 += new Vector<T>(Unsafe.Add(ref xr, 1)) * d;
                    acc2 += new Vector<T>(Unsafe.Add(ref xr, 2)) * d;
                    acc3 += new Vector<T>(Unsafe.Add(ref xr, 3)) * d;
                }
                acc0.StoreUnsafe(ref gs, (nuint)(p * units + n));
                acc1.StoreUnsafe(ref gs, (nuint)((p + 1) * units + n));
                acc2.StoreUnsafe(ref gs, (nuint)((p + 2) * units + n));
                acc3.StoreUnsafe(ref gs, (nuint)((p + 3) * units + n));
            }
        }
        for (; p < inputs; p++)
        {
            for (int n = 0; n < vectorUnits; n += lanes)
            {
                Vector<T> acc = Vector<T>.Zero;
                for (int r = 0; r < rows; r++)
                {
                    acc += new Vector<T>(Unsafe.Add(ref xs, r * inputs + p)) * Vector.LoadUnsafe(ref ds, (nuint)(r * units + n));
                }
                acc.StoreUnsafe(ref gs, (nuint)(p * units + n));
            }
        }
        for (int q = 0; q < inputs; q++)
        {
            for (int n = vectorUnits; n < units; n++)
            {
                T sum = T.Zero;
                for (int r = 0; r < rows; r++) sum += x[r * inputs + q] * delta[r * units + n];
                kernelGradient[q * units + n] = sum;
            }
        }

        // Bias gradient: column sums, one row of delta at a time.
        biasGradient.Clear();
        for (int r = 0; r < rows; r++)
        {
            System.Numerics.Tensors.TensorPrimitives.Add(biasGradient, delta.Slice(r * units, units), biasGradient);
        }
    }

    /// <summary>inputGradient (rows, inputs) = delta (rows, units) · kernelᵀ (units, inputs): each element a dot of two contiguous rows.</summary>
    public static void BackwardInput<T>(ReadOnlySpan<T> delta, ReadOnlySpan<T> kernel, Span<T> inputGradient, int rows, int inputs, int units)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        CheckShapes(delta.Length, rows * units, kernel.Length, inputs * units, inputGradient.Length, rows * inputs, units, units);
        ref T ds = ref MemoryMarshal.GetReference(delta);
        ref T ks = ref MemoryMarshal.GetReference(kernel);
        int lanes = Vector<T>.Count;
        int vectorUnits = Vector.IsHardwareAccelerated ? units - units % lanes : 0;
        for (int r = 0; r < rows; r++)
        {
            for (int p = 0; p < inputs; p++)
            {
                Vector<T> acc = Vector<T>.Zero;
                int n = 0;
                for (; n < vectorUnits; n += lanes)
                {
                    acc += Vector.LoadUnsafe(ref ds, (nuint)(r * units + n)) * Vector.LoadUnsafe(ref ks, (nuint)(p * units + n));
                }
                T sum = Vector.Sum(acc);
                for (; n < units; n++) sum += Unsafe.Add(ref ds, r * units + n) * Unsafe.Add(ref ks, p * units + n);
                inputGradient[r * inputs + p] = sum;
            }
        }
    }

    /// <summary>Unsafe loads above rely on these lengths; a mismatch is a bug in generated or calling code.</summary>
    private static void CheckShapes(int aLength, int aExpected, int bLength, int bExpected, int cLength, int cExpected, int dLength, int dExpected)
    {
        if (aLength < aExpected || bLength < bExpected || cLength < cExpected || dLength < dExpected)
        {
            ThrowHelper.ThrowShapeMismatch(aLength, aExpected, bLength, bExpected, cLength, cExpected);
        }
    }
}
