using System.Globalization;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using FastDense.Kernels;

namespace FastDense.Tests.Kernels;

/// <summary>
/// Which path <see cref="KernelDispatch"/> selects, against the runtime's switches: <c>.ci/run</c> repeats the math
/// tests with <c>DOTNET_EnableAVX512=0</c> (Vector256) and <c>DOTNET_EnableHWIntrinsic=0</c> (scalar), and a switch the
/// runtime ignores (.NET 10 ignores the older <c>DOTNET_EnableAVX512F</c>) would repeat the AVX-512 run unnoticed.
/// Without either switch this asserts the normal selection: the widest width the runtime accelerates.
/// </summary>
public class KernelDispatchTests
{
    [Fact]
    public void Best_FollowsTheRuntimesSwitches()
    {
        if (SwitchedOff("EnableHWIntrinsic"))
        {
            Assert.False(Vector128.IsHardwareAccelerated, "EnableHWIntrinsic=0: no vector width is accelerated");
            Assert.False(Vector256.IsHardwareAccelerated);
            Assert.False(Vector512.IsHardwareAccelerated);
            Assert.Equal(KernelPath.Scalar, KernelDispatch.Best);
            AssertAvx512PathsOff();
        }
        else if (SwitchedOff("EnableAVX512"))
        {
            Assert.False(Vector512.IsHardwareAccelerated, "EnableAVX512=0: Vector512 is not accelerated");
            Assert.Equal(Avx2.IsSupported && Fma.IsSupported ? KernelPath.Vector256 : NormalSelection(), KernelDispatch.Best);
            Assert.NotEqual(KernelPath.Vector512, KernelDispatch.Best);
            AssertAvx512PathsOff();
        }
        else
        {
            Assert.Equal(NormalSelection(), KernelDispatch.Best);
            Assert.Equal(Avx512F.IsSupported && Vector512.IsHardwareAccelerated, KernelDispatch.Best == KernelPath.Vector512);
        }
        Assert.Equal(KernelDispatch.Lower(KernelDispatch.Best, Environment.GetEnvironmentVariable(KernelDispatch.ForceVariable)), KernelDispatch.Selected);
    }

    /// <summary>The AVX-512-only products and the fused-register paths that test Avx512F themselves.</summary>
    private static void AssertAvx512PathsOff()
    {
        Assert.False(Avx512F.IsSupported);
        Assert.False(ZeroSkippingProducts.Enabled);
        Assert.False(SoftmaxLayerInLanes.Applies(rows: 128, inputs: 64, units: 10));
    }

    /// <summary>The widest accelerated width; 256 and 128 only with an FMA instruction.</summary>
    private static KernelPath NormalSelection()
    {
        bool fma = Fma.IsSupported || System.Runtime.Intrinsics.Arm.AdvSimd.IsSupported;
        if (Vector512.IsHardwareAccelerated) return KernelPath.Vector512;
        if (Vector256.IsHardwareAccelerated && fma) return KernelPath.Vector256;
        if (Vector128.IsHardwareAccelerated && fma) return KernelPath.Vector128;
        return KernelPath.Scalar;
    }

    /// <summary>Whether the runtime switch <paramref name="name"/> is set to 0 (DOTNET_ or the older COMPlus_ prefix; the runtime reads the value as hex).</summary>
    private static bool SwitchedOff(string name)
    {
        string? value = Environment.GetEnvironmentVariable("DOTNET_" + name) ?? Environment.GetEnvironmentVariable("COMPlus_" + name);
        return value is not null && uint.TryParse(value.Trim(), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out uint parsed) && parsed == 0;
    }
}
