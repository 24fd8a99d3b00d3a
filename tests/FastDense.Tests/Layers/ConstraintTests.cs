using FastDense.Data;
using FastDense.Tests.Models;

namespace FastDense.Tests.Layers;

/// <summary>
/// Keras's weight constraints (keras/src/constraints/constraints.py), projected after every applied optimizer step as
/// keras/src/optimizers/base_optimizer.py's <c>apply</c> does (<c>variable.assign(variable.constraint(variable))</c>).
/// </summary>
public class ConstraintTests
{
    private const double Epsilon = 1e-7;   // backend.epsilon()

    /// <summary>A (3, 2) kernel: column norms 5 and sqrt(3), row norms 1, sqrt(10), sqrt(17).</summary>
    private static double[] Kernel() => [0, 1, 3, -1, -4, 1];

    private static double Norm(IEnumerable<double> values) => Math.Sqrt(values.Sum(v => v * v));

#pragma warning disable CS0618 // the generated code's API
    [Fact]
    public void MaxNorm_Axis0_ScalesEachColumnAboveTheMaximumToIt()
    {
        double[] w = Kernel();
        __Internals.Constraints.MaxNorm<double>(w, 3, 2, axis: 0, maxValue: 2);
        double[] k = Kernel();
        // Column 0 (norm 5) becomes w · 2 / (ε + 5); column 1 (norm sqrt 3 < 2) w · sqrt3 / (ε + sqrt3).
        for (int r = 0; r < 3; r++)
        {
            Assert.Equal(k[r * 2] * 2 / (Epsilon + 5), w[r * 2], 1e-15);
            Assert.Equal(k[r * 2 + 1] * Math.Sqrt(3) / (Epsilon + Math.Sqrt(3)), w[r * 2 + 1], 1e-15);
        }
    }

    [Fact]
    public void UnitNorm_Axis1_DividesEachRowByItsNorm()
    {
        double[] w = Kernel();
        __Internals.Constraints.UnitNorm<double>(w, 3, 2, axis: 1);
        double[] k = Kernel();
        for (int r = 0; r < 3; r++)
        {
            double norm = Norm(k.Skip(r * 2).Take(2));
            for (int c = 0; c < 2; c++) Assert.Equal(k[r * 2 + c] / (Epsilon + norm), w[r * 2 + c], 1e-15);
        }
    }

    [Fact]
    public void MinMaxNorm_MovesEachNormRateOfTheWayIntoTheRange()
    {
        double[] w = Kernel();
        __Internals.Constraints.MinMaxNorm<double>(w, 3, 2, axis: 0, minValue: 2, maxValue: 3, rate: 0.5);
        double[] k = Kernel();
        // Column 0: norm 5 -> 0.5·3 + 0.5·5 = 4; column 1: sqrt3 -> 0.5·2 + 0.5·sqrt3.
        double[] desired = [4, 0.5 * 2 + 0.5 * Math.Sqrt(3)], norms = [5, Math.Sqrt(3)];
        for (int r = 0; r < 3; r++)
        {
            for (int c = 0; c < 2; c++) Assert.Equal(k[r * 2 + c] * desired[c] / (Epsilon + norms[c]), w[r * 2 + c], 1e-15);
        }
    }

    [Fact]
    public void NonNeg_ZeroesTheNegatives()
    {
        double[] w = Kernel();
        __Internals.Constraints.NonNeg<double>(w);
        Assert.Equal([0, 1, 3, 0, 0, 1], w);
    }
#pragma warning restore CS0618

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Fit_AfterEveryStep_TheConstrainedTensorsSatisfyTheirConstraints(int threads)
    {
        Dataset digits = Datasets.LoadDigits();
        float[] y = OneHot.Encode(digits.Labels(), 10);
        var model = new ConstrainedDigitsNet(seed: 1) { Optimizer = new Adam(learningRate: 0.01) };
        using Trainer<ConstrainedDigitsNet.Kernel, float> trainer = model.CreateTrainer(128, threads);
        for (int step = 0; step < 12; step++)
        {
            int start = step * 128 % (1797 - 128);
            trainer.TrainStep(digits.Features.AsSpan(start * 64, 128 * 64), y.AsSpan(start * 10, 1280), 128);
            float[] p = model.Parameters.ToArray();
            LayerDescription hidden = model.Description.Layers[0], output = model.Description.Layers[1];
            TensorDescription k0 = hidden.Tensor("kernel"), b0 = hidden.Tensor("bias"), k1 = output.Tensor("kernel"), b1 = output.Tensor("bias");
            for (int unit = 0; unit < 64; unit++)
            {
                double norm = Norm(Enumerable.Range(0, 64).Select(i => (double)p[k0.Offset + i * 64 + unit]));
                Assert.True(norm <= 0.5 + 1e-6, $"step {step}: unit {unit}'s incoming norm {norm}");
            }
            Assert.All(p.AsSpan(b0.Offset, b0.Length).ToArray(), b => Assert.True(b >= 0));
            for (int input = 0; input < 64; input++)
            {
                double norm = Norm(Enumerable.Range(0, 10).Select(c => (double)p[k1.Offset + input * 10 + c]));
                Assert.True(norm >= 0.5 - 1e-5 || norm < 0.5 && norm > 0, $"step {step}: input {input}'s outgoing norm {norm}");
                Assert.True(norm <= 0.8 + 1e-5, $"step {step}: input {input}'s outgoing norm {norm}");
            }
            Assert.Equal(1, Norm(p.AsSpan(b1.Offset, b1.Length).ToArray().Select(v => (double)v)), 1e-5);
        }
    }

    [Fact]
    public void Fit_WithConstraints_StillLearns()
    {
        Dataset digits = Datasets.LoadDigits();
        float[] y = OneHot.Encode(digits.Labels(), 10);
        History history = new ConstrainedDigitsNet(seed: 1).Fit(digits.Features, y, new FitOptions { Epochs = 4, Verbose = 0 });
        Assert.True(history.Loss[^1] < history.Loss[0] && history.Accuracy[^1] > 0.8, $"loss {history.Loss[0]} -> {history.Loss[^1]}, accuracy {history.Accuracy[^1]}");
    }

    [Fact]
    public void Description_ReportsTheConstraintsAndTheirArguments()
    {
        IReadOnlyList<LayerDescription> layers = ConstrainedDigitsNet.Kernel.Description.Layers;
        Assert.Equal([new("kernel_constraint", (int)Constraint.MaxNorm), new("kernel_constraint.max_value", 0.5), new("kernel_constraint.axis", 0),
            new("bias_constraint", (int)Constraint.NonNeg)], layers[0].Arguments);
        Assert.Equal([new("kernel_constraint", (int)Constraint.MinMaxNorm), new("kernel_constraint.min_value", 0.5), new("kernel_constraint.max_value", 0.8),
            new("kernel_constraint.rate", 0.5), new("kernel_constraint.axis", 1), new("bias_constraint", (int)Constraint.UnitNorm)], layers[1].Arguments);
    }
}
