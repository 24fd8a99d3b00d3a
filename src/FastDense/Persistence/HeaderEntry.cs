namespace FastDense.Persistence;

/// <summary>One tensor entry of a safetensors header, as written, not yet checked against a model.</summary>
/// <param name="Name">The key.</param>
/// <param name="DType">The <c>dtype</c> string.</param>
/// <param name="Shape">The <c>shape</c>: non-negative integers.</param>
/// <param name="Begin">The first byte of <c>data_offsets</c>, relative to the start of the data area.</param>
/// <param name="End">The byte after the last, relative to the start of the data area.</param>
internal sealed record HeaderEntry(string Name, string DType, long[] Shape, long Begin, long End);
