using FastDense.Data;
using FastDense.Layers;
using FastDense.Tests.Models;

namespace FastDense.Tests.Layers;

/// <summary>
/// Batch renormalization as Keras 3 defines it (keras/src/layers/normalization/batch_normalization.py with
/// <c>renorm=True</c>): <c>call</c> takes the batch's <c>moments</c> (population variance), then
/// <c>_renorm_correction_and_moments</c> computes <c>r = sqrt(σ² + ε) / s</c> and <c>d = (μ − renorm_mean) / s</c> with
/// <c>s = max(renorm_stddev, sqrt(ε))</c>, clipped by <c>renorm_clipping</c>'s rmin (a maximum), rmax (a minimum) and dmax
/// (a symmetric clip), each only when given; <c>_compose_transforms</c> stops their gradients and makes the scale
/// <c>r · γ</c> (r without scale) and the offset <c>d · γ + β</c> (d without scale, no β without center);
/// <c>ops.batch_normalization</c> then computes <c>(x − μ) / sqrt(σ² + ε) · scale + offset</c>. <c>_update_renorm_statistics</c>
/// moves renorm_mean and renorm_stddev by renorm_momentum toward μ and sqrt(σ² + ε), moving_mean and moving_stddev by
/// momentum, and sets <c>moving_variance = relu(moving_stddev² − ε)</c>. Inference normalizes by moving_mean and
/// moving_variance. The references below are written from those formulas, in double, independently of the runtime.
/// </summary>
[Collection(FastDense.Tests.Threading.HelperThreadsCollection.Name)]
public class BatchNormalizationRenormTests
{
    /// <summary>Keras's training forward with renorm, per column, in double; r and d given (held fixed) or computed and clipped.</summary>
    private sealed record KerasForward(double[] Output, double[] Normalized, double[] Mean, double[] Variance, double[] R, double[] D);

    private static KerasForward KerasTraining(double[] x, int rows, int width, double[]? gamma, double[]? beta, double[] renormMean, double[] renormStddev,
        double epsilon, double? rmin, double? rmax, double? dmax, double[]? fixedR = null, double[]? fixedD = null)
    {
        var output = new double[rows * width];
        var normalized = new double[rows * width];
        double[] mean = new double[width], variance = new double[width], r = new double[width], d = new double[width];
        for (int j = 0; j < width; j++)
        {
            double[] column = Enumerable.Range(0, rows).Select(i => x[i * width + j]).ToArray();
            mean[j] = column.Average();
            variance[j] = column.Select(v => (v - mean[j]) * (v - mean[j])).Average();
            double stddev = Math.Sqrt(variance[j] + epsilon);
            double s = Math.Max(renormStddev[j], Math.Sqrt(epsilon));
            r[j] = stddev / s;
            d[j] = (mean[j] - renormMean[j]) / s;
            if (rmin is double lo) r[j] = Math.Max(r[j], lo);
            if (rmax is double hi) r[j] = Math.Min(r[j], hi);
            if (dmax is double dm) d[j] = Math.Clamp(d[j], -dm, dm);
            if (fixedR is not null) r[j] = fixedR[j];
            if (fixedD is not null) d[j] = fixedD[j];
            double scale = gamma is null ? r[j] : r[j] * gamma[j];
            double offset = (gamma is null ? d[j] : d[j] * gamma[j]) + (beta is null ? 0 : beta[j]);
            for (int i = 0; i < rows; i++)
            {
                normalized[i * width + j] = (x[i * width + j] - mean[j]) / stddev;
                output[i * width + j] = normalized[i * width + j] * scale + offset;
            }
        }
        return new KerasForward(output, normalized, mean, variance, r, d);
    }

    /// <summary>The renorm state of one layer, each (width).</summary>
    private sealed record RenormState(double[] MovingMean, double[] MovingVariance, double[] MovingStddev, double[] RenormMean, double[] RenormStddev)
    {
        public RenormState Copy() => new(MovingMean.ToArray(), MovingVariance.ToArray(), MovingStddev.ToArray(), RenormMean.ToArray(), RenormStddev.ToArray());
    }

    /// <summary>Keras's <c>_update_renorm_statistics</c>, in double.</summary>
    private static RenormState KerasUpdate(RenormState old, double[] mean, double[] variance, double momentum, double renormMomentum, double epsilon)
    {
        RenormState next = old.Copy();
        for (int j = 0; j < mean.Length; j++)
        {
            double stddev = Math.Sqrt(variance[j] + epsilon);
            next.RenormMean[j] = old.RenormMean[j] * renormMomentum + mean[j] * (1 - renormMomentum);
            next.RenormStddev[j] = old.RenormStddev[j] * renormMomentum + stddev * (1 - renormMomentum);
            next.MovingMean[j] = old.MovingMean[j] * momentum + mean[j] * (1 - momentum);
            next.MovingStddev[j] = old.MovingStddev[j] * momentum + stddev * (1 - momentum);
            next.MovingVariance[j] = Math.Max(next.MovingStddev[j] * next.MovingStddev[j] - epsilon, 0);
        }
        return next;
    }

    private static double[] Draw(Random random, int length, double low, double high)
        => Enumerable.Range(0, length).Select(_ => low + (high - low) * random.NextDouble()).ToArray();

    private static void AssertClose(double[] expected, ReadOnlySpan<double> actual, double tolerance, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) <= tolerance * Math.Max(1, Math.Abs(expected[i])),
                $"{what}[{i}]: expected {expected[i]:R}, got {actual[i]:R}");
        }
    }

    public static TheoryData<bool, bool, double?, double?, double?> ForwardCases() => new()
    {
        { true, true, null, null, null },      // no renorm_clipping: {} in Keras
        { true, true, 0.8, 1.25, 0.5 },        // every key
        { false, true, null, 1.1, null },      // rmax only, no gamma
        { true, false, 0.9, null, 0.2 },       // rmin and dmax, no beta
        { false, false, 0.8, 1.25, 0.5 },      // neither gamma nor beta: scale r, offset d
    };

    [Theory, MemberData(nameof(ForwardCases))]
    public void ForwardRenorm_Training_IsKerasesCorrectedNormalization(bool scale, bool center, double? rmin, double? rmax, double? dmax)
    {
        const int rows = 6, width = 5;
        const double epsilon = 1e-3;
        var random = new Random(11);
        double[] x = Draw(random, rows * width, -2, 3);
        double[]? gamma = scale ? Draw(random, width, 0.5, 1.5) : null;
        double[]? beta = center ? Draw(random, width, -0.5, 0.5) : null;
        double[] renormMean = Draw(random, width, -1, 1);
        // The last column's renorm_stddev is below sqrt(epsilon) = 0.0316: Keras divides by sqrt(epsilon) instead.
        double[] renormStddev = [.. Draw(random, width - 1, 0.6, 2.5), 0.01];
        double[] movingMean = Draw(random, width, -1, 1), movingVariance = Draw(random, width, 0.5, 2);
        KerasForward expected = KerasTraining(x, rows, width, gamma, beta, renormMean, renormStddev, epsilon, rmin, rmax, dmax);

        var output = new double[rows * width];
        var normalized = new double[rows * width];
        double[] mean = new double[width], variance = new double[width], inverse = new double[width], r = new double[width], d = new double[width];
        BatchNormalizationMath.ForwardRenorm<double>(x, output, normalized, mean, variance, inverse, r, d, gamma ?? [], beta ?? [], movingMean, movingVariance,
            renormMean, renormStddev, rows, width, epsilon, rmin ?? 0, rmax ?? double.PositiveInfinity, dmax ?? double.PositiveInfinity, training: true);

        AssertClose(expected.Output, output, 1e-12, "output");
        AssertClose(expected.Normalized, normalized, 1e-12, "x̂");
        AssertClose(expected.Mean, mean, 1e-14, "mean");
        AssertClose(expected.Variance, variance, 1e-14, "variance");
        AssertClose(expected.Variance.Select(v => 1 / Math.Sqrt(v + epsilon)).ToArray(), inverse, 1e-14, "1 / stddev");
        AssertClose(expected.R, r, 1e-14, "r");
        AssertClose(expected.D, d, 1e-14, "d");
        // The case's clipping is exercised: without renorm_clipping r and d are the raw ratios (in the last column far
        // from 1 and 0); with it, some corrections sit at their bounds and others inside.
        KerasForward raw = KerasTraining(x, rows, width, gamma, beta, renormMean, renormStddev, epsilon, null, null, null);
        if (rmin is null && rmax is null && dmax is null)
        {
            Assert.True(raw.R[^1] > 10 && Math.Abs(raw.D[^1]) > 1, "the floor column's corrections are large");
        }
        else
        {
            Assert.Contains(Enumerable.Range(0, width), j => raw.R[j] != expected.R[j] || raw.D[j] != expected.D[j]);
            Assert.Contains(Enumerable.Range(0, width), j => raw.R[j] == expected.R[j] || raw.D[j] == expected.D[j]);
        }
    }

    [Theory]
    [InlineData(true, true)]
    [InlineData(false, false)]
    public void ForwardRenorm_Inference_IsPlainBatchNormalizationsInference(bool scale, bool center)
    {
        // Keras's call: not training, mean and variance are moving_mean and moving_variance, renorm or not.
        const int rows = 4, width = 3;
        const double epsilon = 0.01;
        var random = new Random(5);
        double[] x = Draw(random, rows * width, -2, 2);
        double[] gamma = scale ? Draw(random, width, 0.5, 1.5) : [], beta = center ? Draw(random, width, -1, 1) : [];
        double[] movingMean = Draw(random, width, -1, 1), movingVariance = Draw(random, width, 0.2, 3);
        double[] renormMean = Draw(random, width, -1, 1), renormStddev = Draw(random, width, 0.5, 2);
        var renorm = new double[rows * width];
        var plain = new double[rows * width];
        double[] r = [7, 7, 7], d = [7, 7, 7];
        BatchNormalizationMath.ForwardRenorm<double>(x, renorm, new double[rows * width], new double[width], new double[width], new double[width], r, d, gamma, beta,
            movingMean, movingVariance, renormMean, renormStddev, rows, width, epsilon, 0.5, 2, 1, training: false);
        BatchNormalizationMath.Forward<double>(x, plain, new double[rows * width], new double[width], new double[width], new double[width], gamma, beta,
            movingMean, movingVariance, rows, width, epsilon, training: false);
        Assert.Equal(plain, renorm);
        Assert.Equal([7.0, 7, 7], r);   // no corrections in inference
        Assert.Equal([7.0, 7, 7], d);
        for (int i = 0; i < rows; i++)
        {
            for (int j = 0; j < width; j++)
            {
                double expected = (x[i * width + j] - movingMean[j]) / Math.Sqrt(movingVariance[j] + epsilon) * (scale ? gamma[j] : 1) + (center ? beta[j] : 0);
                Assert.Equal(expected, renorm[i * width + j], 1e-13);
            }
        }
    }

    [Theory]
    [InlineData(true, true)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(false, false)]
    public void BackwardRenorm_IsTheGradient_WithRAndDHeldConstant(bool scale, bool center)
    {
        // Keras's _compose_transforms applies stop_gradient to r and d: the gradient is the derivative of the forward
        // with r and d frozen at their values, measured here by central differences of Σ w ⊙ y in double.
        const int rows = 5, width = 3;
        const double epsilon = 1e-3, h = 1e-6;
        var random = new Random(23);
        double[] x = Draw(random, rows * width, -2, 2), w = Draw(random, rows * width, -1, 1);
        double[]? gamma = scale ? Draw(random, width, 0.5, 1.5) : null;
        double[]? beta = center ? Draw(random, width, -0.5, 0.5) : null;
        double[] renormMean = Draw(random, width, -0.5, 0.5), renormStddev = Draw(random, width, 0.5, 1.5);
        KerasForward at = KerasTraining(x, rows, width, gamma, beta, renormMean, renormStddev, epsilon, null, null, null);

        double Loss(double[] xs, double[]? g, double[]? b, bool frozen)
        {
            KerasForward f = KerasTraining(xs, rows, width, g, b, renormMean, renormStddev, epsilon, null, null, null, frozen ? at.R : null, frozen ? at.D : null);
            return f.Output.Zip(w, (y, weight) => y * weight).Sum();
        }
        double Derivative(double[] values, int i, Func<double> loss)
        {
            double saved = values[i];
            values[i] = saved + h;
            double plus = loss();
            values[i] = saved - h;
            double minus = loss();
            values[i] = saved;
            return (plus - minus) / (2 * h);
        }

        // The runtime's forward leaves x̂, 1 / stddev, r and d for its backward.
        var normalized = new double[rows * width];
        double[] inverse = new double[width], r = new double[width], d = new double[width];
        BatchNormalizationMath.ForwardRenorm<double>(x, new double[rows * width], normalized, new double[width], new double[width], inverse, r, d, gamma ?? [], beta ?? [],
            new double[width], new double[width], renormMean, renormStddev, rows, width, epsilon, 0, double.PositiveInfinity, double.PositiveInfinity, training: true);
        double[] delta = w.ToArray(), gammaGradient = new double[scale ? width : 0], betaGradient = new double[center ? width : 0];
        BatchNormalizationMath.BackwardRenorm<double>(normalized, inverse, r, d, gamma ?? [], delta, gammaGradient, betaGradient, rows, width, inputGradient: true);

        double[] numericX = Enumerable.Range(0, x.Length).Select(i => Derivative(x, i, () => Loss(x, gamma, beta, frozen: true))).ToArray();
        AssertClose(numericX, delta, 1e-7, "dx");
        if (gamma is not null) AssertClose(Enumerable.Range(0, width).Select(j => Derivative(gamma, j, () => Loss(x, gamma, beta, frozen: true))).ToArray(), gammaGradient, 1e-7, "dGamma");
        if (beta is not null) AssertClose(Enumerable.Range(0, width).Select(j => Derivative(beta, j, () => Loss(x, gamma, beta, frozen: true))).ToArray(), betaGradient, 1e-7, "dBeta");
        // γ's gradient is Σ dy · (x̂ · r + d), written out.
        if (gamma is not null)
        {
            for (int j = 0; j < width; j++)
            {
                double sum = Enumerable.Range(0, rows).Sum(i => w[i * width + j] * (at.Normalized[i * width + j] * at.R[j] + at.D[j]));
                Assert.Equal(sum, gammaGradient[j], 1e-12);
            }
        }
        // The stop_gradient matters: letting r and d follow x changes the input's derivative.
        double[] free = Enumerable.Range(0, x.Length).Select(i => Derivative(x, i, () => Loss(x, gamma, beta, frozen: false))).ToArray();
        Assert.True(free.Zip(numericX, (a, b) => Math.Abs(a - b)).Max() > 1e-3, "r and d depend on x here, so freezing them must change dx");
    }

    [Fact]
    public void UpdateRenorm_FollowsKerasesAssignments_AndClampsTheMovingVarianceAtZero()
    {
        const double momentum = 0.99, renormMomentum = 0.9, epsilon = 1e-3;
        double[] mean = [0.5, -2, 3], variance = [2, 0, 0.25];
        // The second column's moving_stddev is so small that moving_stddev² − ε < 0: Keras's relu makes the variance 0.
        var old = new RenormState([0.1, 0.2, -0.3], [1.5, 1e-4, 0.8], [1.2, 0.01, 0.9], [0.4, -1, 2], [1.1, 0.5, 0.7]);
        RenormState expected = KerasUpdate(old, mean, variance, momentum, renormMomentum, epsilon);
        RenormState actual = old.Copy();
        BatchNormalizationMath.UpdateRenorm<double>(actual.MovingMean, actual.MovingVariance, actual.MovingStddev, actual.RenormMean, actual.RenormStddev,
            mean, variance, momentum, renormMomentum, epsilon);
        AssertClose(expected.MovingMean, actual.MovingMean, 1e-15, "moving_mean");
        AssertClose(expected.MovingStddev, actual.MovingStddev, 1e-15, "moving_stddev");
        AssertClose(expected.MovingVariance, actual.MovingVariance, 1e-15, "moving_variance");
        AssertClose(expected.RenormMean, actual.RenormMean, 1e-15, "renorm_mean");
        AssertClose(expected.RenormStddev, actual.RenormStddev, 1e-15, "renorm_stddev");
        Assert.Equal(0, actual.MovingVariance[1]);
        // Written out for the first column: the batch's stddev is sqrt(2 + 0.001).
        Assert.Equal(1.1 * 0.9 + Math.Sqrt(2.001) * 0.1, actual.RenormStddev[0], 1e-15);
        Assert.Equal(Math.Pow(1.2 * 0.99 + Math.Sqrt(2.001) * 0.01, 2) - 0.001, actual.MovingVariance[0], 1e-15);
    }

    /// <summary>The state tensors of RenormStatsNet64's batch normalization, copied out of the model.</summary>
    private static RenormState StateOf(Model<RenormStatsNet64.Kernel, double> model)
    {
        LayerDescription layer = model.Description.Layers[0];
        double[] Of(string name) => model.State.Slice(layer.Tensor(name).Offset, 3).ToArray();
        return new RenormState(Of("moving_mean"), Of("moving_variance"), Of("moving_stddev"), Of("renorm_mean"), Of("renorm_stddev"));
    }

    [Fact]
    public void RenormState_IsInKerasesOrder_AndStartsAsKerasBuildsIt()
    {
        // build: moving_mean, moving_variance, then moving_stddev, renorm_mean, renorm_stddev (non-trainable); the
        // standard deviations start at the square root of the moving variance initializer's draws, renorm_mean at a draw
        // of the moving mean's; every tensor draws its own values (Keras clones the initializer for each).
        var model = new RenormStatsNet64(seed: 3);
        LayerDescription layer = model.Description.Layers[0];
        Assert.Equal(["batch_normalization_0/gamma", "batch_normalization_0/beta", "batch_normalization_0/moving_mean", "batch_normalization_0/moving_variance",
            "batch_normalization_0/moving_stddev", "batch_normalization_0/renorm_mean", "batch_normalization_0/renorm_stddev"], layer.Tensors.Select(t => t.Name));
        Assert.Equal([true, true, false, false, false, false, false], layer.Tensors.Select(t => t.Trainable));
        Assert.Equal([0, 3, 6, 9, 12], layer.Tensors.Where(t => !t.Trainable).Select(t => t.Offset));
        RenormState state = StateOf(model);
        // MovingVarianceInitializer = RandomUniform(0.5, 2), MovingMeanInitializer = RandomNormal(0, 0.5).
        Assert.All(state.MovingVariance, v => Assert.InRange(v, 0.5, 2));
        Assert.All(state.MovingStddev, s => Assert.InRange(s * s, 0.5 - 1e-12, 2));
        Assert.All(state.RenormStddev, s => Assert.InRange(s * s, 0.5 - 1e-12, 2));
        Assert.NotEqual(state.MovingVariance, state.MovingStddev.Select(s => s * s).ToArray());
        Assert.NotEqual(state.MovingStddev, state.RenormStddev);
        Assert.NotEqual(state.MovingMean, state.RenormMean);
        Assert.All(state.RenormMean, m => Assert.InRange(m, -3, 3));
    }

    [Fact]
    public void TrainingSteps_NormalizeAndUpdateTheStatistics_AsKerasDoes()
    {
        // RenormStatsNet64's BatchNormalization reads the input itself, so its batch statistics are the data's. Over
        // five steps: the training forward of the layer (read from the workspace) against Keras's formulas with the
        // state and γ, β before the step, then the state after the step against _update_renorm_statistics.
        const int rows = 8, width = 3;
        const double momentum = 0.8, renormMomentum = 0.7, epsilon = 0.01, rmin = 0.8, rmax = 1.25, dmax = 0.5;
        var model = new RenormStatsNet64(seed: 9);
        LayerDescription layer = model.Description.Layers[0];
        using Trainer<RenormStatsNet64.Kernel, double> trainer = model.CreateTrainer(rows);
        var random = new Random(31);
        RenormState expected = StateOf(model);
        var workspace = new double[rows * RenormStatsNet64.Kernel.WorkspacePerRow + RenormStatsNet64.Kernel.WorkspaceFixed];
        bool clipped = false, unclipped = false;
        for (int step = 0; step < 5; step++)
        {
            // Batches that drift, so that the corrections move, clip, and come back.
            double[] x = Draw(random, rows * width, -1 + step, 2 + 0.5 * step);
            double[] y = Draw(random, rows * 2, -1, 1);
            double[] gamma = model.Parameters.Slice(layer.Tensor("gamma").Offset, width).ToArray(), beta = model.Parameters.Slice(layer.Tensor("beta").Offset, width).ToArray();
            KerasForward keras = KerasTraining(x, rows, width, gamma, beta, expected.RenormMean, expected.RenormStddev, epsilon, rmin, rmax, dmax);
            KerasForward raw = KerasTraining(x, rows, width, gamma, beta, expected.RenormMean, expected.RenormStddev, epsilon, null, null, null);
            clipped |= Enumerable.Range(0, width).Any(j => raw.R[j] != keras.R[j] || raw.D[j] != keras.D[j]);
            unclipped |= Enumerable.Range(0, width).Any(j => raw.R[j] == keras.R[j] || raw.D[j] == keras.D[j]);

            RenormStatsNet64.Kernel.Forward(model.Parameters, model.State, x, rows, workspace, ForwardMode.Training(noiseKey: 1));
            AssertClose(keras.Output, workspace.AsSpan(0, rows * width), 1e-12, $"step {step}: output");

            trainer.TrainStep(x, y, rows);
            expected = KerasUpdate(expected, keras.Mean, keras.Variance, momentum, renormMomentum, epsilon);
            RenormState actual = StateOf(model);
            AssertClose(expected.MovingMean, actual.MovingMean, 1e-12, $"step {step}: moving_mean");
            AssertClose(expected.MovingVariance, actual.MovingVariance, 1e-12, $"step {step}: moving_variance");
            AssertClose(expected.MovingStddev, actual.MovingStddev, 1e-12, $"step {step}: moving_stddev");
            AssertClose(expected.RenormMean, actual.RenormMean, 1e-12, $"step {step}: renorm_mean");
            AssertClose(expected.RenormStddev, actual.RenormStddev, 1e-12, $"step {step}: renorm_stddev");
        }
        Assert.True(clipped && unclipped, "the steps must clip some corrections and leave others free");
    }

    [Fact]
    public void Inference_IsUnchangedByRenorm()
    {
        // After training, the renormalizing model predicts what the same layer without renorm predicts from the same
        // weights and moving mean and variance: renorm changes training only (Keras's docstring says as much).
        var model = new RenormStatsNet64(seed: 2);
        var random = new Random(8);
        using (Trainer<RenormStatsNet64.Kernel, double> trainer = model.CreateTrainer(16))
        {
            for (int step = 0; step < 4; step++) trainer.TrainStep(Draw(random, 16 * 3, -1, 3), Draw(random, 16 * 2, -1, 1), 16);
        }
        var twin = new RenormStatsTwin64();
        model.Parameters.CopyTo(twin.Parameters);
        LayerDescription ours = model.Description.Layers[0], theirs = twin.Description.Layers[0];
        foreach (string name in new[] { "moving_mean", "moving_variance" })
        {
            model.State.Slice(ours.Tensor(name).Offset, 3).CopyTo(twin.State.Slice(theirs.Tensor(name).Offset, 3));
        }
        double[] x = Draw(random, 20 * 3, -2, 4);
        double[] predicted = model.Predict(x);
        Assert.Equal(twin.Predict(x), predicted);
        // And the renorm state plays no part: changing it changes no prediction.
        model.State.Slice(ours.Tensor("moving_stddev").Offset, 9).Fill(5);   // moving_stddev, renorm_mean, renorm_stddev
        Assert.Equal(predicted, model.Predict(x));
    }

    [Fact]
    public void Fit_Learns_WithRenorm_AndTwoThreadsTrainAsOne()
    {
        Dataset digits = Datasets.LoadDigits();
        float[] y = OneHot.Encode(digits.Labels(), 10);
        var model = new RenormDigitsNet(seed: 1);
        History history = model.Fit(digits.Features, y, new FitOptions { Epochs = 8, ValidationSplit = 0.2, Verbose = 0 });
        Assert.True(history.ValidationAccuracy[^1] > 0.85, $"val_accuracy {string.Join(", ", history.ValidationAccuracy)}");
        TensorDescription renormStddev = model.Description.Layers[1].Tensor("renorm_stddev");
        Assert.Contains(Enumerable.Range(0, 64), j => Math.Abs(model.State[renormStddev.Offset + j] - 1) > 0.1);

        // The batch statistics are the whole batch's: asked for two threads, the trainer runs one, bit for bit.
        Assert.True(Trainer<RenormDigitsNet.Kernel, float>.WholeBatch);
        float[] Train(int threads)
        {
            var m = new RenormDigitsNet(seed: 4);
            m.Fit(digits.Features, y, new FitOptions { Epochs = 1, BatchSize = 128, Threads = threads, Verbose = 0 });
            return [.. m.Parameters, .. m.State];
        }
        Assert.Equal(Train(1), Train(2));
    }
}
