using System.Globalization;

namespace FastDense.Persistence;

/// <summary>
/// Checks a parsed header against the tensors a load expects, before any data byte is read: the same names, no more
/// and no fewer; dtype F32 or F64; the exact shape; data_offsets of the right size within the data area; and the
/// tensors tiling the data area with no hole, no overlap and nothing after them (the safetensors spec: "the byte
/// buffer needs to be entirely indexed, and cannot contain holes"). Sizes are compared against the expected shapes,
/// never computed from the file's, so a lying shape cannot overflow or allocate.
/// </summary>
internal static class TensorPlan
{
    /// <summary>The file's tensors in data order, each with its destination.</summary>
    /// <param name="header">The parsed header.</param>
    /// <param name="expected">Every tensor the file must hold.</param>
    /// <param name="dataLength">The length of the data area when the stream's length is known; null otherwise (then the end of the last tensor is checked against the stream's end as it is read).</param>
    /// <exception cref="ModelFileException">Any mismatch.</exception>
    public static PlannedTensor[] Match(SafetensorsHeader header, IReadOnlyList<ExpectedTensor> expected, long? dataLength)
    {
        var byName = new Dictionary<string, ExpectedTensor>(expected.Count, StringComparer.Ordinal);
        foreach (ExpectedTensor tensor in expected) byName.Add(tensor.Name, tensor);

        foreach (HeaderEntry entry in header.Entries)
        {
            if (!byName.ContainsKey(entry.Name))
            {
                throw new ModelFileException(
                    $"The file holds a tensor '{FileMetadata.Shorten(entry.Name)}' that this model does not have (expected: {List(expected)}).", entry.Name, null);
            }
        }
        var found = new Dictionary<string, HeaderEntry>(header.Entries.Count, StringComparer.Ordinal);
        foreach (HeaderEntry entry in header.Entries) found.Add(entry.Name, entry);

        var plan = new PlannedTensor[expected.Count];
        for (int i = 0; i < expected.Count; i++)
        {
            ExpectedTensor tensor = expected[i];
            if (!found.TryGetValue(tensor.Name, out HeaderEntry? entry))
            {
                throw new ModelFileException($"Tensor '{tensor.Name}' is missing from the file (expected shape {Shape(tensor.Shape)}).", tensor.Name, null);
            }
            plan[i] = Check(entry, tensor, dataLength);
        }

        Array.Sort(plan, (a, b) => a.Begin.CompareTo(b.Begin));
        long next = 0;
        string? previous = null;
        foreach (PlannedTensor tensor in plan)
        {
            if (tensor.Begin != next)
            {
                string where = previous is null ? "the data area begins at byte 0" : $"the previous tensor '{previous}' ends at byte {next}";
                string fault = tensor.Begin > next ? "a hole" : "an overlap";
                throw new ModelFileException(
                    $"Tensor '{tensor.Expected.Name}' starts at byte {tensor.Begin} of the data area but {where}: {fault} (the data area must be covered exactly).",
                    tensor.Expected.Name, null);
            }
            next = tensor.End;
            previous = tensor.Expected.Name;
        }
        if (dataLength is long length && next != length)
        {
            throw new ModelFileException(
                $"The data area holds {length} bytes but its tensors end at byte {next}: {length - next} more after the last tensor{(previous is null ? "" : $" '{previous}'")}.");
        }
        return plan;
    }

    private static PlannedTensor Check(HeaderEntry entry, ExpectedTensor tensor, long? dataLength)
    {
        string name = tensor.Name;
        if (!TensorDTypes.TryParse(entry.DType, out TensorDType dtype))
        {
            throw new ModelFileException(
                $"Tensor '{name}' has dtype \"{FileMetadata.Shorten(entry.DType)}\"; expected \"F32\" or \"F64\".", name, null);
        }
        if (!SameShape(entry.Shape, tensor.Shape))
        {
            throw new ModelFileException($"Tensor '{name}' has shape {Shape(entry.Shape)}; expected {Shape(tensor.Shape)}.", name, null);
        }
        if (entry.Begin > entry.End)
        {
            throw new ModelFileException($"Tensor '{name}' has data_offsets [{entry.Begin}, {entry.End}]: begin after end.", name, null);
        }
        long bytes = (long)tensor.Length * TensorDTypes.Size(dtype);
        if (entry.End - entry.Begin != bytes)
        {
            throw new ModelFileException(
                $"Tensor '{name}' has data_offsets [{entry.Begin}, {entry.End}], {entry.End - entry.Begin} bytes; expected {tensor.Length} {TensorDTypes.Name(dtype)} values = {bytes} bytes.",
                name, null);
        }
        if (dataLength is long length && entry.End > length)
        {
            throw new ModelFileException(
                $"Tensor '{name}' has data_offsets [{entry.Begin}, {entry.End}] but the data area holds only {length} bytes (the file is truncated or the offsets are wrong).",
                name, null);
        }
        return new PlannedTensor(tensor, dtype, entry.Begin, entry.End);
    }

    private static bool SameShape(long[] seen, int[] expected)
    {
        if (seen.Length != expected.Length) return false;
        for (int i = 0; i < seen.Length; i++)
        {
            if (seen[i] != expected[i]) return false;
        }
        return true;
    }

    private static string Shape(long[] shape)
        => shape.Length <= 8
            ? $"[{string.Join(", ", shape.Select(d => d.ToString(CultureInfo.InvariantCulture)))}]"
            : $"[{string.Join(", ", shape.Take(8).Select(d => d.ToString(CultureInfo.InvariantCulture)))}, … ({shape.Length} dimensions)]";

    private static string Shape(int[] shape) => $"[{string.Join(", ", shape.Select(d => d.ToString(CultureInfo.InvariantCulture)))}]";

    private static string List(IReadOnlyList<ExpectedTensor> expected)
        => expected.Count <= 12
            ? string.Join(", ", expected.Select(t => t.Name))
            : $"{string.Join(", ", expected.Take(12).Select(t => t.Name))}, … ({expected.Count} in all)";
}
