using System.Buffers.Binary;

namespace FastDense.Data;

/// <summary>
/// An array read from an IDX file, the format of MNIST and Fashion-MNIST: a magic number (two zero bytes, a type
/// byte, a dimension count), big-endian int32 dimensions, then the values row-major.
/// </summary>
/// <param name="Shape">The dimensions, outermost first: (60000, 28, 28) for Fashion-MNIST's training images.</param>
/// <param name="Values">The unsigned bytes, row-major.</param>
public sealed record IdxArray(int[] Shape, byte[] Values);

/// <summary>Reads IDX files (unsigned-byte type, the one MNIST-style data sets use), checking every length.</summary>
public static class IdxFile
{
    private const byte UnsignedByteType = 0x08;

    /// <summary>Reads an IDX file; a name ending in <c>.gz</c> is decompressed on the fly.</summary>
    /// <exception cref="FileNotFoundException">There is no such file.</exception>
    /// <exception cref="InvalidDataException">The file is truncated, corrupt or of an unsupported type; the message names it.</exception>
    public static IdxArray Read(string path) => DataFile.Read(path, static (data, name) => Read(data, name));

    /// <summary>Reads an IDX array from an uncompressed stream.</summary>
    /// <param name="stream">The bytes of the file.</param>
    /// <param name="name">A name for messages.</param>
    /// <exception cref="InvalidDataException">The data are truncated, longer than the header says, or not unsigned bytes.</exception>
    public static IdxArray Read(Stream stream, string name = "IDX data")
    {
        ArgumentNullException.ThrowIfNull(stream);
        Span<byte> magic = stackalloc byte[4];
        ReadExactly(stream, magic, name, "the 4-byte magic number");
        if (magic[0] != 0 || magic[1] != 0)
        {
            throw new InvalidDataException($"{name}: not an IDX file (magic bytes {magic[0]:X2} {magic[1]:X2}, expected 00 00).");
        }
        if (magic[2] != UnsignedByteType)
        {
            throw new InvalidDataException($"{name}: IDX type 0x{magic[2]:X2} is not supported; only unsigned bytes (0x08) are.");
        }
        int dimensions = magic[3];
        if (dimensions == 0) throw new InvalidDataException($"{name}: the header declares no dimensions.");

        var shape = new int[dimensions];
        Span<byte> size = stackalloc byte[4];
        long count = 1;
        for (int d = 0; d < dimensions; d++)
        {
            ReadExactly(stream, size, name, $"dimension {d} of {dimensions}");
            shape[d] = BinaryPrimitives.ReadInt32BigEndian(size);
            if (shape[d] <= 0) throw new InvalidDataException($"{name}: dimension {d} is {shape[d]}; dimensions must be positive.");
            count *= shape[d];
            if (count > Array.MaxLength) throw new InvalidDataException($"{name}: the shape ({string.Join(", ", shape[..(d + 1)])}...) is too large.");
        }

        var values = new byte[count];
        int read = stream.ReadAtLeast(values, values.Length, throwOnEndOfStream: false);
        if (read < values.Length)
        {
            throw new InvalidDataException(
                $"{name}: truncated: the header ({string.Join(" x ", shape)}) promises {values.Length} bytes of data, the file holds {read}.");
        }
        if (stream.ReadByte() != -1)
        {
            throw new InvalidDataException($"{name}: more data than the header ({string.Join(" x ", shape)}) declares.");
        }
        return new IdxArray(shape, values);
    }

    private static void ReadExactly(Stream stream, Span<byte> buffer, string name, string what)
    {
        if (stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false) < buffer.Length)
        {
            throw new InvalidDataException($"{name}: truncated: the file ends inside {what}.");
        }
    }
}
