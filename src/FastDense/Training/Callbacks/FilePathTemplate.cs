using System.Text;

namespace FastDense.Training;

/// <summary>
/// A <c>ModelCheckpoint</c> file path with Python <c>str.format</c> fields, as Keras fills it:
/// <c>"ckpt-{epoch:02d}-{val_loss:.2f}.safetensors"</c>. <c>epoch</c> (and <c>batch</c> when saving every N batches)
/// are ints counted from 1; every other name is a key of the logs, a float. <c>{{</c> and <c>}}</c> are literal braces.
/// Parsed once; fields with attributes or indexes (<c>{a.b}</c>, <c>{a[0]}</c>), conversions (<c>!r</c>), positional
/// fields (<c>{}</c>) and specs <see cref="PythonFormat"/> does not support are refused up front.
/// </summary>
internal sealed class FilePathTemplate
{
    private readonly string _template;
    private readonly List<(string Literal, string? Name, PythonFormat.Spec Spec, string SpecText)> _parts = [];

    /// <summary>Parses <paramref name="template"/>.</summary>
    /// <exception cref="ArgumentException">The template is not one this class can fill (the message says where).</exception>
    public FilePathTemplate(string template, string argument)
    {
        _template = template;
        var literal = new StringBuilder();
        int i = 0;
        while (i < template.Length)
        {
            char c = template[i];
            if (c == '}')
            {
                if (i + 1 < template.Length && template[i + 1] == '}')
                {
                    literal.Append('}');
                    i += 2;
                    continue;
                }
                throw Bad(argument, "a single '}' must be written '}}'");
            }
            if (c != '{')
            {
                literal.Append(c);
                i++;
                continue;
            }
            if (i + 1 < template.Length && template[i + 1] == '{')
            {
                literal.Append('{');
                i += 2;
                continue;
            }
            int close = template.IndexOf('}', i + 1);
            if (close < 0) throw Bad(argument, "a '{' is not closed");
            string field = template[(i + 1)..close];
            if (field.Contains('{', StringComparison.Ordinal)) throw Bad(argument, $"the field '{{{field}}}' nests another field");
            int colon = field.IndexOf(':', StringComparison.Ordinal);
            string name = colon < 0 ? field : field[..colon];
            string spec = colon < 0 ? "" : field[(colon + 1)..];
            if (name.Length == 0 || char.IsAsciiDigit(name[0])) throw Bad(argument, $"the field '{{{field}}}' has no name (positional fields are not filled)");
            if (name.IndexOfAny(['.', '[', ']', '!']) >= 0) throw Bad(argument, $"the field '{{{field}}}' uses an attribute, index or conversion");
            PythonFormat.Spec parsed;
            try
            {
                parsed = PythonFormat.Parse(spec);
            }
            catch (FormatException error)
            {
                throw Bad(argument, error.Message);
            }
            _parts.Add((literal.ToString(), name, parsed, spec));
            literal.Clear();
            i = close + 1;
        }
        if (literal.Length > 0) _parts.Add((literal.ToString(), null, default, ""));
        Names = _parts.Where(p => p.Name is not null).Select(p => p.Name!).ToArray();
    }

    /// <summary>The field names, in order.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>
    /// The path for <paramref name="epoch"/> (from 0; written from 1), <paramref name="batch"/> (from 0; written from 1;
    /// null at an epoch's end) and the logs.
    /// </summary>
    /// <exception cref="KeyNotFoundException">A field names neither epoch nor batch (when given) nor a key the logs hold now; Keras's KeyError.</exception>
    /// <exception cref="FormatException">A float field has the int type 'd', or an int field a precision.</exception>
    public string Fill(int epoch, int? batch, Logs logs)
    {
        var path = new StringBuilder(_template.Length + 16);
        foreach ((string literal, string? name, PythonFormat.Spec spec, string specText) in _parts)
        {
            path.Append(literal);
            if (name is null) continue;
            try
            {
                if (name == "epoch") path.Append(PythonFormat.Format(epoch + 1L, spec));
                else if (name == "batch" && batch is int b) path.Append(PythonFormat.Format(b + 1L, spec));
                else if (logs.TryGetValue(name, out double value)) path.Append(PythonFormat.Format(value, spec));
                else throw new KeyNotFoundException($"Failed to format this callback filepath: \"{_template}\". Reason: '{name}' is not among epoch{(batch is null ? "" : ", batch")} and the logs' keys ({string.Join(", ", logs.Keys)}).");
            }
            catch (FormatException error)
            {
                throw new FormatException($"Failed to format this callback filepath: \"{_template}\". Reason: '{{{name}:{specText}}}': {error.Message}", error);
            }
        }
        return path.ToString();
    }

    private ArgumentException Bad(string argument, string why)
        => new($"The file path \"{_template}\" cannot be filled as Keras fills it: {why}.", argument);
}
