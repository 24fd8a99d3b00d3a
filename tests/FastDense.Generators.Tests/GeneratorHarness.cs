extern alias Runtime;

using System.Collections;
using System.Collections.Immutable;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace FastDense.Generators.Tests;

/// <summary>
/// Runs the real generator on source text, the way the compiler does, and checks what every generator test must
/// hold: the output compiles with no warning or error, a second run on an unchanged compilation is fully cached,
/// and no Roslyn symbol, syntax node or compilation is reachable from what the pipelines cache (checked on every run).
/// </summary>
internal static class GeneratorHarness
{
    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest, DocumentationMode.Diagnose);

    private static readonly ImmutableArray<MetadataReference> References = Basic.Reference.Assemblies.Net100.References.All
        .Cast<MetadataReference>()
        .Append(MetadataReference.CreateFromFile(typeof(Runtime::FastDense.ModelAttribute).Assembly.Location))
        .ToImmutableArray();

    public sealed record Result(GeneratorRunResult Run, ImmutableArray<Diagnostic> GeneratorDiagnostics, Compilation Output);

    /// <summary>Runs the generator; with <paramref name="expectValid"/>, also demands clean, cached output.</summary>
    public static Result Run(string source, bool expectValid = true)
    {
        CSharpCompilation compilation = CreateCompilation(source);
        GeneratorDriver driver = CreateDriver();
        driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out _);
        GeneratorRunResult run = driver.GetRunResult().Results.Single();
        if (run.Exception is not null) throw new InvalidOperationException("The generator threw.", run.Exception);
        // Invalid declarations too: the diagnostics they cache must not root the compilation either.
        AssertNoRoslynObjectsInSpecs(run);

        if (expectValid)
        {
            Assert.Empty(run.Diagnostics);
            Diagnostic[] problems = output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToArray();
            Assert.True(problems.Length == 0, "Generated code does not compile cleanly:\n" + string.Join("\n", problems.Select(p => p.ToString())));
            AssertCachedOnSecondRun(driver, compilation);
        }
        return new Result(run, run.Diagnostics, output);
    }

    public static CSharpCompilation CreateCompilation(string source) => CSharpCompilation.Create(
        "GeneratorTests",
        [CSharpSyntaxTree.ParseText(source, ParseOptions, path: "Models.cs")],
        References,
        new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

    public static GeneratorDriver CreateDriver() => CSharpGeneratorDriver.Create(
        [new ModelGenerator().AsSourceGenerator()],
        parseOptions: ParseOptions,
        driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    /// <summary>Every tracked step of a re-run on an equal compilation (plus an unrelated new file) must be Cached or Unchanged.</summary>
    private static void AssertCachedOnSecondRun(GeneratorDriver driver, CSharpCompilation compilation)
    {
        Compilation changed = compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("internal class Unrelated { }", ParseOptions, path: "Unrelated.cs"));
        GeneratorRunResult second = driver.RunGenerators(changed).GetRunResult().Results.Single();
        // Every valid model has [Dense], so the FD0012 pipeline runs on it too and must be cached as well.
        AssertCached(second, TrackingNames.Parse, TrackingNames.Spec, TrackingNames.Diagnostics, TrackingNames.DenseWithoutModel);
    }

    /// <summary>Every output of each named step must be Cached or Unchanged, and each step must have run.</summary>
    public static void AssertCached(GeneratorRunResult second, params string[] steps)
    {
        foreach (string step in steps)
        {
            Assert.True(second.TrackedSteps.ContainsKey(step), $"step {step} was not tracked");
            foreach (IncrementalGeneratorRunStep run in second.TrackedSteps[step])
            {
                foreach ((object _, IncrementalStepRunReason reason) in run.Outputs)
                {
                    Assert.True(reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged,
                        $"step {step} re-ran ({reason}) on an unchanged model");
                }
            }
        }
    }

    /// <summary>Walks every object reachable from the outputs of the steps that read symbols, failing on Roslyn objects.</summary>
    private static void AssertNoRoslynObjectsInSpecs(GeneratorRunResult run)
    {
        var seen = new HashSet<object>(ReferenceEqualityComparer.Instance);
        foreach (string name in new[] { TrackingNames.Parse, TrackingNames.DenseWithoutModel })
        {
            if (!run.TrackedSteps.TryGetValue(name, out ImmutableArray<IncrementalGeneratorRunStep> steps)) continue;
            foreach (IncrementalGeneratorRunStep step in steps)
            {
                foreach ((object value, _) in step.Outputs) Walk(value, name + " output", seen);
            }
        }
    }

    private static void Walk(object? value, string path, HashSet<object> seen)
    {
        if (value is null || value is string || value.GetType().IsPrimitive || value.GetType().IsEnum) return;
        Type type = value.GetType();
        Assert.False(value is ISymbol or SyntaxNode or Compilation or SemanticModel or SyntaxTree,
            $"{path} holds a {type.Name}, which roots the compilation");
        if (value is Location location)
        {
            Assert.Fail($"{path} holds a Location ({location}); use LocationInfo");
        }
        if (value is DiagnosticDescriptor || value is Microsoft.CodeAnalysis.Text.TextSpan || value is Microsoft.CodeAnalysis.Text.LinePositionSpan) return;
        if (!type.IsValueType && !seen.Add(value)) return;
        if (value is IEnumerable items)
        {
            int i = 0;
            foreach (object? item in items) Walk(item, $"{path}[{i++}]", seen);
        }
        foreach (FieldInfo field in type.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic))
        {
            Walk(field.GetValue(value), $"{path}.{field.Name}", seen);
        }
    }
}
