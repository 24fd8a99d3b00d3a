using System.Numerics;

namespace FastDense.Kernels;

/// <summary>
/// The three matrix products of a Dense layer as plain triple loops: the reference every fast kernel is tested
/// against. Shapes are row-major: x (rows, inputs), kernel (inputs, units), delta (rows, units).
/// </summary>
internal static class MatrixProductsNaive
{
    /// <summary>y (rows, units) = x (rows, inputs) · kernel (inputs, units) + bias (units).</summary>
    public static void Forward<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> kernel, ReadOnlySpan<T> bias, Span<T> y, int rows, int inputs, int units)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        for (int r = 0; r < rows; r++)
        {
            for (int n = 0; n < units; n++)
            {
                T sum = bias[n];
                for (int p = 0; p < inputs; p++) sum += x[r * inputs + p] * kernel[p * units + n];
                y[r * units + n] = sum;
            }
        }
    }

    /// <summary>kernelGradient (inputs, units) = xᵀ · delta; biasGradient (units) = column sums of delta.</summary>
    public static void BackwardParameters<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> delta, Span<T> kernelGradient, Span<T> biasGradient, int rows, int inputs, int units)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        for (int p = 0; p < inputs; p++)
        {
            for (int n = 0; n < units; n++)
            {
                T sum = T.Zero;
                for (int r = 0; r < rows; r++) sum += x[r * inputs + p] * delta[r * units + n];
                kernelGradient[p * units + n] = sum;
            }
        }
        for (int n = 0; n < units; n++)
        {
            T sum = T.Zero;
            for (int r = 0; r < rows; r++) sum += delta[r * units + n];
            biasGradient[n] = sum;
        }
    }

    /// <summary>inputGradient (rows, inputs) = delta (rows, units) · kernelᵀ (units, inputs).</summary>
    public static void BackwardInput<T>(ReadOnlySpan<T> delta, ReadOnlySpan<T> kernel, Span<T> inputGradient, int rows, int inputs, int units)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        for (int r = 0; r < rows; r++)
        {
            for (int p = 0; p < inputs; p++)
            {
                T sum = T.Zero;
                for (int n = 0; n < units; n++) sum += delta[r * units + n] * kernel[p * units + n];
                inputGradient[r * inputs + p] = sum;
            }
        }
    }
}
