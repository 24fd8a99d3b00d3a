using System.Collections.Concurrent;
using System.Diagnostics.Tracing;
using System.Globalization;
using System.Text;

namespace FastDense.JitCost;

/// <summary>
/// Pairs the runtime's MethodJittingStarted and MethodLoadVerbose events (JIT keyword) by method ID: the time between
/// them is the JIT compiling that method, plus any type loading and class constructors the compile triggers. Events
/// arrive on the thread that raised them, so a method's compile is timed on its own thread.
/// </summary>
internal sealed class JitListener : EventListener
{
    /// <summary>The runtime's event keyword for JIT events (ClrEtwAll's JitKeyword).</summary>
    private const EventKeywords JitKeyword = (EventKeywords)0x10;

    private readonly ConcurrentDictionary<ulong, (DateTime Start, string Name)> _started = new();
    private readonly ConcurrentQueue<Compile> _done = new();
    private readonly DateTime _created = DateTime.UtcNow;

    /// <summary>One method compiled: when it started (since the listener's creation), how long, and its name.</summary>
    private readonly record struct Compile(double AtMs, double Ms, string Name);

    protected override void OnEventSourceCreated(EventSource source)
    {
        if (source.Name == "Microsoft-Windows-DotNETRuntime") EnableEvents(source, EventLevel.Verbose, JitKeyword);
    }

    protected override void OnEventWritten(EventWrittenEventArgs e)
    {
        // Payload: [0] MethodID, ... [4] namespace (the declaring type), [5] name (the JIT's own event layout).
        if (e.Payload is not { Count: > 5 } payload || payload[0] is not ulong id) return;
        if (e.EventName == "MethodJittingStarted_V1")
        {
            _started[id] = (e.TimeStamp, $"{payload[4]}.{payload[5]}");
        }
        else if (e.EventName?.StartsWith("MethodLoadVerbose", StringComparison.Ordinal) == true && _started.TryRemove(id, out var start))
        {
            _done.Enqueue(new Compile((start.Start - _created).TotalMilliseconds, (e.TimeStamp - start.Start).TotalMilliseconds, start.Name));
        }
    }

    /// <summary>
    /// The total, the time per group (the methods over a generated model's kernel type in one group; the others by the
    /// first two parts of their type's name), then every method in the order compiled.
    /// </summary>
    public string Report()
    {
        Compile[] all = [.. _done];
        var text = new StringBuilder();
        var invariant = CultureInfo.InvariantCulture;
        text.AppendLine(invariant, $"{all.Length} methods compiled, {all.Sum(c => c.Ms):F1} ms");
        text.AppendLine("     ms  count  group");
        foreach (var group in all.GroupBy(c => Group(c.Name)).OrderByDescending(g => g.Sum(c => c.Ms)))
        {
            text.AppendLine(invariant, $"{group.Sum(c => c.Ms),7:F1} {group.Count(),6}  {group.Key}");
        }
        text.AppendLine();
        text.AppendLine("  at ms      ms  method");
        foreach (Compile c in all.OrderBy(c => c.AtMs)) text.AppendLine(invariant, $"{c.AtMs,7:F1} {c.Ms,7:F2}  {c.Name}");
        return text.ToString();
    }

    private static string Group(string name)
    {
        // A generated model's kernel is a nested type called Kernel (FastDense.Model`2[MyApp.MyNet+Kernel, ...]).
        if (name.Contains("+Kernel", StringComparison.Ordinal)) return "over the model's kernel type";
        string[] parts = name.Split('.', 3);
        return parts.Length > 2 ? $"{parts[0]}.{parts[1]}" : parts[0];
    }
}
