namespace FastDense.Plotting;

/// <summary>
/// A block of code points, <paramref name="First"/> to <paramref name="Last"/> inclusive, whose text needs shaping
/// (<see cref="ComplexText.Ranges"/>): <paramref name="Name"/> is the Unicode block or blocks, <paramref name="Why"/> what
/// drawing one glyph per character, left to right, would get wrong.
/// </summary>
internal readonly record struct ComplexRange(int First, int Last, string Name, string Why);
