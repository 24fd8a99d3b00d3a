using System.Diagnostics.CodeAnalysis;

namespace FastDense.Kernels;

/// <summary>Out-of-line throws, so the checks in hot kernels stay small enough to inline.</summary>
internal static class ThrowHelper
{
    [DoesNotReturn]
    public static void ThrowShapeMismatch(int aLength, int aExpected, int bLength, int bExpected, int cLength, int cExpected)
        => throw new ArgumentException(
            $"Kernel operands are too short: lengths {aLength}, {bLength}, {cLength} for at least {aExpected}, {bExpected}, {cExpected}.");
}
