using System.Runtime.InteropServices;

namespace FastDense.Tests.Kernels;

/// <summary>
/// A float buffer that ends exactly where an inaccessible page begins (Linux: mmap, then mprotect(PROT_NONE) on the
/// last page), so that a kernel reading or writing even one element past its operand crashes the test host instead
/// of reading a neighbour's bytes, which a managed array would hide. Tests that use it skip on other systems.
/// </summary>
internal sealed unsafe class GuardedFloats : IDisposable
{
    private const int PageSize = 4096;
    private const int ProtNone = 0, ProtRead = 1, ProtWrite = 2, MapPrivate = 0x02, MapAnonymous = 0x20;

    private readonly nint _mapping;
    private readonly nuint _mappingLength;
    private readonly float* _start;

    public GuardedFloats(ReadOnlySpan<float> contents)
    {
        Length = contents.Length;
        nuint dataPages = (nuint)((Length * sizeof(float) + PageSize - 1) / PageSize);
        _mappingLength = (dataPages + 1) * PageSize;
        _mapping = mmap(0, _mappingLength, ProtRead | ProtWrite, MapPrivate | MapAnonymous, -1, 0);
        if (_mapping == -1) throw new InvalidOperationException($"mmap failed: errno {Marshal.GetLastPInvokeError()}");
        nint guard = _mapping + (nint)(dataPages * PageSize);
        if (mprotect(guard, PageSize, ProtNone) != 0) throw new InvalidOperationException($"mprotect failed: errno {Marshal.GetLastPInvokeError()}");
        _start = (float*)(guard - Length * sizeof(float));
        contents.CopyTo(Span);
    }

    /// <summary>Whether this system can place the guard page.</summary>
    public static bool Supported => OperatingSystem.IsLinux();

    public int Length { get; }

    /// <summary>The buffer: its last element is the last accessible float before the guard page.</summary>
    public Span<float> Span => new(_start, Length);

    public void Dispose() => munmap(_mapping, _mappingLength);

    [DllImport("libc", SetLastError = true)]
    private static extern nint mmap(nint address, nuint length, int protection, int flags, int fd, nint offset);

    [DllImport("libc", SetLastError = true)]
    private static extern int mprotect(nint address, nuint length, int protection);

    [DllImport("libc", SetLastError = true)]
    private static extern int munmap(nint address, nuint length);
}
