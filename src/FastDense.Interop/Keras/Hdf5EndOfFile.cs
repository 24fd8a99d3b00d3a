using System.Buffers.Binary;

namespace FastDense.Interop.Keras;

/// <summary>
/// The end-of-file address an HDF5 superblock records, checked against the bytes really there, as the HDF5 library
/// checks it when h5py opens a file ("truncated file: eof = …"): a file cut short after its metadata can otherwise
/// still parse, its last dataset silently shorter. Layouts from the HDF5 File Format Specification, section II.A:
/// versions 0 and 1 keep the address after the base and free-space addresses at byte 24 (28 in version 1, which adds
/// the indexed-storage K), versions 2 and 3 after the base and superblock-extension addresses at byte 12.
/// </summary>
internal static class Hdf5EndOfFile
{
    private static ReadOnlySpan<byte> Signature => [0x89, (byte)'H', (byte)'D', (byte)'F', (byte)'\r', (byte)'\n', 0x1A, (byte)'\n'];

    /// <summary>Throws when the superblock at the start of the file claims more bytes than <paramref name="bytes"/> holds.</summary>
    /// <exception cref="ModelFileException">The file is shorter than its superblock says.</exception>
    public static void Check(ReadOnlySpan<byte> bytes, string label)
    {
        // A file with a user block has its superblock further on; PureHDF finds it, and this check is skipped.
        if (bytes.Length < 12 || !bytes[..8].SequenceEqual(Signature)) return;
        int version = bytes[8];
        int offsetSize, baseAt;
        switch (version)
        {
            case 0 or 1:
                if (bytes.Length < 16) return;
                offsetSize = bytes[13];
                baseAt = version == 0 ? 24 : 28;
                break;
            case 2 or 3:
                offsetSize = bytes[9];
                baseAt = 12;
                break;
            default:
                return;
        }
        if (offsetSize is not (2 or 4 or 8)) return;
        int endAt = baseAt + 2 * offsetSize;
        if (bytes.Length < endAt + offsetSize)
        {
            throw new ModelFileException($"{label} is truncated: it ends inside its HDF5 superblock ({bytes.Length} bytes).");
        }
        ulong baseAddress = Read(bytes.Slice(baseAt, offsetSize));
        ulong end = Read(bytes.Slice(endAt, offsetSize));
        if (end == ulong.MaxValue || baseAddress == ulong.MaxValue) return;   // "undefined address"
        if ((ulong)bytes.Length < baseAddress + end)
        {
            throw new ModelFileException(
                $"{label} is truncated: its HDF5 superblock says it ends at byte {baseAddress + end} but it holds {bytes.Length} bytes.");
        }
    }

    private static ulong Read(ReadOnlySpan<byte> bytes) => bytes.Length switch
    {
        2 => BinaryPrimitives.ReadUInt16LittleEndian(bytes),
        4 => BinaryPrimitives.ReadUInt32LittleEndian(bytes),
        _ => BinaryPrimitives.ReadUInt64LittleEndian(bytes),
    };
}
