using FastDense.Kernels;
using FastDense.__Internals;

#pragma warning disable CS0618 // the typed operators live in __Internals, [Obsolete] for users only.
namespace FastDense.Tests.Operators;

/// <summary>
/// Every element-wise activation's typed operator (forward, and its derivative from the output or from the input)
/// against the activation written out as a scalar formula in double, from Keras 3's definitions
/// (keras/src/activations/activations.py, with the TensorFlow backend's keras/src/backend/tensorflow/nn.py): every length
/// from 0 to 257 (the vector loop and every tail), float and double, random values and the edges (0, ±1e-8, the
/// kinks and thresholds, large |z|).
/// </summary>
public class ElementwiseActivationTests
{
    /// <summary>
    /// One activation with its arguments: the operator, Keras's formula and its derivative in double, and how much
    /// absolute slack the comparison allows on top of the relative tolerance (in units of |z| for the forward, where
    /// Keras's formula itself cancels, and of |upstream| for the derivative, which a from-output derivative computes from
    /// the rounded output).
    /// </summary>
    public sealed record Case(string Name, Activation Member, IActivation Operator, Func<double, double> F, Func<double, double> Derivative,
        double ForwardSlack = 0, double DerivativeSlack = 0);

    private const double SeluScale = 1.0507009873554804934193349852946, SeluAlpha = 1.6732632423543772848170429916717;

    /// <summary>e^x − 1 without cancellation: its series near 0.</summary>
    internal static double ExpM1(double x)
    {
        if (Math.Abs(x) >= 1e-2) return Math.Exp(x) - 1;
        double term = x, sum = x;
        for (int n = 2; n < 12; n++)
        {
            term *= x / n;
            sum += term;
        }
        return sum;
    }

    /// <summary>log(1 + x) without cancellation: its series near 0.</summary>
    internal static double LogP1(double x)
    {
        if (Math.Abs(x) >= 1e-2) return Math.Log(1 + x);
        double power = x, sum = 0;
        for (int n = 1; n < 12; n++)
        {
            sum += (n % 2 == 1 ? power : -power) / n;
            power *= x;
        }
        return sum;
    }

    private static double Softplus(double x) => x > 0 ? x + LogP1(Math.Exp(-x)) : LogP1(Math.Exp(x));

    private static double Sigmoid(double x) => 1 / (1 + Math.Exp(-x));

    private static double Phi(double x) => 0.5 * ActivationMath.Erfc(-x / Math.Sqrt(2));

    /// <summary>Keras's <c>ReLU.static_call</c>, literally: where, relu, clip, minus the slope times the negative part.</summary>
    private static double KerasRelu(double x, double slope, double max, double threshold)
    {
        double negativePart = slope != 0 ? Math.Max(-x + threshold, 0) : 0;
        double y = threshold != 0 ? (x > threshold ? x : 0) : Math.Max(x, 0);
        y = Math.Min(Math.Max(y, 0), max);
        return y - slope * negativePart;
    }

    /// <summary>Its derivative as TensorFlow takes it, but 0 at x = max_value (from the output the two sides of that kink look alike).</summary>
    private static double KerasReluDerivative(double x, double slope, double max, double threshold)
    {
        if (x > threshold) return x < max ? 1 : 0;
        if (x < threshold) return slope;
        return threshold == 0 && double.IsPositiveInfinity(max) ? slope : 0;   // leaky_relu's gradient at 0; where's elsewhere
    }

    private static double ApproximateGelu(double x) => 0.5 * x * (1 + Math.Tanh(Math.Sqrt(2 / Math.PI) * (x + 0.044715 * x * x * x)));

    private static double ApproximateGeluDerivative(double x)
    {
        double c = Math.Sqrt(2 / Math.PI), t = Math.Tanh(c * (x + 0.044715 * x * x * x));
        return 0.5 * (1 + t) + 0.5 * x * (1 - t * t) * c * (1 + 3 * 0.044715 * x * x);
    }

    public static readonly Case[] Cases =
    [
        new("relu", Activation.Relu, default(ReluActivation), x => Math.Max(x, 0), x => x > 0 ? 1 : 0),
        new("relu(negative_slope=0.1, max_value=6, threshold=0.5)", Activation.Relu, new ReluActivation(0.1, 6, 0.5),
            x => KerasRelu(x, 0.1, 6, 0.5), x => KerasReluDerivative(x, 0.1, 6, 0.5)),
        new("relu(negative_slope=0.3)", Activation.Relu, new ReluActivation(0.3, double.PositiveInfinity, 0),
            x => KerasRelu(x, 0.3, double.PositiveInfinity, 0), x => KerasReluDerivative(x, 0.3, double.PositiveInfinity, 0)),
        new("relu(max_value=2.5)", Activation.Relu, new ReluActivation(0, 2.5, 0),
            x => KerasRelu(x, 0, 2.5, 0), x => KerasReluDerivative(x, 0, 2.5, 0)),
        new("relu(threshold=1)", Activation.Relu, new ReluActivation(0, double.PositiveInfinity, 1),
            x => KerasRelu(x, 0, double.PositiveInfinity, 1), x => KerasReluDerivative(x, 0, double.PositiveInfinity, 1)),
        new("leaky_relu", Activation.LeakyRelu, new LeakyReluActivation(0.2), x => x > 0 ? x : 0.2 * x, x => x > 0 ? 1 : 0.2),
        new("leaky_relu(negative_slope=0.01)", Activation.LeakyRelu, new LeakyReluActivation(0.01), x => x > 0 ? x : 0.01 * x, x => x > 0 ? 1 : 0.01),
        new("relu6", Activation.Relu6, default(Relu6Activation), x => Math.Min(Math.Max(x, 0), 6), x => x > 0 && x < 6 ? 1 : 0),
        new("elu", Activation.Elu, new EluActivation(1), x => x > 0 ? x : ExpM1(x), x => x > 0 ? 1 : Math.Exp(x), DerivativeSlack: 1),
        new("elu(alpha=0.7)", Activation.Elu, new EluActivation(0.7), x => x > 0 ? x : 0.7 * ExpM1(x), x => x > 0 ? 1 : 0.7 * Math.Exp(x), DerivativeSlack: 1),
        new("selu", Activation.Selu, default(SeluActivation), x => SeluScale * (x > 0 ? x : SeluAlpha * ExpM1(x)),
            x => x < 0 ? SeluScale * SeluAlpha * Math.Exp(x) : SeluScale, DerivativeSlack: 1),
        new("celu", Activation.Celu, new CeluActivation(1), x => Math.Max(x, 0) + ExpM1(Math.Min(x, 0)), x => x > 0 ? 1 : Math.Exp(x), DerivativeSlack: 1),
        new("celu(alpha=1.5)", Activation.Celu, new CeluActivation(1.5), x => Math.Max(x, 0) + 1.5 * ExpM1(Math.Min(x, 0) / 1.5),
            x => x > 0 ? 1 : Math.Exp(x / 1.5), DerivativeSlack: 1),
        new("gelu", Activation.Gelu, new GeluActivation(false), x => x * Phi(x), x => Phi(x) + x * Math.Exp(-x * x / 2) / Math.Sqrt(2 * Math.PI),
            DerivativeSlack: 1),
        new("gelu(approximate=True)", Activation.Gelu, new GeluActivation(true), ApproximateGelu, ApproximateGeluDerivative, ForwardSlack: 1, DerivativeSlack: 1),
        new("silu", Activation.Silu, default(SiluActivation), x => x * Sigmoid(x), x => Sigmoid(x) * (1 + x * (1 - Sigmoid(x))), DerivativeSlack: 1),
        new("mish", Activation.Mish, default(MishActivation), x => x * Math.Tanh(Softplus(x)), x =>
        {
            double t = Math.Tanh(Softplus(x));
            return t + x * (1 - t * t) * Sigmoid(x);
        }, DerivativeSlack: 1),
        new("softplus", Activation.Softplus, default(SoftplusActivation), Softplus, Sigmoid, DerivativeSlack: 1),
        new("softsign", Activation.Softsign, default(SoftsignActivation), x => x / (Math.Abs(x) + 1), x => 1 / ((1 + Math.Abs(x)) * (1 + Math.Abs(x))), DerivativeSlack: 1),
        new("hard_sigmoid", Activation.HardSigmoid, default(HardSigmoidActivation), x => x <= -3 ? 0 : x >= 3 ? 1 : x / 6 + 0.5, x => x > -3 && x < 3 ? 1.0 / 6 : 0),
        new("hard_silu", Activation.HardSilu, default(HardSiluActivation), x => x < -3 ? 0 : x > 3 ? x : x * (x + 3) / 6,
            x => x <= -3 ? 0 : x >= 3 ? 1 : (2 * x + 3) / 6, DerivativeSlack: 1),
        new("exponential", Activation.Exponential, default(ExponentialActivation), Math.Exp, Math.Exp),
        new("log_sigmoid", Activation.LogSigmoid, default(LogSigmoidActivation), x => -Softplus(-x), x => Sigmoid(-x), DerivativeSlack: 1),
        new("tanh_shrink", Activation.TanhShrink, default(TanhShrinkActivation), x => x - Math.Tanh(x), x => Math.Tanh(x) * Math.Tanh(x), ForwardSlack: 1),
        new("hard_tanh", Activation.HardTanh, default(HardTanhActivation), x => Math.Min(Math.Max(x, -1), 1), x => Math.Abs(x) < 1 ? 1 : 0),
        new("soft_shrink", Activation.SoftShrink, new SoftShrinkActivation(0.5), x => x > 0.5 ? x - 0.5 : x < -0.5 ? x + 0.5 : 0, x => Math.Abs(x) > 0.5 ? 1 : 0),
        new("soft_shrink(threshold=0.25)", Activation.SoftShrink, new SoftShrinkActivation(0.25), x => x > 0.25 ? x - 0.25 : x < -0.25 ? x + 0.25 : 0,
            x => Math.Abs(x) > 0.25 ? 1 : 0, ForwardSlack: 1),
        new("hard_shrink", Activation.HardShrink, new HardShrinkActivation(0.5), x => Math.Abs(x) > 0.5 ? x : 0, x => Math.Abs(x) > 0.5 ? 1 : 0),
        new("hard_shrink(threshold=0.75)", Activation.HardShrink, new HardShrinkActivation(0.75), x => Math.Abs(x) > 0.75 ? x : 0, x => Math.Abs(x) > 0.75 ? 1 : 0),
        new("squareplus", Activation.Squareplus, new SquareplusActivation(4), x => (x + Math.Sqrt(x * x + 4)) / 2, x => (1 + x / Math.Sqrt(x * x + 4)) / 2,
            ForwardSlack: 1, DerivativeSlack: 1),
        new("squareplus(b=0.5)", Activation.Squareplus, new SquareplusActivation(0.5), x => (x + Math.Sqrt(x * x + 0.5)) / 2, x => (1 + x / Math.Sqrt(x * x + 0.5)) / 2,
            ForwardSlack: 1, DerivativeSlack: 1),
        new("sparse_plus", Activation.SparsePlus, default(SparsePlusActivation), x => x <= -1 ? 0 : x < 1 ? 0.25 * (x + 1) * (x + 1) : x,
            x => x <= -1 ? 0 : x < 1 ? (x + 1) / 2 : 1, DerivativeSlack: 1),
        new("sparse_sigmoid", Activation.SparseSigmoid, default(SparseSigmoidActivation), x => x <= -1 ? 0 : x >= 1 ? 1 : 0.5 * (x + 1), x => x > -1 && x < 1 ? 0.5 : 0),
        new("threshold(threshold=0.25, default_value=-1.5)", Activation.Threshold, new ThresholdActivation(0.25, -1.5), x => x > 0.25 ? x : -1.5, x => x > 0.25 ? 1 : 0),
        new("threshold(threshold=-0.5, default_value=2)", Activation.Threshold, new ThresholdActivation(-0.5, 2), x => x > -0.5 ? x : 2, x => x > -0.5 ? 1 : 0),
        new("linear", Activation.Linear, default(LinearActivation), x => x, _ => 1),
    ];

    public static TheoryData<string> CaseNames()
    {
        var data = new TheoryData<string>();
        foreach (Case c in Cases) data.Add(c.Name);
        return data;
    }

    private static Case Find(string name) => Cases.Single(c => c.Name == name);

    /// <summary>
    /// Kinks, thresholds, 0 and its neighbours, and large |z| (e^z overflows float beyond 88). The cases' thresholds are
    /// exact in float, so that float and the double formula put a value on the same side.
    /// </summary>
    private static readonly double[] Edges =
    [
        0, -0.0, 1e-8, -1e-8, 0.25, -0.25, 0.5, -0.5, 0.75, -0.75, 1, -1, 2.5, -2.5, 3, -3, 6, -6, 10, -10,
        20, -20, 30, -30, 31, -31, 100, -100, 1e4, -1e4,
    ];

    /// <summary>Random values in (−scale, scale), with the edge values spread over the vector part and the tail.</summary>
    private static double[] Inputs(int length, int seed)
    {
        var random = new Random(seed);
        var z = new double[length];
        for (int i = 0; i < length; i++) z[i] = (random.NextDouble() * 2 - 1) * (i % 3 == 0 ? 8 : 3);
        for (int i = 0; i < length; i += 5) z[i] = Edges[(i / 5 + seed) % Edges.Length];
        if (length > 0) z[length - 1] = Edges[seed % Edges.Length];
        return z;
    }

    [Theory, MemberData(nameof(CaseNames))]
    public void Float_EveryLength_MatchesKerasFormula(string name) => CheckEveryLength<float>(Find(name), 2e-6);

    [Theory, MemberData(nameof(CaseNames))]
    public void Double_EveryLength_MatchesKerasFormula(string name) => CheckEveryLength<double>(Find(name), 1e-12);

    private static void CheckEveryLength<T>(Case c, double tolerance)
        where T : unmanaged, System.Numerics.IBinaryFloatingPointIeee754<T>
    {
        // Results below the smallest normal number keep only a few bits (mish and e^z near float's underflow).
        double subnormal = double.CreateTruncating(FastDense.Kernels.SmallestNormal.Of<T>());
        bool fromInput = c.Member.NeedsInput();
        for (int length = 0; length <= 257; length++)
        {
            T[] z = Inputs(length, length).Select(T.CreateTruncating).ToArray();
            T[] up = Inputs(length, length + 1000).Select(v => T.CreateTruncating(v / 4 + (v >= 0 ? 0.1 : -0.1))).ToArray();
            var a = new T[length];
            c.Operator.Forward<T>(z, a, Math.Max(length, 1));
            var d = new T[length];
            if (fromInput) c.Operator.BackwardFromInput<T>(z, up, d);
            else c.Operator.Backward<T>(a, up, d);

            for (int i = 0; i < length; i++)
            {
                double x = double.CreateTruncating(z[i]), u = double.CreateTruncating(up[i]);
                Close(c, "f", x, double.CreateTruncating(T.CreateTruncating(c.F(x))), double.CreateTruncating(a[i]), tolerance, c.ForwardSlack * Math.Abs(x), subnormal, length, i);
                double expectedDerivative = double.CreateTruncating(T.CreateTruncating(u * c.Derivative(x)));
                Close(c, "f'", x, expectedDerivative, double.CreateTruncating(d[i]), tolerance, c.DerivativeSlack * Math.Abs(u), subnormal, length, i);
            }
        }
    }

    private static void Close(Case c, string what, double z, double expected, double actual, double tolerance, double slack, double floor, int length, int index)
    {
        if (expected == actual || (double.IsNaN(expected) && double.IsNaN(actual))) return;
        double allowed = tolerance * (Math.Abs(expected) + slack) + floor;
        Assert.True(Math.Abs(actual - expected) <= allowed,
            $"{c.Name}: {what}({z:R}) is {actual:R}, Keras's formula gives {expected:R} (length {length}, index {index}; allowed {allowed:E2})");
    }

    [Theory, MemberData(nameof(CaseNames))]
    public void InPlace_MatchesOutOfPlace(string name)
    {
        // Generated code calls both in place: a = f(a) (or from the kept z), d = d ⊙ f'(·).
        Case c = Find(name);
        double[] z = Inputs(45, 7), up = Inputs(45, 8);
        double[] expectedA = new double[45], expectedD = new double[45];
        c.Operator.Forward<double>(z, expectedA, 45);
        double[] from = c.Member.NeedsInput() ? z : expectedA;
        if (c.Member.NeedsInput()) c.Operator.BackwardFromInput<double>(from, up, expectedD);
        else c.Operator.Backward<double>(from, up, expectedD);

        double[] a = (double[])z.Clone(), d = (double[])up.Clone();
        c.Operator.Forward<double>(a, a, 45);
        if (c.Member.NeedsInput()) c.Operator.BackwardFromInput<double>(z, d, d);
        else c.Operator.Backward<double>(a, d, d);
        Assert.Equal(expectedA, a);
        Assert.Equal(expectedD, d);
    }

    [Fact]
    public void EveryElementwiseActivation_HasACase()
    {
        // sigmoid and tanh run TensorPrimitives (ActivationOperatorTests, 1e-6 absolute: its float tanh(0) is −6e-8);
        // softmax and log_softmax are row-wise (ActivationOperatorTests), sparsemax row-wise and glu halves the width
        // (SparsemaxAndGluTests).
        var tested = Cases.Select(c => c.Member).ToHashSet();
        Activation[] elsewhere = [Activation.Softmax, Activation.LogSoftmax, Activation.Sparsemax, Activation.Glu, Activation.Sigmoid, Activation.Tanh];
        Assert.DoesNotContain(Enum.GetValues<Activation>(), a => !elsewhere.Contains(a) && !tested.Contains(a));
    }

    [Theory]
    [InlineData(0.0, 0.0, 0.5)]
    [InlineData(1.0, 0.8413447460685429, 1.0833154705876864)]
    [InlineData(-1.0, -0.15865525393145705, -0.0833154705876863)]
    [InlineData(-3.0, -0.0040496940948902835, -0.011945647204183927)]
    [InlineData(2.5, 2.4844758366855597, 1.037611085908145)]
    [InlineData(-6.0, -5.9195258702261885e-09, -3.5468709453902015e-08)]
    public void Gelu_Exact_MatchesMpmath(double z, double expected, double expectedDerivative)
    {
        // Values of z·Φ(z) and Φ(z) + z·φ(z) at 40 digits (mpmath), rounded to double.
        double[] a = new double[1], d = new double[1];
        new GeluActivation(false).Forward<double>([z], a, 1);
        new GeluActivation(false).BackwardFromInput<double>([z], [1.0], d);
        Assert.Equal(expected, a[0], Math.Abs(expected) * 1e-14 + 1e-300);
        Assert.Equal(expectedDerivative, d[0], Math.Abs(expectedDerivative) * 1e-14 + 1e-300);
    }

    [Theory]
    [InlineData(-6.0, 2.0)]
    [InlineData(-3.5, 1.9999992569016276)]
    [InlineData(-2.0000001, 1.9953222670856507)]
    [InlineData(-2.0, 1.9953222650189528)]
    [InlineData(-1.5, 1.9661051464753108)]
    [InlineData(-0.7, 1.6778011938374184)]
    [InlineData(-0.1, 1.1124629160182848)]
    [InlineData(-1e-05, 1.0000112837916706)]
    [InlineData(0.0, 1.0)]
    [InlineData(1e-08, 0.9999999887162083)]
    [InlineData(0.3, 0.6713732405408726)]
    [InlineData(0.9, 0.20309178757716786)]
    [InlineData(1.4, 0.0477148802373512)]
    [InlineData(1.99, 0.004888586800383003)]
    [InlineData(2.0, 0.004677734981047266)]
    [InlineData(2.01, 0.004475150644751763)]
    [InlineData(2.7, 0.0001343327399405242)]
    [InlineData(3.3, 3.0577097964381654e-06)]
    [InlineData(4.5, 1.9661604415428876e-10)]
    [InlineData(6.0, 2.1519736712498913e-17)]
    [InlineData(9.0, 4.13703174651381e-37)]
    [InlineData(15.0, 7.212994172451207e-100)]
    [InlineData(26.0, 5.663192408856143e-296)]
    public void Erfc_MatchesMpmath(double x, double expected)
    {
        // mpmath.erfc at 40 digits, rounded to double: both branches (the series below 2, the continued fraction above).
        Assert.Equal(expected, ActivationMath.Erfc(x), expected * 1e-13);
    }

    [Fact]
    public void Erfc_Limits()
    {
        Assert.Equal(0, ActivationMath.Erfc(30));
        Assert.Equal(2, ActivationMath.Erfc(-30));
        Assert.Equal(0, ActivationMath.Erfc(double.PositiveInfinity));
        Assert.Equal(2, ActivationMath.Erfc(double.NegativeInfinity));
        Assert.True(double.IsNaN(ActivationMath.Erfc(double.NaN)));
    }

    [Theory]
    [InlineData(1e-10)]
    [InlineData(-1e-10)]
    [InlineData(3e-5)]
    [InlineData(-0.004)]
    [InlineData(0.5)]
    [InlineData(-2)]
    [InlineData(20)]
    [InlineData(-50)]
    public void ExpM1_AndLogP1_KeepSmallValues(double x)
    {
        // .NET's double.ExpM1 is Exp(x) − 1, which loses every digit of 1e-10; these keep them (vector and scalar).
        Assert.Equal(ExpM1(x), ActivationMath.ExpM1(x), Math.Abs(ExpM1(x)) * 4e-16);
        Assert.Equal(ExpM1(x), ActivationMath.ExpM1(new System.Numerics.Vector<double>(x))[0], Math.Abs(ExpM1(x)) * 4e-16);
        if (x > -1)
        {
            Assert.Equal(LogP1(x), ActivationMath.LogP1(x), Math.Abs(LogP1(x)) * 4e-16);
            Assert.Equal(LogP1(x), ActivationMath.LogP1(new System.Numerics.Vector<double>(x))[0], Math.Abs(LogP1(x)) * 4e-16);
        }
    }
}
