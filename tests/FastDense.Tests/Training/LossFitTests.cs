using System.Numerics;
using FastDense.Data;
using FastDense.Tests.GradientChecks;
using FastDense.Tests.Models;

namespace FastDense.Tests.Training;

/// <summary>
/// Keras 3's losses (keras/src/losses/losses.py) in <c>Fit</c> and <c>Evaluate</c>: a short fit lowers each one, the
/// reported value is the loss with the arguments the model declared (recomputed here from Keras's formula), and targets
/// a loss cannot take are refused with a message that names the value and says why.
/// </summary>
public class LossFitTests
{
    /// <summary>Rows of inputs in [-1, 1] and targets the loss accepts, drawn from a fixed seed.</summary>
    private static (T[] X, T[] Y) Data<TKernel, T>(int rows, int seed)
        where TKernel : struct, IModelKernel<T>
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var random = new Random(seed);
        T[] x = Enumerable.Range(0, rows * TKernel.InputSize).Select(_ => T.CreateTruncating(2 * random.NextDouble() - 1)).ToArray();
        T[] y = GradientChecker.TargetsFor(TKernel.Loss, TKernel.OutputSize)(random, rows * TKernel.Description.TargetWidth).Select(T.CreateTruncating).ToArray();
        return (x, y);
    }

    private static void FitLowersTheLoss<TKernel, T>(Model<TKernel, T> model)
        where TKernel : struct, IModelKernel<T>
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        (T[] x, T[] y) = Data<TKernel, T>(64, seed: 5);
        model.Optimizer = new Adam(learningRate: 0.01);
        double before = model.Evaluate(x, y).Loss;
        History history = model.Fit(x, y, new FitOptions { Epochs = 20, BatchSize = 16, Verbose = 0 });
        double after = model.Evaluate(x, y).Loss;
        Assert.True(double.IsFinite(after) && after < before, $"{TKernel.Loss}: {before} before, {after} after 20 epochs");
        Assert.True(history.Loss[^1] < history.Loss[0], $"{TKernel.Loss}: history {history.Loss[0]} -> {history.Loss[^1]}");
    }

    public static TheoryData<string> Models() =>
    [
        nameof(MaeNet64), nameof(MapeNet64), nameof(MsleNet64), nameof(HuberNet64), nameof(LogCoshNet64), nameof(PoissonNet64),
        nameof(KLDivergenceNet64), nameof(KLDivergenceSigmoidNet64), nameof(CosineSimilarityNet64), nameof(HingeNet64),
        nameof(SquaredHingeNet64), nameof(CategoricalHingeNet64), nameof(SoftmaxMseNet64), nameof(HuberNet), nameof(SoftmaxMseNet),
        nameof(BinaryFocalNet64), nameof(BinaryFocalLogitsNet64), nameof(CategoricalFocalNet64), nameof(CategoricalFocalLogitsNet64),
        nameof(SmoothedSoftmaxNet64), nameof(LogitsSoftmaxNet64), nameof(LogitsSigmoidNet64), nameof(SmoothedSigmoidNet64),
        nameof(SparseSoftmaxNet64), nameof(SparseLogitsNet64),
    ];

    [Theory, MemberData(nameof(Models))]
    public void Fit_LowersTheLoss(string model)
    {
        switch (model)
        {
            case nameof(MaeNet64): FitLowersTheLoss(new MaeNet64(seed: 1)); break;
            case nameof(SparseSoftmaxNet64): FitLowersTheLoss(new SparseSoftmaxNet64(seed: 1)); break;
            case nameof(SparseLogitsNet64): FitLowersTheLoss(new SparseLogitsNet64(seed: 1)); break;
            case nameof(MapeNet64): FitLowersTheLoss(new MapeNet64(seed: 1)); break;
            case nameof(MsleNet64): FitLowersTheLoss(new MsleNet64(seed: 1)); break;
            case nameof(HuberNet64): FitLowersTheLoss(new HuberNet64(seed: 1)); break;
            case nameof(LogCoshNet64): FitLowersTheLoss(new LogCoshNet64(seed: 1)); break;
            case nameof(PoissonNet64): FitLowersTheLoss(new PoissonNet64(seed: 1)); break;
            case nameof(KLDivergenceNet64): FitLowersTheLoss(new KLDivergenceNet64(seed: 1)); break;
            case nameof(KLDivergenceSigmoidNet64): FitLowersTheLoss(new KLDivergenceSigmoidNet64(seed: 1)); break;
            case nameof(CosineSimilarityNet64): FitLowersTheLoss(new CosineSimilarityNet64(seed: 1)); break;
            case nameof(HingeNet64): FitLowersTheLoss(new HingeNet64(seed: 1)); break;
            case nameof(SquaredHingeNet64): FitLowersTheLoss(new SquaredHingeNet64(seed: 1)); break;
            case nameof(CategoricalHingeNet64): FitLowersTheLoss(new CategoricalHingeNet64(seed: 1)); break;
            case nameof(SoftmaxMseNet64): FitLowersTheLoss(new SoftmaxMseNet64(seed: 1)); break;
            case nameof(HuberNet): FitLowersTheLoss(new HuberNet(seed: 1)); break;
            case nameof(SoftmaxMseNet): FitLowersTheLoss(new SoftmaxMseNet(seed: 1)); break;
            case nameof(BinaryFocalNet64): FitLowersTheLoss(new BinaryFocalNet64(seed: 1)); break;
            case nameof(BinaryFocalLogitsNet64): FitLowersTheLoss(new BinaryFocalLogitsNet64(seed: 1)); break;
            case nameof(CategoricalFocalNet64): FitLowersTheLoss(new CategoricalFocalNet64(seed: 1)); break;
            case nameof(CategoricalFocalLogitsNet64): FitLowersTheLoss(new CategoricalFocalLogitsNet64(seed: 1)); break;
            case nameof(SmoothedSoftmaxNet64): FitLowersTheLoss(new SmoothedSoftmaxNet64(seed: 1)); break;
            case nameof(LogitsSoftmaxNet64): FitLowersTheLoss(new LogitsSoftmaxNet64(seed: 1)); break;
            case nameof(LogitsSigmoidNet64): FitLowersTheLoss(new LogitsSigmoidNet64(seed: 1)); break;
            case nameof(SmoothedSigmoidNet64): FitLowersTheLoss(new SmoothedSigmoidNet64(seed: 1)); break;
            default: throw new ArgumentOutOfRangeException(nameof(model), model, null);
        }
    }

    [Fact]
    public void Huber_ReportsTheValueWithTheDeclaredDelta()
    {
        // [Model(Delta = 2.0)]: the description carries it, the reported value uses it (Keras: huber(y, p, delta=2.0)).
        var model = new HuberNet(seed: 2);
        Assert.Equal(2.0, model.Description.LossArguments.Delta);
        (float[] x, float[] y) = Data<HuberNet.Kernel, float>(40, seed: 6);
        for (int i = 0; i < y.Length; i++) y[i] *= 5;   // errors on both sides of delta
        float[] p = model.Predict(x);
        double expected = 0;
        for (int i = 0; i < p.Length; i++)
        {
            double e = Math.Abs((double)p[i] - y[i]);
            expected += e <= 2 ? 0.5 * e * e : 2 * e - 0.5 * 2 * 2;
        }
        expected /= p.Length;
        Assert.Contains(p.Select((v, i) => Math.Abs(v - y[i])), e => e > 2);
        Assert.Contains(p.Select((v, i) => Math.Abs(v - y[i])), e => e < 2);
        Assert.Equal(expected, model.Evaluate(x, y).Loss, 1e-5);
    }

    [Fact]
    public void Hinge_ZeroOneAndMinusOneOneTargets_TrainTheSame()
    {
        // Keras converts 0/1 labels to -1/1: the same model fits both to the same weights.
        (double[] x, double[] y) = Data<HingeNet64.Kernel, double>(32, seed: 7);
        double[] signed = y.Select(v => v == 0 ? -1.0 : 1.0).ToArray();
        var zeroOne = new HingeNet64(seed: 3);
        var minusOneOne = new HingeNet64(seed: 3);
        var options = new FitOptions { Epochs = 3, BatchSize = 8, Verbose = 0 };
        History a = zeroOne.Fit(x, y, options), b = minusOneOne.Fit(x, signed, options);
        Assert.Equal(a.Loss, b.Loss);
        Assert.Equal(zeroOne.Parameters.ToArray(), minusOneOne.Parameters.ToArray());
    }

    [Fact]
    public void BinaryFocal_TrainsTheBreastCancerClassifier()
    {
        Dataset cancer = Datasets.LoadBreastCancer();
        float[] x = Standardize(cancer.Features, cancer.FeatureCount);
        History history = new FocalCancerNet(seed: 1).Fit(x, cancer.Targets, new FitOptions { Epochs = 15, ValidationSplit = 0.2, Verbose = 0 });
        Assert.Equal(["loss", "accuracy", "val_loss", "val_accuracy"], history.Keys);
        Assert.True(history.ValidationAccuracy[^1] > 0.9, $"val_accuracy {history.ValidationAccuracy[^1]:F3}");
        Assert.True(history.Loss[^1] < 0.5 * history.Loss[0], $"loss {history.Loss[0]:F4} -> {history.Loss[^1]:F4}");
    }

    [Fact]
    public void CategoricalFromLogits_WithLabelSmoothing_TrainsTheDigits_AndReportsKerassValue()
    {
        // Keras: Dense(10) (linear) and CategoricalCrossentropy(from_logits=True, label_smoothing=0.1).
        Dataset digits = Datasets.LoadDigits();
        float[] y = OneHot.Encode(digits.Labels(), classCount: 10);
        var (xTrain, _, yTrain, _) = TrainTestSplit.Split(digits.Features, y, digits.Rows, testSize: 0.2, seed: 42);
        var model = new LogitsDigitsNet();
        History history = model.Fit(xTrain, yTrain, new FitOptions { Epochs = 10, ValidationSplit = 0.2, Verbose = 0 });
        Assert.True(history.ValidationAccuracy[^1] > 0.9, $"val_accuracy {history.ValidationAccuracy[^1]:F3}");
        // The reported loss: Σ y' (logsumexp(z) - z) with y' = y · 0.9 + 0.01, from the predicted logits.
        float[] x = digits.Features[..(50 * 64)], targets = y[..(50 * 10)];
        float[] logits = model.Predict(x);
        double expected = 0;
        for (int r = 0; r < 50; r++)
        {
            double[] z = logits.Skip(r * 10).Take(10).Select(v => (double)v).ToArray();
            double max = z.Max(), logSumExp = max + Math.Log(z.Sum(v => Math.Exp(v - max)));
            for (int c = 0; c < 10; c++) expected += (targets[r * 10 + c] * 0.9 + 0.01) * (logSumExp - z[c]);
        }
        Assert.Equal(expected / 50, model.Evaluate(x, targets).Loss, 1e-5);
    }

    private static float[] Standardize(float[] x, int width)
    {
        int rows = x.Length / width;
        var result = new float[x.Length];
        for (int c = 0; c < width; c++)
        {
            double mean = 0, square = 0;
            for (int r = 0; r < rows; r++) mean += x[r * width + c];
            mean /= rows;
            for (int r = 0; r < rows; r++) square += Math.Pow(x[r * width + c] - mean, 2);
            double std = Math.Sqrt(square / rows) + 1e-12;
            for (int r = 0; r < rows; r++) result[r * width + c] = (float)((x[r * width + c] - mean) / std);
        }
        return result;
    }

    private static ArgumentException FitFails<TKernel>(Model<TKernel, double> model, double[] y)
        where TKernel : struct, IModelKernel<double>
    {
        double[] x = new double[y.Length / TKernel.OutputSize * TKernel.InputSize];
        double[] before = model.Parameters.ToArray();
        var error = Assert.Throws<ArgumentException>(() => model.Fit(x, y, new FitOptions { Verbose = 0 }));
        Assert.Equal("y", error.ParamName);
        Assert.Equal(before, model.Parameters.ToArray());
        return error;
    }

    [Fact]
    public void MeanSquaredLogarithmicError_NegativeTarget_IsRefused()
        => Assert.StartsWith("y[row 1, column 2] is -0.5, but MeanSquaredLogarithmicError targets must be non-negative: Keras would replace it by 1e-7",
            FitFails(new MsleNet64(), [0, 1, 2, 0, 1, -0.5]).Message);

    [Fact]
    public void Poisson_NegativeTarget_IsRefused()
        => Assert.StartsWith("y[row 0, column 1] is -1, but Poisson targets must be non-negative: they are counts or rates",
            FitFails(new PoissonNet64(), [0, -1, 2]).Message);

    [Fact]
    public void KLDivergence_TargetAboveOne_IsRefused()
        => Assert.StartsWith("y[row 0, column 3] is 1.5, but KLDivergence targets must be probabilities in [0, 1]",
            FitFails(new KLDivergenceNet64(), [0, 0, 0, 1.5]).Message);

    [Fact]
    public void Hinge_TargetNotALabel_IsRefused()
        => Assert.StartsWith("y[row 1, column 0] is 0.5, but Hinge targets must be -1 or 1 (or 0 or 1, which Keras converts to -1 and 1)",
            FitFails(new HingeNet64(), [1, 0, 0.5, 1]).Message);

    [Fact]
    public void Hinge_ZeroAndMinusOneMixed_IsRefused_BecauseKerasWouldReadThemPerBatch()
    {
        string message = FitFails(new HingeNet64(), [1, 0, -1, 1]).Message;
        Assert.StartsWith("y[row 1, column 0] is -1 and y[row 0, column 1] is 0, but Hinge targets must be all -1 or 1, or all 0 or 1", message);
        Assert.Contains("only in a batch where every target is 0 or 1", message);
    }

    [Fact]
    public void CategoricalFocal_TargetRowsMustSumToOne()
        => Assert.StartsWith("y[row 1] sums to 0.5, but CategoricalFocalCrossentropy targets must be probability rows summing to 1",
            FitFails(new CategoricalFocalNet64(), [0, 1, 0, 0, 0.5, 0, 0, 0]).Message);

    [Fact]
    public void BinaryFocal_TargetAboveOne_IsRefused()
        => Assert.StartsWith("y[row 0, column 2] is 2, but BinaryFocalCrossentropy targets must be probabilities in [0, 1]",
            FitFails(new BinaryFocalNet64(), [0, 1, 2]).Message);

    [Fact]
    public void CategoricalHinge_TargetNotALabel_IsRefused()
        => Assert.StartsWith("y[row 0, column 2] is 2, but CategoricalHinge targets must be 0 or 1 (one-hot rows), or -1 or 1",
            FitFails(new CategoricalHingeNet64(), [0, 1, 2, 0]).Message);
}
