using System.Numerics;
using FastDense.Tests.Models;

namespace FastDense.Tests.Training;

/// <summary>
/// The reported cross-entropy is the loss being trained: computed from the logits as Keras's TensorFlow backend does
/// (keras/src/backend/tensorflow/nn.py, categorical_crossentropy and binary_crossentropy on an output that carries
/// <c>_keras_logits</c>), so a row far in the tails reports its true loss, not Keras's clipped-probability 16.12.
/// The expected values here come from formulas written in this file, not from the runtime's.
/// </summary>
public class ReportedLossTests
{
    /// <summary>log Σ e^z - z_target in double, the max taken out first.</summary>
    private static double SoftmaxCrossEntropy(double[] z, int target)
    {
        double max = z.Max();
        return max + Math.Log(z.Sum(v => Math.Exp(v - max))) - z[target];
    }

    /// <summary>-[y log σ(z) + (1 - y) log(1 - σ(z))] as log(1 + e^-z) + (1 - y) z, split at 0 so nothing overflows.</summary>
    private static double SigmoidCrossEntropy(double z, double y)
        => (z >= 0 ? Math.Log(1 + Math.Exp(-z)) : -z + Math.Log(1 + Math.Exp(z))) + (1 - y) * z;

    /// <summary>Zero kernels, hidden biases 1, the output bias as given: every row's logits are <paramref name="logits"/>.</summary>
    private static void SetLogits<TKernel, T>(Model<TKernel, T> model, double[] logits)
        where TKernel : struct, IModelKernel<T>
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        model.Parameters.Clear();
        IReadOnlyList<LayerDescription> layers = model.Description.Layers;
        for (int i = 0; i < layers.Count - 1; i++) model.Parameters.Slice(layers[i].Tensor("bias").Offset, layers[i].Outputs).Fill(T.One);
        for (int c = 0; c < logits.Length; c++) model.Parameters[layers[^1].Tensor("bias").Offset + c] = T.CreateTruncating(logits[c]);
    }

    private static T[] Rows<T>(int rows, int width, int seed) where T : IBinaryFloatingPointIeee754<T>
    {
        var random = new Random(seed);
        return Enumerable.Range(0, rows * width).Select(_ => T.CreateTruncating(random.NextDouble())).ToArray();
    }

    private static T[] OneHotRows<T>(int rows, int columns, int target) where T : IBinaryFloatingPointIeee754<T>
    {
        var y = new T[rows * columns];
        for (int r = 0; r < rows; r++) y[r * columns + target] = T.One;
        return y;
    }

    [Theory]
    [InlineData(100)]
    [InlineData(30)]
    [InlineData(0.5)]
    public void Categorical_Float_TrueClassBelowTheMax_ReportsTheFromLogitsLoss(double gap)
    {
        var model = new DigitsNet();
        double[] logits = [0, gap, 0, -3, 0, 0, 0, 0, 0, 1];
        SetLogits(model, logits);
        double expected = SoftmaxCrossEntropy(logits, target: 0);   // ≈ gap for a large gap; the clipped form says 16.12
        double reported = model.Evaluate(Rows<float>(3, 64, 1), OneHotRows<float>(3, 10, target: 0)).Loss;
        Assert.Equal(expected, reported, 1e-5 * Math.Max(1, expected));
    }

    [Theory]
    [InlineData(100)]
    [InlineData(1000)]
    public void Categorical_Double_TrueClassBelowTheMax_ReportsTheFromLogitsLoss(double gap)
    {
        var model = new SoftmaxNet64();
        double[] logits = [0, gap, -2, 1];
        SetLogits(model, logits);
        double reported = model.Evaluate(Rows<double>(4, 5, 2), OneHotRows<double>(4, 4, target: 0)).Loss;
        Assert.Equal(SoftmaxCrossEntropy(logits, target: 0), reported, 1e-9);
    }

    [Theory]
    [InlineData(-100, 1)]
    [InlineData(100, 0)]
    [InlineData(-20, 1)]
    [InlineData(2, 1)]
    public void Binary_Float_FarInTheTails_ReportsTheFromLogitsLoss(double logit, float target)
    {
        var model = new BinaryNet();
        SetLogits(model, [logit]);
        float[] y = [target, target];
        double reported = model.Evaluate(Rows<float>(2, 30, 3), y).Loss;
        Assert.Equal(SigmoidCrossEntropy(logit, target), reported, 1e-5 * Math.Max(1, Math.Abs(logit)));
    }

    [Fact]
    public void Categorical_GradientInTheTails_IsTheDerivativeOfTheReportedLoss()
    {
        // The trained gradient with respect to the output bias is mean(softmax(z) - y); here it is checked against central
        // differences of this file's from-logits loss, at logits whose true class sits 60 below the max.
        var model = new SoftmaxNet64 { Optimizer = new Sgd(learningRate: 1e-12) };
        double[] logits = [0, 60, -2, 1];
        SetLogits(model, logits);
        const int rows = 3;
        using Trainer<SoftmaxNet64.Kernel, double> trainer = model.CreateTrainer(batchSize: rows);
        BatchResult result = trainer.TrainStep(Rows<double>(rows, 5, 4), OneHotRows<double>(rows, 4, target: 0), rows);
        Assert.Equal(SoftmaxCrossEntropy(logits, target: 0), result.Loss, 1e-9);
        int biasOffset = model.Description.Layers[^1].Tensor("bias").Offset;
        for (int c = 0; c < logits.Length; c++)
        {
            const double h = 1e-5;
            double[] plus = (double[])logits.Clone(), minus = (double[])logits.Clone();
            plus[c] += h;
            minus[c] -= h;
            double numeric = (SoftmaxCrossEntropy(plus, 0) - SoftmaxCrossEntropy(minus, 0)) / (2 * h);
            Assert.Equal(numeric, trainer.Gradient[biasOffset + c], 1e-7);
        }
    }

    [Fact]
    public void OneValueEverywhere_EvaluateTrainerHistoryCallbackAndProgressAgree()
    {
        // One batch of all rows, unshuffled: the loss Fit reports for it (before its update) must be the loss Evaluate
        // and a trainer step report for the same weights, and what callbacks and the progress line see.
        const int rows = 40;
        float[] x = Rows<float>(rows, 64, 5);
        var labels = new Random(6);
        float[] y = new float[rows * 10];
        for (int r = 0; r < rows; r++) y[r * 10 + labels.Next(10)] = 1;
        var model = new DigitsNet(seed: 7);
        // Push some rows' true classes far into the tails: the output bias sends class 3 100 above the rest.
        model.Parameters[model.Description.Layers[^1].Tensor("bias").Offset + 3] = 100;
        var twin = new DigitsNet(seed: 7);
        model.Parameters.CopyTo(twin.Parameters);

        double evaluated = model.Evaluate(x, y, batchSize: rows).Loss;
        using Trainer<DigitsNet.Kernel, float> trainer = twin.CreateTrainer(batchSize: rows);
        double stepped = trainer.TrainStep(x, y, rows).Loss;

        var recorder = new BatchLossRecorder();
        var output = new StringWriter();
        History history = model.Fit(x, y, new FitOptions { Epochs = 1, BatchSize = rows, Shuffle = false, Verbose = Verbosity.OneLinePerEpoch, Output = output, Callbacks = [recorder] });

        Assert.True(evaluated > 50, $"the tails dominate the loss ({evaluated})");
        Assert.Equal(evaluated, stepped);
        Assert.Equal(evaluated, history.Loss[0]);
        Assert.Equal([evaluated], recorder.Losses);
        Assert.Contains($"loss: {evaluated.ToString("F4", System.Globalization.CultureInfo.InvariantCulture)}", output.ToString());
    }

    private sealed class BatchLossRecorder : Callback
    {
        public List<double> Losses { get; } = [];

        public override void OnBatchEnd(IFitControl fit, int batch, Logs logs) => Losses.Add(logs["loss"]);
    }
}
