using FastDense.Kernels;

#pragma warning disable CS0618 // the typed operators live in __Internals, [Obsolete] for users only.
namespace FastDense.Tests.Operators;

/// <summary>
/// The typed activation operators generated code passes to <c>Dense.Forward</c>, <c>Dense.ForwardKeepingLogits</c>
/// and <c>Dense.ActivationBackward</c>: whichever kernel the runtime picks (relu in the product's registers, softmax
/// with rows in the lanes, or the product then the operator's pass), the bits are those of the product followed by
/// the operator.
/// </summary>
public class TypedActivationTests
{
    private const int Rows = 37, Inputs = 19, Units = 10;

    private static (float[] X, float[] Kernel, float[] Bias) Operands(int seed)
    {
        var random = new Random(seed);
        float[] Next(int n) => Enumerable.Range(0, n).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
        return (Next(Rows * Inputs), Next(Inputs * Units), Next(Units));
    }

    private static float[] Product(float[] x, float[] kernel, float[] bias)
    {
        var z = new float[Rows * Units];
        MatrixProducts.Forward<float>(x, kernel, bias, z, Rows, Inputs, Units);
        return z;
    }

    [Fact]
    public void Forward_EachOperator_IsTheProductThenTheOperator()
    {
        (float[] x, float[] kernel, float[] bias) = Operands(1);
        float[] z = Product(x, kernel, bias);
        void Check<TActivation>(TActivation activation, Action<float[], float[]> reference) where TActivation : struct, __Internals.IActivation
        {
            var actual = new float[z.Length];
            var expected = new float[z.Length];
            __Internals.Dense.Forward(x, kernel, bias, actual, Rows, Inputs, Units, activation);
            reference(z, expected);
            Assert.Equal(expected, actual);
        }
        Check(default(__Internals.ReluActivation), (a, b) => ReluOperator.Forward<float>(a, b));
        Check(default(__Internals.SigmoidActivation), (a, b) => SigmoidOperator.Forward<float>(a, b));
        Check(default(__Internals.TanhActivation), (a, b) => TanhOperator.Forward<float>(a, b));
        Check(default(__Internals.LinearActivation), (a, b) => a.CopyTo(b, 0));
    }

    [Fact]
    public void ForwardKeepingLogits_WritesTheLogits_AndTheOperatorOfThem()
    {
        (float[] x, float[] kernel, float[] bias) = Operands(2);
        float[] z = Product(x, kernel, bias);
        var logits = new float[z.Length];
        var softmax = new float[z.Length];
        __Internals.Dense.ForwardKeepingLogits(x, kernel, bias, logits, softmax, Rows, Inputs, Units, default(__Internals.SoftmaxActivation));
        var expected = new float[z.Length];
        SoftmaxOperator.ForwardRows<float>(z, expected, Units);
        Assert.Equal(z, logits);
        Assert.Equal(expected, softmax);

        var sigmoid = new float[z.Length];
        __Internals.Dense.ForwardKeepingLogits(x, kernel, bias, logits, sigmoid, Rows, Inputs, Units, default(__Internals.SigmoidActivation));
        SigmoidOperator.Forward<float>(z, expected);
        Assert.Equal(z, logits);
        Assert.Equal(expected, sigmoid);
    }

    [Fact]
    public void ActivationBackward_IsTheOperatorsBackward_AndLinearLeavesTheDelta()
    {
        (float[] output, _, _) = Operands(3);
        (float[] delta, _, _) = Operands(4);
        for (int i = 0; i < output.Length; i++) output[i] = MathF.Tanh(output[i]);
        float[] expected = delta.ToArray(), actual = delta.ToArray();
        TanhOperator.Backward<float>(output, expected, expected);
        __Internals.Dense.ActivationBackward<float, __Internals.TanhActivation>(output, actual, default);
        Assert.Equal(expected, actual);

        float[] unchanged = delta.ToArray();
        __Internals.Dense.ActivationBackward<float, __Internals.LinearActivation>(output, unchanged, default);
        Assert.Equal(delta, unchanged);
        Assert.Throws<NotSupportedException>(() => default(__Internals.SoftmaxActivation).Backward<float>(output, delta, new float[delta.Length]));
    }

    [Fact]
    public void EveryActivation_HasItsTypedOperator_WhichSaysWhereItsDerivativeIsTakenFrom()
    {
        // The emitter names {Member}Activation; the generator keeps z exactly for the members ActivationFacts.NeedsInput lists.
        foreach (Activation member in Enum.GetValues<Activation>())
        {
            Type? type = typeof(__Internals.IActivation).Assembly.GetType($"FastDense.__Internals.{member}Activation");
            Assert.True(type is not null && type.IsValueType && typeof(__Internals.IActivation).IsAssignableFrom(type), $"{member} has no struct {member}Activation");
            bool needsInput = (bool)type.GetProperty(nameof(__Internals.IActivation.NeedsInput))!.GetValue(null)!;
            Assert.True(needsInput == member.NeedsInput(), $"{member}Activation.NeedsInput is {needsInput}");
        }
    }

    [Fact]
    public void ReluWithArguments_IsTheProductThenTheGeneralOperator_NotTheFusedRelu()
    {
        (float[] x, float[] kernel, float[] bias) = Operands(5);
        float[] z = Product(x, kernel, bias);
        var actual = new float[z.Length];
        var expected = new float[z.Length];
        __Internals.Dense.Forward(x, kernel, bias, actual, Rows, Inputs, Units, new __Internals.ReluActivation(0.1, 0.5, 0.25));
        ReluOperator.Forward<float>(z, expected, 0.1f, 0.5f, 0.25f);
        Assert.Equal(expected, actual);
        Assert.Contains(actual, v => v < 0);      // the slope below the threshold
        Assert.Contains(actual, v => v == 0.5f);  // the maximum

        // Only the slope: Keras's leaky_relu, whose gradient at 0 is the slope.
        float[] output = [-1f, 0f, 0.5f, 2f], delta = [1f, 1f, 1f, 1f];
        __Internals.Dense.ActivationBackward<float, __Internals.ReluActivation>(output, delta, new __Internals.ReluActivation(0.25, double.PositiveInfinity, 0));
        Assert.Equal([0.25f, 0.25f, 1f, 1f], delta);
        delta = [1f, 1f, 1f, 1f];
        __Internals.Dense.ActivationBackward<float, __Internals.ReluActivation>(output, delta, new __Internals.ReluActivation(0.25, 2, 0));
        Assert.Equal([0.25f, 0f, 1f, 0f], delta);
    }

    [Fact]
    public void ActivationFromItsInput_KeepsZ_AndTakesTheDerivativeFromIt()
    {
        (float[] x, float[] kernel, float[] bias) = Operands(6);
        float[] z = Product(x, kernel, bias);
        var kept = new float[z.Length];
        var gelu = new float[z.Length];
        var activation = new __Internals.GeluActivation(approximate: true);
        __Internals.Dense.ForwardKeepingLogits(x, kernel, bias, kept, gelu, Rows, Inputs, Units, activation);
        var expected = new float[z.Length];
        GeluOperator.Forward<float>(z, expected, approximate: true);
        Assert.Equal(z, kept);
        Assert.Equal(expected, gelu);

        (float[] delta, _, _) = Operands(7);
        float[] actual = delta.ToArray(), reference = delta.ToArray();
        __Internals.Dense.ActivationBackwardFromInput<float, __Internals.GeluActivation>(kept, actual, activation);
        GeluOperator.BackwardFromInput<float>(z, reference, reference, approximate: true);
        Assert.Equal(reference, actual);

        // Each struct implements the derivative it is written in; asking for the other is a generator bug, and throws.
        Assert.Throws<NotSupportedException>(() => activation.Backward<float>(gelu, delta, new float[delta.Length]));
        Assert.Throws<NotSupportedException>(() => default(__Internals.TanhActivation).BackwardFromInput<float>(z, delta, new float[delta.Length]));
    }
}
