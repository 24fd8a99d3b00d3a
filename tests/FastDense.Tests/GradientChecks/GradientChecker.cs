using FastDense.Kernels;
using FastDense.Metrics;

namespace FastDense.Tests.GradientChecks;

/// <summary>
/// Checks a generated model's Backward against central finite differences of its loss, in double (llm.c's
/// check_tensor: per tensor, the largest relative error and the first offending pairs).
/// </summary>
internal static class GradientChecker
{
    /// <summary>Central-difference step: truncation error ~h² and rounding error ~eps/h balance near 1e-5 in double.</summary>
    public const double Step = 1e-5;

    /// <summary>
    /// The issue's bound on the relative error. With h = 1e-5 the truncation error is ~1e-10 relative and rounding
    /// ~1e-11 relative to O(1) losses, so 1e-6 leaves four orders of margin and still catches any wrong term.
    /// </summary>
    public const double MaxRelativeError = 1e-6;

    /// <summary>Gradients smaller than this (absolute) are compared absolutely: relative error means nothing near 0.</summary>
    public const double AbsoluteFloor = 1e-9;

    /// <summary>
    /// The rounding error of a central difference: about ε·|L|/h = 1e-16 · O(1) / 1e-5 ≈ 1e-11 in double. A pair closer than
    /// this is a match whatever its relative error (a gradient of 1e-5 is only known to ~1e-6 relative).
    /// </summary>
    public const double RoundingTolerance = 1e-10;

    /// <summary>Pre-activations must be at least this far from their activation's kinks (relu's 0, hard_sigmoid's ±3, a threshold), or the check is meaningless.</summary>
    public const double KinkMargin = 10 * Step;

    /// <summary>
    /// The training pass every evaluation runs: a fixed key, so that a Dropout layer draws the same mask each time and
    /// the loss is a smooth function of the parameters that the central differences can follow.
    /// </summary>
    public static readonly ForwardMode Mode = ForwardMode.Training(noiseKey: 0x1234_5678_9ABC_DEF0UL);

    /// <summary>
    /// How far a renormalizing BatchNormalization's r and d, before their clip, must lie beyond its bounds when the layer's
    /// input moves with the parameters: a step of h moves them by about h times their size (at most tens here).
    /// </summary>
    public const double ClipMargin = 100 * Step;

    public static void Check<TKernel>(int rows, int seed, Func<Random, int, double[]> makeTargets)
        where TKernel : struct, IModelKernel<double>
    {
        (double[] p, double[] state, double[] x, double[] y) = Setup<TKernel>(rows, seed, makeTargets);
        double closest = ClosestToKink<TKernel>(p, state, x, rows, out string layer);
        Assert.True(closest > KinkMargin, $"{layer}: a pre-activation is {closest:E2} from its activation's kink; pick another seed.");
        double clip = ClosestToRenormClipBound<TKernel>(p, state, x, rows, out layer);
        Assert.True(clip > ClipMargin, $"{layer}: a renorm correction is {clip:E2} inside or from its clip bound, where it would move with the parameters; pick another seed.");
        CheckAt<TKernel>(p, state, x, y, rows);
    }

    /// <summary>
    /// The check at the first seed from 1 whose pre-activations all keep <see cref="KinkMargin"/> from their activations' kinks,
    /// with targets that fit the model's loss: what the completeness tests run on every model of this assembly.
    /// </summary>
    public static void CheckAnySeed<TKernel>(int rows) where TKernel : struct, IModelKernel<double> => CheckFirstSeed<TKernel>(rows, weighted: false);

    /// <summary>
    /// <see cref="CheckAnySeed{TKernel}(int)"/> with a sample weight per row in [0, 2) (one of them 0): the generated
    /// backward's weighted gradient against central differences of Keras's weighted loss <c>Σ w·loss / rows</c>.
    /// </summary>
    public static void CheckAnySeedWeighted<TKernel>(int rows) where TKernel : struct, IModelKernel<double> => CheckFirstSeed<TKernel>(rows, weighted: true);

    private static void CheckFirstSeed<TKernel>(int rows, bool weighted)
        where TKernel : struct, IModelKernel<double>
    {
        Func<Random, int, double[]> targets = TargetsFor(TKernel.Loss, TKernel.OutputSize);
        for (int seed = 1; seed <= 100; seed++)
        {
            (double[] p, double[] state, double[] x, double[] y) = Setup<TKernel>(rows, seed, targets);
            if (ClosestToKink<TKernel>(p, state, x, rows, out _) <= KinkMargin) continue;
            if (ClosestToRenormClipBound<TKernel>(p, state, x, rows, out _) <= ClipMargin) continue;
            double[]? w = null;
            if (weighted)
            {
                var random = new Random(seed + 1000);
                w = Enumerable.Range(0, rows).Select(_ => 2 * random.NextDouble()).ToArray();
                w[rows / 2] = 0;
            }
            CheckAt<TKernel>(p, state, x, y, rows, w);
            return;
        }
        Assert.Fail($"{typeof(TKernel).DeclaringType!.Name}: no seed in 1..100 keeps every pre-activation away from its activation's kinks and every renorm correction of a layer after parameters clipped.");
    }

    private static (double[] P, double[] State, double[] X, double[] Y) Setup<TKernel>(int rows, int seed, Func<Random, int, double[]> makeTargets)
        where TKernel : struct, IModelKernel<double>
    {
        var random = new Random(seed);
        var p = new double[TKernel.ParameterCount];
        var state = new double[TKernel.StateCount];
        TKernel.Initialize(p, state, (ulong)seed);
        // A Normalization's mean and variance away from 0 and 1, so that its forward and backward change something; a
        // renormalizing BatchNormalization's renorm_stddev (and moving_stddev) positive, as training keeps them.
        foreach (TensorDescription tensor in TKernel.Description.Tensors.Where(t => !t.Trainable))
        {
            bool positive = tensor.Name.EndsWith("/variance", StringComparison.Ordinal) || tensor.Name.EndsWith("_stddev", StringComparison.Ordinal);
            for (int i = 0; i < tensor.Length; i++) state[tensor.Offset + i] = positive ? 0.5 + 1.5 * random.NextDouble() : random.NextDouble() - 0.5;
        }
        // Non-zero biases, so their gradients are exercised away from the symmetric start.
        foreach (TensorDescription bias in TKernel.Description.Tensors.Where(t => t.Name.EndsWith("/bias", StringComparison.Ordinal)))
        {
            for (int i = 0; i < bias.Length; i++) p[bias.Offset + i] = random.NextDouble() - 0.5;
        }
        var x = new double[rows * TKernel.InputSize];
        for (int i = 0; i < x.Length; i++) x[i] = 2 * random.NextDouble() - 1;
        double[] y = makeTargets(random, rows * TKernel.Description.TargetWidth);
        return (p, state, x, y);
    }

    private static void CheckAt<TKernel>(double[] p, double[] state, double[] x, double[] y, int rows, double[]? w = null)
        where TKernel : struct, IModelKernel<double>
    {
        var workspace = new double[rows * TKernel.WorkspacePerRow + TKernel.WorkspaceFixed];
        var analytic = new double[TKernel.ParameterCount];
        TKernel.Forward(p, state, x, rows, workspace, Mode);
        TKernel.Backward(p, state, x, y, w, rows, workspace, analytic);

        var numeric = new double[TKernel.ParameterCount];
        for (int i = 0; i < p.Length; i++)
        {
            double saved = p[i];
            p[i] = saved + Step;
            double plus = MeanLoss<TKernel>(p, state, x, y, rows, workspace, w);
            p[i] = saved - Step;
            double minus = MeanLoss<TKernel>(p, state, x, y, rows, workspace, w);
            p[i] = saved;
            numeric[i] = (plus - minus) / (2 * Step);
        }

        var failures = new List<string>();
        // The parameters' tensors: a state tensor's offset is into the state buffer, which has no gradient.
        foreach (TensorDescription tensor in TKernel.Description.Tensors.Where(t => t.Trainable))
        {
            CompareTensor(tensor.Name, analytic, numeric, tensor.Offset, tensor.Length, failures);
        }
        Assert.True(failures.Count == 0, $"{typeof(TKernel).DeclaringType!.Name}: gradient check failed:\n" + string.Join("\n", failures));
    }

    public static double MeanLoss<TKernel>(double[] p, double[] state, double[] x, double[] y, int rows, double[] workspace, double[]? w = null)
        where TKernel : struct, IModelKernel<double>
    {
        TKernel.Forward(p, state, x, rows, workspace, Mode);
        ReadOnlySpan<double> lossInput = workspace.AsSpan(rows * TKernel.LossInputOffsetPerRow, rows * TKernel.OutputSize);
        return (w is null
            ? LossValues.Sum(TKernel.Description.LossFunction, lossInput, y, rows, TKernel.OutputSize)
            : TKernel.Description.LossFunction.WeightedSum<double>(lossInput, y, w, rows, TKernel.OutputSize)) / rows
            + TKernel.RegularizationLoss(p, workspace, rows);
    }

    private static void CompareTensor(string name, double[] analytic, double[] numeric, int offset, int length, List<string> failures)
    {
        double worst = 0;
        var pairs = new List<string>();
        for (int i = offset; i < offset + length; i++)
        {
            double a = analytic[i], n = numeric[i], scale = Math.Max(Math.Abs(a), Math.Abs(n));
            double error = scale < AbsoluteFloor || Math.Abs(a - n) <= RoundingTolerance ? 0 : Math.Abs(a - n) / scale;
            if (scale < AbsoluteFloor && Math.Abs(a - n) > AbsoluteFloor) error = double.PositiveInfinity;
            worst = Math.Max(worst, error);
            if (error > MaxRelativeError && pairs.Count < 4) pairs.Add($"[{i - offset}] analytic {a:G10} numeric {n:G10}");
        }
        if (worst > MaxRelativeError) failures.Add($"  {name}: max relative error {worst:E2}; first pairs: {string.Join("; ", pairs)}");
    }

    /// <summary>
    /// Where each activation's derivative jumps (or the activation itself): its kinks, with the layer's arguments
    /// (those the description lists differ from Keras's defaults; the others are the defaults).
    /// </summary>
    public static double[] Kinks(LayerDescription layer)
    {
        double Argument(string name, double fallback) => layer.ActivationArguments.Where(a => a.Key == name).Select(a => a.Value).DefaultIfEmpty(fallback).First();
        return layer.Activation switch
        {
            Activation.Relu => new[] { Argument("threshold", 0), Argument("max_value", double.PositiveInfinity) },
            Activation.LeakyRelu or Activation.Elu or Activation.Selu => [0],
            Activation.Relu6 => [0, 6],
            Activation.HardSigmoid or Activation.HardSilu => [-3, 3],
            Activation.HardTanh or Activation.SparsePlus or Activation.SparseSigmoid => [-1, 1],
            Activation.SoftShrink or Activation.HardShrink => [-Argument("threshold", 0.5), Argument("threshold", 0.5)],
            Activation.Threshold => [Argument("threshold", double.NaN)],
            _ => [],
        };
    }

    /// <summary>
    /// Recomputes every Dense layer's pre-activation with the naive kernel, and reads every other layer's input where it
    /// has kinks (the layers over one activation, PReLU at 0): the smallest distance from the kinks, and where.
    /// </summary>
    private static double ClosestToKink<TKernel>(double[] p, double[] state, double[] x, int rows, out string layerName)
        where TKernel : struct, IModelKernel<double>
    {
        var workspace = new double[rows * TKernel.WorkspacePerRow + TKernel.WorkspaceFixed];
        TKernel.Forward(p, state, x, rows, workspace, Mode);
        double[] input = x;
        int activationOffset = 0;
        double closest = double.PositiveInfinity;
        layerName = "";
        foreach (LayerDescription layer in TKernel.Description.Layers)
        {
            double[] kinks = layer.Kind == LayerKind.Dense ? Kinks(layer) : [];
            bool sparsemax = layer.Kind == LayerKind.Dense && layer.Activation == Activation.Sparsemax;
            // A layer over one activation applies it to its input; PReLU bends at 0.
            double[] inputKinks = layer.Kind switch
            {
                LayerKind.Activation or LayerKind.ReLU or LayerKind.LeakyReLU or LayerKind.ELU or LayerKind.Softmax => Kinks(layer),
                LayerKind.PReLU => [0],
                _ => [],
            };
            if (inputKinks.Length > 0)
            {
                double nearest = input.Min(v => inputKinks.Min(k => Math.Abs(v - k)));
                if (nearest < closest) (closest, layerName) = (nearest, layer.Name);
            }
            if (kinks.Length > 0 || sparsemax)
            {
                var z = new double[rows * layer.Outputs];
                // A layer without a bias (use_bias=False) adds zeros.
                double[] bias = layer.Tensors.Any(t => t.Name == layer.Name + "/bias") ? p.AsSpan(layer.Tensor("bias").Offset, layer.Outputs).ToArray() : new double[layer.Outputs];
                MatrixProductsNaive.Forward<double>(input, p.AsSpan(layer.Tensor("kernel").Offset, layer.Inputs * layer.Outputs), bias, z, rows, layer.Inputs, layer.Outputs);
                double nearest = sparsemax
                    ? Enumerable.Range(0, rows).Min(r => SparsemaxKinkDistance(z.AsSpan(r * layer.Outputs, layer.Outputs)))
                    : z.Min(v => kinks.Min(k => Math.Abs(v - k)));
                if (nearest < closest) (closest, layerName) = (nearest, layer.Name);
            }
            // The next layer's input is this layer's output, as Forward left it (every layer's output block lies next).
            input = workspace.AsSpan(rows * activationOffset, rows * layer.Outputs).ToArray();
            activationOffset += layer.Outputs;
        }
        return closest;
    }

    /// <summary>
    /// Sparsemax's kinks are where a value of the row meets its threshold τ (the support changes): the row's smallest
    /// |z − τ|, τ from the sorted row (Martins &amp; Astudillo's algorithm 1).
    /// </summary>
    private static double SparsemaxKinkDistance(ReadOnlySpan<double> row)
    {
        double[] sorted = row.ToArray().OrderByDescending(v => v).ToArray();
        double cumulative = 0, supportSum = 0;
        int k = 0;
        for (int r = 1; r <= sorted.Length; r++)
        {
            cumulative += sorted[r - 1];
            if (1 + r * sorted[r - 1] > cumulative) (k, supportSum) = (r, cumulative);
        }
        double tau = (supportSum - 1) / k;
        return sorted.Min(v => Math.Abs(v - tau));
    }

    /// <summary>
    /// For each renormalizing BatchNormalization whose input moves with the parameters (a layer with parameters comes
    /// before it): the smallest distance of r and d before their clip (keras/src/layers/normalization/batch_normalization.py,
    /// _renorm_correction_and_moments: r = σ_B / s, d = (μ_B − renorm_mean) / s, s = max(renorm_stddev, √ε)) beyond
    /// their bounds. Keras's backward holds r and d constant; the loss's derivative that central differences measure
    /// agrees only where the clip holds them there. rmin = rmax fixes r and dmax = 0 fixes d wherever they are (+∞).
    /// 0 when one lies inside its bounds; +∞ for a model without such a layer.
    /// </summary>
    private static double ClosestToRenormClipBound<TKernel>(double[] p, double[] state, double[] x, int rows, out string layerName)
        where TKernel : struct, IModelKernel<double>
    {
        var workspace = new double[rows * TKernel.WorkspacePerRow + TKernel.WorkspaceFixed];
        TKernel.Forward(p, state, x, rows, workspace, Mode);
        double[] input = x;
        int outputOffset = 0;
        bool afterParameters = false;
        double closest = double.PositiveInfinity;
        layerName = "";
        foreach (LayerDescription layer in TKernel.Description.Layers)
        {
            if (layer.Kind == LayerKind.BatchNormalization && layer.Argument("renorm", 0) != 0 && afterParameters)
            {
                double epsilon = layer.Argument("epsilon", 1e-3);
                double rMin = layer.Argument("renorm_clipping.rmin", 0), rMax = layer.Argument("renorm_clipping.rmax", double.PositiveInfinity);
                double dMax = layer.Argument("renorm_clipping.dmax", double.PositiveInfinity);
                int width = layer.Inputs;
                for (int j = 0; j < width; j++)
                {
                    double[] column = Enumerable.Range(0, rows).Select(r => input[r * width + j]).ToArray();
                    double mean = column.Average(), variance = column.Select(v => (v - mean) * (v - mean)).Average();
                    double s = Math.Max(state[layer.Tensor("renorm_stddev").Offset + j], Math.Sqrt(epsilon));
                    double r = Math.Sqrt(variance + epsilon) / s, d = (mean - state[layer.Tensor("renorm_mean").Offset + j]) / s;
                    double rDistance = rMin == rMax ? double.PositiveInfinity : r < rMin ? rMin - r : r > rMax ? r - rMax : 0;
                    double dDistance = dMax == 0 ? double.PositiveInfinity : Math.Max(Math.Abs(d) - dMax, 0);
                    double nearest = Math.Min(rDistance, dDistance);
                    if (nearest < closest) (closest, layerName) = (nearest, layer.Name);
                }
            }
            afterParameters |= layer.ParameterCount > 0;
            input = workspace.AsSpan(rows * outputOffset, rows * layer.Outputs).ToArray();
            outputOffset += layer.Outputs;
        }
        return closest;
    }

    /// <summary>Targets each loss accepts (its CheckTargets): one-hot rows, 0/1, probabilities, non-negative or any real.</summary>
    public static Func<Random, int, double[]> TargetsFor(Loss loss, int outputs) => loss switch
    {
        Loss.CategoricalCrossentropy or Loss.CategoricalFocalCrossentropy or Loss.CategoricalHinge => (r, n) => OneHotTargets(r, n, outputs),
        Loss.SparseCategoricalCrossentropy => (r, n) => ClassIndexTargets(r, n, outputs),
        Loss.BinaryCrossentropy or Loss.BinaryFocalCrossentropy or Loss.Hinge or Loss.SquaredHinge => BinaryTargets,
        Loss.KLDivergence => ProbabilityTargets,
        Loss.MeanSquaredLogarithmicError or Loss.Poisson => NonNegativeTargets,
        _ => RealTargets,
    };

    public static double[] ProbabilityTargets(Random random, int length)
    {
        var y = new double[length];
        for (int i = 0; i < length; i++) y[i] = random.NextDouble();
        return y;
    }

    public static double[] NonNegativeTargets(Random random, int length)
    {
        var y = new double[length];
        for (int i = 0; i < length; i++) y[i] = 2 * random.NextDouble();
        return y;
    }

    /// <summary>One class index a row: <paramref name="length"/> is the row count.</summary>
    public static double[] ClassIndexTargets(Random random, int length, int classes)
    {
        var y = new double[length];
        for (int r = 0; r < length; r++) y[r] = random.Next(classes);
        return y;
    }

    public static double[] OneHotTargets(Random random, int length, int classes)
    {
        var y = new double[length];
        for (int r = 0; r < length / classes; r++) y[r * classes + random.Next(classes)] = 1;
        return y;
    }

    public static double[] BinaryTargets(Random random, int length)
    {
        var y = new double[length];
        for (int i = 0; i < length; i++) y[i] = random.Next(2);
        return y;
    }

    public static double[] RealTargets(Random random, int length)
    {
        var y = new double[length];
        for (int i = 0; i < length; i++) y[i] = 2 * random.NextDouble() - 1;
        return y;
    }
}
