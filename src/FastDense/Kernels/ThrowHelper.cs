using System.Diagnostics.CodeAnalysis;

namespace FastDense.Kernels;

/// <summary>Out-of-line throws, so the checks in hot kernels stay small enough to inline.</summary>
internal static class ThrowHelper
{
    [DoesNotReturn]
    public static void ThrowShapeMismatch(int aLength, int aExpected, int bLength, int bExpected, int cLength, int cExpected)
        => throw new ArgumentException(
            $"Kernel operands are too short: lengths {aLength}, {bLength}, {cLength} for at least {aExpected}, {bExpected}, {cExpected}.");

    [DoesNotReturn]
    public static void ThrowNegativeDimension(int rows, int inputs, int units)
        => throw new ArgumentOutOfRangeException(
            nameof(rows), $"Kernel dimensions must not be negative: rows {rows}, inputs {inputs}, units {units}.");

    [DoesNotReturn]
    public static void ThrowDestinationTooShort(string parameterName, int length, int expected)
        => throw new ArgumentException($"{parameterName} has {length} elements; at least {expected} were expected.", parameterName);
}
