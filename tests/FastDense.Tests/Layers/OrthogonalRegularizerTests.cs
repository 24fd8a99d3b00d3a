using FastDense.Data;
using FastDense.Tests.Models;
#pragma warning disable CS0618 // the generated code's API, called directly

namespace FastDense.Tests.Layers;

/// <summary>
/// Keras's <c>OrthogonalRegularizer(factor, mode)</c> on a Dense kernel (keras/src/regularizers/regularizers.py: the
/// rows (<c>normalize(axis=1)</c>) or columns (<c>axis=0</c>) l2-normalized by keras/src/ops/nn.py's <c>normalize</c>,
/// <c>x · rsqrt(max(Σx², ε²))</c> with ε = 1e-7; their Gram matrix without its diagonal;
/// <c>factor · 0.5 · Σ|·| / (n (n − 1) / 2)</c>). Values against that expression computed here in double; the gradient
/// against central differences of the penalty; a model's gradient by CompletenessTests (OrthogonalNet64).
/// </summary>
[Collection(FastDense.Tests.Threading.HelperThreadsCollection.Name)]
public class OrthogonalRegularizerTests
{
    /// <summary>Keras's expression, step by step: normalize, the full product matrix, the diagonal masked, the mean over pairs.</summary>
    private static double KerasPenalty(double[] kernel, int inputs, int units, double factor, OrthogonalRegularizerMode mode)
    {
        bool rows = mode == OrthogonalRegularizerMode.Rows;
        int size = rows ? inputs : units, length = rows ? units : inputs;
        double Element(int vector, int k) => rows ? kernel[vector * units + k] : kernel[k * units + vector];
        var normalized = new double[size, length];
        for (int i = 0; i < size; i++)
        {
            double squareSum = 0;
            for (int k = 0; k < length; k++) squareSum += Element(i, k) * Element(i, k);
            double inverseNorm = 1 / Math.Sqrt(Math.Max(squareSum, 1e-7 * 1e-7));
            for (int k = 0; k < length; k++) normalized[i, k] = Element(i, k) * inverseNorm;
        }
        double sum = 0;
        for (int i = 0; i < size; i++)
        {
            for (int j = 0; j < size; j++)
            {
                double product = 0;
                for (int k = 0; k < length; k++) product += normalized[i, k] * normalized[j, k];
                sum += Math.Abs(product * (i == j ? 0 : 1));
            }
        }
        double pairs = size * (size - 1.0) / 2.0;
        return factor * 0.5 * sum / pairs;
    }

    private static double[] Kernel(int seed, int length)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, length).Select(_ => random.NextDouble() * 2 - 1).ToArray();
    }

    public static TheoryData<int, int, OrthogonalRegularizerMode> Shapes => new()
    {
        { 2, 2, OrthogonalRegularizerMode.Rows }, { 2, 2, OrthogonalRegularizerMode.Columns },
        { 3, 5, OrthogonalRegularizerMode.Rows }, { 3, 5, OrthogonalRegularizerMode.Columns },
        { 7, 2, OrthogonalRegularizerMode.Rows }, { 7, 2, OrthogonalRegularizerMode.Columns },
        { 64, 10, OrthogonalRegularizerMode.Rows }, { 64, 10, OrthogonalRegularizerMode.Columns },
        { 1, 4, OrthogonalRegularizerMode.Columns }, { 4, 1, OrthogonalRegularizerMode.Rows },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Penalty_IsKerasExpression_InDoubleAndFloat(int inputs, int units, OrthogonalRegularizerMode mode)
    {
        double[] kernel = Kernel(inputs * 31 + units, inputs * units);
        double expected = KerasPenalty(kernel, inputs, units, 0.03, mode);
        Assert.True(expected > 0);
        Assert.Equal(expected, __Internals.Regularizers.OrthogonalPenalty<double>(kernel, inputs, units, 0.03, mode), 1e-15 * Math.Max(1, expected) + 1e-15);
        float[] single = kernel.Select(v => (float)v).ToArray();
        double expectedSingle = KerasPenalty(single.Select(v => (double)v).ToArray(), inputs, units, 0.03, mode);
        Assert.Equal(expectedSingle, __Internals.Regularizers.OrthogonalPenalty<float>(single, inputs, units, 0.03, mode), 1e-14);
    }

    [Fact]
    public void Penalty_OfAHandWorkedKernel()
    {
        // kernel [[1, 0], [1, 2]]: rows (1, 0) and (1, 2)/√5 meet at cosine 1/√5; columns (1, 1)/√2 and (0, 2)/2 at 1/√2.
        // One pair each: the penalty is the factor times that cosine.
        double[] kernel = [1, 0, 1, 2];
        Assert.Equal(0.01 / Math.Sqrt(5), __Internals.Regularizers.OrthogonalPenalty<double>(kernel, 2, 2, 0.01, OrthogonalRegularizerMode.Rows), 1e-17);
        Assert.Equal(0.01 / Math.Sqrt(2), __Internals.Regularizers.OrthogonalPenalty<double>(kernel, 2, 2, 0.01, OrthogonalRegularizerMode.Columns), 1e-17);
        // A negative cosine counts by its magnitude.
        double[] flipped = [1, 0, -1, -2];
        Assert.Equal(0.01 / Math.Sqrt(5), __Internals.Regularizers.OrthogonalPenalty<double>(flipped, 2, 2, 0.01, OrthogonalRegularizerMode.Rows), 1e-17);
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Gradient_MatchesCentralDifferences_AndIsAdded(int inputs, int units, OrthogonalRegularizerMode mode)
    {
        double[] kernel = Kernel(inputs * 17 + units, inputs * units);
        CheckGradient(kernel, inputs, units, mode, step: _ => 1e-6);
    }

    [Fact]
    public void Gradient_OfAVectorBelowEpsilon_IsThroughTheClampedNorm()
    {
        // Row 1's norm (~1e-9) is under ε = 1e-7: Keras's normalize divides it by ε, a constant, so the penalty is linear
        // in it there (maximum passes no gradient to ε²). Steps scaled to each element keep row 1 under ε.
        double[] kernel = [0.9, -0.2, 0.4, 0.3, 5e-10, -7e-10, 2e-10, 6e-10, -0.1, 0.8, 0.5, -0.6];
        Assert.True(Math.Sqrt(kernel[4..8].Sum(v => v * v)) < 1e-7);
        CheckGradient(kernel, 3, 4, OrthogonalRegularizerMode.Rows, step: w => 1e-6 * Math.Abs(w));
    }

    private static void CheckGradient(double[] kernel, int inputs, int units, OrthogonalRegularizerMode mode, Func<double, double> step)
    {
        const double factor = 0.07;
        // Added to what is there: start from ones.
        double[] gradient = Enumerable.Repeat(1.0, kernel.Length).ToArray();
        __Internals.Regularizers.AddOrthogonalGradient<double>(kernel, gradient, inputs, units, factor, mode);
        for (int i = 0; i < kernel.Length; i++)
        {
            double saved = kernel[i], h = step(saved);
            kernel[i] = saved + h;
            double plus = KerasPenalty(kernel, inputs, units, factor, mode);
            kernel[i] = saved - h;
            double minus = KerasPenalty(kernel, inputs, units, factor, mode);
            kernel[i] = saved;
            double numeric = (plus - minus) / (2 * h), analytic = gradient[i] - 1;
            Assert.True(Math.Abs(analytic - numeric) <= 1e-6 * Math.Max(Math.Abs(numeric), 1e-3),
                $"({inputs}, {units}) {mode}, element {i}: analytic {analytic:G10}, central difference {numeric:G10}");
        }
    }

    [Fact]
    public void Gradient_OfOrthogonalVectors_IsZero_TensorFlowsSignOfZero()
    {
        // Rows (1, 0, 0) and (0, 2, 0): the cosine is exactly 0, where |x|'s derivative is TensorFlow's sign(0) = 0.
        double[] kernel = [1, 0, 0, 0, 2, 0];
        Assert.Equal(0.0, __Internals.Regularizers.OrthogonalPenalty<double>(kernel, 2, 3, 0.5, OrthogonalRegularizerMode.Rows));
        double[] gradient = [1, 2, 3, 4, 5, 6];
        __Internals.Regularizers.AddOrthogonalGradient<double>(kernel, gradient, 2, 3, 0.5, OrthogonalRegularizerMode.Rows);
        Assert.Equal([1.0, 2, 3, 4, 5, 6], gradient);
    }

    [Fact]
    public void Model_AddsThePenaltyOfEachKernel_ToTheReportedLoss()
    {
        Dataset digits = Datasets.LoadDigits();
        float[] x = digits.Features[..(100 * 64)], y = OneHot.Encode(digits.Labels()[..100], 10);
        var regularized = new OrthogonalDigitsNet(seed: 3);
        var plain = new DigitsNet(seed: 3);
        regularized.Parameters.CopyTo(plain.Parameters);
        LayerDescription hidden = regularized.Description.Layers[0], output = regularized.Description.Layers[1];
        double Penalty(LayerDescription layer, double factor, OrthogonalRegularizerMode mode)
        {
            TensorDescription kernel = layer.Tensor("kernel");
            double[] values = regularized.Parameters.Slice(kernel.Offset, kernel.Length).ToArray().Select(v => (double)v).ToArray();
            return KerasPenalty(values, layer.Inputs, layer.Outputs, factor, mode);
        }
        double penalty = Penalty(hidden, 0.01, OrthogonalRegularizerMode.Rows) + Penalty(output, 0.05, OrthogonalRegularizerMode.Columns);
        Assert.True(penalty > 1e-3, $"penalty {penalty}");
        Assert.Equal(plain.Evaluate(x, y).Loss + penalty, regularized.Evaluate(x, y, batchSize: 32).Loss, 1e-9);
        Assert.Equal([new("kernel_regularizer.factor", 0.01), new("kernel_regularizer.mode", 0)], hidden.Arguments);
        Assert.Equal([new("kernel_regularizer.factor", 0.05), new("kernel_regularizer.mode", 1)], output.Arguments);
    }

    [Fact]
    public void Fit_MakesTheOutputKernelsColumnsMoreOrthogonal_ThanWithout()
    {
        Dataset digits = Datasets.LoadDigits();
        float[] y = OneHot.Encode(digits.Labels(), 10);
        var regularized = new OrthogonalDigitsNet(seed: 1);
        var plain = new DigitsNet(seed: 1);
        var options = new FitOptions { Epochs = 5, Verbose = 0 };
        History history = regularized.Fit(digits.Features, y, options);
        plain.Fit(digits.Features, y, options);
        double Columns<TKernel>(Model<TKernel, float> model) where TKernel : struct, IModelKernel<float>
        {
            TensorDescription kernel = model.Description.Layers[1].Tensor("kernel");
            return __Internals.Regularizers.OrthogonalPenalty<float>(model.Parameters.Slice(kernel.Offset, kernel.Length), 64, 10, 1, OrthogonalRegularizerMode.Columns);
        }
        Assert.True(Columns(regularized) < Columns(plain), $"mean |cosine| between output columns: {Columns(regularized)} regularized, {Columns(plain)} without");
        Assert.True(history.Loss[^1] < history.Loss[0]);
    }
}
