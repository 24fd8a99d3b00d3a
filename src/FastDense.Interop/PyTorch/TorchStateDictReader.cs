using System.Buffers.Binary;
using System.Globalization;
using System.Numerics;
using FastDense.Interop.Keras;
using FastDense.Persistence;

namespace FastDense.Interop.PyTorch;

/// <summary>
/// Reads a state_dict safetensors file into scratch buffers, checking it against the model's <c>nn.Sequential</c>
/// (<see cref="TorchModules"/>) as strictly as <c>load_state_dict(strict=True)</c> and more: every key present and no
/// other, each tensor of exactly its shape, floating tensors F32 or F64 (each on its own) holding finite values,
/// <c>num_batches_tracked</c> an I64 scalar (not used), the identity halves of a BatchNorm1d or LayerNorm exactly ones
/// and zeros, the tensors tiling the data area with no hole, overlap or trailing byte. The header is parsed by the
/// runtime's safetensors reader (length limits, strict JSON). When the metadata holds <c>fastdense_modules</c> (a file
/// FastDense wrote), it must name the model's modules: activations have no tensors, so only it can tell them apart.
/// </summary>
internal static class TorchStateDictReader
{
    /// <summary>Reads and checks the file from the stream's position to its end.</summary>
    /// <exception cref="ModelFileException">The file is malformed or is not this model's state_dict.</exception>
    public static ModelValues<T> Read<T>(Stream stream, ModelDescription description)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        TorchModule[] modules = TorchModules.Of(description);
        var expected = modules.SelectMany(m => m.Tensors).ToDictionary(t => t.Key, StringComparer.Ordinal);
        (SafetensorsHeader header, long? dataLength) = SafetensorsReader.ReadHeader(stream);
        if (header.Metadata is { } metadata && metadata.TryGetValue(TorchStateDictWriter.ModulesKey, out string? written)
            && written != TorchModules.Describe(modules))
        {
            throw new ModelFileException(
                $"The file was written for the modules {written}; this model is {TorchModules.Describe(modules)}.");
        }
        var plan = new List<(TorchTensor Tensor, int Size, long Begin, long End)>();
        foreach (HeaderEntry entry in header.Entries)
        {
            if (!expected.TryGetValue(entry.Name, out TorchTensor? tensor))
            {
                throw new ModelFileException(
                    $"The file holds '{entry.Name}', which the model's nn.Sequential ({TorchModules.Describe(modules)}) does not have; its keys: {string.Join(", ", expected.Keys)}.",
                    entry.Name, null);
            }
            plan.Add((tensor, Check(entry, tensor), entry.Begin, entry.End));
        }
        foreach (string key in expected.Keys)
        {
            if (!header.Entries.Any(e => e.Name == key))
            {
                throw new ModelFileException(
                    $"The file lacks '{key}' (shape {Shape(expected[key].Shape)}) of the model's nn.Sequential ({TorchModules.Describe(modules)}).", key, null);
            }
        }
        plan.Sort((a, b) => a.Begin.CompareTo(b.Begin));
        long next = 0;
        foreach (var (tensor, _, begin, end) in plan)
        {
            if (begin != next)
            {
                throw new ModelFileException(
                    $"Tensor '{tensor.Key}' starts at byte {begin} of the data area but the previous tensor ends at byte {next}: {(begin > next ? "a hole" : "an overlap")}.", tensor.Key, null);
            }
            next = end;
        }
        if (dataLength is long length && length != next)
        {
            throw new ModelFileException(length < next
                ? $"The data area holds {length} bytes but its tensors need {next}: the file is truncated."
                : $"The data area holds {length} bytes but its tensors end at byte {next}: {length - next} bytes follow the last tensor.");
        }
        byte[] data = new byte[next];
        int filled = 0;
        while (filled < data.Length)
        {
            int read = stream.Read(data, filled, data.Length - filled);
            if (read == 0) throw new ModelFileException($"The file ends {filled} bytes into its data area; its tensors need {next}: the file is truncated.");
            filled += read;
        }
        if (stream.ReadByte() != -1) throw new ModelFileException("The file goes on after its last tensor.");
        ModelValues<T> values = ModelValues<T>.Scratch(description);
        foreach (var (tensor, size, begin, _) in plan) Decode(data.AsSpan((int)begin), tensor, size, values);
        return values;
    }

    /// <summary>Checks an entry's dtype, shape and byte count; returns its element size.</summary>
    private static int Check(HeaderEntry entry, TorchTensor tensor)
    {
        string key = tensor.Key;
        int size;
        if (tensor.Kind == TorchTensorKind.BatchCount)
        {
            size = entry.DType == "I64" ? 8 : throw new ModelFileException($"Tensor '{key}' has dtype \"{entry.DType}\"; expected \"I64\" (num_batches_tracked).", key, null);
        }
        else
        {
            size = entry.DType switch
            {
                "F32" => 4,
                "F64" => 8,
                _ => throw new ModelFileException($"Tensor '{key}' has dtype \"{entry.DType}\"; expected \"F32\" or \"F64\".", key, null),
            };
        }
        if (!entry.Shape.AsSpan().SequenceEqual(tensor.Shape.Select(d => (long)d).ToArray()))
        {
            throw new ModelFileException($"Tensor '{key}' has shape {Shape(entry.Shape)}; expected {Shape(tensor.Shape)}.", key, null);
        }
        if (entry.Begin > entry.End || entry.End - entry.Begin != (long)tensor.Length * size)
        {
            throw new ModelFileException(
                $"Tensor '{key}' has data_offsets [{entry.Begin}, {entry.End}]; {tensor.Length} {entry.DType} values take {(long)tensor.Length * size} bytes.", key, null);
        }
        return size;
    }

    private static void Decode<T>(ReadOnlySpan<byte> bytes, TorchTensor tensor, int size, ModelValues<T> values)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        string key = tensor.Key;
        if (tensor.Kind == TorchTensorKind.BatchCount)
        {
            long count = BinaryPrimitives.ReadInt64LittleEndian(bytes);
            if (count < 0) throw new ModelFileException($"Tensor '{key}' holds {count}; a count of batches is not negative.", key, null);
            return;
        }
        Span<T> destination = tensor.Kind == TorchTensorKind.Values ? values.Of(tensor.Source!) : default;
        int rows = tensor.Transposed ? tensor.Shape[0] : 0, columns = tensor.Transposed ? tensor.Shape[1] : 0;
        for (int k = 0; k < tensor.Length; k++)
        {
            double value = size == 4 ? BinaryPrimitives.ReadSingleLittleEndian(bytes.Slice(4 * k)) : BinaryPrimitives.ReadDoubleLittleEndian(bytes.Slice(8 * k));
            if (!double.IsFinite(value))
            {
                throw new ModelFileException(string.Create(CultureInfo.InvariantCulture, $"Tensor '{key}' holds {value} at element {k}; the file must hold finite values."), key, null);
            }
            if (tensor.Kind == TorchTensorKind.Identity)
            {
                if (value != tensor.Fill)
                {
                    throw new ModelFileException(string.Create(CultureInfo.InvariantCulture,
                        $"Tensor '{key}' holds {value} at element {k}; the model's layer has no {(tensor.Fill == 1 ? "scale (gamma)" : "center (beta)")}, so it must be {tensor.Fill} everywhere."), key, null);
                }
                continue;
            }
            T converted = T.CreateTruncating(value);
            if (!T.IsFinite(converted))
            {
                throw new ModelFileException(string.Create(CultureInfo.InvariantCulture, $"Tensor '{key}' holds {value:R} at element {k}, beyond the range of {typeof(T).Name}."), key, null);
            }
            // Weight element [o, i] (k = o * columns + i) is kernel element [i, o].
            int index = tensor.Transposed ? k % columns * rows + k / columns : k;
            destination[index] = converted;
        }
    }

    private static string Shape(IEnumerable<long> shape) => $"[{string.Join(", ", shape)}]";

    private static string Shape(IEnumerable<int> shape) => $"[{string.Join(", ", shape)}]";
}
