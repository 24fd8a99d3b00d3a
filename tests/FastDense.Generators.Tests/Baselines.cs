using System.Runtime.CompilerServices;

namespace FastDense.Generators.Tests;

/// <summary>
/// Checked-in expected outputs: Baselines/{Scenario}/{generated file name}.txt. A missing or different baseline fails.
/// To accept new output, run the tests with FASTDENSE_UPDATE_BASELINES=1: that rewrites the scenario's baselines and
/// deletes stale ones; review the diff before committing. The generator's version is stored as %VERSION%.
/// </summary>
internal static class Baselines
{
    private const string UpdateVariable = "FASTDENSE_UPDATE_BASELINES";

    public static void Verify(string scenario, IReadOnlyList<(string HintName, string Source)> generated, [CallerFilePath] string thisFile = "")
    {
        string folder = Path.Combine(Path.GetDirectoryName(thisFile)!, "Baselines", scenario);
        bool update = Environment.GetEnvironmentVariable(UpdateVariable) == "1";
        var expectedNames = generated.Select(g => g.HintName + ".txt").Order(StringComparer.Ordinal).ToArray();

        if (update)
        {
            Directory.CreateDirectory(folder);
            foreach (string stale in Directory.GetFiles(folder, "*.txt").Where(f => !expectedNames.Contains(Path.GetFileName(f))))
            {
                File.Delete(stale);
            }
            foreach ((string hintName, string source) in generated)
            {
                File.WriteAllText(Path.Combine(folder, hintName + ".txt"), Normalize(source));
            }
            return;
        }

        string accept = $"Run with {UpdateVariable}=1 to accept the current output, then review the diff.";
        Assert.True(Directory.Exists(folder), $"No baselines for scenario '{scenario}' at {folder}. {accept}");
        string[] actualNames = Directory.GetFiles(folder, "*.txt").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray()!;
        Assert.True(expectedNames.SequenceEqual(actualNames),
            $"Scenario '{scenario}': generated files [{string.Join(", ", expectedNames)}] but baselines hold [{string.Join(", ", actualNames)}]. {accept}");
        foreach ((string hintName, string source) in generated)
        {
            string expected = File.ReadAllText(Path.Combine(folder, hintName + ".txt")).ReplaceLineEndings("\n");
            string actual = Normalize(source);
            if (expected != actual)
            {
                int line = FirstDifferentLine(expected, actual, out string expectedLine, out string actualLine);
                Assert.Fail($"Scenario '{scenario}', {hintName}: differs from its baseline at line {line}:\n  expected: {expectedLine}\n  actual:   {actualLine}\n{accept}");
            }
        }
    }

    private static string Normalize(string source)
        => source.ReplaceLineEndings("\n").Replace(ModelGenerator.Emitter.Version, "%VERSION%", StringComparison.Ordinal);

    private static int FirstDifferentLine(string expected, string actual, out string expectedLine, out string actualLine)
    {
        string[] e = expected.Split('\n'), a = actual.Split('\n');
        for (int i = 0; i < Math.Max(e.Length, a.Length); i++)
        {
            expectedLine = i < e.Length ? e[i] : "<end of file>";
            actualLine = i < a.Length ? a[i] : "<end of file>";
            if (expectedLine != actualLine) return i + 1;
        }
        expectedLine = actualLine = "";
        return 0;
    }
}
