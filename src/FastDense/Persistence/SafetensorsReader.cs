using System.Buffers.Binary;
using System.Globalization;
using System.Numerics;

namespace FastDense.Persistence;

/// <summary>
/// Reads a safetensors file from a stream in two phases: <see cref="ReadHeader"/> (the 8-byte little-endian header
/// length, then the JSON header), then, once <see cref="TensorPlan"/> has accepted the header,
/// <see cref="ReadTensors{T}"/> (the data area, tensor by tensor, into buffers the caller owns). Nothing is allocated
/// from a length the file claims before that length has been checked against the bytes really there: the header
/// buffer grows as bytes arrive, and the data goes into model-sized buffers through a fixed-size chunk.
/// </summary>
internal static class SafetensorsReader
{
    /// <summary>The largest header accepted, as in the reference implementation.</summary>
    public const long MaxHeaderLength = 100_000_000;

    // A multiple of both element sizes, so a chunk never splits a value.
    private const int ChunkBytes = 64 * 1024;

    /// <summary>Reads the header length and the header, from the stream's current position.</summary>
    /// <returns>The header, and the data area's length when the stream's length is known.</returns>
    /// <exception cref="ModelFileException">The length is out of range, the stream ends early, or the header is malformed.</exception>
    public static (SafetensorsHeader Header, long? DataLength) ReadHeader(Stream stream)
    {
        long? available = RemainingLength(stream);
        Span<byte> prefix = stackalloc byte[8];
        int read = ReadAtMost(stream, prefix);
        if (read < 8)
        {
            throw new ModelFileException($"The file holds {read} bytes; a safetensors file starts with an 8-byte header length.");
        }
        ulong claimed = BinaryPrimitives.ReadUInt64LittleEndian(prefix);
        if (claimed == 0)
        {
            throw new ModelFileException("The header length is 0; a safetensors header is a JSON object of at least 2 bytes.");
        }
        if (claimed > MaxHeaderLength)
        {
            throw new ModelFileException($"The header length is {claimed} bytes; at most {MaxHeaderLength} are accepted.");
        }
        int headerLength = (int)claimed;
        if (available is long total && headerLength > total - 8)
        {
            throw new ModelFileException($"The header length is {headerLength} bytes but only {Math.Max(0, total - 8)} bytes follow it.");
        }
        byte[] header = ReadGrowing(stream, headerLength);
        return (SafetensorsHeader.Parse(header), available is long all ? all - 8 - headerLength : null);
    }

    /// <summary>
    /// Reads the data area in file order into <paramref name="parameters"/> and <paramref name="state"/>, converting
    /// each value to <typeparamref name="T"/> (double to float rounds to nearest), and checks that the stream ends there.
    /// </summary>
    /// <param name="stream">Positioned at the start of the data area.</param>
    /// <param name="plan">The tensors, sorted by their offsets, which tile the data area from 0.</param>
    /// <param name="parameters">Receives the <see cref="TensorTarget.Parameters"/> tensors.</param>
    /// <param name="state">Receives the <see cref="TensorTarget.State"/> tensors (null when there are none).</param>
    /// <exception cref="ModelFileException">The stream ends early or goes on, or a value is NaN, infinite, or out of float's range.</exception>
    public static void ReadTensors<T>(Stream stream, PlannedTensor[] plan, T[] parameters, T[]? state)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        long largest = plan.Length == 0 ? 0 : plan.Max(p => p.End - p.Begin);
        byte[] chunk = new byte[(int)Math.Max(8, Math.Min(ChunkBytes, largest))];
        foreach (PlannedTensor tensor in plan)
        {
            ExpectedTensor expected = tensor.Expected;
            int size = TensorDTypes.Size(tensor.DType);
            Span<T> destination = expected.Target switch
            {
                TensorTarget.Parameters => parameters.AsSpan(expected.Offset, expected.Length),
                TensorTarget.State => state.AsSpan(expected.Offset, expected.Length),
                _ => default,
            };
            long remaining = tensor.End - tensor.Begin;
            int index = 0;
            while (remaining > 0)
            {
                int want = (int)Math.Min(chunk.Length - chunk.Length % size, remaining);
                int got = ReadAtMost(stream, chunk.AsSpan(0, want));
                if (got < want)
                {
                    throw new ModelFileException(
                        $"The file ends inside tensor '{expected.Name}' ({tensor.End - tensor.Begin - remaining + got} of its {tensor.End - tensor.Begin} bytes are there).",
                        expected.Name, null);
                }
                Decode(chunk.AsSpan(0, want), tensor.DType, destination, index, expected.Name);
                index += want / size;
                remaining -= want;
            }
        }
        if (stream.ReadByte() != -1)
        {
            throw new ModelFileException("The file goes on after its last tensor; a safetensors data area ends where its last tensor does.");
        }
    }

    private static void Decode<T>(ReadOnlySpan<byte> bytes, TensorDType dtype, Span<T> destination, int index, string name)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        bool keep = !destination.IsEmpty;
        if (dtype == TensorDType.F32)
        {
            for (int i = 0; i < bytes.Length; i += 4, index++)
            {
                float value = BinaryPrimitives.ReadSingleLittleEndian(bytes.Slice(i));
                if (!float.IsFinite(value)) throw NonFinite(name, index, value.ToString(CultureInfo.InvariantCulture));
                if (keep) destination[index] = T.CreateTruncating(value);
            }
        }
        else
        {
            for (int i = 0; i < bytes.Length; i += 8, index++)
            {
                double value = BinaryPrimitives.ReadDoubleLittleEndian(bytes.Slice(i));
                if (!double.IsFinite(value)) throw NonFinite(name, index, value.ToString(CultureInfo.InvariantCulture));
                // Into float, CreateTruncating is the (float) conversion: round to nearest, overflow to infinity.
                T converted = T.CreateTruncating(value);
                if (!T.IsFinite(converted))
                {
                    throw new ModelFileException(
                        string.Create(CultureInfo.InvariantCulture, $"Tensor '{name}' holds {value:R} at element {index}, beyond the range of {typeof(T).Name}."),
                        name, null);
                }
                if (keep) destination[index] = converted;
            }
        }
    }

    private static ModelFileException NonFinite(string name, int index, string value)
        => new($"Tensor '{name}' holds {value} at element {index}; model files hold finite values only.", name, null);

    /// <summary>The bytes from the position to the end, for a stream that knows its length.</summary>
    private static long? RemainingLength(Stream stream)
    {
        if (!stream.CanSeek) return null;
        try
        {
            return Math.Max(0, stream.Length - stream.Position);
        }
        catch (NotSupportedException)
        {
            return null;
        }
    }

    /// <summary>Reads until <paramref name="buffer"/> is full or the stream ends; returns the bytes read.</summary>
    private static int ReadAtMost(Stream stream, Span<byte> buffer)
    {
        int total = 0;
        while (total < buffer.Length)
        {
            int read = stream.Read(buffer.Slice(total));
            if (read == 0) break;
            total += read;
        }
        return total;
    }

    /// <summary>
    /// Reads <paramref name="length"/> bytes into a buffer that starts small and doubles as bytes arrive, so a header
    /// length a short stream claims costs no more memory than the stream holds.
    /// </summary>
    private static byte[] ReadGrowing(Stream stream, int length)
    {
        byte[] buffer = new byte[Math.Min(length, ChunkBytes)];
        int filled = 0;
        while (true)
        {
            filled += ReadAtMost(stream, buffer.AsSpan(filled));
            if (filled == length) return buffer;
            if (filled < buffer.Length)
            {
                throw new ModelFileException($"The header length is {length} bytes but the file ends after {filled} of them.");
            }
            Array.Resize(ref buffer, (int)Math.Min(length, 2L * buffer.Length));
        }
    }
}
