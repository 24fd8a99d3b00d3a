using System.Numerics;

namespace FastDense.Metrics;

/// <summary>
/// Keras's <c>convert_binary_labels_to_hinge</c> (keras/src/losses/losses.py) for the hinge metrics: the targets of one
/// update are turned from 0/1 into −1/1 (<c>2y − 1</c>) only when every one of them is 0 or 1; otherwise they are used as
/// they are, a 0 then staying 0.
/// </summary>
internal static class HingeLabels
{
    /// <summary>Whether every target of the update is 0 or 1 (true for none), so that all are converted.</summary>
    public static bool AreBinary<T>(ReadOnlySpan<T> yTrue)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        foreach (T y in yTrue)
        {
            if (y != T.Zero && y != T.One) return false;
        }
        return true;
    }

    /// <summary>The target the hinge reads: <c>2y − 1</c> in an update of 0/1 targets, else y.</summary>
    public static double Target<T>(T y, bool convert)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        double value = double.CreateTruncating(y);
        return convert ? 2 * value - 1 : value;
    }
}
