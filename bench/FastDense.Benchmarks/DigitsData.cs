using FastDense.Data;

namespace FastDense.Benchmarks;

/// <summary>
/// The digits data as the Keras lesson (samples/Digits) prepares it: raw pixel counts, one-hot labels, and
/// <c>train_test_split(test_size=0.2, seed 42)</c>. Fit's <c>ValidationSplit = 0.2</c> then keeps the first
/// <see cref="FitRows"/> training rows and validates on the last <see cref="ValidationRows"/>.
/// Loaded once per benchmark process; the sizes are checked so the samples/s columns cannot silently drift.
/// </summary>
public sealed class DigitsData
{
    /// <summary>All digits.</summary>
    public const int Rows = 1797;

    /// <summary>80 % of the digits: 1797 - ceil(0.2 · 1797).</summary>
    public const int TrainRows = 1437;

    /// <summary>The rows Fit trains on with ValidationSplit 0.2: floor(1437 · 0.8).</summary>
    public const int FitRows = 1149;

    /// <summary>The rows Fit validates on with ValidationSplit 0.2: 1437 - 1149.</summary>
    public const int ValidationRows = TrainRows - FitRows;

    /// <summary>The lesson's validation split.</summary>
    public const double ValidationSplit = 0.2;

    private DigitsData()
    {
        Dataset digits = Datasets.LoadDigits();
        X = digits.Features;
        Y = OneHot.Encode(digits.Labels(), classCount: DigitsNet.OutputSize);
        (XTrain, _, YTrain, _) = TrainTestSplit.Split(X, Y, digits.Rows, testSize: 0.2, seed: 42);
        Check(digits.Rows, Rows, "digits");
        Check(XTrain.Length / DigitsNet.InputSize, TrainRows, "training");
        Check((int)Math.Floor(TrainRows * (1.0 - ValidationSplit)), FitRows, "Fit's training");
    }

    /// <summary>The one copy per process.</summary>
    public static DigitsData Instance { get; } = new();

    /// <summary>All 1797 digits, (1797, 64).</summary>
    public float[] X { get; }

    /// <summary>All one-hot labels, (1797, 10).</summary>
    public float[] Y { get; }

    /// <summary>The lesson's training rows, (1437, 64).</summary>
    public float[] XTrain { get; }

    /// <summary>The lesson's training labels, (1437, 10).</summary>
    public float[] YTrain { get; }

    private static void Check(int actual, int expected, string what)
    {
        if (actual != expected)
        {
            throw new InvalidOperationException($"Expected {expected} {what} rows but got {actual}: update the benchmark constants.");
        }
    }
}
