using System.Reflection;

namespace FastDense.Plotting.Tests;

/// <summary>
/// The test assembly's entry point, for <see cref="LoadingTests"/>: <c>dotnet FastDense.Plotting.Tests.dll plot
/// LABELS</c> draws one plot in a fresh process (the lesson's options with LABELS "latin", or a Hebrew y label with
/// "hebrew") and prints the name of every managed assembly then loaded, one a line, then each file mapped into the
/// process's memory whose name holds "HarfBuzz" (native libraries and assemblies alike) as "mapped NAME" (Linux only).
/// </summary>
internal static class LoadProbe
{
    public static int Main(string[] args)
    {
        if (args is not ["plot", "latin" or "hebrew"])
        {
            Console.Error.WriteLine("usage: FastDense.Plotting.Tests.dll plot latin|hebrew");
            return 2;
        }
        HistoryPlotOptions options = args[1] == "latin"
            ? HistoryPlotOptions.Lesson
            : new HistoryPlotOptions { Keys = ["accuracy", "val_accuracy"], YLabel = "דיוק", YLimits = (0, 1), Legend = LegendLocation.LowerRight };
        using var stream = new MemoryStream();
        HistoryPlot.Save(Histories.Classifier, stream, PlotFormat.Png, options);
        if (stream.Length == 0) return 1;

        foreach (Assembly assembly in AppDomain.CurrentDomain.GetAssemblies()) Console.WriteLine(assembly.GetName().Name);
        if (File.Exists("/proc/self/maps"))
        {
            foreach (string line in File.ReadLines("/proc/self/maps").Where(l => l.Contains("HarfBuzz", StringComparison.Ordinal)).Select(l => Path.GetFileName(l.Split(' ')[^1])).Distinct())
            {
                Console.WriteLine("mapped " + line);
            }
        }
        return 0;
    }
}
