using FastDense.Data;
using FastDense.Layers;
using FastDense.Tests.Models;

namespace FastDense.Tests.Layers;

/// <summary>
/// PReLU as Keras defines it (keras/src/layers/activations/prelu.py): <c>relu(x) − alpha · relu(−x)</c> with alpha of shape
/// <c>input_shape[1:]</c>, 1 on each of <c>shared_axes</c>, added by <c>add_weight</c> with <c>alpha_initializer</c> ("Zeros"),
/// <c>alpha_regularizer</c> and <c>alpha_constraint</c>. The derivatives are TensorFlow's: relu's gradient is 0 at 0, so the
/// input's is 1 above 0, alpha below and 0 at 0; alpha's is <c>−relu(−x)</c>. Written out here and compared with
/// PReluMath; the whole backward is gradient-checked by CompletenessTests (PReLUNet64).
/// </summary>
[Collection(FastDense.Tests.Threading.HelperThreadsCollection.Name)]
public class PReLUTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ForwardAndBackward_AreKerassFormulas(bool shared)
    {
        const int rows = 5, width = 4;
        double[] x = [-2, 0, 0.5, -0.25, 1, -1, 0, 3, -0.5, 2, -3, 0.1, 0, 0, -0.7, 0.7, 4, -4, 0.2, -0.2];
        double[] alpha = shared ? [-0.4] : [0.25, -0.5, 0.1, 2];
        var random = new Random(3);
        double[] upstream = x.Select(_ => random.NextDouble() - 0.5).ToArray();
        double Alpha(int j) => shared ? alpha[0] : alpha[j];

        var y = new double[x.Length];
        PReluMath.Forward<double>(x, y, alpha, rows, width);
        for (int i = 0; i < x.Length; i++) Assert.Equal(Math.Max(0, x[i]) - Alpha(i % width) * Math.Max(0, -x[i]), y[i], 15);

        double[] delta = (double[])upstream.Clone();
        var gradient = new double[alpha.Length];
        PReluMath.Backward<double>(x, alpha, delta, gradient, rows, width, inputGradient: true);
        var expectedGradient = new double[alpha.Length];
        for (int i = 0; i < x.Length; i++) expectedGradient[shared ? 0 : i % width] += upstream[i] * -Math.Max(0, -x[i]);
        for (int j = 0; j < alpha.Length; j++) Assert.Equal(expectedGradient[j], gradient[j], 14);
        for (int i = 0; i < x.Length; i++)
        {
            double derivative = x[i] > 0 ? 1 : x[i] < 0 ? Alpha(i % width) : 0;
            Assert.Equal(upstream[i] * derivative, delta[i], 15);
        }

        // Without an input gradient (nothing before the layer trains) the delta is left as it was.
        delta = (double[])upstream.Clone();
        PReluMath.Backward<double>(x, alpha, delta, gradient, rows, width, inputGradient: false);
        Assert.Equal(upstream, delta);
        for (int j = 0; j < alpha.Length; j++) Assert.Equal(expectedGradient[j], gradient[j], 14);
    }

    [Fact]
    public void Float_MatchesDouble()
    {
        const int rows = 33, width = 19;
        var random = new Random(4);
        float[] x = Enumerable.Range(0, rows * width).Select(_ => (float)(random.NextDouble() * 4 - 2)).ToArray();
        float[] alpha = Enumerable.Range(0, width).Select(_ => (float)random.NextDouble()).ToArray();
        var y = new float[x.Length];
        PReluMath.Forward<float>(x, y, alpha, rows, width);
        for (int i = 0; i < x.Length; i++) Assert.Equal(x[i] > 0 ? x[i] : alpha[i % width] * x[i], y[i]);
    }

    [Fact]
    public void Alpha_IsATrainableTensorOfTheWidth_OrOfOne_ZerosByDefault()
    {
        LayerDescription perFeature = ActivationLayersDigitsNet.Kernel.Description.Layers.Single(l => l.Kind == LayerKind.PReLU);
        Assert.Equal("p_re_lu_0", perFeature.Name);
        TensorDescription alpha = perFeature.Tensor("alpha");
        Assert.Equal([32], alpha.Shape);
        Assert.True(alpha.Trainable);
        Assert.Empty(perFeature.Arguments);
        var model = new ActivationLayersDigitsNet(seed: 7);
        Assert.All(model.Parameters.Slice(alpha.Offset, alpha.Length).ToArray(), a => Assert.Equal(0f, a));   // Keras's "Zeros"

        LayerDescription shared = SeluDigitsNet.Kernel.Description.Layers.Single(l => l.Kind == LayerKind.PReLU);
        Assert.Equal([1], shared.Tensor("alpha").Shape);
        Assert.Equal([new("shared_axes.0", 1), new("alpha_regularizer.l2", 1e-3), new("alpha_constraint", (int)Constraint.NonNeg)], shared.Arguments);
    }

    [Fact]
    public void RegularizationLoss_AddsTheAlphaPenalty_AndTheConstraintProjectsAlpha()
    {
        // PReLUNet64's third PReLU: L1 0.01, L2 0.02, NonNeg (keras/src/regularizers/regularizers.py, constraints.py).
        var p = new double[PReLUNet64.ParameterCount];
        PReLUNet64.Kernel.Initialize(p, new double[PReLUNet64.StateCount], 9);
        TensorDescription alpha = PReLUNet64.Kernel.Description.Layers.Where(l => l.Kind == LayerKind.PReLU).ElementAt(2).Tensor("alpha");
        double[] values = p.AsSpan(alpha.Offset, alpha.Length).ToArray();
        Assert.All(values, a => Assert.InRange(a, 0.1, 0.4));   // RandomUniform(0.1, 0.4)
        values[1] = -0.3;
        values.CopyTo(p.AsSpan(alpha.Offset));
        double expected = 0.01 * values.Sum(Math.Abs) + 0.02 * values.Sum(a => a * a);
        Assert.Equal(expected, PReLUNet64.Kernel.RegularizationLoss(p, [], 4), 15);
        PReLUNet64.Kernel.ApplyConstraints(p);
        Assert.Equal(values.Select(a => Math.Max(a, 0)).ToArray(), p.AsSpan(alpha.Offset, alpha.Length).ToArray());
    }

    [Fact]
    public void Fit_TrainsASeluModel_WithASharedConstrainedAlpha()
    {
        Dataset digits = Datasets.LoadDigits();
        float[] y = OneHot.Encode(digits.Labels(), 10);
        var model = new SeluDigitsNet(seed: 2);
        TensorDescription alpha = SeluDigitsNet.Kernel.Description.Layers.Single(l => l.Kind == LayerKind.PReLU).Tensor("alpha");
        History history = model.Fit(digits.Features, y, new FitOptions { Epochs = 8, ValidationSplit = 0.2, Verbose = 0 });
        Assert.True(history.ValidationAccuracy[^1] >= 0.9, $"val_accuracy {history.ValidationAccuracy[^1]:F4}");
        float trained = model.Parameters[alpha.Offset];
        Assert.True(trained >= 0, $"alpha {trained}");
    }
}
