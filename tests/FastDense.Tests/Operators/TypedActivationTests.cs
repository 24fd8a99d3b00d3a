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
}
