using FastDense.Generators.Helpers;
using Microsoft.CodeAnalysis;

namespace FastDense.Generators.Diagnostics;

/// <summary>A diagnostic waiting to be reported: equatable, so it can flow through the incremental pipeline.</summary>
/// <param name="Descriptor">Which rule (descriptors are singletons, compared by reference).</param>
/// <param name="Location">Where, or <see langword="null"/> for no source location.</param>
/// <param name="MessageArgs">The <c>{0}</c>, <c>{1}</c>... of the message, already formatted.</param>
internal sealed record DiagnosticInfo(DiagnosticDescriptor Descriptor, LocationInfo? Location, EquatableArray<string> MessageArgs)
{
    public static DiagnosticInfo Create(DiagnosticDescriptor descriptor, Location? location, params string[] args)
        => new(descriptor, LocationInfo.From(location), new EquatableArray<string>(args));

    public Diagnostic ToDiagnostic()
        => Diagnostic.Create(Descriptor, Location?.ToLocation(), System.Linq.Enumerable.ToArray<object?>(MessageArgs));
}
