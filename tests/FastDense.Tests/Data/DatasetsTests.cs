using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using FastDense.Data;

namespace FastDense.Tests.Data;

public class DatasetsTests
{
    [Fact]
    public void Digits_Is1797RowsOf64RawPixelCounts_Labels0To9()
    {
        Dataset digits = Datasets.LoadDigits();
        Assert.Equal(1797, digits.Rows);
        Assert.Equal(64, digits.FeatureCount);
        Assert.Equal(1797 * 64, digits.Features.Length);
        Assert.Equal(0f, digits.Features.Min());
        Assert.Equal(16f, digits.Features.Max());
        int[] labels = digits.Labels();
        Assert.Equal(Enumerable.Range(0, 10), labels.Distinct().Order());
        // First row of scikit-learn's load_digits(): a zero.
        Assert.Equal(0, labels[0]);
        Assert.Equal([0f, 0f, 5f, 13f, 9f, 1f, 0f, 0f], digits.Features[..8]);
    }

    [Fact]
    public void BreastCancer_And_Diabetes_HaveTheirShapes()
    {
        Dataset cancer = Datasets.LoadBreastCancer();
        Assert.Equal((569, 30, 2), (cancer.Rows, cancer.FeatureCount, cancer.ClassCount));
        Assert.Equal(["malignant", "benign"], cancer.ClassNames!);
        Dataset diabetes = Datasets.LoadDiabetes();
        Assert.Equal((442, 10, 0), (diabetes.Rows, diabetes.FeatureCount, diabetes.ClassCount));
        Assert.InRange(diabetes.Targets.Min(), 25f, 25f);
        Assert.InRange(diabetes.Targets.Max(), 346f, 346f);
        Assert.Throws<InvalidOperationException>(() => diabetes.Labels());
    }

    [Theory]
    [InlineData("digits", "46abec6b12486ad9e51943373abcf22bbea1b5a51a1619b361570d8893f1464a")]
    [InlineData("breast_cancer", "6576e06763103348012d9f8f21ea0f84e19b9cf63db4968a8793d5b5e0d42d89")]
    [InlineData("diabetes", "abc5c9197b82b543ce3e252a48e65d97d0c2209e14c393a89ec7c9ee87f5ddc1")]
    public void EmbeddedCopies_MatchPublishedChecksums(string name, string sha256)
    {
        using Stream stream = typeof(Datasets).Assembly.GetManifestResourceStream($"FastDense.Data.{name}.csv.gz")!;
        Assert.Equal(sha256, Convert.ToHexStringLower(SHA256.HashData(stream)));
    }

    [Fact]
    public void ReadCsv_WrongFieldCount_NamesLine()
    {
        var error = Assert.Throws<InvalidDataException>(() => Read("1,2,0\n3,4\n", features: 2));
        Assert.Contains("line 2", error.Message);
        Assert.Contains("expected 3", error.Message);
    }

    [Fact]
    public void ReadCsv_NotANumber_NamesLineAndField()
    {
        var error = Assert.Throws<InvalidDataException>(() => Read("1,2,0\n3,abc,1\n", features: 2));
        Assert.Contains("line 2, field 2", error.Message);
        Assert.Contains("'abc'", error.Message);
    }

    [Fact]
    public void ReadCsv_NaNField_Rejected()
        => Assert.Contains("not a finite number", Assert.Throws<InvalidDataException>(() => Read("NaN,2,0\n", features: 2)).Message);

    [Fact]
    public void ReadCsv_LabelOutOfRange_Rejected()
        => Assert.Contains("label 2", Assert.Throws<InvalidDataException>(() => Read("1,2,2\n", features: 2, classes: ["a", "b"])).Message);

    [Fact]
    public void ReadCsv_Empty_Rejected()
        => Assert.Contains("no data rows", Assert.Throws<InvalidDataException>(() => Read("", features: 2)).Message);

    [Fact]
    public void ReadCsvFile_TruncatedGzip_ThrowsInvalidData()
    {
        string path = Path.Combine(Path.GetTempPath(), $"fastdense-truncated-{Guid.NewGuid():N}.csv.gz");
        try
        {
            using (var buffer = new MemoryStream())
            {
                using (var gzip = new GZipStream(buffer, CompressionLevel.Optimal, leaveOpen: true))
                {
                    byte[] text = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("1,2,0\n", 2000)));
                    gzip.Write(text);
                }
                File.WriteAllBytes(path, buffer.ToArray()[..(int)(buffer.Length / 2)]);
            }
            var error = Assert.Throws<InvalidDataException>(() => Datasets.ReadCsvFile(path, features: 2));
            Assert.Contains(Path.GetFileName(path), error.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void ReadCsvFile_Missing_ThrowsFileNotFound()
        => Assert.Throws<FileNotFoundException>(() => Datasets.ReadCsvFile("no-such-file.csv", features: 2));

    private static Dataset Read(string text, int features, string[]? classes = null)
        => Datasets.ReadCsv(new MemoryStream(Encoding.UTF8.GetBytes(text)), "test", features, classNames: classes);
}
