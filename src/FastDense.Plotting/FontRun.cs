namespace FastDense.Plotting;

/// <summary>
/// A stretch of a string drawn with one font: UTF-16 units <paramref name="Start"/> to <paramref name="Start"/> +
/// <paramref name="Length"/>, in font <paramref name="Font"/> (0 the label's own font, others fallbacks; see
/// <see cref="FontRuns.Split"/>).
/// </summary>
internal readonly record struct FontRun(int Start, int Length, int Font);
