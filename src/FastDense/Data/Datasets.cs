using System.IO.Compression;

namespace FastDense.Data;

/// <summary>
/// The small reference data sets, embedded in the library (no download, no path), and the CSV reader behind them.
/// Provenance and licences: Data/Resources/README.md in the source tree.
/// </summary>
public static class Datasets
{
    private static readonly string[] DigitNames = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"];

    /// <summary>
    /// Optical Recognition of Handwritten Digits (UCI; scikit-learn's <c>load_digits()</c>): 1797 rows of 64 pixel
    /// counts 0..16 (8x8 images), labels 0..9.
    /// </summary>
    public static Dataset LoadDigits()
        => ReadEmbedded("digits", features: 64, expectedRows: 1797, header: false, DigitNames);

    /// <summary>Breast Cancer Wisconsin (Diagnostic): 569 rows of 30 features, labels 0 = malignant, 1 = benign.</summary>
    public static Dataset LoadBreastCancer()
        => ReadEmbedded("breast_cancer", features: 30, expectedRows: 569, header: true, ["malignant", "benign"]);

    /// <summary>Diabetes (Efron et al., 2004): 442 rows of 10 raw baseline variables; target: progression after one year (25..346).</summary>
    public static Dataset LoadDiabetes()
        => ReadEmbedded("diabetes", features: 10, expectedRows: 442, header: false, classNames: null);

    /// <summary>
    /// Reads a CSV of <paramref name="featureCount"/> numbers then one target per line (invariant culture, no quoting).
    /// </summary>
    /// <param name="stream">The text, uncompressed.</param>
    /// <param name="name">The data set's name, used in messages.</param>
    /// <param name="featureCount">Numbers per line before the target.</param>
    /// <param name="skipHeader">Whether the first line is a header to skip.</param>
    /// <param name="classNames">The class names when targets are labels 0..n-1 (each is then checked), null for regression.</param>
    /// <exception cref="InvalidDataException">A line has the wrong number of fields, a field is not a finite number, a label is out of range, or there are no rows.</exception>
    public static Dataset ReadCsv(Stream stream, string name, int featureCount, bool skipHeader = false, IReadOnlyList<string>? classNames = null)
        => CsvReader.Read(stream, name, featureCount, skipHeader, classNames, expectedRows: 0);

    /// <summary>
    /// Reads a CSV file (see <see cref="ReadCsv"/>); a name ending in <c>.gz</c> is decompressed on the fly.
    /// </summary>
    /// <param name="path">The file.</param>
    /// <param name="features">Numbers per line before the target.</param>
    /// <param name="skipHeader">Whether the first line is a header to skip.</param>
    /// <param name="classNames">The class names when targets are labels, null for regression.</param>
    /// <exception cref="FileNotFoundException">There is no such file.</exception>
    /// <exception cref="InvalidDataException">The file is truncated, not gzip, or not the expected CSV; the message names it.</exception>
    public static Dataset ReadCsvFile(string path, int features, bool skipHeader = false, IReadOnlyList<string>? classNames = null)
        => DataFile.Read(path, (text, name) => ReadCsv(text, name, features, skipHeader, classNames));

    private static Dataset ReadEmbedded(string name, int features, int expectedRows, bool header, IReadOnlyList<string>? classNames)
    {
        string resource = $"FastDense.Data.{name}.csv.gz";
        using Stream compressed = typeof(Datasets).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"The embedded resource '{resource}' is missing from FastDense.dll.");
        using var text = new GZipStream(compressed, CompressionMode.Decompress);
        Dataset data = CsvReader.Read(text, name, features, header, classNames, expectedRows);
        if (data.Rows != expectedRows)
        {
            throw new InvalidDataException($"{name}: expected {expectedRows} rows, read {data.Rows}: the embedded copy is damaged.");
        }
        return data;
    }
}
