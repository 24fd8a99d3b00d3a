using System.ComponentModel;
using System.Numerics;

namespace FastDense.__Internals;

/// <summary>
/// Keras's weight constraints (keras/src/constraints/constraints.py) for generated code's <c>ApplyConstraints</c>: each
/// projects a tensor in place. A kernel is (rows, columns) = (inputs, units) row-major; <c>axis</c> 0 takes the norm of
/// each column (a unit's incoming weights: Keras's default), 1 of each row; a bias is one row of one norm. Norms and
/// factors are computed in double; the divisor carries Keras's epsilon, 1e-7.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
[Obsolete(InternalsInfo.Message)]
public static class Constraints
{
    private const double Epsilon = 1e-7;

    /// <summary><c>MaxNorm</c>: each vector times <c>clip(‖w‖, 0, maxValue) / (ε + ‖w‖)</c>.</summary>
    public static void MaxNorm<T>(Span<T> w, int rows, int columns, int axis, double maxValue)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => Scale(w, rows, columns, axis, minValue: 0, maxValue, rate: 1);

    /// <summary><c>UnitNorm</c>: each vector divided by <c>ε + ‖w‖</c>.</summary>
    public static void UnitNorm<T>(Span<T> w, int rows, int columns, int axis)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => Scale(w, rows, columns, axis, minValue: 1, maxValue: double.NaN, rate: double.NaN);

    /// <summary><c>MinMaxNorm</c>: each vector times <c>(rate · clip(‖w‖, min, max) + (1 − rate) · ‖w‖) / (ε + ‖w‖)</c>.</summary>
    public static void MinMaxNorm<T>(Span<T> w, int rows, int columns, int axis, double minValue, double maxValue, double rate)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => Scale(w, rows, columns, axis, minValue, maxValue, rate);

    /// <summary><c>NonNeg</c>: <c>max(w, 0)</c> (Keras's <c>ops.maximum</c>; a NaN stays NaN).</summary>
    public static void NonNeg<T>(Span<T> w)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        for (int i = 0; i < w.Length; i++)
        {
            if (w[i] < T.Zero) w[i] = T.Zero;
        }
    }

    /// <summary>
    /// The factor for a vector of norm <paramref name="norm"/>: MinMaxNorm's (MaxNorm is min 0, rate 1), or UnitNorm's
    /// <c>1 / (ε + ‖w‖)</c> when <paramref name="rate"/> is NaN.
    /// </summary>
    private static double Factor(double norm, double minValue, double maxValue, double rate)
        => double.IsNaN(rate)
            ? 1 / (Epsilon + norm)
            : (rate * Math.Clamp(norm, minValue, maxValue) + (1 - rate) * norm) / (Epsilon + norm);

    /// <summary>Multiplies each vector along <paramref name="axis"/> by <see cref="Factor"/> of its norm.</summary>
    private static void Scale<T>(Span<T> w, int rows, int columns, int axis, double minValue, double maxValue, double rate)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        if (w.Length != rows * columns) throw new ArgumentException($"w has {w.Length} values, not {rows} × {columns}.", nameof(w));
        if (axis == 0)
        {
            for (int c = 0; c < columns; c++)
            {
                double sum = 0;
                for (int r = 0; r < rows; r++) sum += Square(w[r * columns + c]);
                T f = T.CreateTruncating(Factor(Math.Sqrt(sum), minValue, maxValue, rate));
                for (int r = 0; r < rows; r++) w[r * columns + c] *= f;
            }
            return;
        }
        for (int r = 0; r < rows; r++)
        {
            Span<T> row = w.Slice(r * columns, columns);
            double sum = 0;
            foreach (T v in row) sum += Square(v);
            T f = T.CreateTruncating(Factor(Math.Sqrt(sum), minValue, maxValue, rate));
            for (int c = 0; c < columns; c++) row[c] *= f;
        }
    }

    private static double Square<T>(T value) where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        double v = double.CreateTruncating(value);
        return v * v;
    }
}
