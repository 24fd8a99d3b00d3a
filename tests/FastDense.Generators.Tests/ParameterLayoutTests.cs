using FastDense.Generators.Helpers;
using FastDense.Generators.Model;

namespace FastDense.Generators.Tests;

/// <summary>The layout arithmetic alone, on hand-built specs: no Roslyn involved.</summary>
public class ParameterLayoutTests
{
    internal static ModelSpec Spec(int inputs, params (int Units, Activation Activation)[] layers) => Spec(inputs, Loss.CategoricalCrossentropy, layers);

    internal static ModelSpec Spec(int inputs, Loss loss, params (int Units, Activation Activation)[] layers) => new(
        Namespace: "Demo",
        ContainingTypes: EquatableArray<ContainingTypeSpec>.Empty,
        ClassName: "Net",
        Inputs: inputs,
        Loss: loss,
        ElementType: "float",
        Layers: new EquatableArray<LayerSpec>(layers.Select(l => new LayerSpec(l.Units, l.Activation)).ToArray()));

    [Fact]
    public void Digits_KernelThenBias_PerLayer_InKerasOrder()
    {
        ParameterLayout layout = ParameterLayout.From(Spec(64, (64, Activation.Relu), (10, Activation.Softmax)));
        Assert.Equal(4810, layout.ParameterCount);
        Assert.Equal((0, 4096, 4096), (layout.Layers[0].KernelOffset, layout.Layers[0].KernelLength, layout.Layers[0].BiasOffset));
        Assert.Equal((4160, 640, 4800), (layout.Layers[1].KernelOffset, layout.Layers[1].KernelLength, layout.Layers[1].BiasOffset));
    }

    [Fact]
    public void Workspace_ActivationsThenDeltasThenLogits_PerRow()
    {
        // Cross-entropy is computed from the logits: the output layer's pre-activation gets a block after the deltas.
        ParameterLayout layout = ParameterLayout.From(Spec(64, (64, Activation.Relu), (10, Activation.Softmax)));
        Assert.Equal(2 * (64 + 10) + 10, layout.WorkspacePerRow);
        Assert.Equal((0, 74), (layout.Layers[0].ActivationOffsetPerRow, layout.Layers[0].DeltaOffsetPerRow));
        Assert.Equal((64, 138), (layout.Layers[1].ActivationOffsetPerRow, layout.Layers[1].DeltaOffsetPerRow));
        Assert.Equal(148, layout.LogitsOffsetPerRow);

        ParameterLayout binary = ParameterLayout.From(Spec(30, Loss.BinaryCrossentropy, (16, Activation.Relu), (1, Activation.Sigmoid)));
        Assert.Equal((2 * 17, 2 * 17 + 1), (binary.LogitsOffsetPerRow, binary.WorkspacePerRow));
    }

    [Fact]
    public void Workspace_MeanSquaredError_KeepsNoLogits()
    {
        ParameterLayout layout = ParameterLayout.From(Spec(10, Loss.MeanSquaredError, (32, Activation.Relu), (1, Activation.Sigmoid)));
        Assert.Null(layout.LogitsOffsetPerRow);
        Assert.Equal(2 * 33, layout.WorkspacePerRow);
    }

    [Fact]
    public void Layers_ChainInputsToUnits()
    {
        ParameterLayout layout = ParameterLayout.From(Spec(784, (256, Activation.Relu), (128, Activation.Relu), (10, Activation.Softmax)));
        Assert.Equal([784, 256, 128], layout.Layers.Select(l => l.Inputs));
        Assert.Equal(784 * 256 + 256 + 256 * 128 + 128 + 128 * 10 + 10, layout.ParameterCount);
    }

    [Fact]
    public void HugeLayer_OverflowsLoudly()
        => Assert.Throws<OverflowException>(() => ParameterLayout.From(Spec(1 << 20, (1 << 12, Activation.Linear))));

    [Fact]
    public void Spec_ComparesStructurally()
    {
        Assert.Equal(Spec(3, (2, Activation.Relu)), Spec(3, (2, Activation.Relu)));
        Assert.NotEqual(Spec(3, (2, Activation.Relu)), Spec(3, (2, Activation.Tanh)));
    }
}
