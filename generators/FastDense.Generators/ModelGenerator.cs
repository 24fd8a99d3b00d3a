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

        // A second, diagnostics-only pipeline: [Dense] with no [Model] never reaches the one above. It reads only the
        // class's attributes and carries an equatable DiagnosticInfo, so it leaves the model pipeline's caching alone.
        // Nulls are not filtered out before the output: a step whose values all stop short of an output is left out
        // of the driver's tracked steps, and the harness could then not check that this pipeline is cached.
        IncrementalValuesProvider<DiagnosticInfo?> denseWithoutModel = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                DenseAttributeName,
                static (node, _) => node is TypeDeclarationSyntax,
                static (ctx, ct) => Parser.DenseWithoutModel(ctx, ct))
            .WithTrackingName(TrackingNames.DenseWithoutModel);

        context.RegisterSourceOutput(specs, static (spc, spec) =>
        {
            spc.CancellationToken.ThrowIfCancellationRequested();
            spc.AddSource(Emitter.HintName(spec), Emitter.Emit(spec));
        });

        context.RegisterSourceOutput(diagnostics, static (spc, items) =>
        {
            foreach (DiagnosticInfo item in items) spc.ReportDiagnostic(item.ToDiagnostic());
        });

        context.RegisterSourceOutput(denseWithoutModel, static (spc, item) =>
        {
            if (item is not null) spc.ReportDiagnostic(item.ToDiagnostic());
        });
    }
}
