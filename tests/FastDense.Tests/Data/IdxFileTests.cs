using System.IO.Compression;
using FastDense.Data;

namespace FastDense.Tests.Data;

public class IdxFileTests
{
    private static byte[] Idx(byte type, int[] shape, int dataBytes)
    {
        var bytes = new List<byte> { 0, 0, type, (byte)shape.Length };
        foreach (int d in shape) bytes.AddRange(BitConverter.GetBytes(System.Buffers.Binary.BinaryPrimitives.ReverseEndianness(d)));
        bytes.AddRange(Enumerable.Range(0, dataBytes).Select(i => (byte)i));
        return bytes.ToArray();
    }

    [Fact]
    public void Read_ParsesBigEndianShape_AndValues()
    {
        IdxArray array = IdxFile.Read(new MemoryStream(Idx(0x08, [2, 3], 6)));
        Assert.Equal([2, 3], array.Shape);
        Assert.Equal([0, 1, 2, 3, 4, 5], array.Values);
    }

    [Fact]
    public void Read_TruncatedData_SaysHowMuch()
    {
        var error = Assert.Throws<InvalidDataException>(() => IdxFile.Read(new MemoryStream(Idx(0x08, [2, 3], 4)), "x.idx"));
        Assert.Contains("x.idx: truncated", error.Message);
        Assert.Contains("promises 6 bytes", error.Message);
        Assert.Contains("holds 4", error.Message);
    }

    [Fact]
    public void Read_TruncatedHeader_Throws()
        => Assert.Contains("ends inside dimension 1 of 2", Assert.Throws<InvalidDataException>(() => IdxFile.Read(new MemoryStream(Idx(0x08, [2, 3], 0)[..9]))).Message);

    [Fact]
    public void Read_ExtraData_Throws()
        => Assert.Contains("more data than the header", Assert.Throws<InvalidDataException>(() => IdxFile.Read(new MemoryStream(Idx(0x08, [2], 3)))).Message);

    [Fact]
    public void Read_BadMagic_Throws()
    {
        byte[] bytes = Idx(0x08, [2], 2);
        bytes[0] = 0x1F;
        Assert.Contains("not an IDX file", Assert.Throws<InvalidDataException>(() => IdxFile.Read(new MemoryStream(bytes))).Message);
    }

    [Fact]
    public void Read_UnsupportedType_Throws()
        => Assert.Contains("type 0x0D", Assert.Throws<InvalidDataException>(() => IdxFile.Read(new MemoryStream(Idx(0x0D, [2], 8)))).Message);

    [Fact]
    public void Read_NonPositiveDimension_Throws()
        => Assert.Contains("dimension 0 is -1", Assert.Throws<InvalidDataException>(() => IdxFile.Read(new MemoryStream(Idx(0x08, [-1], 0)))).Message);

    [Fact]
    public void ReadFile_TruncatedGzip_NamesFile()
    {
        string path = Path.Combine(Path.GetTempPath(), $"fastdense-{Guid.NewGuid():N}-images.gz");
        try
        {
            using (var buffer = new MemoryStream())
            {
                using (var gzip = new GZipStream(buffer, CompressionLevel.Optimal, leaveOpen: true)) gzip.Write(Idx(0x08, [100, 28, 28], 78400));
                File.WriteAllBytes(path, buffer.ToArray()[..(int)(buffer.Length * 2 / 3)]);
            }
            var error = Assert.Throws<InvalidDataException>(() => IdxFile.Read(path));
            Assert.StartsWith(Path.GetFileName(path), error.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void FashionMnist_MissingFolder_ThrowsFileNotFound()
        => Assert.Throws<FileNotFoundException>(() => FashionMnist.Load(Path.Combine(Path.GetTempPath(), "no-such-fashion-mnist")));
}
