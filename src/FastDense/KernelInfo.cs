using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;
using FastDense.Kernels;

namespace FastDense;

/// <summary>
/// Which registers FastDense's kernels run on in this process, and what the processor could offer. A NativeAOT
/// binary compiled for the baseline x86-64 instruction set runs the scalar kernels even on a processor with AVX-512
/// (several times slower, and other bits); <c>Fit</c>'s progress output then says so once per process.
/// </summary>
public static class KernelInfo
{
    /// <summary>The register width the kernels use: the widest this process accelerates, unless lowered on purpose.</summary>
    public static VectorWidth Width { get; } = ToWidth(KernelDispatch.Selected);

    /// <summary>The widest register width this process's compiled code accelerates (what <see cref="Width"/> would be if not lowered).</summary>
    public static VectorWidth WidestAccelerated { get; } = ToWidth(KernelDispatch.Best);

    /// <summary>
    /// The widest width the processor reports (x86: CPUID's AVX-512F, AVX2 and FMA bits; Arm64: AdvSIMD), whatever
    /// the code was compiled for; <see cref="Width"/> where the processor cannot be asked.
    /// </summary>
    public static VectorWidth WidestOnProcessor { get; } = DetectProcessor();

    /// <summary>
    /// Whether the width was lowered on purpose: by <c>FASTDENSE_FORCE_KERNEL</c>, or by the .NET runtime's
    /// <c>DOTNET_EnableAVX512</c>, <c>DOTNET_EnableAVX2</c>, <c>DOTNET_EnableHWIntrinsic</c> (and their
    /// <c>COMPlus_</c> forms) set to 0.
    /// </summary>
    public static bool IsLoweredOnPurpose { get; } = DetectLowered();

    /// <summary>
    /// Whether the kernels run narrower than the processor allows without being asked to: typically a NativeAOT
    /// publish without an instruction set (see docs/aot.md).
    /// </summary>
    public static bool CouldRunWider => IsNarrowerThanOffered(Width, WidestOnProcessor, IsLoweredOnPurpose);

    /// <summary>One line for logs: e.g. <c>Vector512 (the processor's widest)</c>.</summary>
    public static string Description => CouldRunWider
        ? $"{Width} (the processor offers {WidestOnProcessor})"
        : $"{Width}{(Width == WidestOnProcessor ? " (the processor's widest)" : IsLoweredOnPurpose ? " (lowered on purpose)" : "")}";

    /// <summary>The line Fit writes once per process when the scalar kernels run on a processor that has vector ones.</summary>
    internal static string NarrowWarning =>
        $"FastDense: the kernels run one element at a time ({Width}), but this processor offers {WidestOnProcessor}; a NativeAOT " +
        "publish needs an instruction set, e.g. -p:IlcInstructionSet=x86-64-v3 (see FastDense's docs/aot.md).";

    /// <summary>The rule behind <see cref="CouldRunWider"/>, apart for tests.</summary>
    internal static bool IsNarrowerThanOffered(VectorWidth width, VectorWidth offered, bool loweredOnPurpose) => width < offered && !loweredOnPurpose;

    /// <summary>
    /// Whether Fit warns: only the scalar kernels on a processor with vector ones (a 256-bit build on an AVX-512
    /// processor is a choice, made for portability; the scalar path is an accident, several times slower).
    /// </summary>
    internal static bool WarnsAbout(VectorWidth width, VectorWidth offered, bool loweredOnPurpose)
        => width == VectorWidth.Scalar && IsNarrowerThanOffered(width, offered, loweredOnPurpose);

    private static int s_warned;

    /// <summary>True once per process, the first time it is asked while the scalar kernels run where vector ones could.</summary>
    internal static bool TakeNarrowWarning()
        => WarnsAbout(Width, WidestOnProcessor, IsLoweredOnPurpose) && Interlocked.Exchange(ref s_warned, 1) == 0;

    private static VectorWidth ToWidth(KernelPath path) => path switch
    {
        KernelPath.Vector512 => VectorWidth.Vector512,
        KernelPath.Vector256 => VectorWidth.Vector256,
        KernelPath.Vector128 => VectorWidth.Vector128,
        _ => VectorWidth.Scalar,
    };

    private static VectorWidth DetectProcessor()
    {
        if (AdvSimd.IsSupported) return VectorWidth.Vector128;
        if (!X86Base.IsSupported) return ToWidth(KernelDispatch.Selected);
        (int _, int _, int ecx1, int _) = X86Base.CpuId(1, 0);
        bool osSavesAvx = (ecx1 & (1 << 27)) != 0 && (ecx1 & (1 << 28)) != 0;   // OSXSAVE and AVX
        bool fma = (ecx1 & (1 << 12)) != 0;
        (int maxLeaf, int _, int _, int _) = X86Base.CpuId(0, 0);
        int ebx7 = maxLeaf >= 7 ? X86Base.CpuId(7, 0).Ebx : 0;
        if (osSavesAvx && (ebx7 & (1 << 16)) != 0) return VectorWidth.Vector512;   // AVX-512F
        if (osSavesAvx && fma && (ebx7 & (1 << 5)) != 0) return VectorWidth.Vector256;   // AVX2
        return fma ? VectorWidth.Vector128 : VectorWidth.Scalar;
    }

    private static bool DetectLowered()
    {
        if (KernelDispatch.Selected < KernelDispatch.Best) return true;
        foreach (string name in new[] { "EnableAVX512", "EnableAVX512F", "EnableAVX2", "EnableAVX", "EnableFMA", "EnableHWIntrinsic" })
        {
            if (Environment.GetEnvironmentVariable("DOTNET_" + name) == "0" || Environment.GetEnvironmentVariable("COMPlus_" + name) == "0") return true;
        }
        return false;
    }
}

/// <summary>A register width the kernels can run on. Ordered: a higher value is wider.</summary>
public enum VectorWidth
{
    /// <summary>One element at a time.</summary>
    Scalar = 0,

    /// <summary>128-bit registers (SSE, AdvSIMD) with FMA.</summary>
    Vector128 = 128,

    /// <summary>256-bit registers (AVX2) with FMA.</summary>
    Vector256 = 256,

    /// <summary>512-bit registers (AVX-512).</summary>
    Vector512 = 512,
}
