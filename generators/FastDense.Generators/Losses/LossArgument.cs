using System.Collections.Generic;
using System.Globalization;

namespace FastDense.Generators.Losses;

/// <summary>
/// One of <c>[Model]</c>'s loss arguments: its property name (Keras's argument in .NET case), Keras's name, Keras's
/// default and the range FD0022 allows. A <see cref="LossKind"/> lists the ones its loss takes, in the order of its
/// operator's constructor.
/// </summary>
internal sealed class LossArgument
{
    private readonly System.Func<double, string?> _outOfRange;

    private LossArgument(string name, string kerasName, double kerasDefault, bool isBoolean, System.Func<double, string?> outOfRange, bool isInteger = false)
    {
        IsInteger = isInteger;
        Name = name;
        KerasName = kerasName;
        KerasDefault = kerasDefault;
        IsBoolean = isBoolean;
        _outOfRange = outOfRange;
    }

    /// <summary>Huber's <c>delta</c>: positive.</summary>
    public static readonly LossArgument Delta = new("Delta", "delta", 1.0, false,
        v => v > 0 && !double.IsInfinity(v) ? null : "must be a positive finite number");

    /// <summary>The focal cross-entropies' <c>alpha</c>: in [0, 1].</summary>
    public static readonly LossArgument Alpha = new("Alpha", "alpha", 0.25, false,
        v => v >= 0 && v <= 1 ? null : "must be in [0, 1]");

    /// <summary>The focal cross-entropies' <c>gamma</c>: non-negative.</summary>
    public static readonly LossArgument Gamma = new("Gamma", "gamma", 2.0, false,
        v => v >= 0 && !double.IsInfinity(v) ? null : "must be a non-negative finite number");

    /// <summary>The cross-entropies' <c>label_smoothing</c>: in [0, 1].</summary>
    public static readonly LossArgument LabelSmoothing = new("LabelSmoothing", "label_smoothing", 0.0, false,
        v => v >= 0 && v <= 1 ? null : "must be in [0, 1]");

    /// <summary>The cross-entropies' <c>from_logits</c>.</summary>
    public static readonly LossArgument FromLogits = new("FromLogits", "from_logits", 0, true, _ => null);

    /// <summary>Binary focal cross-entropy's <c>apply_class_balancing</c>.</summary>
    public static readonly LossArgument ApplyClassBalancing = new("ApplyClassBalancing", "apply_class_balancing", 0, true, _ => null);

    /// <summary>
    /// Sparse categorical cross-entropy's <c>ignore_class</c>: any integer; Keras's default None, held as NaN (an
    /// <c>int?</c> in <c>FastDense.LossArguments</c> and the operator).
    /// </summary>
    public static readonly LossArgument IgnoreClass = new("IgnoreClass", "ignore_class", double.NaN, false,
        v => v == System.Math.Floor(v) && System.Math.Abs(v) <= int.MaxValue ? null : "must be an integer", isInteger: true);

    /// <summary>Every argument, in the order of <c>FastDense.LossArguments</c>.</summary>
    public static readonly IReadOnlyList<LossArgument> All = new[] { Delta, Alpha, Gamma, LabelSmoothing, FromLogits, IgnoreClass, ApplyClassBalancing };

    /// <summary>Whether it is an <c>int?</c> (None when not given).</summary>
    public bool IsInteger { get; }

    /// <summary>Whether <paramref name="value"/> is Keras's default (NaN, for None, counts as equal to itself).</summary>
    public bool IsDefault(double value) => value.Equals(KerasDefault);

    /// <summary>The <c>[Model]</c> property and <c>LossArguments</c> property: <c>LabelSmoothing</c>.</summary>
    public string Name { get; }

    /// <summary>Keras's argument: <c>label_smoothing</c>.</summary>
    public string KerasName { get; }

    /// <summary>Keras's default (0 or 1 for a boolean).</summary>
    public double KerasDefault { get; }

    /// <summary>Whether it is a <c>bool</c>.</summary>
    public bool IsBoolean { get; }

    /// <summary>The operator's constructor parameter: <c>labelSmoothing</c>.</summary>
    public string ParameterName => char.ToLowerInvariant(Name[0]) + Name.Substring(1);

    /// <summary>Why <paramref name="value"/> is out of range (FD0022), or null.</summary>
    public string? OutOfRange(double value) => double.IsNaN(value) ? _outOfRange(double.NaN) ?? "must be a number" : _outOfRange(value);

    /// <summary>The value as C# source: <c>2.0</c>, <c>true</c>.</summary>
    public string Literal(double value)
    {
        if (IsBoolean) return value != 0 ? "true" : "false";
        if (IsInteger) return double.IsNaN(value) ? "null" : ((long)value).ToString(CultureInfo.InvariantCulture);
        string text = value.ToString("R", CultureInfo.InvariantCulture);
        return text.IndexOfAny(new[] { '.', 'E', 'e' }) >= 0 ? text : text + ".0";
    }

    /// <summary>The value as Keras prints it: <c>2.0</c>, <c>True</c>.</summary>
    public string KerasLiteral(double value) => IsBoolean ? (value != 0 ? "True" : "False") : IsInteger && double.IsNaN(value) ? "None" : Literal(value);
}
