using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;

namespace FastDense.Kernels;

/// <summary>
/// Chooses the widest <see cref="KernelPath"/> this machine accelerates, once per process (TP's 512 → 256 → 128 →
/// scalar). <c>FASTDENSE_FORCE_KERNEL=scalar|128|256|512</c> lowers it (Sep's <c>SEPFORCEPARSER</c>), so a whole test
/// run or benchmark can be repeated on a narrower path; it never raises it above what the hardware accelerates,
/// and an unknown value is ignored. Tests do not use the variable: they call the products with an explicit path.
/// </summary>
internal static class KernelDispatch
{
    public const string ForceVariable = "FASTDENSE_FORCE_KERNEL";

    /// <summary>The widest accelerated path. 256 and 128 also need an FMA instruction: without one
    /// <c>FusedMultiplyAdd</c> falls back to software and the scalar path is faster.</summary>
    public static readonly KernelPath Best = DetectBest();

    /// <summary>The path <c>MatrixProducts</c> uses when none is passed: <see cref="Best"/>, lowered by the force variable.</summary>
    public static readonly KernelPath Selected = Lower(Best, Environment.GetEnvironmentVariable(ForceVariable));

    private static KernelPath DetectBest()
    {
        bool fma = Fma.IsSupported || AdvSimd.IsSupported;
        if (Vector512.IsHardwareAccelerated) return KernelPath.Vector512;   // AVX-512F implies FMA
        if (Vector256.IsHardwareAccelerated && fma) return KernelPath.Vector256;
        if (Vector128.IsHardwareAccelerated && fma) return KernelPath.Vector128;
        return KernelPath.Scalar;
    }

    internal static KernelPath Lower(KernelPath best, string? force)
    {
        KernelPath? forced = force?.Trim().ToLowerInvariant() switch
        {
            "scalar" => KernelPath.Scalar,
            "128" => KernelPath.Vector128,
            "256" => KernelPath.Vector256,
            "512" => KernelPath.Vector512,
            _ => null,
        };
        return forced is { } f && f < best ? f : best;
    }
}
