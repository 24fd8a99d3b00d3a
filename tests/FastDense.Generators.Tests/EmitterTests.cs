using FastDense.Generators.Helpers;
using FastDense.Generators.Model;

namespace FastDense.Generators.Tests;

/// <summary>The emitter on hand-built specs: what each choice in the spec prints.</summary>
public class EmitterTests
{
    private static string Emit(ModelSpec spec) => ModelGenerator.Emitter.Emit(spec);

    [Fact]
    public void HintName_IsFullName()
    {
        ModelSpec spec = ParameterLayoutTests.Spec(2, (1, Activation.Linear)) with
        {
            ContainingTypes = new EquatableArray<ContainingTypeSpec>([new ContainingTypeSpec("class", "Outer")]),
        };
        Assert.Equal("Demo.Outer.Net.g.cs", ModelGenerator.Emitter.HintName(spec));
    }

    [Fact]
    public void Header_DescribesModelInKerasTerms()
        => Assert.Contains("// FastDense.Generators " + ModelGenerator.Emitter.Version + " · Demo.Net · 64 -> Dense(64, relu) -> Dense(10, softmax) · categorical_crossentropy · float",
            Emit(ParameterLayoutTests.Spec(64, (64, Activation.Relu), (10, Activation.Softmax))));

    [Fact]
    public void LinearLayers_PassTheLinearOperator_AndHaveNoActivationBackward()
    {
        // The runtime adds nothing for LinearActivation; backward has no derivative to apply.
        string source = Emit(ParameterLayoutTests.Spec(3, (4, Activation.Linear), (2, Activation.Softmax)));
        Assert.Contains("Units0, default(global::FastDense.__Internals.LinearActivation));", source);
        Assert.DoesNotContain("LinearActivation", source.Split("public static void Backward")[1]);
    }

    [Fact]
    public void MeanSquaredError_NonLinearOutput_AppliesOutputDerivative()
    {
        ModelSpec spec = ParameterLayoutTests.Spec(3, (2, Activation.Tanh)) with { Loss = Loss.MeanSquaredError };
        string source = Emit(spec);
        // One call: the loss's operator applies the output's derivative itself (the runtime's choice, not the emitter's).
        Assert.Contains("Losses.Backward(a0, y, d0, rows, default(global::FastDense.__Internals.MeanSquaredErrorLoss), default(global::FastDense.__Internals.TanhActivation));", source);
        Assert.Contains("⊙ tanh'(a0): mean squared error", source);
    }

    [Fact]
    public void ElementType_FlowsIntoEverySpan()
    {
        ModelSpec spec = ParameterLayoutTests.Spec(3, (2, Activation.Softmax)) with { ElementType = "double" };
        string source = Emit(spec);
        Assert.Contains("global::FastDense.Model<Net.Kernel, double>", source);
        Assert.DoesNotContain("<float>", source);
    }

    [Fact]
    public void Numbers_AreInvariant_UnderAnyCulture()
    {
        var saved = System.Globalization.CultureInfo.CurrentCulture;
        try
        {
            System.Globalization.CultureInfo.CurrentCulture = new System.Globalization.CultureInfo("fi-FI");
            string source = Emit(ParameterLayoutTests.Spec(4096, (4096, Activation.Relu)));
            Assert.Contains("ParameterCount = 16781312;", source);
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = saved;
        }
    }
}
