using System.Globalization;

namespace FastDense.Plotting;

/// <summary>
/// The major ticks of one axis: their values, ascending, inside the axis range, and the label of each, all written
/// with the same number of decimals ("0.0", "0.2", ... "1.0"), as matplotlib's default formatter writes them.
/// Values and Labels have the same length.
/// </summary>
internal sealed record AxisTicks(double[] Values, string[] Labels)
{
    // A tick step is one of these times a power of ten, as in matplotlib's default locator.
    private static readonly double[] Multipliers = [1, 2, 2.5, 5];

    // Past these, fixed decimals get long: labels are written with just enough significant digits instead.
    private const int MaxDecimals = 6;
    private const double MaxFixed = 1e6;

    /// <summary>No ticks: for a range that has none to show (not finite, or empty).</summary>
    public static AxisTicks None { get; } = new([], []);

    /// <summary>
    /// Ticks for the range <paramref name="low"/> to <paramref name="high"/>: the smallest step of the form
    /// {1, 2, 2.5, 5} x 10^k that splits the range into at most <paramref name="maxIntervals"/> intervals, and every
    /// multiple of it inside the range (so about <paramref name="maxIntervals"/>/2 + 1 to <paramref name="maxIntervals"/> + 1
    /// ticks); a smaller step when that leaves fewer than two ticks. With <paramref name="integer"/> the step is a whole
    /// number of at least 1 (2.5 is skipped), for axes whose values are counts such as epochs.
    /// </summary>
    /// <param name="low">The axis's lower end.</param>
    /// <param name="high">The axis's upper end, above <paramref name="low"/>.</param>
    /// <param name="maxIntervals">The most intervals between ticks; below 1 counts as 1.</param>
    /// <param name="integer">Whether ticks must be whole numbers.</param>
    public static AxisTicks Choose(double low, double high, int maxIntervals, bool integer)
    {
        double span = high - low;
        if (!(double.IsFinite(low) && double.IsFinite(high) && double.IsFinite(span) && span > 0)) return None;

        double raw = span / Math.Max(maxIntervals, 1);
        if (integer) raw = Math.Max(raw, 1);
        // Candidate steps are numbered through the decades: candidate j is Multipliers[j mod 4] x 10^(decade + j div 4).
        int decade = (int)Math.Floor(Math.Log10(raw));
        int j = 0;
        while (Step(j, decade) < raw * (1 - 1e-9) || !Allowed(j, decade, integer)) j++;

        (long first, long last) = Range(low, high, Step(j, decade));
        // A step that leaves fewer than two ticks inside the range (few intervals allowed, or the range falls between
        // round values) is too coarse: take the next smaller one that is allowed. Steps below 1 are not allowed on an
        // integer axis, so a range shorter than 1 may keep one tick. Otherwise the first step is below twice the span
        // and one of at most half the span leaves two ticks, so a few notches suffice; the bound guards ranges whose
        // ticks cannot be counted (see Range).
        for (int notches = 0; last - first < 1 && notches < 2 * Multipliers.Length; notches++)
        {
            int smaller = j - 1;
            while (!Allowed(smaller, decade, integer) && Step(smaller, decade) >= 1) smaller--;
            if (!Allowed(smaller, decade, integer)) break;
            j = smaller;
            (first, last) = Range(low, high, Step(j, decade));
        }
        if (last < first) return None;

        int multiplier = Mod(j, Multipliers.Length);
        int exponent = decade + FloorDiv(j, Multipliers.Length);
        var values = new double[last - first + 1];
        for (long i = first; i <= last; i++) values[i - first] = Value(i, Multipliers[multiplier], exponent);
        return new AxisTicks(values, Format(values, Multipliers[multiplier], exponent));
    }

    /// <summary>Candidate step <paramref name="j"/> (see <see cref="Choose"/>).</summary>
    private static double Step(int j, int decade) => Value(1, Multipliers[Mod(j, Multipliers.Length)], decade + FloorDiv(j, Multipliers.Length));

    /// <summary>Whether candidate <paramref name="j"/> is a step the axis may use.</summary>
    private static bool Allowed(int j, int decade, bool integer)
    {
        if (!integer) return true;
        double step = Step(j, decade);
        return step >= 1 && Math.Floor(step) == step;
    }

    /// <summary>
    /// i x multiplier x 10^exponent, computed so that round values come out exact: 3 x 0.2 is 0.6, not
    /// 0.6000000000000001 (dividing by an exact power of ten rounds once).
    /// </summary>
    private static double Value(long i, double multiplier, int exponent)
    {
        double value = exponent >= 0 ? i * multiplier * Math.Pow(10, exponent) : i * multiplier / Math.Pow(10, -exponent);
        // -0.0 (from i = 0 and a negative multiplier's sign, or rounding) would be written "-0".
        return value + 0.0;
    }

    /// <summary>The first and last multiple of <paramref name="step"/> inside [low, high], as multiples (first > last: none).</summary>
    private static (long First, long Last) Range(double low, double high, double step)
    {
        // A millionth of a step of slack, so that an end that is a tick up to rounding keeps it (0.3 / 0.1 is 2.9999...).
        double first = Math.Ceiling(low / step - 1e-6), last = Math.Floor(high / step + 1e-6);
        // Ranges far from zero in units of the step (1e300 with a step of 1) have no representable ticks.
        if (!(Math.Abs(first) < long.MaxValue / 2 && Math.Abs(last) < long.MaxValue / 2)) return (1, 0);
        return ((long)first, (long)last);
    }

    /// <summary>
    /// Labels with the decimals the step needs (0.2 needs one, 0.25 two, 5 none), so that every label has as many;
    /// very large or very fine ticks get just enough significant digits to tell them apart instead.
    /// </summary>
    private static string[] Format(double[] values, double multiplier, int exponent)
    {
        int decimals = Math.Max(0, -exponent) + (multiplier == 2.5 && exponent <= 0 ? 1 : 0);
        double largest = 0;
        foreach (double v in values) largest = Math.Max(largest, Math.Abs(v));

        string format;
        if (decimals <= MaxDecimals && largest < MaxFixed)
        {
            format = "F" + decimals.ToString(CultureInfo.InvariantCulture);
        }
        else
        {
            int leading = largest > 0 ? (int)Math.Floor(Math.Log10(largest)) : 0;
            int significant = Math.Clamp(leading - exponent + 1 + (multiplier == 2.5 ? 1 : 0), 1, 17);
            format = "G" + significant.ToString(CultureInfo.InvariantCulture);
        }

        var labels = new string[values.Length];
        for (int i = 0; i < values.Length; i++) labels[i] = Shorten(values[i].ToString(format, CultureInfo.InvariantCulture));
        return labels;
    }

    /// <summary>.NET's exponent "2E+08" written as matplotlib and Python write it short, "2e8"; other text as it is.</summary>
    private static string Shorten(string label)
    {
        int e = label.IndexOf('E', StringComparison.Ordinal);
        if (e < 0) return label;
        int exponent = int.Parse(label.AsSpan(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        return string.Concat(label.AsSpan(0, e), "e", exponent.ToString(CultureInfo.InvariantCulture));
    }

    private static int Mod(int a, int b) => ((a % b) + b) % b;

    private static int FloorDiv(int a, int b) => (int)Math.Floor((double)a / b);
}
