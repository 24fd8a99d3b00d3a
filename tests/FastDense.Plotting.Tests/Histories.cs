using FastDense.Data;

namespace FastDense.Plotting.Tests;

/// <summary>Histories made by real Fit runs, trained once per test run and shared (a History is read-only to its users).</summary>
internal static class Histories
{
    private static readonly Lazy<History> s_classifier = new(TrainClassifier(converged: false));
    private static readonly Lazy<History> s_converged = new(TrainClassifier(converged: true));

    /// <summary>Ten epochs of <see cref="TwoClassNet"/> from scratch with a validation split: accuracy rises from low.</summary>
    public static History Classifier => s_classifier.Value;

    /// <summary>
    /// Five epochs of a <see cref="TwoClassNet"/> already trained to convergence on labels of which one in 20 is
    /// flipped: every accuracy is high but below 1, so no line hides under the frame's top edge.
    /// </summary>
    public static History Converged => s_converged.Value;

    /// <summary>Separable points: class 1 when x0 + x1 > 0, kept 0.2 away from the boundary.</summary>
    public static (float[] X, float[] Y) TwoClasses(int rows, int seed, int flipEvery = 0)
    {
        var random = new Random(seed);
        var x = new float[rows * 2];
        var labels = new int[rows];
        for (int r = 0; r < rows; r++)
        {
            float a, b;
            do
            {
                a = (float)(random.NextDouble() * 2 - 1);
                b = (float)(random.NextDouble() * 2 - 1);
            }
            while (Math.Abs(a + b) < 0.2f);
            x[2 * r] = a;
            x[2 * r + 1] = b;
            labels[r] = (a + b > 0) ^ (flipEvery > 0 && r % flipEvery == 0) ? 1 : 0;
        }
        return (x, OneHot.Encode(labels, classCount: 2));
    }

    /// <summary>Rows for <see cref="LineNet"/>: y = x0 - 2 x1.</summary>
    public static (float[] X, float[] Y) Line(int rows, int seed)
    {
        var random = new Random(seed);
        float[] x = Enumerable.Range(0, rows * 2).Select(_ => (float)random.NextDouble()).ToArray();
        float[] y = Enumerable.Range(0, rows).Select(r => x[2 * r] - 2 * x[2 * r + 1]).ToArray();
        return (x, y);
    }

    private static Func<History> TrainClassifier(bool converged) => () =>
    {
        (float[] x, float[] y) = TwoClasses(rows: 400, seed: 1, flipEvery: converged ? 20 : 0);
        var model = new TwoClassNet(seed: 2);
        if (converged) model.Fit(x, y, new FitOptions { Epochs = 40, BatchSize = 16, Verbose = 0 });
        return model.Fit(x, y, new FitOptions { Epochs = converged ? 5 : 10, BatchSize = 16, ValidationSplit = 0.25, Verbose = 0 });
    };
}
