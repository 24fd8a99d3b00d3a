using System.Text.Json;
using System.Text.Unicode;

namespace FastDense.Persistence;

/// <summary>
/// A parsed safetensors header: a JSON object whose keys are tensor names, each mapped to
/// <c>{"dtype", "shape", "data_offsets"}</c>, plus an optional <c>"__metadata__"</c> object of strings. Parsing checks
/// the syntax strictly (valid UTF-8, one JSON object with nothing after it, no duplicate keys at any level, no unknown
/// fields, integers where integers belong) and nothing about any model; <see cref="TensorPlan"/> does that.
/// Read with <see cref="Utf8JsonReader"/> only, so the library stays trimmable without a serializer.
/// </summary>
internal sealed class SafetensorsHeader
{
    /// <summary>The reserved key of the metadata object.</summary>
    public const string MetadataKey = "__metadata__";

    // Root object -> tensor object -> shape array is the deepest a valid header goes; deeper input fails fast.
    private static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = 8, CommentHandling = JsonCommentHandling.Disallow, AllowTrailingCommas = false };

    private SafetensorsHeader(List<HeaderEntry> entries, Dictionary<string, string>? metadata)
    {
        Entries = entries;
        Metadata = metadata;
    }

    /// <summary>The tensor entries, in header order.</summary>
    public IReadOnlyList<HeaderEntry> Entries { get; }

    /// <summary>The <c>__metadata__</c> map, or null when the header has none.</summary>
    public IReadOnlyDictionary<string, string>? Metadata { get; }

    /// <summary>Parses the header's bytes (without the 8-byte length before them).</summary>
    /// <exception cref="ModelFileException">The bytes are not a well-formed header.</exception>
    public static SafetensorsHeader Parse(ReadOnlySpan<byte> json)
    {
        // The spec: the header "MUST begin with the { character"; it may end in spaces (padding).
        if (json.IsEmpty || json[0] != (byte)'{')
        {
            throw new ModelFileException(json.IsEmpty
                ? "The header is empty; a safetensors header is a JSON object."
                : $"The header starts with byte 0x{json[0]:X2}; a safetensors header is a JSON object and starts with '{{'.");
        }
        if (!Utf8.IsValid(json))
        {
            throw new ModelFileException("The header is not valid UTF-8.");
        }
        try
        {
            return ParseObject(json);
        }
        catch (JsonException error)
        {
            throw new ModelFileException($"The header is not valid JSON: {error.Message}", error);
        }
        catch (InvalidOperationException error)
        {
            // Utf8JsonReader's getters throw this for a string that cannot be decoded (a lone surrogate escape).
            throw new ModelFileException($"The header holds a string that cannot be read: {error.Message}", error);
        }
    }

    private static SafetensorsHeader ParseObject(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json, ReaderOptions);
        Next(ref reader);
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new ModelFileException($"The header's root is a JSON {reader.TokenType}; a safetensors header is an object.");
        }
        var entries = new List<HeaderEntry>();
        var keys = new HashSet<string>(StringComparer.Ordinal);
        Dictionary<string, string>? metadata = null;
        while (true)
        {
            Next(ref reader);
            if (reader.TokenType == JsonTokenType.EndObject) break;
            string name = reader.GetString()!;
            if (!keys.Add(name))
            {
                throw new ModelFileException($"The header has the key \"{FileMetadata.Shorten(name)}\" twice.", name, null);
            }
            Next(ref reader);
            if (name == MetadataKey) metadata = ReadMetadata(ref reader);
            else entries.Add(ReadEntry(ref reader, name));
        }
        if (reader.Read())
        {
            throw new ModelFileException($"The header has a JSON {reader.TokenType} after its object.");
        }
        return new SafetensorsHeader(entries, metadata);
    }

    private static Dictionary<string, string> ReadMetadata(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new ModelFileException($"\"{MetadataKey}\" is a JSON {reader.TokenType}; the safetensors spec makes it an object of strings.");
        }
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        while (true)
        {
            Next(ref reader);
            if (reader.TokenType == JsonTokenType.EndObject) return metadata;
            string key = reader.GetString()!;
            Next(ref reader);
            if (reader.TokenType != JsonTokenType.String)
            {
                throw new ModelFileException($"The metadata's \"{FileMetadata.Shorten(key)}\" is a JSON {reader.TokenType}; metadata values must be strings.");
            }
            if (!metadata.TryAdd(key, reader.GetString()!))
            {
                throw new ModelFileException($"The metadata has the key \"{FileMetadata.Shorten(key)}\" twice.");
            }
        }
    }

    private static HeaderEntry ReadEntry(ref Utf8JsonReader reader, string name)
    {
        string shown = FileMetadata.Shorten(name);
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new ModelFileException($"Tensor '{shown}' is a JSON {reader.TokenType}; expected an object with dtype, shape and data_offsets.", name, null);
        }
        string? dtype = null;
        long[]? shape = null, offsets = null;
        while (true)
        {
            Next(ref reader);
            if (reader.TokenType == JsonTokenType.EndObject) break;
            string field = reader.GetString()!;
            Next(ref reader);
            switch (field)
            {
                case "dtype" when dtype is null:
                    if (reader.TokenType != JsonTokenType.String)
                    {
                        throw new ModelFileException($"Tensor '{shown}' has a dtype that is a JSON {reader.TokenType}; expected a string such as \"F32\".", name, null);
                    }
                    dtype = reader.GetString()!;
                    break;
                case "shape" when shape is null:
                    shape = ReadIntegers(ref reader, name, "shape", long.MaxValue);
                    break;
                case "data_offsets" when offsets is null:
                    offsets = ReadIntegers(ref reader, name, "data_offsets", long.MaxValue);
                    if (offsets.Length != 2)
                    {
                        throw new ModelFileException($"Tensor '{shown}' has {offsets.Length} data_offsets; expected two, [begin, end].", name, null);
                    }
                    break;
                case "dtype" or "shape" or "data_offsets":
                    throw new ModelFileException($"Tensor '{shown}' has the field \"{field}\" twice.", name, null);
                default:
                    throw new ModelFileException(
                        $"Tensor '{shown}' has the field \"{FileMetadata.Shorten(field)}\"; a safetensors entry has only dtype, shape and data_offsets.", name, null);
            }
        }
        if (dtype is null || shape is null || offsets is null)
        {
            string missing = dtype is null ? "dtype" : shape is null ? "shape" : "data_offsets";
            throw new ModelFileException($"Tensor '{shown}' has no {missing}.", name, null);
        }
        return new HeaderEntry(name, dtype, shape, offsets[0], offsets[1]);
    }

    /// <summary>An array of integers in [0, max]; anything else (fractions, exponents, negatives, strings) is refused.</summary>
    private static long[] ReadIntegers(ref Utf8JsonReader reader, string name, string field, long max)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new ModelFileException($"Tensor '{FileMetadata.Shorten(name)}' has a {field} that is a JSON {reader.TokenType}; expected an array of integers.", name, null);
        }
        var values = new List<long>(4);
        while (true)
        {
            Next(ref reader);
            if (reader.TokenType == JsonTokenType.EndArray) return values.ToArray();
            if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt64(out long value) || value < 0 || value > max)
            {
                string seen = reader.TokenType == JsonTokenType.Number
                    ? FileMetadata.Shorten(System.Text.Encoding.UTF8.GetString(reader.ValueSpan))
                    : $"a JSON {reader.TokenType}";
                throw new ModelFileException(
                    $"Tensor '{FileMetadata.Shorten(name)}' has {seen} in its {field}; expected non-negative integers up to {max}.", name, null);
            }
            values.Add(value);
        }
    }

    private static void Next(ref Utf8JsonReader reader)
    {
        if (!reader.Read()) throw new ModelFileException("The header's JSON ends before its object does.");
    }
}
