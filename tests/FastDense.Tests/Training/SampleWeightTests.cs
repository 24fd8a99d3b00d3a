using FastDense.Data;
using FastDense.Tests.Models;

namespace FastDense.Tests.Training;

/// <summary>
/// Keras's <c>sample_weight</c> and <c>class_weight</c>: the loss trained and reported is <c>Σ w·loss / rows</c> per batch
/// (keras/src/losses/loss.py, <c>reduce_weighted_values</c> with <c>sum_over_batch_size</c>), the metrics stay unweighted
/// (keras/src/trainers/compile_utils.py: <c>metrics</c> get no sample weight, only <c>weighted_metrics</c> do), and
/// class weights become the training rows' sample weights (keras/src/trainers/data_adapters/data_adapter_utils.py,
/// <c>class_weight_to_sample_weights</c>).
/// </summary>
public class SampleWeightTests
{
    private static (double[] X, double[] Y) Rows(int rows, int seed)
    {
        var random = new Random(seed);
        double[] x = Enumerable.Range(0, rows * 4).Select(_ => 2 * random.NextDouble() - 1).ToArray();
        double[] y = new double[rows * 3];
        for (int r = 0; r < rows; r++) y[r * 3 + random.Next(3)] = 1;
        return (x, y);
    }

    private static double[] Weights(int rows, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, rows).Select(_ => Math.Round(2 * random.NextDouble(), 2)).ToArray();
    }

    [Fact]
    public void WeightedStep_GradientIsTheWeightedSumOfTheRowsGradients_OverTheRowCount()
    {
        // One step on 8 weighted rows against each row's own gradient (a batch of one), Σ w_r·g_r / 8.
        (double[] x, double[] y) = Rows(8, seed: 1);
        double[] w = Weights(8, seed: 2);
        var model = new LogitsSoftmaxNet64(seed: 3);
        double[] start = model.Parameters.ToArray();
        using Trainer<LogitsSoftmaxNet64.Kernel, double> trainer = model.CreateTrainer(8);
        trainer.TrainStep(x, y, w, 8);
        double[] weighted = trainer.Gradient.ToArray();

        var expected = new double[weighted.Length];
        for (int r = 0; r < 8; r++)
        {
            start.CopyTo(model.Parameters);   // every row's gradient at the same weights
            trainer.TrainStep(x.AsSpan(r * 4, 4), y.AsSpan(r * 3, 3), 1);
            ReadOnlySpan<double> g = trainer.Gradient;
            for (int i = 0; i < expected.Length; i++) expected[i] += w[r] * g[i] / 8;
        }
        for (int i = 0; i < expected.Length; i++) Assert.Equal(expected[i], weighted[i], 1e-12);
    }

    [Fact]
    public void WeightedStep_OnTwoThreads_AgreesWithOneThread()
    {
        Dataset digits = Datasets.LoadDigits();
        float[] y = OneHot.Encode(digits.Labels(), 10);
        float[] w = Weights(256, seed: 4).Select(v => (float)v).ToArray();
        var one = new DigitsNet(seed: 1);
        var two = new DigitsNet(seed: 1);
        using var trainerOne = one.CreateTrainer(256, threads: 1);
        using var trainerTwo = two.CreateTrainer(256, threads: 2);
        BatchResult a = trainerOne.TrainStep(digits.Features.AsSpan(0, 256 * 64), y.AsSpan(0, 2560), w, 256);
        BatchResult b = trainerTwo.TrainStep(digits.Features.AsSpan(0, 256 * 64), y.AsSpan(0, 2560), w, 256);
        Assert.Equal(a.LossSum, b.LossSum, 1e-9);
        float[] ga = trainerOne.Gradient.ToArray(), gb = trainerTwo.Gradient.ToArray();
        // The shards' partial sums round differently in float: agreement to float precision, relative to the value.
        for (int i = 0; i < ga.Length; i++) Assert.True(Math.Abs(ga[i] - gb[i]) <= 1e-5 * Math.Max(1, Math.Abs(ga[i])), $"g[{i}]: {ga[i]} vs {gb[i]}");
    }

    [Fact]
    public void Evaluate_WeightedLoss_IsSumOfWeightedRowLossesOverRows_MetricsUnweighted()
    {
        (double[] x, double[] y) = Rows(40, seed: 5);
        double[] w = Weights(40, seed: 6);
        var model = new LogitsSoftmaxNet64(seed: 2);
        EvaluationResult weighted = model.Evaluate(x, y, batchSize: 16, sampleWeight: w);
        EvaluationResult plain = model.Evaluate(x, y, batchSize: 16);

        double sum = 0;
        for (int r = 0; r < 40; r++) sum += w[r] * model.Evaluate(x[(r * 4)..(r * 4 + 4)], y[(r * 3)..(r * 3 + 3)]).Loss;
        Assert.Equal(sum / 40, weighted.Loss, 1e-12);
        Assert.Equal(plain.Accuracy, weighted.Accuracy);
        Assert.NotEqual(plain.Loss, weighted.Loss);
    }

    [Fact]
    public void Fit_WeightsOfOne_TrainAsNoWeights()
    {
        // The weighted path (its own loss sum, the weighed delta) must not drift from the plain one: w = 1 multiplies
        // each delta by exactly 1.
        (double[] x, double[] y) = Rows(64, seed: 7);
        var options = new FitOptions { Epochs = 3, BatchSize = 16, ValidationSplit = 0.25, Verbose = 0, Seed = 2 };
        var plain = new LogitsSoftmaxNet64(seed: 1);
        var ones = new LogitsSoftmaxNet64(seed: 1);
        History a = plain.Fit(x, y, options);
        History b = ones.Fit(x, y, options, sampleWeight: Enumerable.Repeat(1.0, 64).ToArray());
        Assert.Equal(plain.Parameters.ToArray(), ones.Parameters.ToArray());
        for (int e = 0; e < 3; e++)
        {
            Assert.Equal(a.Loss[e], b.Loss[e], 1e-12);
            Assert.Equal(a.ValidationLoss[e], b.ValidationLoss[e], 1e-12);
        }
    }

    [Fact]
    public void Fit_ZeroWeightRows_DoNotMoveTheModel()
    {
        // Rows of weight 0 contribute nothing: a fit whose every weight is 0 leaves an SGD model where it was.
        (double[] x, double[] y) = Rows(32, seed: 8);
        var model = new LogitsSoftmaxNet64(seed: 1) { Optimizer = new Sgd(learningRate: 0.5) };
        double[] before = model.Parameters.ToArray();
        History history = model.Fit(x, y, new FitOptions { Epochs = 2, BatchSize = 8, Verbose = 0 }, sampleWeight: new double[32]);
        Assert.Equal(before, model.Parameters.ToArray());
        Assert.All(history.Loss, loss => Assert.Equal(0, loss));
    }

    [Fact]
    public void Fit_ValidationSplit_KeepsTheValidationRowsWeights()
    {
        (double[] x, double[] y) = Rows(40, seed: 9);
        double[] w = Weights(40, seed: 10);
        var model = new LogitsSoftmaxNet64(seed: 1);
        History history = model.Fit(x, y, new FitOptions { Epochs = 1, BatchSize = 8, ValidationSplit = 0.25, Verbose = 0 }, sampleWeight: w);
        double expected = model.Evaluate(x[(30 * 4)..], y[(30 * 3)..], sampleWeight: w[30..]).Loss;
        Assert.Equal(expected, history.ValidationLoss[0], 1e-12);
    }

    [Fact]
    public void Fit_ExplicitValidationData_TakesItsOwnWeights()
    {
        (double[] x, double[] y) = Rows(40, seed: 11);
        (double[] vx, double[] vy) = Rows(12, seed: 12);
        double[] vw = Weights(12, seed: 13);
        var model = new LogitsSoftmaxNet64(seed: 1);
        History history = model.Fit(x, y, new FitOptions { Epochs = 1, Verbose = 0 }, (vx, vy), validationSampleWeight: vw);
        Assert.Equal(model.Evaluate(vx, vy, sampleWeight: vw).Loss, history.ValidationLoss[0], 1e-12);
    }

    [Fact]
    public void ClassWeight_TrainsAsTheSampleWeightsOfEachRowsClass_ValidationUnweighted()
    {
        (double[] x, double[] y) = Rows(48, seed: 14);
        (double[] vx, double[] vy) = Rows(12, seed: 15);
        var classWeight = new Dictionary<int, double> { [0] = 0.5, [2] = 3 };   // class 1 left out: weight 1
        double[] w = Enumerable.Range(0, 48).Select(r => (Array.IndexOf(y, 1.0, r * 3, 3) - r * 3) switch { 0 => 0.5, 2 => 3.0, _ => 1.0 }).ToArray();
        var byClass = new LogitsSoftmaxNet64(seed: 1);
        var bySample = new LogitsSoftmaxNet64(seed: 1);
        History a = byClass.Fit(x, y, new FitOptions { Epochs = 2, BatchSize = 16, Verbose = 0, ClassWeight = classWeight }, (vx, vy));
        History b = bySample.Fit(x, y, new FitOptions { Epochs = 2, BatchSize = 16, Verbose = 0 }, (vx, vy), sampleWeight: w);
        Assert.Equal(bySample.Parameters.ToArray(), byClass.Parameters.ToArray());
        Assert.Equal(b.Loss, a.Loss);
        Assert.Equal(b.ValidationLoss, a.ValidationLoss);
        Assert.Equal(byClass.Evaluate(vx, vy).Loss, a.ValidationLoss[^1], 1e-12);
    }

    [Fact]
    public void ClassWeight_OnClassIndicesAndOnOneOutput_ReadsTheRowsClass()
    {
        // Sparse labels are the class; one output's target is rounded (0.4 -> class 0, 0.6 -> class 1).
        Dataset digits = Datasets.LoadDigits();
        int[] labels = digits.Labels()[..64];
        var classWeight = new Dictionary<int, double> { [3] = 4, [7] = 0 };
        double[] w = labels.Select(l => l == 3 ? 4.0 : l == 7 ? 0.0 : 1.0).ToArray();
        var a = new SparseDigitsNet(seed: 1);
        var b = new SparseDigitsNet(seed: 1);
        a.Fit(digits.Features[..(64 * 64)], labels, new FitOptions { Epochs = 1, BatchSize = 16, Verbose = 0, ClassWeight = classWeight });
        b.Fit(digits.Features[..(64 * 64)], labels, new FitOptions { Epochs = 1, BatchSize = 16, Verbose = 0 }, sampleWeight: w.Select(v => (float)v).ToArray());
        Assert.Equal(b.Parameters.ToArray(), a.Parameters.ToArray());

        double[] targets = [0.4, 0.6, 1, 0];
        Assert.Equal([2.0, 5.0, 5.0, 2.0], ClassWeights.ToSampleWeights<double>(new Dictionary<int, double> { [0] = 2, [1] = 5 }, targets, 4, outputs: 1, targetWidth: 1));
    }

    public static TheoryData<string> BadWeights() => ["negative", "nan", "short", "both", "key", "classNaN", "validationAlone"];

    [Theory, MemberData(nameof(BadWeights))]
    public void BadWeights_ThrowNamingTheArgument_AndChangeNothing(string bad)
    {
        (double[] x, double[] y) = Rows(16, seed: 16);
        double[] w = Enumerable.Repeat(1.0, 16).ToArray();
        var options = new FitOptions { Epochs = 1, Verbose = 0 };
        var model = new LogitsSoftmaxNet64(seed: 1);
        double[] before = model.Parameters.ToArray();
        (string parameter, string text, Action fit) = bad switch
        {
            "negative" => ("sampleWeight", "sampleWeight[5] is -1", (Action)(() => { w[5] = -1; model.Fit(x, y, options, sampleWeight: w); })),
            "nan" => ("sampleWeight", "finite and non-negative", () => { w[2] = double.NaN; model.Fit(x, y, options, sampleWeight: w); }),
            "short" => ("sampleWeight", "one weight per row", () => model.Fit(x, y, options, sampleWeight: w[..15])),
            "both" => ("sampleWeight", "not both", () => model.Fit(x, y, new FitOptions { Epochs = 1, Verbose = 0, ClassWeight = new Dictionary<int, double> { [0] = 2 } }, sampleWeight: w)),
            "key" => ("options", "key 3", () => model.Fit(x, y, new FitOptions { Epochs = 1, Verbose = 0, ClassWeight = new Dictionary<int, double> { [3] = 2 } })),
            "classNaN" => ("options", "ClassWeight[1] is NaN", () => model.Fit(x, y, new FitOptions { Epochs = 1, Verbose = 0, ClassWeight = new Dictionary<int, double> { [1] = double.NaN } })),
            _ => ("validationSampleWeight", "validationData", () => model.Fit(x, y, options, validationSampleWeight: w)),
        };
        var error = Assert.Throws<ArgumentException>(fit);
        Assert.Equal(parameter, error.ParamName);
        Assert.Contains(text, error.Message);
        Assert.Equal(before, model.Parameters.ToArray());
    }
}
