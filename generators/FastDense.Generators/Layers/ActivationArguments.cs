using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using FastDense.Generators.Diagnostics;
using FastDense.Generators.Model;

namespace FastDense.Generators.Layers;

/// <summary>
/// The arguments each activation takes, as <c>[Dense]</c>'s properties (Keras's names in PascalCase): their defaults
/// (keras/src/activations/activations.py), their ranges, and their order in the typed operator's constructor. FD0023 for
/// one the activation does not take (it would be ignored without a word), one out of range, or one Keras requires
/// that is missing.
/// </summary>
internal static class ActivationArguments
{
    /// <summary>What an argument may be.</summary>
    internal enum Range
    {
        /// <summary>Any finite value.</summary>
        Finite,

        /// <summary>Finite and at least 0 (Keras's ReLU and LeakyReLU layers' rule for their arguments).</summary>
        NonNegative,

        /// <summary>Finite and above 0.</summary>
        Positive,

        /// <summary>At least 0, or +∞ for Keras's <c>None</c>.</summary>
        NonNegativeOrNone,

        /// <summary>A <c>bool</c>.</summary>
        Boolean,
    }

    /// <summary>One argument: its property, Keras's name, Keras's default (null when Keras has none), its range.</summary>
    internal sealed record Argument(string Property, string KerasName, double? Default, Range Range);

    /// <summary>Every property that is an activation's argument.</summary>
    public static readonly string[] Properties = { "NegativeSlope", "MaxValue", "Threshold", "Alpha", "Approximate", "B", "DefaultValue" };

    /// <summary>The arguments of <paramref name="activation"/>, in its operator's constructor order.</summary>
    public static Argument[] Of(Activation activation) => activation switch
    {
        Activation.Relu => new[]
        {
            new Argument("NegativeSlope", "negative_slope", 0, Range.NonNegative),
            new Argument("MaxValue", "max_value", double.PositiveInfinity, Range.NonNegativeOrNone),
            new Argument("Threshold", "threshold", 0, Range.NonNegative),
        },
        Activation.LeakyRelu => new[] { new Argument("NegativeSlope", "negative_slope", 0.2, Range.NonNegative) },
        Activation.Elu or Activation.Celu => new[] { new Argument("Alpha", "alpha", 1, Range.Positive) },
        Activation.Gelu => new[] { new Argument("Approximate", "approximate", 0, Range.Boolean) },
        Activation.SoftShrink or Activation.HardShrink => new[] { new Argument("Threshold", "threshold", 0.5, Range.NonNegative) },
        Activation.Squareplus => new[] { new Argument("B", "b", 4, Range.Positive) },
        Activation.Threshold => new[]
        {
            new Argument("Threshold", "threshold", null, Range.Finite),
            new Argument("DefaultValue", "default_value", null, Range.Finite),
        },
        _ => new Argument[0],
    };

    /// <summary>
    /// Reads <paramref name="activation"/>'s arguments from the attribute (Keras's defaults where unwritten), adding
    /// FD0023 for each written one it does not take, each out of range and each required one missing. The activation is
    /// the constructor argument <c>activation</c> at <paramref name="activationPosition"/> of a <paramref name="kind"/>
    /// attribute (<c>[Dense(units, activation)]</c>, <c>[Activation(activation)]</c>), which takes the same properties.
    /// </summary>
    public static FastDense.Generators.Helpers.EquatableArray<double> Read(LayerAttribute attribute, Activation activation, List<DiagnosticInfo> diagnostics,
        string kind = "Dense", int activationPosition = 1)
    {
        Argument[] takes = Of(activation);
        string layer = attribute.Position.ToString(CultureInfo.InvariantCulture);
        string name = activation.KerasName();
        foreach (string property in Properties)
        {
            if (attribute.Named(property) is null || takes.Any(a => a.Property == property)) continue;
            string taken = takes.Length == 0 ? "which takes none" : $"which takes {string.Join(" and ", takes.Select(a => a.Property))}";
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ActivationArgumentInvalid, attribute.NamedArgumentLocation(property)!, kind, layer,
                $"{property} is not an argument of activation {name}, {taken}"));
        }

        var values = new double[takes.Length];
        var missing = new List<string>();
        for (int i = 0; i < takes.Length; i++)
        {
            Argument argument = takes[i];
            object? written = attribute.Named(argument.Property)?.Value;
            if (written is null)
            {
                if (argument.Default is double fallback) values[i] = fallback;
                else missing.Add(argument.Property);
                continue;
            }
            double value = written is bool flag ? (flag ? 1 : 0) : written is double number ? number : double.NaN;
            values[i] = value;
            if (Problem(argument.Range, value) is string rule)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ActivationArgumentInvalid, attribute.NamedArgumentLocation(argument.Property)!, kind, layer,
                    $"{argument.Property} of activation {name} must be {rule}, but is {Format(value)}"));
            }
        }
        if (missing.Count > 0)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ActivationArgumentInvalid, attribute.ArgumentLocation("activation", activationPosition), kind, layer,
                $"activation {name} needs {string.Join(" and ", missing)} (Keras's {name} has no default for {(missing.Count == 1 ? "it" : "them")})"));
        }
        return new FastDense.Generators.Helpers.EquatableArray<double>(values);
    }

    /// <summary>What <paramref name="value"/> must be, if it is not.</summary>
    private static string? Problem(Range range, double value) => range switch
    {
        Range.Finite => double.IsNaN(value) || double.IsInfinity(value) ? "finite" : null,
        Range.NonNegative => !(value >= 0) || double.IsInfinity(value) ? "finite and not negative" : null,
        Range.Positive => !(value > 0) || double.IsInfinity(value) ? "finite and positive" : null,
        Range.NonNegativeOrNone => !(value >= 0) ? "not negative (+∞ for Keras's None)" : null,
        _ => null,
    };

    /// <summary>Whether every argument has Keras's default value (plain relu is then the fused one).</summary>
    public static bool AreDefaults(Activation activation, FastDense.Generators.Helpers.EquatableArray<double> values)
    {
        Argument[] takes = Of(activation);
        for (int i = 0; i < takes.Length && i < values.Count; i++)
        {
            if (takes[i].Default is not double fallback || !values[i].Equals(fallback)) return false;
        }
        return true;
    }

    /// <summary>
    /// The activation as Keras would print the call, with the arguments that differ from Keras's defaults:
    /// <c>leaky_relu</c>, <c>relu(max_value=6)</c>, <c>gelu(approximate=True)</c>. The runtime's description prints the same.
    /// </summary>
    public static string Text(DenseSpec dense) => Text(dense.Activation, dense.ActivationArguments);

    /// <summary><see cref="Text(DenseSpec)"/> of an activation and its arguments, in its operator's constructor order.</summary>
    public static string Text(Activation activation, FastDense.Generators.Helpers.EquatableArray<double> values)
    {
        string name = activation.KerasName();
        string[] arguments = NonDefault(activation, values).Select(a => a.Argument.Range == Range.Boolean
            ? $"{a.Argument.KerasName}={(a.Value != 0 ? "True" : "False")}"
            : $"{a.Argument.KerasName}={Format(a.Value)}").ToArray();
        return arguments.Length == 0 ? name : $"{name}({string.Join(", ", arguments)})";
    }

    /// <summary>The arguments that differ from Keras's defaults (every argument Keras requires), in order.</summary>
    public static IEnumerable<(Argument Argument, double Value)> NonDefault(DenseSpec dense) => NonDefault(dense.Activation, dense.ActivationArguments);

    /// <summary><see cref="NonDefault(DenseSpec)"/> of an activation and its arguments.</summary>
    public static IEnumerable<(Argument Argument, double Value)> NonDefault(Activation activation, FastDense.Generators.Helpers.EquatableArray<double> values)
    {
        Argument[] takes = Of(activation);
        for (int i = 0; i < takes.Length && i < values.Count; i++)
        {
            if (takes[i].Default is double fallback && values[i].Equals(fallback)) continue;
            yield return (takes[i], values[i]);
        }
    }

    /// <summary>
    /// The typed operator as generated code passes it: <c>default(…ReluActivation)</c> for an activation without
    /// arguments and for plain relu (the one the runtime fuses), else <c>new …LeakyReluActivation(0.2)</c>.
    /// </summary>
    public static string Operator(DenseSpec dense) => Operator(dense.Activation, dense.ActivationArguments);

    /// <summary><see cref="Operator(DenseSpec)"/> of an activation and its arguments.</summary>
    public static string Operator(Activation activation, FastDense.Generators.Helpers.EquatableArray<double> values)
    {
        Argument[] takes = Of(activation);
        string type = $"{RuntimeNames.Internals}.{activation}Activation";
        if (takes.Length == 0 || (activation == Activation.Relu && AreDefaults(activation, values)))
        {
            return $"default({type})";
        }
        IEnumerable<string> literals = takes.Select((a, i) => a.Range == Range.Boolean
            ? (values[i] != 0 ? "true" : "false")
            : Literal(values[i]));
        return $"new {type}({string.Join(", ", literals)})";
    }

    /// <summary>A double as C# source: <c>0.2</c>, <c>double.PositiveInfinity</c>.</summary>
    internal static string Literal(double value)
        => double.IsPositiveInfinity(value) ? "double.PositiveInfinity" : value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>A value in a message or a comment: <c>0.2</c>, <c>∞</c>, <c>NaN</c>.</summary>
    internal static string Format(double value)
        => double.IsPositiveInfinity(value) ? "+∞" : double.IsNegativeInfinity(value) ? "−∞" : value.ToString("R", CultureInfo.InvariantCulture);
}
