using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using BenchmarkDotNet.Attributes;

namespace FastDense.Benchmarks;

// What: the machine's single-thread floating-point peak, the yardstick for the GFLOP/s of the other suites: a loop of
//   12 independent fused multiply-add chains (enough to cover the FMA latency on two pipes) on 512-bit and on
//   256-bit registers, nothing loaded or stored.
// Units: each call does Iterations · 12 FMAs on 16 (512-bit) or 8 (256-bit) floats, 2 flops per lane, declared as its
//   "samples" so that the samples/s column reads floating-point operations per second (ns/sample: ns per flop).
// Read: if both rows give the same rate, the core runs a 512-bit FMA as two 256-bit halves, and 512-bit code gains
//   from fewer instructions, not from more arithmetic; if the 512-bit row is twice the 256-bit one, the core has full
//   512-bit FMA pipes.
[MemoryDiagnoser]
public class PeakFmaBench
{
    private const int Iterations = 100_000;
    private const int Fma512Flops = Iterations * 12 * 16 * 2;
    private const int Fma256Flops = Iterations * 12 * 8 * 2;

    private readonly float _multiplier = 0.999999f, _addend = 1e-6f;

    /// <summary>12 chains of 512-bit FMAs.</summary>
    [Benchmark(Baseline = true)]
    [SamplesPerOperation(Fma512Flops)]
    public float Fma512() => Chains512(Vector512.Create(_multiplier), Vector512.Create(_addend));

    /// <summary>12 chains of 256-bit FMAs.</summary>
    [Benchmark]
    [SamplesPerOperation(Fma256Flops)]
    public float Fma256() => Chains256(Vector256.Create(_multiplier), Vector256.Create(_addend));

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static float Chains512(Vector512<float> m, Vector512<float> a)
    {
        Vector512<float> c0 = a, c1 = a + m, c2 = a * m, c3 = c1 + m, c4 = c2 + a, c5 = c4 + m;
        Vector512<float> c6 = c5 + a, c7 = c6 + m, c8 = c7 + a, c9 = c8 + m, c10 = c9 + a, c11 = c10 + m;
        for (int i = 0; i < Iterations; i++)
        {
            c0 = Vector512.FusedMultiplyAdd(c0, m, a); c1 = Vector512.FusedMultiplyAdd(c1, m, a); c2 = Vector512.FusedMultiplyAdd(c2, m, a);
            c3 = Vector512.FusedMultiplyAdd(c3, m, a); c4 = Vector512.FusedMultiplyAdd(c4, m, a); c5 = Vector512.FusedMultiplyAdd(c5, m, a);
            c6 = Vector512.FusedMultiplyAdd(c6, m, a); c7 = Vector512.FusedMultiplyAdd(c7, m, a); c8 = Vector512.FusedMultiplyAdd(c8, m, a);
            c9 = Vector512.FusedMultiplyAdd(c9, m, a); c10 = Vector512.FusedMultiplyAdd(c10, m, a); c11 = Vector512.FusedMultiplyAdd(c11, m, a);
        }
        return Vector512.Sum(c0 + c1 + c2 + c3 + c4 + c5 + c6 + c7 + c8 + c9 + c10 + c11);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static float Chains256(Vector256<float> m, Vector256<float> a)
    {
        Vector256<float> c0 = a, c1 = a + m, c2 = a * m, c3 = c1 + m, c4 = c2 + a, c5 = c4 + m;
        Vector256<float> c6 = c5 + a, c7 = c6 + m, c8 = c7 + a, c9 = c8 + m, c10 = c9 + a, c11 = c10 + m;
        for (int i = 0; i < Iterations; i++)
        {
            c0 = Vector256.FusedMultiplyAdd(c0, m, a); c1 = Vector256.FusedMultiplyAdd(c1, m, a); c2 = Vector256.FusedMultiplyAdd(c2, m, a);
            c3 = Vector256.FusedMultiplyAdd(c3, m, a); c4 = Vector256.FusedMultiplyAdd(c4, m, a); c5 = Vector256.FusedMultiplyAdd(c5, m, a);
            c6 = Vector256.FusedMultiplyAdd(c6, m, a); c7 = Vector256.FusedMultiplyAdd(c7, m, a); c8 = Vector256.FusedMultiplyAdd(c8, m, a);
            c9 = Vector256.FusedMultiplyAdd(c9, m, a); c10 = Vector256.FusedMultiplyAdd(c10, m, a); c11 = Vector256.FusedMultiplyAdd(c11, m, a);
        }
        return Vector256.Sum(c0 + c1 + c2 + c3 + c4 + c5 + c6 + c7 + c8 + c9 + c10 + c11);
    }
}
