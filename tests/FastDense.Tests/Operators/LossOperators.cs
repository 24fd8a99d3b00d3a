using FastDense.Losses;

#pragma warning disable CS0618 // the typed operators live in __Internals, [Obsolete] for users only.
namespace FastDense.Tests.Operators;

/// <summary>
/// Calls a loss's typed operator as generated code does (<c>Losses.Backward(output, y, delta, rows, loss, activation)</c>,
/// or with the logits for a loss whose backward reads them), for any <see cref="Loss"/> and <see cref="Activation"/>
/// picked at run time: the operator is built from <see cref="LossArguments"/> as the runtime's definition is.
/// </summary>
internal static class LossOperators
{
    public static void Backward(Loss loss, LossArguments arguments, Activation activation, double[] output, double[] logits, double[] y, double[] delta, int rows)
    {
        switch (loss)
        {
            case Loss.CategoricalCrossentropy: Run<__Internals.CategoricalCrossentropyLoss>(arguments, activation, output, y, delta, rows); break;
            case Loss.SparseCategoricalCrossentropy: Run<__Internals.SparseCategoricalCrossentropyLoss>(arguments, activation, output, y, delta, rows); break;
            case Loss.BinaryCrossentropy: Run<__Internals.BinaryCrossentropyLoss>(arguments, activation, output, y, delta, rows); break;
            case Loss.MeanSquaredError: Run<__Internals.MeanSquaredErrorLoss>(arguments, activation, output, y, delta, rows); break;
            case Loss.MeanAbsoluteError: Run<__Internals.MeanAbsoluteErrorLoss>(arguments, activation, output, y, delta, rows); break;
            case Loss.MeanAbsolutePercentageError: Run<__Internals.MeanAbsolutePercentageErrorLoss>(arguments, activation, output, y, delta, rows); break;
            case Loss.MeanSquaredLogarithmicError: Run<__Internals.MeanSquaredLogarithmicErrorLoss>(arguments, activation, output, y, delta, rows); break;
            case Loss.Huber: Run<__Internals.HuberLoss>(arguments, activation, output, y, delta, rows); break;
            case Loss.LogCosh: Run<__Internals.LogCoshLoss>(arguments, activation, output, y, delta, rows); break;
            case Loss.Poisson: Run<__Internals.PoissonLoss>(arguments, activation, output, y, delta, rows); break;
            case Loss.KLDivergence: Run<__Internals.KLDivergenceLoss>(arguments, activation, output, y, delta, rows); break;
            case Loss.CosineSimilarity: Run<__Internals.CosineSimilarityLoss>(arguments, activation, output, y, delta, rows); break;
            case Loss.Hinge: Run<__Internals.HingeLoss>(arguments, activation, output, y, delta, rows); break;
            case Loss.SquaredHinge: Run<__Internals.SquaredHingeLoss>(arguments, activation, output, y, delta, rows); break;
            case Loss.CategoricalHinge: Run<__Internals.CategoricalHingeLoss>(arguments, activation, output, y, delta, rows); break;
            case Loss.BinaryFocalCrossentropy: RunWithLogits<__Internals.BinaryFocalCrossentropyLoss>(arguments, activation, output, logits, y, delta, rows); break;
            case Loss.CategoricalFocalCrossentropy: Run<__Internals.CategoricalFocalCrossentropyLoss>(arguments, activation, output, y, delta, rows); break;
            default: throw new ArgumentOutOfRangeException(nameof(loss), loss, "No operator call for this loss in the tests.");
        }
    }

    private static void Run<TLoss>(LossArguments arguments, Activation activation, double[] output, double[] y, double[] delta, int rows)
        where TLoss : struct, __Internals.ILossOperator, ILossDefinition<TLoss>
    {
        TLoss loss = TLoss.Create(arguments);
        switch (activation)
        {
            case Activation.Linear: __Internals.Losses.Backward<double, TLoss, __Internals.LinearActivation>(output, y, delta, rows, loss, default); break;
            case Activation.Relu: __Internals.Losses.Backward<double, TLoss, __Internals.ReluActivation>(output, y, delta, rows, loss, default); break;
            case Activation.Sigmoid: __Internals.Losses.Backward<double, TLoss, __Internals.SigmoidActivation>(output, y, delta, rows, loss, default); break;
            case Activation.Tanh: __Internals.Losses.Backward<double, TLoss, __Internals.TanhActivation>(output, y, delta, rows, loss, default); break;
            case Activation.Softmax: __Internals.Losses.Backward<double, TLoss, __Internals.SoftmaxActivation>(output, y, delta, rows, loss, default); break;
            case Activation.Sparsemax: __Internals.Losses.Backward<double, TLoss, __Internals.SparsemaxActivation>(output, y, delta, rows, loss, default); break;
            default: throw new ArgumentOutOfRangeException(nameof(activation), activation, null);
        }
    }

    private static void RunWithLogits<TLoss>(LossArguments arguments, Activation activation, double[] output, double[] logits, double[] y, double[] delta, int rows)
        where TLoss : struct, __Internals.ILogitsLossOperator, ILossDefinition<TLoss>
    {
        TLoss loss = TLoss.Create(arguments);
        switch (activation)
        {
            case Activation.Linear: __Internals.Losses.Backward<double, TLoss, __Internals.LinearActivation>(output, logits, y, delta, rows, loss, default); break;
            case Activation.Sigmoid: __Internals.Losses.Backward<double, TLoss, __Internals.SigmoidActivation>(output, logits, y, delta, rows, loss, default); break;
            default: throw new ArgumentOutOfRangeException(nameof(activation), activation, "The logits losses take sigmoid or a linear output.");
        }
    }

    /// <summary>The activation of each row of <paramref name="z"/>, in double.</summary>
    public static double[] Activate(Activation activation, double[] z, int columns) => activation switch
    {
        Activation.Linear => (double[])z.Clone(),
        Activation.Relu => z.Select(v => Math.Max(v, 0)).ToArray(),
        Activation.Sigmoid => z.Select(v => 1 / (1 + Math.Exp(-v))).ToArray(),
        Activation.Tanh => z.Select(Math.Tanh).ToArray(),
        Activation.Softmax => LossOperatorTests.SoftmaxRows(z, columns),
        Activation.Sparsemax => SparsemaxAndGluTests.SparsemaxReference(z, columns),
        _ => throw new ArgumentOutOfRangeException(nameof(activation), activation, null),
    };
}
