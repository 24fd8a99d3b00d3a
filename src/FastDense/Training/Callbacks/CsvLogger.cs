using System.Globalization;
using System.Text;
using FastDense.Training;

namespace FastDense;

/// <summary>
/// Keras's <c>keras.callbacks.CSVLogger</c> (keras/src/callbacks/csv_logger.py): writes one row per epoch to a CSV
/// file, as Python's <c>csv</c> module writes Keras's rows: a header <c>epoch,accuracy,loss,val_accuracy,val_loss</c>
/// (the first epoch's keys sorted by code point; when that epoch has no <c>val_</c> key, the same keys again with
/// <c>val_</c> appended), then per epoch its index from 0 and each value as Python's <c>repr</c> writes it (<c>NA</c> where
/// the epoch has none: validation every few epochs), separated by <c>separator</c>, each line ended by <c>\r\n</c>
/// (Python's <c>csv.excel</c> dialect). A field holding the separator, a quote or a line break is quoted.
/// </summary>
/// <remarks>
/// <c>Fit</c> creates (or empties) the file when training begins, unless <c>append</c>; then each epoch's line, with the
/// header before the first when the file was empty, is added in one write to the file, which is opened, written and
/// closed each epoch: a crash leaves only whole lines, and no file handle stays open after an exception. Runs at epoch
/// ends only (a row allocates its text).
/// </remarks>
public sealed class CsvLogger : Callback
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);
    private readonly char _separator;
    private string[]? _keys;
    private bool _appendHeader = true;

    /// <summary>Creates the callback with Keras's arguments and defaults.</summary>
    /// <param name="filename">The CSV file, e.g. <c>run/log.csv</c> (its folder must exist).</param>
    /// <param name="separator">One character between fields (default <c>,</c>): Python's csv takes no longer one, nor a quote or a line break.</param>
    /// <param name="append">Add to an existing file (without a second header when it is not empty) instead of replacing it (default false).</param>
    /// <exception cref="ArgumentException">An empty filename, or a separator that is not one character or is <c>"</c>, <c>\r</c> or <c>\n</c>.</exception>
    public CsvLogger(string filename, string separator = ",", bool append = false)
    {
        ArgumentNullException.ThrowIfNull(filename);
        ArgumentNullException.ThrowIfNull(separator);
        if (filename.Length == 0) throw new ArgumentException("CsvLogger: filename must name a file; got an empty string.", nameof(filename));
        if (separator.Length != 1 || separator[0] is '"' or '\r' or '\n')
        {
            throw new ArgumentException($"CsvLogger: separator must be one character other than a quote or a line break (\"delimiter\" must be a 1-character string); got \"{separator}\".", nameof(separator));
        }
        Filename = filename;
        Separator = separator;
        Append = append;
        _separator = separator[0];
    }

    /// <summary>The CSV file.</summary>
    public string Filename { get; }

    /// <summary>The field separator.</summary>
    public string Separator { get; }

    /// <summary>Whether rows are added to an existing file.</summary>
    public bool Append { get; }

    /// <inheritdoc />
    public override void OnTrainBegin(IFitControl fit)
    {
        if (Append)
        {
            // Keras: a header only when the file's first line is empty (it does not exist or is empty).
            _appendHeader = !(File.Exists(Filename) && new FileInfo(Filename).Length > 0);
        }
        else
        {
            using (new FileStream(Filename, FileMode.Create, FileAccess.Write, FileShare.Read))
            {
            }
            _appendHeader = true;
        }
        _keys = null;
    }

    /// <inheritdoc />
    public override void OnEpochEnd(IFitControl fit, int epoch, Logs logs)
    {
        ArgumentNullException.ThrowIfNull(logs);
        var text = new StringBuilder(256);
        if (_keys is null)
        {
            List<string> keys = logs.Keys.ToList();
            keys.Sort(StringComparer.Ordinal);   // Python's sorted(): by code point
            if (keys.Count > 0 && !keys.Any(k => k.StartsWith("val_", StringComparison.Ordinal)))
            {
                keys.AddRange(keys.Select(k => "val_" + k).ToList());
            }
            _keys = keys.ToArray();
            if (_appendHeader)
            {
                Field(text, "epoch");
                foreach (string key in _keys) Field(text.Append(_separator), key);
                text.Append("\r\n");
            }
        }
        text.Append(epoch.ToString(CultureInfo.InvariantCulture));
        foreach (string key in _keys)
        {
            text.Append(_separator);
            Field(text, logs.TryGetValue(key, out double value) ? PythonFormat.Repr(value) : "NA");
        }
        text.Append("\r\n");

        byte[] bytes = Utf8.GetBytes(text.ToString());
        // One write of whole lines; bufferSize 0 so the write goes to the file as it is, then closed.
        using var file = new FileStream(Filename, FileMode.Append, FileAccess.Write, FileShare.Read, bufferSize: 0);
        file.Write(bytes);
    }

    /// <inheritdoc />
    public override void OnTrainEnd(IFitControl fit, Logs logs) => _keys = null;

    /// <summary>Python csv's QUOTE_MINIMAL: quoted, with quotes doubled, when the field holds the separator, a quote or a line break.</summary>
    private void Field(StringBuilder text, string field)
    {
        if (field.IndexOfAny([_separator, '"', '\r', '\n']) < 0)
        {
            text.Append(field);
            return;
        }
        text.Append('"').Append(field.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
    }
}
