using FastDense.Generators.Diagnostics;
using FastDense.Generators.Helpers;
using FastDense.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace FastDense.Generators;

/// <summary>
/// Turns each <c>[FastDense.Model]</c> partial class into fixed-shape training code. The pipeline is
/// parse (symbols to an equatable <see cref="ModelSpec"/> plus diagnostics), then emit (spec to source).
/// Source and diagnostics are separate outputs, so a diagnostic that moves by a line does not re-emit source.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed partial class ModelGenerator : IIncrementalGenerator
{
    internal const string ModelAttributeName = "FastDense.ModelAttribute";
    internal const string DenseAttributeName = "FastDense.DenseAttribute";

    /// <inheritdoc />
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        IncrementalValuesProvider<Parser.Result> parsed = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                ModelAttributeName,
                // Any type declaration: a [Model] on a struct or record must be reported, not skipped.
                static (node, _) => node is TypeDeclarationSyntax,
                static (ctx, ct) => Parser.Parse(ctx, ct))
            .WithTrackingName(TrackingNames.Parse);

        IncrementalValuesProvider<ModelSpec> specs = parsed
            .Select(static (result, _) => result.Spec)
            .WhereNotNull()
            .WithTrackingName(TrackingNames.Spec);

        IncrementalValuesProvider<EquatableArray<DiagnosticInfo>> diagnostics = parsed
            .Select(static (result, _) => result.Diagnostics)
            .WithTrackingName(TrackingNames.Diagnostics);

        context.RegisterSourceOutput(specs, static (spc, spec) =>
        {
            spc.CancellationToken.ThrowIfCancellationRequested();
            spc.AddSource(Emitter.HintName(spec), Emitter.Emit(spec));
        });

        context.RegisterSourceOutput(diagnostics, static (spc, items) =>
        {
            foreach (DiagnosticInfo item in items) spc.ReportDiagnostic(item.ToDiagnostic());
        });
    }
}
