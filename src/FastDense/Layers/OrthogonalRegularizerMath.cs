using System.Numerics;
using System.Numerics.Tensors;

namespace FastDense.Layers;

/// <summary>
/// Keras's <c>OrthogonalRegularizer(factor, mode)</c> on a Dense kernel (inputs, units), keras/src/regularizers/regularizers.py:
/// the kernel's n vectors v_i (its rows in <see cref="OrthogonalRegularizerMode.Rows"/> mode: n = inputs, each units long;
/// its columns in <see cref="OrthogonalRegularizerMode.Columns"/> mode: n = units, each inputs long) are l2-normalized
/// as keras/src/ops/nn.py's <c>normalize</c> does, <c>u_i = v_i · rsqrt(max(s_i, ε²))</c> with <c>s_i = Σ v_i²</c> and
/// ε = 1e-7 (<c>backend.epsilon()</c>), and the penalty is
/// <code>
/// L = factor · ½ Σ_{i≠j} |u_i · u_j| / (n (n − 1) / 2)  =  factor · Σ_{i&lt;j} |P_ij| / (n (n − 1) / 2),   P_ij = u_i · u_j.
/// </code>
/// Its gradient, as TensorFlow differentiates that expression (<c>abs</c>'s derivative <c>sign</c>, 0 at 0; the masked
/// diagonal passes nothing; <c>maximum</c> passes its gradient to its first argument on a tie):
/// <code>
/// g_i = factor / (n (n − 1) / 2) · Σ_{j≠i} sign(P_ij) · u_j          (dL/du_i)
/// dL/dv_i = r_i · (g_i − (u_i · g_i) · u_i)     when s_i ≥ ε²  (r_i = 1 / √s_i: through the norm)
/// dL/dv_i = g_i / ε                              when s_i &lt; ε²  (the clamped norm is a constant)
/// </code>
/// Everything in double on a per-thread scratch (allocated on a thread's first call, then reused); ε² is rounded to the
/// element type first, as Keras converts it to the square sum's dtype. O(n² · length) per call, as Keras's matmul.
/// </summary>
internal static class OrthogonalRegularizerMath
{
    /// <summary>Keras's <c>backend.epsilon()</c>.</summary>
    public const double Epsilon = 1e-7;

    [ThreadStatic]
    private static double[]? t_scratch;

    /// <summary>The penalty of <paramref name="kernel"/> (inputs, units), in double.</summary>
    public static double Penalty<T>(ReadOnlySpan<T> kernel, int inputs, int units, double factor, OrthogonalRegularizerMode mode)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        (int n, int length) = Normalize(kernel, inputs, units, mode, out Span<double> u, out _, out _);
        if (n < 2) return double.NaN;   // no pair: Keras's mean over pairs is 0 / 0 (the generator refuses such a kernel)
        double sum = 0;
        for (int i = 0; i < n; i++)
        {
            ReadOnlySpan<double> ui = u.Slice(i * length, length);
            for (int j = i + 1; j < n; j++) sum += Math.Abs(TensorPrimitives.Dot(ui, u.Slice(j * length, length)));
        }
        return factor * sum / Pairs(n);
    }

    /// <summary>gradient (inputs, units) += dL/d<paramref name="kernel"/>, each element rounded once to T.</summary>
    public static void AddGradient<T>(ReadOnlySpan<T> kernel, Span<T> gradient, int inputs, int units, double factor, OrthogonalRegularizerMode mode)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        if (gradient.Length < inputs * units) throw new ArgumentException($"gradient has {gradient.Length} values; a ({inputs}, {units}) kernel needs {inputs * units}.", nameof(gradient));
        (int n, int length) = Normalize(kernel, inputs, units, mode, out Span<double> u, out Span<double> g, out Span<double> r);
        if (n < 2) return;
        double scale = factor / Pairs(n);
        g.Clear();
        for (int i = 0; i < n; i++)
        {
            ReadOnlySpan<double> ui = u.Slice(i * length, length);
            for (int j = i + 1; j < n; j++)
            {
                ReadOnlySpan<double> uj = u.Slice(j * length, length);
                double p = TensorPrimitives.Dot(ui, uj);
                if (p == 0 || double.IsNaN(p)) continue;   // sign(0) = 0: TensorFlow's derivative of |x| at 0
                double c = p > 0 ? scale : -scale;
                TensorPrimitives.MultiplyAdd(uj, c, g.Slice(i * length, length), g.Slice(i * length, length));
                TensorPrimitives.MultiplyAdd(ui, c, g.Slice(j * length, length), g.Slice(j * length, length));
            }
        }
        for (int i = 0; i < n; i++)
        {
            Span<double> gi = g.Slice(i * length, length);
            ReadOnlySpan<double> ui = u.Slice(i * length, length);
            // r_i < 0 marks a clamped norm (|r_i| = 1/ε): the constant scale alone.
            double ri = r[i];
            double along = ri > 0 ? TensorPrimitives.Dot(ui, gi) : 0;
            double rAbs = Math.Abs(ri);
            for (int k = 0; k < length; k++)
            {
                double d = rAbs * (gi[k] - along * ui[k]);
                int index = mode == OrthogonalRegularizerMode.Rows ? i * units + k : k * units + i;
                gradient[index] += T.CreateTruncating(d);
            }
        }
    }

    private static double Pairs(int n) => n * (n - 1.0) / 2.0;

    /// <summary>
    /// The n vectors of the kernel normalized into u (n, length), row by row; r holds each vector's 1 / max(‖v‖, ε),
    /// negated where the norm was clamped (no gradient through it); g is scratch of u's size.
    /// </summary>
    private static (int N, int Length) Normalize<T>(ReadOnlySpan<T> kernel, int inputs, int units, OrthogonalRegularizerMode mode,
        out Span<double> u, out Span<double> g, out Span<double> r)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        if (inputs < 0 || units < 0) throw new ArgumentOutOfRangeException(nameof(inputs), $"A kernel of ({inputs}, {units}) has no shape.");
        if (kernel.Length < inputs * units) throw new ArgumentException($"kernel has {kernel.Length} values; ({inputs}, {units}) needs {inputs * units}.", nameof(kernel));
        bool rows = mode switch
        {
            OrthogonalRegularizerMode.Rows => true,
            OrthogonalRegularizerMode.Columns => false,
            _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, "Unknown mode."),
        };
        int n = rows ? inputs : units, length = rows ? units : inputs;
        int size = n * length;
        double[] scratch = t_scratch is { } s && s.Length >= 2 * size + n ? s : (t_scratch = new double[Math.Max(2 * size + n, 1024)]);
        u = scratch.AsSpan(0, size);
        g = scratch.AsSpan(size, size);
        r = scratch.AsSpan(2 * size, n);
        // Keras: maximum(square_sum, epsilon * epsilon), the Python float converted to the square sum's dtype.
        double floor = double.CreateTruncating(T.CreateTruncating(Epsilon * Epsilon));
        for (int i = 0; i < n; i++)
        {
            Span<double> ui = u.Slice(i * length, length);
            for (int k = 0; k < length; k++) ui[k] = double.CreateTruncating(rows ? kernel[i * units + k] : kernel[k * units + i]);
            double squares = TensorPrimitives.Dot(ui, ui);
            bool through = squares >= floor;   // a tie passes the gradient to the square sum, TensorFlow's maximum
            double inverse = 1 / Math.Sqrt(through ? squares : floor);
            TensorPrimitives.Multiply(ui, inverse, ui);
            r[i] = through ? inverse : -inverse;
        }
        return (n, length);
    }
}
