namespace FastDense.Tests.Data;

/// <summary>
/// A read-only, non-seekable stream that hands out at most <c>maxPerRead</c> bytes a read, as a network stream may (down
/// to one, so a CR-LF, a byte-order mark or a UTF-8 sequence is split between reads), then throws <c>failure</c> if
/// given, as a truncated gzip stream does after its last whole block. Records whether it was disposed.
/// </summary>
internal sealed class ScriptedStream(byte[] bytes, int maxPerRead = int.MaxValue, Exception? failure = null) : Stream
{
    private int _position;

    public bool Disposed { get; private set; }

    public override bool CanRead => !Disposed;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        ObjectDisposedException.ThrowIf(Disposed, this);
        int count = Math.Min(Math.Min(buffer.Length, maxPerRead), bytes.Length - _position);
        if (count == 0 && buffer.Length > 0 && failure is not null) throw failure;
        bytes.AsSpan(_position, count).CopyTo(buffer);
        _position += count;
        return count;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        Disposed = true;
        base.Dispose(disposing);
    }
}
