using System.Runtime.Intrinsics;
using FastDense.Kernels;

namespace FastDense.Tests.Kernels;

/// <summary>The public view of the kernel path: what runs, what the processor offers, and when Fit says it could run wider.</summary>
public class KernelInfoTests
{
    [Fact]
    public void Width_IsTheSelectedKernelPath()
    {
        VectorWidth expected = KernelDispatch.Selected switch
        {
            KernelPath.Vector512 => VectorWidth.Vector512,
            KernelPath.Vector256 => VectorWidth.Vector256,
            KernelPath.Vector128 => VectorWidth.Vector128,
            _ => VectorWidth.Scalar,
        };
        Assert.Equal(expected, KernelInfo.Width);
        Assert.True(KernelInfo.WidestAccelerated >= KernelInfo.Width);
        Assert.False(string.IsNullOrEmpty(KernelInfo.Description));
    }

    [Fact]
    public void Processor_OffersAtLeastWhatThisProcessAccelerates()
    {
        // The JIT compiles for this processor, so what it accelerates the processor has (CPUID agrees with the JIT).
        Assert.True(KernelInfo.WidestOnProcessor >= KernelInfo.WidestAccelerated,
            $"processor {KernelInfo.WidestOnProcessor}, accelerated {KernelInfo.WidestAccelerated}");
        if (Vector512.IsHardwareAccelerated) Assert.Equal(VectorWidth.Vector512, KernelInfo.WidestOnProcessor);
    }

    [Fact]
    public void UnderTheJit_NothingToWarnAbout_UnlessLoweredOnPurpose()
    {
        // Under the JIT the width is the processor's, or lowered by a variable (CI's narrower runs set one).
        Assert.False(KernelInfo.CouldRunWider, KernelInfo.Description);
        if (KernelInfo.Width < KernelInfo.WidestOnProcessor) Assert.True(KernelInfo.IsLoweredOnPurpose, KernelInfo.Description);
    }

    [Theory]
    [InlineData(VectorWidth.Scalar, VectorWidth.Vector512, false, true, true)]       // a NativeAOT baseline binary on AVX-512
    [InlineData(VectorWidth.Scalar, VectorWidth.Vector256, false, true, true)]
    [InlineData(VectorWidth.Vector256, VectorWidth.Vector512, false, true, false)]   // an x86-64-v3 build: could, but no warning
    [InlineData(VectorWidth.Scalar, VectorWidth.Vector512, true, false, false)]      // lowered by a variable
    [InlineData(VectorWidth.Vector512, VectorWidth.Vector512, false, false, false)]
    [InlineData(VectorWidth.Scalar, VectorWidth.Scalar, false, false, false)]
    public void Warning_OnlyForScalarKernelsWhereVectorOnesCouldRun(VectorWidth width, VectorWidth offered, bool lowered, bool couldRunWider, bool warns)
    {
        Assert.Equal(couldRunWider, KernelInfo.IsNarrowerThanOffered(width, offered, lowered));
        Assert.Equal(warns, KernelInfo.WarnsAbout(width, offered, lowered));
    }
}
