using FastDense.Losses;
using FastDense.Tests.GradientChecks;

namespace FastDense.Tests.Operators;

/// <summary>
/// Every loss on every output activation it accepts (FD0006's table, docs/diagnostics/FD0006.md), at the operator: the
/// delta its typed operator writes against central differences, with respect to the output layer's pre-activation, of
/// the batch mean of the runtime's row values (keras/src/losses/losses.py's formulas, Losses/*Loss.cs). A softmax
/// output checks the Jacobian that every loss of the output goes through, a sparsemax one its own (its output written
/// here from the sorted row, SparsemaxAndGluTests.SparsemaxReference).
/// </summary>
public class LossGradientCheckTests
{
    private const int Rows = 4, Columns = 3;
    private const double Step = 1e-6, MaxRelativeError = 1e-5, AbsoluteFloor = 1e-8;

    /// <summary>Whether FD0006 lets <paramref name="loss"/> train a <paramref name="output"/> output.</summary>
    internal static bool Fits(Loss loss, Activation output, LossArguments arguments) => loss switch
    {
        Loss.CategoricalCrossentropy or Loss.CategoricalFocalCrossentropy or Loss.SparseCategoricalCrossentropy => output == (arguments.FromLogits ? Activation.Linear : Activation.Softmax),
        Loss.BinaryCrossentropy or Loss.BinaryFocalCrossentropy => output == (arguments.FromLogits ? Activation.Linear : Activation.Sigmoid),
        Loss.Poisson => output is Activation.Relu or Activation.Sigmoid or Activation.Softmax or Activation.Sparsemax,
        Loss.KLDivergence => output is Activation.Softmax or Activation.Sigmoid or Activation.Sparsemax,
        _ => true,
    };

    /// <summary>Non-default arguments checked beside Keras's defaults.</summary>
    private static readonly Dictionary<Loss, LossArguments[]> Variants = new()
    {
        [Loss.Huber] = [new() { Delta = 0.3 }, new() { Delta = 5 }],
        [Loss.SparseCategoricalCrossentropy] = [new() { FromLogits = true }],
        [Loss.CategoricalCrossentropy] = [new() { LabelSmoothing = 0.2 }, new() { FromLogits = true }, new() { FromLogits = true, LabelSmoothing = 0.1 }],
        [Loss.BinaryCrossentropy] = [new() { LabelSmoothing = 0.2 }, new() { FromLogits = true }, new() { FromLogits = true, LabelSmoothing = 0.1 }],
        [Loss.BinaryFocalCrossentropy] =
        [
            new() { ApplyClassBalancing = true, Alpha = 0.4 }, new() { Gamma = 0 }, new() { Gamma = 0.5 }, new() { Gamma = 3, LabelSmoothing = 0.1 },
            new() { FromLogits = true }, new() { FromLogits = true, ApplyClassBalancing = true, LabelSmoothing = 0.3 },
        ],
        [Loss.CategoricalFocalCrossentropy] =
        [
            new() { Alpha = 1, Gamma = 0 }, new() { Gamma = 0.5 }, new() { Gamma = 3, LabelSmoothing = 0.1 },
            new() { FromLogits = true }, new() { FromLogits = true, Alpha = 0.6, LabelSmoothing = 0.2 },
        ],
    };

    public static TheoryData<Loss, Activation, int> Pairs()
    {
        var data = new TheoryData<Loss, Activation, int>();
        foreach (Loss loss in Enum.GetValues<Loss>())
        {
            LossArguments[] variants = [LossArguments.Default, .. Variants.GetValueOrDefault(loss, [])];
            for (int v = 0; v < variants.Length; v++)
            {
                // The outputs this operator-level check computes by hand (LossOperators.Activate); every other activation is
                // gradient-checked as an output through generated models (ActivationModels.cs, the completeness suite).
                foreach (Activation output in new[] { Activation.Linear, Activation.Relu, Activation.Sigmoid, Activation.Tanh, Activation.Softmax, Activation.Sparsemax })
                {
                    if (Fits(loss, output, variants[v])) data.Add(loss, output, v);
                }
            }
        }
        return data;
    }

    [Theory, MemberData(nameof(Pairs))]
    public void Backward_MatchesFiniteDifferencesOfTheValue(Loss loss, Activation output, int variant)
    {
        LossArguments arguments = variant == 0 ? LossArguments.Default : Variants[loss][variant - 1];
        LossFunction function = LossFunction.For(loss, arguments);
        var random = new Random(1000 * (int)loss + 10 * (int)output + variant);
        // Logits away from relu's kink; targets the loss accepts.
        double[] z = Enumerable.Range(0, Rows * Columns).Select(_ => (random.Next(2) == 0 ? -1 : 1) * (0.1 + 1.9 * random.NextDouble())).ToArray();
        // Sparsemax over logits within 1 of each other: every row's support holds two elements or more, whose gradient is
        // not 0 (a support of one is a constant output).
        if (output == Activation.Sparsemax) z = z.Select(v => v / 4).ToArray();
        double[] y = GradientChecker.TargetsFor(loss, Columns)(random, Rows * LossTargets.Width(loss, Columns));
        function.CheckTargets(y, "y", Columns);

        double[] a = LossOperators.Activate(output, z, Columns), delta = new double[z.Length];
        LossOperators.Backward(loss, arguments, output, a, z, y, delta, Rows);
        Assert.Contains(delta, d => d != 0);

        for (int k = 0; k < z.Length; k++)
        {
            double saved = z[k];
            z[k] = saved + Step;
            double plus = MeanLoss(function, output, z, y);
            z[k] = saved - Step;
            double minus = MeanLoss(function, output, z, y);
            z[k] = saved;
            double numeric = (plus - minus) / (2 * Step), scale = Math.Max(Math.Abs(numeric), Math.Abs(delta[k]));
            double error = scale < AbsoluteFloor ? Math.Abs(numeric - delta[k]) : Math.Abs(numeric - delta[k]) / scale;
            Assert.True(error <= MaxRelativeError, $"{loss} on {output} ({arguments}): dz[{k}] analytic {delta[k]:G10}, numeric {numeric:G10}");
        }
    }

    /// <summary>The batch mean of the row values, from the logits or the output as the loss reads them.</summary>
    private static double MeanLoss(LossFunction function, Activation output, double[] z, double[] y)
    {
        double[] lossInput = function.ReadsLogits ? z : LossOperators.Activate(output, z, Columns);
        return function.Sum<double>(lossInput, y, Rows, Columns) / Rows;
    }
}
