using System.Diagnostics;

namespace FastDense.Plotting.Tests;

/// <summary>
/// Plain labels never load the shaping code: a fresh process that draws the lesson's plot (Latin labels) has not loaded
/// HarfBuzzSharp or SkiaSharp.HarfBuzz, managed or native; the same process with a Hebrew label has (which shows the
/// probe sees them when they are loaded). Each runs <see cref="LoadProbe"/> as a child process: this test process has
/// loaded everything already.
/// </summary>
public class LoadingTests
{
    [Fact]
    public void LatinLabels_LoadNoHarfBuzz()
    {
        List<string> loaded = Probe("latin");
        Assert.Contains("FastDense.Plotting", loaded);
        Assert.Contains("SkiaSharp", loaded);
        Assert.DoesNotContain("HarfBuzzSharp", loaded);
        Assert.DoesNotContain("SkiaSharp.HarfBuzz", loaded);
        Assert.DoesNotContain(loaded, name => name.StartsWith("mapped ", StringComparison.Ordinal));
    }

    [Fact]
    public void AHebrewLabel_LoadsHarfBuzz()
    {
        List<string> loaded = Probe("hebrew");
        Assert.Contains("HarfBuzzSharp", loaded);
        Assert.Contains("SkiaSharp.HarfBuzz", loaded);
        if (OperatingSystem.IsLinux()) Assert.Contains("mapped libHarfBuzzSharp.so", loaded);
    }

    /// <summary>Runs the probe in a fresh process; the lines it printed.</summary>
    private static List<string> Probe(string labels)
    {
        // The SDK's host, as the test host was started with (DOTNET_HOST_PATH); else the one on the PATH.
        string dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";
        var start = new ProcessStartInfo(dotnet)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(typeof(LoadProbe).Assembly.Location);
        start.ArgumentList.Add("plot");
        start.ArgumentList.Add(labels);
        using Process process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {dotnet}");
        Task<string> error = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(2)), "the probe did not finish in 2 minutes");
        Assert.True(process.ExitCode == 0, $"the probe exited with {process.ExitCode}: {error.Result}");
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
    }
}
