using System.Runtime.InteropServices;

namespace FastDense.Tests.Kernels;

/// <summary>
/// A float buffer that ends exactly where an inaccessible page begins (Linux: mmap, then mprotect(PROT_NONE) on the
/// last page), so that a kernel reading or writing even one element past its operand crashes the test host instead
/// of reading a neighbour's bytes, which a managed array would hide. Tests that use it skip on other systems.
/// </summary>
internal sealed unsafe class GuardedFloats : IDisposable
{
    private const int ProtNone = 0, ProtRead = 1, ProtWrite = 2, MapPrivate = 0x02, MapAnonymous = 0x20;

    private readonly nuint _mappingLength;
    private readonly float* _start;
    private nint _mapping;

    /// <summary>Maps a buffer holding <paramref name="contents"/>, its last element just before the guard page.</summary>
    public GuardedFloats(ReadOnlySpan<float> contents)
    {
        Length = contents.Length;
        nuint pageSize = (nuint)Environment.SystemPageSize;
        nuint dataPages = ((nuint)Length * sizeof(float) + pageSize - 1) / pageSize;
        _mappingLength = (dataPages + 1) * pageSize;
        nint mapping = mmap(0, _mappingLength, ProtRead | ProtWrite, MapPrivate | MapAnonymous, -1, 0);
        if (mapping == -1) throw new InvalidOperationException($"mmap failed: errno {Marshal.GetLastPInvokeError()}");
        nint guard = mapping + (nint)(dataPages * pageSize);
        if (mprotect(guard, pageSize, ProtNone) != 0)
        {
            int error = Marshal.GetLastPInvokeError();
            munmap(mapping, _mappingLength);
            throw new InvalidOperationException($"mprotect failed: errno {error}");
        }
        _mapping = mapping;
        _start = (float*)(guard - Length * sizeof(float));
        contents.CopyTo(Span);
    }

    /// <summary>Whether this system can place the guard page.</summary>
    public static bool Supported => OperatingSystem.IsLinux();

    /// <summary>Elements in the buffer.</summary>
    public int Length { get; }

    /// <summary>The buffer: its last element is the last accessible float before the guard page. Not after <see cref="Dispose"/>.</summary>
    public Span<float> Span => _mapping != 0 ? new(_start, Length) : throw new ObjectDisposedException(nameof(GuardedFloats));

    /// <summary>Unmaps the buffer and its guard page (once).</summary>
    public void Dispose()
    {
        nint mapping = Interlocked.Exchange(ref _mapping, 0);
        if (mapping != 0) munmap(mapping, _mappingLength);
    }

    [DllImport("libc", SetLastError = true)]
    private static extern nint mmap(nint address, nuint length, int protection, int flags, int fd, nint offset);

    [DllImport("libc", SetLastError = true)]
    private static extern int mprotect(nint address, nuint length, int protection);

    [DllImport("libc", SetLastError = true)]
    private static extern int munmap(nint address, nuint length);
}
