using Microsoft.CodeAnalysis;

namespace FastDense.Generators.Helpers;

internal static class IncrementalValuesProviderExtensions
{
    /// <summary>Drops null values (a model whose declaration is invalid emits no source).</summary>
    public static IncrementalValuesProvider<T> WhereNotNull<T>(this IncrementalValuesProvider<T?> source)
        where T : class
        => source.Where(static x => x is not null)!;
}
