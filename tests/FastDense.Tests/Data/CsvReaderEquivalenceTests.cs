using System.IO.Compression;
using System.Text;
using FastDense.Data;

namespace FastDense.Tests.Data;

/// <summary>
/// Datasets.ReadCsv against <see cref="ReferenceCsv"/> (the char reader it replaced): the same values, bit for bit, and
/// the same exception type and message, on the embedded sets and on the corners of the format (line endings, blank
/// lines, signs, exponents, long integers, byte-order marks, bytes that are not UTF-8, streams that fail part-way),
/// each read whole and in small pieces.
/// </summary>
public class CsvReaderEquivalenceTests
{
    [Theory]
    [InlineData("digits", 64, false)]
    [InlineData("breast_cancer", 30, true)]
    [InlineData("diabetes", 10, false)]
    public void EmbeddedSets_ReadBitForBit_AsTheReferenceReader(string name, int features, bool header)
    {
        Dataset loaded = name switch
        {
            "digits" => Datasets.LoadDigits(),
            "breast_cancer" => Datasets.LoadBreastCancer(),
            _ => Datasets.LoadDiabetes(),
        };
        using Stream compressed = typeof(Datasets).Assembly.GetManifestResourceStream($"FastDense.Data.{name}.csv.gz")!;
        Dataset reference = ReferenceCsv.ReadCsv(new GZipStream(compressed, CompressionMode.Decompress), name, features, header, loaded.ClassNames);
        AssertSameData(reference, loaded);
    }

    [Fact]
    public void Fields_AreFloatParseValues_BitForBit()
    {
        // The fast path (short integers, signs, -0) and float.TryParse (exponent, decimal, integers past 2^24, which
        // round to the nearest float); CR-LF, a blank line, no newline at the end.
        string[] first = ["-0", "+5", "1e3", "123456789012", "16777217"];
        string[] second = ["7", "-12", "0.5", "99999999", "1234567"];
        string text = $"{string.Join(',', first)},0\r\n\r\n{string.Join(',', second)},1";
        Dataset data = Datasets.ReadCsv(new MemoryStream(Encoding.UTF8.GetBytes(text)), "t", featureCount: 5);
        Assert.Equal(2, data.Rows);
        float[] expected = [.. first.Concat(second).Select(f => float.Parse(f, System.Globalization.CultureInfo.InvariantCulture))];
        AssertSameBits(expected, data.Features, "feature");
        Assert.True(float.IsNegative(data.Features[0]));
        Assert.Equal(16777216f, data.Features[4]);
        Assert.Equal([0f, 1f], data.Targets);
    }

    [Theory]
    // Line endings: CR-LF, a lone CR, no newline at the end, blank lines of each kind.
    [InlineData("1,2,0\r\n3,4,1\r\n", 2, false, 0)]
    [InlineData("1,2,0\r3,4,1", 2, false, 0)]
    [InlineData("1,2,0\n3,4,1", 2, false, 0)]
    [InlineData("1,2,0\r\n3,4,1\r", 2, false, 0)]
    [InlineData("\n\n1,2,0\n\r\n\r3,4,1\n\n", 2, false, 0)]
    [InlineData("\r\n\r\n", 2, false, 0)]
    [InlineData("", 2, false, 0)]
    // Integers: signs, negative zero, leading zeros, past 2^24 (float.Parse rounds to nearest even), past int and long.
    [InlineData("1e3,-0,+5\n-5,+0,0\n", 2, false, 0)]
    [InlineData("123456789012,16777217,1\n99999999,9999999,0\n", 2, false, 0)]
    [InlineData("16777216,16777218,33554435\n-16777217,-2147483649,99999999999999999999999\n", 2, false, 0)]
    [InlineData("0000001,-0000000,0\n00000000000000000000000000000000000007,1,1\n", 2, false, 0)]
    // Everything else float.Parse takes: white space, decimals, exponents, the edges of float's range.
    [InlineData(" 7 ,\t8,0 \n", 2, false, 0)]
    [InlineData("1.5E-3,.5,5.\n0.1,3.4028235E+38,-1.17549435E-38\n1e-50,-1e-50,2.5e+1\n", 2, false, 0)]
    // Not finite numbers, not numbers at all: the message quotes the field.
    [InlineData("Infinity,1,0\n", 2, false, 0)]
    [InlineData("1,NaN,0\n", 2, false, 0)]
    [InlineData("nan,1,0\n", 2, false, 0)]
    [InlineData("-Infinity,1,0\n", 2, false, 0)]
    [InlineData("1e39,1,0\n", 2, false, 0)]
    [InlineData("1,,0\n", 2, false, 0)]
    [InlineData("1,2,\n", 2, false, 0)]
    [InlineData("-,1,0\n", 2, false, 0)]
    [InlineData("+,1,0\n", 2, false, 0)]
    [InlineData("--1,1,0\n", 2, false, 0)]
    [InlineData("1-,1,0\n", 2, false, 0)]
    [InlineData("0x10,1,0\n", 2, false, 0)]
    [InlineData("1 2,1,0\n", 2, false, 0)]
    [InlineData("12345678,1a,0\n", 2, false, 0)]
    [InlineData("\u0661,1,0\n", 2, false, 0)]
    [InlineData("\u00e9,2,0\n", 2, false, 0)]
    [InlineData("1,2\u00a0,0\n", 2, false, 0)]
    // Field counts.
    [InlineData("1,2\n", 2, false, 0)]
    [InlineData("1,2,0,\n", 2, false, 0)]
    [InlineData(",\n", 2, false, 0)]
    [InlineData("1,2,0\n3,4\n", 2, false, 0)]
    // Only CR and LF end a line, as for StreamReader.ReadLine.
    [InlineData("1,2,0\u00851,2,0\n", 2, false, 0)]
    [InlineData("1,2,0\u20283,4,1\n", 2, false, 0)]
    [InlineData("1,2,0\f\n", 2, false, 0)]
    // A UTF-8 byte-order mark is skipped, once.
    [InlineData("\ufeff1,2,0\n", 2, false, 0)]
    [InlineData("\ufeff\ufeff1,2,0\n", 2, false, 0)]
    [InlineData("\ufeffh\n1,2,0\n", 2, true, 0)]
    // Labels.
    [InlineData("1,2,1.5\n", 2, false, 2)]
    [InlineData("1,2,-0\n1,2,+1\n", 2, false, 2)]
    [InlineData("1,2,2\n", 2, false, 2)]
    [InlineData("1,2,1e0\n1,2,01\n", 2, false, 2)]
    [InlineData("1,2,-1\n", 2, false, 2)]
    // Headers.
    [InlineData("", 2, true, 0)]
    [InlineData("h\n", 2, true, 0)]
    [InlineData("h", 2, true, 0)]
    [InlineData("h\r\n1,2,0", 2, true, 0)]
    [InlineData("\r\n1,2,0\n", 2, true, 0)]
    [InlineData("569,30,x,\u00e9\n1,2,0\n3,4,x\n", 2, true, 0)]
    public void Text_ReadsAsTheReferenceReader(string text, int features, bool header, int classes)
        => AssertSameOutcome(Encoding.UTF8.GetBytes(text), features, header, Classes(classes));

    [Theory]
    [InlineData(new byte[] { 0xC3 })]
    [InlineData(new byte[] { 0xE2, 0x82 })]
    [InlineData(new byte[] { 0xFF })]
    [InlineData(new byte[] { 0xED, 0xA0, 0x80 })]
    [InlineData(new byte[] { 0xC0, 0xAF, 0x31 })]
    [InlineData(new byte[] { 0x31, 0x00 })]
    public void BytesThatAreNotUtf8Text_InAField_QuotedAsTheReferenceReaderDecodesThem(byte[] field)
        => AssertSameOutcome([.. "1,"u8, .. field, .. ",0\n"u8], features: 2);

    [Theory]
    [InlineData(new byte[] { 0xEF, 0xBB })]
    [InlineData(new byte[] { 0xEF })]
    [InlineData(new byte[] { 0xFE })]
    [InlineData(new byte[] { 0xFF, 0xFE })]
    [InlineData(new byte[] { 0xFE, 0xFF })]
    [InlineData(new byte[] { 0x00, 0x00, 0xFE, 0xFF })]
    [InlineData(new byte[] { 0x00 })]
    [InlineData(new byte[] { 0x00, 0x00 })]
    public void OddFirstBytes_ReadAsTheReferenceReader(byte[] start)
    {
        AssertSameOutcome(start, features: 2);
        AssertSameOutcome([.. start, .. "1,2,0\n"u8], features: 2);
        AssertSameOutcome([.. start, .. "1,2,0\n"u8], features: 2, header: true);
    }

    [Fact]
    public void MarksAfterTheStart_InStreamsOfTinyReads_ReadAsTheReferenceReader()
    {
        // StreamReader looks for a byte-order mark at the start of each read until a read of other than two bytes:
        // with reads of one or two bytes, a mark inside the text can switch its decoding.
        foreach (Encoding encoding in (Encoding[])[Encoding.Unicode, Encoding.BigEndianUnicode, Encoding.UTF8])
        {
            AssertSameOutcome([.. "1,2,0\n"u8, .. encoding.GetPreamble(), .. encoding.GetBytes("3,4,1\n")], features: 2);
            AssertSameOutcome([.. "1"u8, .. encoding.GetPreamble(), .. encoding.GetBytes(",4,1\n")], features: 2);
            AssertSameOutcome([.. "\n\n"u8, .. encoding.GetPreamble(), .. encoding.GetBytes("3,4,1\n")], features: 2);
        }
    }

    [Fact]
    public void Utf16AndUtf32_WithAByteOrderMark_AreDecodedAsByTheReferenceReader()
    {
        const string text = "1,2,0\r\n3.5,-4,1\n\n5e-1,+6,1";
        Encoding[] encodings = [Encoding.Unicode, Encoding.BigEndianUnicode, Encoding.UTF32, new UTF32Encoding(bigEndian: true, byteOrderMark: true)];
        foreach (Encoding encoding in encodings)
        {
            AssertSameOutcome([.. encoding.GetPreamble(), .. encoding.GetBytes(text)], features: 2, classes: ["a", "b"]);
            AssertSameOutcome([.. encoding.GetPreamble(), .. encoding.GetBytes("1,x,0\n")], features: 2);
            // Without its mark, UTF-16 is read as UTF-8 (NUL bytes in every field) and rejected by both.
            AssertSameOutcome(encoding.GetBytes(text), features: 2);
        }
    }

    [Theory]
    // A line that failed before the stream did: its error is the one reported, as the reference reader reads line by line.
    [InlineData("1,2,0\n3,x,1\n4,5")]
    [InlineData("1,2,0\n3,4\n4,5")]
    // Whole lines then a partial one, or a CR whose LF may follow: the stream's error.
    [InlineData("1,2,0\n3,4")]
    [InlineData("1,2,0\n3,4,1\r")]
    [InlineData("1,2,0\n3,4,1\n")]
    [InlineData("")]
    public void StreamFailingPartWay_ReportsWhatTheReferenceReaderReports(string text)
    {
        var failure = new InvalidDataException("The stream ends inside a block.");
        AssertSameOutcome(Encoding.UTF8.GetBytes(text), features: 2, failure: failure);
        AssertSameOutcome(Encoding.UTF8.GetBytes(text), features: 2, header: true, failure: failure);
        AssertSameOutcome([.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(text)], features: 2, failure: failure);
    }

    [Fact]
    public void ManyLines_AcrossReadBoundaries_ReadAsTheReferenceReader()
    {
        var random = new Random(7);
        string[] endings = ["\n", "\r\n", "\r", "\n\n", "\r\n\r\n"];
        var text = new StringBuilder();
        for (int row = 0; row < 6000; row++)
        {
            for (int i = 0; i < 8; i++)
            {
                text.Append(random.Next(6) switch
                {
                    0 => random.Next(17).ToString(System.Globalization.CultureInfo.InvariantCulture),
                    1 => (-random.Next(100_000_000)).ToString(System.Globalization.CultureInfo.InvariantCulture),
                    2 => (random.NextSingle() * 1000 - 500).ToString("R", System.Globalization.CultureInfo.InvariantCulture),
                    3 => (random.NextDouble() * 1e-20).ToString("E3", System.Globalization.CultureInfo.InvariantCulture),
                    4 => "+" + random.Next(1 << 26).ToString(System.Globalization.CultureInfo.InvariantCulture),
                    _ => ((long)random.Next() << 20).ToString(System.Globalization.CultureInfo.InvariantCulture),
                });
                text.Append(',');
            }
            text.Append(random.Next(3)).Append(endings[random.Next(endings.Length)]);
        }
        byte[] bytes = Encoding.UTF8.GetBytes(text.ToString());
        AssertSameOutcome(bytes, features: 8, classes: ["a", "b", "c"]);
        AssertSameOutcome(bytes, features: 8, classes: ["a", "b"]);
    }

    [Fact]
    public void LineLongerThanAnyReadBuffer_ReadsAsTheReferenceReader()
    {
        const int features = 60_000;
        string line = string.Join(',', Enumerable.Range(0, features + 1).Select(i => (i % 1000 - 500).ToString(System.Globalization.CultureInfo.InvariantCulture)));
        AssertSameOutcome(Encoding.UTF8.GetBytes($"{line}\n{line}\r\n{line}"), features);
        AssertSameOutcome(Encoding.UTF8.GetBytes($"{line}\n{line},1\n"), features);
    }

    [Fact]
    public void Arguments_CheckedAsBefore()
    {
        Assert.Throws<ArgumentNullException>(() => Datasets.ReadCsv(null!, "t", 2));
        var stream = new ScriptedStream("1,2,0\n"u8.ToArray());
        Assert.Throws<ArgumentOutOfRangeException>(() => Datasets.ReadCsv(stream, "t", 0));
        Assert.False(stream.Disposed);
        stream.Dispose();
        var expected = Assert.Throws<ArgumentException>(() => ReferenceCsv.ReadCsv(stream, "t", 2));
        var actual = Assert.Throws<ArgumentException>(() => Datasets.ReadCsv(stream, "t", 2));
        Assert.Equal(expected.Message, actual.Message);
    }

    private static string[]? Classes(int count) => count == 0 ? null : [.. Enumerable.Range(0, count).Select(i => $"c{i}")];

    /// <summary>Reads the bytes with both readers, whole and a few bytes a read, and compares what comes out.</summary>
    private static void AssertSameOutcome(byte[] bytes, int features, bool header = false, string[]? classes = null, Exception? failure = null)
    {
        foreach (int maxPerRead in (int[])[int.MaxValue, 4096, 64, 3, 2, 1])
        {
            if (maxPerRead < 64 && bytes.Length > 1_000_000) continue;
            var referenceStream = new ScriptedStream(bytes, maxPerRead, failure);
            var stream = new ScriptedStream(bytes, maxPerRead, failure);
            (Dataset? expected, Exception? expectedError) = Outcome(() => ReferenceCsv.ReadCsv(referenceStream, "t", features, header, classes));
            (Dataset? actual, Exception? actualError) = Outcome(() => Datasets.ReadCsv(stream, "t", features, header, classes));
            if (expectedError is not null)
            {
                Assert.True(actualError is not null, $"expected {expectedError.GetType().Name} '{expectedError.Message}' (reads of {maxPerRead}), read {actual?.Rows} rows");
                Assert.Equal(expectedError.GetType(), actualError.GetType());
                Assert.Equal(expectedError.Message, actualError.Message);
            }
            else
            {
                Assert.True(actualError is null, $"unexpected {actualError?.GetType().Name} '{actualError?.Message}' (reads of {maxPerRead})");
                AssertSameData(expected!, actual!);
            }
            Assert.Equal(referenceStream.Disposed, stream.Disposed);
        }
    }

    private static (Dataset?, Exception?) Outcome(Func<Dataset> read)
    {
        try
        {
            return (read(), null);
        }
        catch (Exception error)
        {
            return (null, error);
        }
    }

    private static void AssertSameData(Dataset expected, Dataset actual)
    {
        Assert.Equal((expected.Name, expected.Rows, expected.FeatureCount), (actual.Name, actual.Rows, actual.FeatureCount));
        Assert.Equal(expected.ClassNames, actual.ClassNames);
        AssertSameBits(expected.Features, actual.Features, "feature");
        AssertSameBits(expected.Targets, actual.Targets, "target");
    }

    private static void AssertSameBits(float[] expected, float[] actual, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            if (BitConverter.SingleToInt32Bits(expected[i]) != BitConverter.SingleToInt32Bits(actual[i]))
            {
                Assert.Fail($"{what} {i}: expected {expected[i]:R} (0x{BitConverter.SingleToInt32Bits(expected[i]):X8}), read {actual[i]:R} (0x{BitConverter.SingleToInt32Bits(actual[i]):X8})");
            }
        }
    }
}
