using System.Globalization;
using FastDense.Data;

namespace FastDense.Tests.Data;

/// <summary>
/// The CSV reader as it was before the UTF-8 byte parser (Datasets.ReadCsv at ab51c6f, verbatim but for its name):
/// StreamReader.ReadLine, then float.TryParse on each field's chars. <see cref="CsvReaderEquivalenceTests"/> holds
/// the library's reader to it, result for result and message for message.
/// </summary>
internal static class ReferenceCsv
{
    public static Dataset ReadCsv(Stream stream, string name, int featureCount, bool skipHeader = false, IReadOnlyList<string>? classNames = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(featureCount);
        var features = new List<float>();
        var targets = new List<float>();
        using var reader = new StreamReader(stream);
        int lineNumber = 0;
        if (skipHeader)
        {
            lineNumber++;
            if (reader.ReadLine() is null) throw new InvalidDataException($"{name}: the file is empty (expected a header line).");
        }
        while (reader.ReadLine() is string line)
        {
            lineNumber++;
            if (line.Length == 0) continue;
            ReadOnlySpan<char> rest = line;
            int fieldCount = rest.Count(',') + 1;
            if (fieldCount != featureCount + 1)
            {
                throw new InvalidDataException(
                    $"{name}, line {lineNumber}: expected {featureCount + 1} comma-separated values ({featureCount} features and a target), found {fieldCount}.");
            }
            for (int i = 0; i <= featureCount; i++)
            {
                int comma = rest.IndexOf(',');
                ReadOnlySpan<char> field = comma < 0 ? rest : rest[..comma];
                rest = comma < 0 ? default : rest[(comma + 1)..];
                if (!float.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out float value) || !float.IsFinite(value))
                {
                    throw new InvalidDataException($"{name}, line {lineNumber}, field {i + 1}: '{field}' is not a finite number.");
                }
                if (i < featureCount) features.Add(value);
                else targets.Add(value);
            }
            if (classNames is not null)
            {
                float label = targets[^1];
                if (label != MathF.Floor(label) || label < 0 || label >= classNames.Count)
                {
                    throw new InvalidDataException($"{name}, line {lineNumber}: label {label} is not a class index in [0, {classNames.Count}).");
                }
            }
        }
        if (targets.Count == 0) throw new InvalidDataException($"{name}: no data rows.");
        return new Dataset(name, features.ToArray(), targets.ToArray(), featureCount, classNames);
    }
}
