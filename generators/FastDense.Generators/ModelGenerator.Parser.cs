using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using FastDense.Generators.Diagnostics;
using FastDense.Generators.Helpers;
using FastDense.Generators.Layers;
using FastDense.Generators.Losses;
using FastDense.Generators.Model;
using FastDense.Metrics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace FastDense.Generators;

public sealed partial class ModelGenerator
{
    /// <summary>
    /// Reads one <c>[Model]</c> class into a <see cref="ModelSpec"/>, or into the diagnostics that explain why it
    /// cannot be generated. Every rule is checked, so one build reports every problem at once.
    /// </summary>
    internal static class Parser
    {
        /// <summary>The outcome of parsing: a spec (null when any error was found) and the diagnostics.</summary>
        internal sealed record Result(ModelSpec? Spec, EquatableArray<DiagnosticInfo> Diagnostics);

        public static Result Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
        {
            var classSyntax = (TypeDeclarationSyntax)context.TargetNode;
            var type = (INamedTypeSymbol)context.TargetSymbol;
            AttributeData modelAttribute = context.Attributes[0];
            var modelSyntax = modelAttribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken) as AttributeSyntax;
            var diagnostics = new List<DiagnosticInfo>();
            Location classLocation = classSyntax.Identifier.GetLocation();

            // The class and every type around it must be partial: the generated part re-declares them.
            if (!classSyntax.Modifiers.Any(SyntaxKind.PartialKeyword))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.TypeMustBePartial, classLocation, type.Name));
            }
            var containingTypes = new List<ContainingTypeSpec>();
            for (var parent = classSyntax.Parent as TypeDeclarationSyntax; parent is not null; parent = parent.Parent as TypeDeclarationSyntax)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (!parent.Modifiers.Any(SyntaxKind.PartialKeyword))
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.TypeMustBePartial, parent.Identifier.GetLocation(), parent.Identifier.ValueText));
                }
                containingTypes.Insert(0, new ContainingTypeSpec(KeywordOf(parent), parent.Identifier.ValueText));
            }

            for (INamedTypeSymbol? t = type; t is not null; t = t.ContainingType)
            {
                if (t.TypeParameters.Length > 0)
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.GenericTypeNotSupported, classLocation, type.Name));
                    break;
                }
            }

            if (classSyntax is not ClassDeclarationSyntax)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidModelClass, classLocation, type.Name,
                    "is a " + KeywordOf(classSyntax) + ", not a class"));
            }
            else if (type.IsStatic)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidModelClass, classLocation, type.Name, "is static"));
            }
            else if (type.BaseType is { SpecialType: not SpecialType.System_Object } baseType)
            {
                Location where = classSyntax.BaseList?.Types.FirstOrDefault()?.GetLocation() ?? classLocation;
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidModelClass, where, type.Name,
                    "already derives from " + baseType.ToDisplayString()));
            }

            // [Model(Inputs = ..., Loss = ..., ElementType = ...)]
            int inputs = 0;
            Loss loss = Loss.CategoricalCrossentropy; // a placeholder: without a written Loss, FD0013 withholds the spec
            bool lossRead = false;
            string elementType = "float";
            LossArgumentsSpec lossArguments = LossArgumentsSpec.Default;
            var lossArgumentsGiven = new List<(LossArgument Argument, double Value, Location Where)>();
            foreach (KeyValuePair<string, TypedConstant> argument in modelAttribute.NamedArguments)
            {
                Location where = NamedArgumentLocation(modelSyntax, argument.Key) ?? classLocation;
                if (LossArgument.All.FirstOrDefault(a => a.Name == argument.Key) is LossArgument lossArgument)
                {
                    // Delta, Alpha, Gamma, LabelSmoothing (double) and FromLogits, ApplyClassBalancing (bool): checked below, once the loss is known.
                    double? value = argument.Value.Value switch
                    {
                        double d => d,
                        bool b => b ? 1 : 0,
                        int i => i,
                        _ => null,
                    };
                    if (value is double given)
                    {
                        lossArguments = lossArguments.With(lossArgument, given);
                        lossArgumentsGiven.Add((lossArgument, given, where));
                    }
                    continue;
                }
                switch (argument.Key)
                {
                    case "Inputs" when argument.Value.Value is int value:
                        inputs = value;
                        break;
                    case "Loss" when argument.Value.Value is int value:
                        if (!Enum.IsDefined(typeof(Loss), value))
                        {
                            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UndefinedEnumValue, where, nameof(Loss), Format(value)));
                        }
                        loss = (Loss)value;
                        lossRead = true;
                        break;
                    case "Reduction" when argument.Value.Value is int value:
                        // Every loss's: not among a loss kind's operator arguments, the trainer applies it as row weights.
                        if (!Enum.IsDefined(typeof(LossReduction), value))
                        {
                            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UndefinedEnumValue, where, nameof(LossReduction), Format(value)));
                        }
                        lossArguments = lossArguments with { Reduction = (LossReduction)value };
                        break;
                    case "AlphaPerClass" when argument.Value is { Kind: TypedConstantKind.Array, IsNull: false } list:
                        // Checked against the loss and the output's width once the layers are read.
                        lossArguments = lossArguments with
                        {
                            AlphaPerClass = new EquatableArray<double>(list.Values.Select(v => v.Value is double d ? d : double.NaN).ToArray()),
                        };
                        break;
                    case "ElementType":
                        var elementSymbol = argument.Value.Value as ITypeSymbol;
                        switch (elementSymbol?.SpecialType)
                        {
                            case SpecialType.System_Single: elementType = "float"; break;
                            case SpecialType.System_Double: elementType = "double"; break;
                            default:
                                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedElementType, where,
                                    elementSymbol?.ToDisplayString() ?? "null"));
                                break;
                        }
                        break;
                }
            }
            EquatableArray<string> metrics = ParseMetrics(modelAttribute, modelSyntax, classLocation, diagnostics);
            // Keras's weighted_metrics: the same identifiers and rules, updated with the rows' sample weights.
            EquatableArray<string> weightedMetrics = ParseMetrics(modelAttribute, modelSyntax, classLocation, diagnostics, "WeightedMetrics");

            // Loss has no safe default: the enum's 0 would silently pick categorical cross-entropy, and a later
            // mismatch would then name a loss the user never wrote. Keras's compile(loss=...) demands one too.
            // Written but unbound (a compiler error of its own) still counts as set.
            if (!lossRead && NamedArgumentLocation(modelSyntax, "Loss") is null)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.LossNotSet, modelSyntax?.GetLocation() ?? classLocation,
                    type.Name, LossChoices()));
            }
            CheckLossArguments(lossRead && Enum.IsDefined(typeof(Loss), loss) ? LossKinds.Of(loss) : null, lossArguments, lossArgumentsGiven, diagnostics);
            if (inputs <= 0)
            {
                Location where = NamedArgumentLocation(modelSyntax, "Inputs") ?? modelSyntax?.GetLocation() ?? classLocation;
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InputsMustBePositive, where,
                    NamedArgumentLocation(modelSyntax, "Inputs") is null ? "not set" : Format(inputs)));
            }

            // The layer attributes ([Dense], [Dropout], ...), in the order written.
            var declared = new List<(AttributeSyntax Syntax, AttributeData Data, LayerKind Kind)>();
            foreach (AttributeData attribute in type.GetAttributes())
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (LayerKinds.ByAttribute(attribute.AttributeClass?.ToDisplayString()) is not LayerKind kind) continue;
                if (attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken) is AttributeSyntax syntax)
                {
                    declared.Add((syntax, attribute, kind));
                }
            }
            TypeDeclarationSyntax? firstOwner = declared.Count == 0 ? null : OwnerOf(declared[0].Syntax);
            if (declared.Any(d => OwnerOf(d.Syntax) != firstOwner))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.LayersSplitAcrossDeclarations, classLocation, type.Name));
            }
            declared.Sort((a, b) => a.Syntax.SpanStart.CompareTo(b.Syntax.SpanStart));

            var layers = new List<LayerSpec>(declared.Count);
            var attributes = new List<LayerAttribute>(declared.Count);
            for (int i = 0; i < declared.Count; i++)
            {
                (AttributeSyntax syntax, AttributeData data, LayerKind kind) = declared[i];
                var attribute = new LayerAttribute(syntax, data, i, declared.Count);
                if (kind.Parse(attribute, diagnostics) is LayerSpec layer)
                {
                    layers.Add(layer);
                    attributes.Add(attribute);
                }
            }
            // Checks that need each layer's input width, known once every layer is read (while the widths are valid).
            int width = inputs;
            for (int i = 0; i < layers.Count && width > 0; i++)
            {
                LayerKind kind = LayerKinds.Of(layers[i]);
                kind.CheckWidth(layers[i], width, attributes[i], diagnostics);
                width = kind.OutputWidth(layers[i], width);
            }

            if (declared.Count == 0)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NoLayers, classLocation, type.Name));
            }
            // Only a loss the user wrote, and that bound, is checked against the output: never the placeholder above.
            else if (lossRead && layers.Count == declared.Count && layers[layers.Count - 1] is DenseSpec output &&
                     Enum.IsDefined(typeof(Activation), output.Activation) &&
                     Enum.IsDefined(typeof(Loss), loss) && LossMismatch(loss, output.Activation, lossArguments) is string requirement)
            {
                Location where = NamedArgumentLocation(modelSyntax, "Loss") ?? modelSyntax?.GetLocation() ?? classLocation;
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.LossDoesNotFitOutput, where,
                    loss.ToString(), output.Activation.KerasName(), requirement));
            }

            if (lossArguments.AlphaPerClass.Count > 0)
            {
                int? classes = layers.Count > 0 && layers.Count == declared.Count && layers[layers.Count - 1] is DenseSpec final && final.Activation.OutputWidth(final.Units) > 0 ? final.Activation.OutputWidth(final.Units) : null;
                CheckAlphaPerClass(lossRead ? loss : null, lossArguments, classes, NamedArgumentLocation(modelSyntax, "AlphaPerClass") ?? classLocation, diagnostics);
            }

            if (layers.Count > 0 && layers.Count == declared.Count && layers[layers.Count - 1] is DenseSpec last && last.Activation.OutputWidth(last.Units) > 0)
            {
                // Sparse categorical cross-entropy's targets are class indices: one a row, whatever the output width.
                int outputs = last.Activation.OutputWidth(last.Units);
                bool classIndices = loss == Loss.SparseCategoricalCrossentropy && outputs > 1;
                MetricMisfits(metrics, outputs, classIndices, modelSyntax, classLocation, diagnostics);
                MetricMisfits(weightedMetrics, outputs, classIndices, modelSyntax, classLocation, diagnostics, "WeightedMetrics");
            }

            ModelSpec? spec = diagnostics.Count > 0 ? null : new ModelSpec(
                Namespace: type.ContainingNamespace.IsGlobalNamespace ? null : type.ContainingNamespace.ToDisplayString(),
                ContainingTypes: new EquatableArray<ContainingTypeSpec>(containingTypes.ToArray()),
                ClassName: type.Name,
                Inputs: inputs,
                Loss: loss,
                ElementType: elementType,
                Layers: new EquatableArray<LayerSpec>(layers.ToArray()))
            {
                Metrics = metrics,
                WeightedMetrics = weightedMetrics,
                LossArguments = lossArguments,
            };
            return new Result(spec, new EquatableArray<DiagnosticInfo>(diagnostics.ToArray()));
        }

        /// <summary>
        /// FD0012 for one declaration carrying <c>[Dense]</c>, or null. A class with <c>[Model]</c> on any of its partial
        /// declarations is the main pipeline's to check. Of a class without one, only the declaration holding its first
        /// <c>[Dense]</c> reports, so a class split over several declarations gets the error once.
        /// </summary>
        public static DiagnosticInfo? DenseWithoutModel(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
        {
            var type = (INamedTypeSymbol)context.TargetSymbol;
            AttributeData? firstDense = null;
            foreach (AttributeData attribute in type.GetAttributes())
            {
                cancellationToken.ThrowIfCancellationRequested();
                string? name = attribute.AttributeClass?.ToDisplayString();
                if (name == ModelAttributeName) return null;
                if (name == DenseAttributeName) firstDense ??= attribute;
            }
            SyntaxReference? first = firstDense?.ApplicationSyntaxReference;
            if (first is null || first.SyntaxTree != context.TargetNode.SyntaxTree || !context.TargetNode.Span.Contains(first.Span))
            {
                return null;
            }
            return DiagnosticInfo.Create(DiagnosticDescriptors.DenseWithoutModel, first.GetSyntax(cancellationToken).GetLocation(), type.Name);
        }

        /// <summary>
        /// <c>Metrics = new[] { "accuracy", "auc" }</c>: each a known Keras identifier (FD0016), none twice, none of a
        /// metric that needs arguments (FD0017) and none meaningless for the output (FD0017), reported at the element.
        /// </summary>
        private static EquatableArray<string> ParseMetrics(AttributeData modelAttribute, AttributeSyntax? modelSyntax, Location classLocation, List<DiagnosticInfo> diagnostics,
            string property = "Metrics")
        {
            TypedConstant? written = null;
            foreach (KeyValuePair<string, TypedConstant> argument in modelAttribute.NamedArguments)
            {
                if (argument.Key == property) written = argument.Value;
            }
            if (written is not TypedConstant { Kind: TypedConstantKind.Array, IsNull: false } array) return EquatableArray<string>.Empty;

            Location whole = NamedArgumentLocation(modelSyntax, property) ?? classLocation;
            IReadOnlyList<ExpressionSyntax> elements = ElementsOf(modelSyntax, property);
            var names = new List<string>();
            for (int i = 0; i < array.Values.Length; i++)
            {
                Location where = i < elements.Count ? elements[i].GetLocation() : whole;
                if (array.Values[i].Value is not string name)
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnknownMetric, where, "null", string.Join(", ", MetricNames.Known)));
                    continue;
                }
                if (MetricNames.NeedsArguments(name) is string needs)
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.MetricDoesNotFit, where, name, needs));
                    continue;
                }
                if (Array.IndexOf(MetricNames.Known, name) < 0)
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnknownMetric, where, name, string.Join(", ", MetricNames.Known)));
                    continue;
                }
                if (names.Contains(name))
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.MetricDoesNotFit, where, name,
                        "is listed twice; each metric's name is a key of the history and the logs"));
                    continue;
                }
                names.Add(name);
            }
            return new EquatableArray<string>(names.ToArray());
        }

        /// <summary>FD0017 for each declared metric that means nothing for a model with <paramref name="outputs"/> outputs.</summary>
        private static void MetricMisfits(EquatableArray<string> metrics, int outputs, bool classIndices, AttributeSyntax? modelSyntax, Location classLocation, List<DiagnosticInfo> diagnostics,
            string property = "Metrics")
        {
            IReadOnlyList<ExpressionSyntax> elements = ElementsOf(modelSyntax, property);
            foreach (string name in metrics)
            {
                if (MetricNames.Misfit(name, outputs, classIndices) is not string why) continue;
                Location where = elements.FirstOrDefault(e => e is LiteralExpressionSyntax literal && literal.Token.ValueText == name)?.GetLocation()
                    ?? NamedArgumentLocation(modelSyntax, property) ?? classLocation;
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.MetricDoesNotFit, where, name,
                    $"does not fit a model with {outputs.ToString(System.Globalization.CultureInfo.InvariantCulture)} output{(outputs == 1 ? "" : "s")}: {why}"));
            }
        }

        /// <summary>The element expressions of an array argument (<c>new[] { … }</c>, <c>new string[] { … }</c> or <c>[ … ]</c>).</summary>
        private static IReadOnlyList<ExpressionSyntax> ElementsOf(AttributeSyntax? attribute, string name)
        {
            ExpressionSyntax? expression = attribute?.ArgumentList?.Arguments.FirstOrDefault(a => a.NameEquals?.Name.Identifier.ValueText == name)?.Expression;
            return expression switch
            {
                ArrayCreationExpressionSyntax { Initializer: { } initializer } => initializer.Expressions,
                ImplicitArrayCreationExpressionSyntax implicitArray => implicitArray.Initializer.Expressions,
                CollectionExpressionSyntax collection => collection.Elements.OfType<ExpressionElementSyntax>().Select(e => e.Expression).ToList(),
                _ => Array.Empty<ExpressionSyntax>(),
            };
        }

        /// <summary>Why <paramref name="loss"/> with <paramref name="arguments"/> cannot train a model whose last layer uses <paramref name="output"/>, or null.</summary>
        internal static string? LossMismatch(Loss loss, Activation output, LossArgumentsSpec arguments) => LossKinds.Of(loss).Mismatch(output, arguments);

        /// <summary>Why <paramref name="loss"/> with Keras's default arguments cannot train a model whose last layer uses <paramref name="output"/>, or null.</summary>
        internal static string? LossMismatch(Loss loss, Activation output) => LossMismatch(loss, output, LossArgumentsSpec.Default);

        /// <summary>
        /// FD0022 for each loss argument given: out of its range, not an argument of <paramref name="kind"/> (when the
        /// loss is known: written and defined), or without effect as given. Reported at the argument's expression.
        /// </summary>
        private static void CheckLossArguments(LossKind? kind, LossArgumentsSpec arguments,
            List<(LossArgument Argument, double Value, Location Where)> given, List<DiagnosticInfo> diagnostics)
        {
            foreach ((LossArgument argument, double value, Location where) in given)
            {
                if (kind is not null && !kind.Arguments.Contains(argument))
                {
                    string[] takers = LossKinds.All.Where(k => k.Arguments.Contains(argument)).Select(k => "Loss." + k.Loss).ToArray();
                    string who = takers.Length == 0 ? "no loss takes it"
                        : takers.Length == 1 ? $"only {takers[0]} takes it"
                        : $"only {string.Join(", ", takers, 0, takers.Length - 1)} and {takers[takers.Length - 1]} take it";
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.LossArgumentInvalid, where, argument.Name,
                        $"is not an argument of Loss.{kind.Loss}: {who}"));
                    continue;
                }
                if (argument.OutOfRange(value) is string range)
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.LossArgumentInvalid, where, argument.Name,
                        $"{range}, but is {value.ToString("R", System.Globalization.CultureInfo.InvariantCulture)}"));
                    continue;
                }
                if (kind?.ArgumentWithoutEffect(argument, arguments) is string why)
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.LossArgumentInvalid, where, argument.Name, why));
                }
            }
        }

        /// <summary>
        /// FD0022 for <c>AlphaPerClass</c>: only categorical focal cross-entropy takes it, not with <c>Alpha</c> (Keras's one
        /// <c>alpha</c>), one entry a class of the output, each finite and not negative.
        /// </summary>
        private static void CheckAlphaPerClass(Loss? loss, LossArgumentsSpec arguments, int? classes, Location where, List<DiagnosticInfo> diagnostics)
        {
            void Report(string why) => diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.LossArgumentInvalid, where, "AlphaPerClass", why));
            if (loss is Loss written && written != Loss.CategoricalFocalCrossentropy)
            {
                Report($"is not an argument of Loss.{written}: only Loss.CategoricalFocalCrossentropy takes it");
            }
            else if (arguments.Alpha != LossArgumentsSpec.Default.Alpha)
            {
                Report("and Alpha are one Keras argument (alpha, a scalar or a list): give one of them");
            }
            else if (classes is int count && arguments.AlphaPerClass.Count != count)
            {
                Report($"must have one entry a class, {Format(count)} for the output layer's units, but has {Format(arguments.AlphaPerClass.Count)}");
            }
            else if (arguments.AlphaPerClass.FirstOrDefault(a => !(a >= 0) || double.IsInfinity(a)) is double bad && (!(bad >= 0) || double.IsInfinity(bad)))
            {
                Report($"entries must be finite and not negative, but one is {bad.ToString("R", System.Globalization.CultureInfo.InvariantCulture)}");
            }
        }

        /// <summary>The Loss members as they are written in code, read from the enum so that a new loss is listed too.</summary>
        private static string LossChoices()
        {
            string[] names = Enum.GetNames(typeof(Loss)).Select(n => "Loss." + n).ToArray();
            return names.Length == 1 ? names[0] : string.Join(", ", names, 0, names.Length - 1) + " or " + names[names.Length - 1];
        }

        private static TypeDeclarationSyntax? OwnerOf(AttributeSyntax attribute) => attribute.Parent?.Parent as TypeDeclarationSyntax;

        private static Location? NamedArgumentLocation(AttributeSyntax? attribute, string name)
            => attribute?.ArgumentList?.Arguments
                .FirstOrDefault(a => a.NameEquals?.Name.Identifier.ValueText == name)?
                .Expression.GetLocation();

        private static string KeywordOf(TypeDeclarationSyntax type) => type switch
        {
            RecordDeclarationSyntax r when r.ClassOrStructKeyword.IsKind(SyntaxKind.StructKeyword) => "record struct",
            RecordDeclarationSyntax => "record",
            StructDeclarationSyntax => "struct",
            InterfaceDeclarationSyntax => "interface",
            _ => "class",
        };

        private static string Format(int value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
