using FastDense.Generators.Helpers;
using FastDense.Generators.Model;

namespace FastDense.Generators.Tests;

/// <summary>The layout arithmetic alone, on hand-built specs: no Roslyn involved.</summary>
public class ParameterLayoutTests
{
    internal static ModelSpec Spec(int inputs, params (int Units, Activation Activation)[] layers) => Spec(inputs, Loss.CategoricalCrossentropy, layers);

    internal static ModelSpec Spec(int inputs, Loss loss, params (int Units, Activation Activation)[] layers)
        => Spec(inputs, loss, layers.Select(l => (LayerSpec)new DenseSpec(l.Units, l.Activation)).ToArray());

    internal static ModelSpec Spec(int inputs, Loss loss, params LayerSpec[] layers) => new(
        Namespace: "Demo",
        ContainingTypes: EquatableArray<ContainingTypeSpec>.Empty,
        ClassName: "Net",
        Inputs: inputs,
        Loss: loss,
        ElementType: "float",
        Layers: new EquatableArray<LayerSpec>(layers));

    private static (int Offset, int Length) Place(LayerLayout layer, string tensor) => (layer.Tensor(tensor).Offset, layer.Tensor(tensor).Length);

    [Fact]
    public void Digits_KernelThenBias_PerLayer_InKerasOrder()
    {
        ParameterLayout layout = ParameterLayout.From(Spec(64, (64, Activation.Relu), (10, Activation.Softmax)));
        Assert.Equal(4810, layout.ParameterCount);
        Assert.Equal((0, 4096), Place(layout.Layers[0], "kernel"));
        Assert.Equal((4096, 64), Place(layout.Layers[0], "bias"));
        Assert.Equal((4160, 640), Place(layout.Layers[1], "kernel"));
        Assert.Equal((4800, 10), Place(layout.Layers[1], "bias"));
        Assert.Equal(["Dense0Kernel", "Dense0Bias", "Dense1Kernel", "Dense1Bias"], layout.Layers.SelectMany(l => l.Tensors).Select(t => t.ConstName));
    }

    [Fact]
    public void WithoutBias_TheKernelAlone_AndTheNextLayerRightAfterIt()
    {
        // Keras's use_bias=False: 64 -> Dense(64, relu, no bias) -> Dense(10, softmax, no bias) holds 64·64 + 64·10
        // parameters, each kernel where the biased layout would have put it and nothing between.
        ParameterLayout layout = ParameterLayout.From(Spec(64, Loss.CategoricalCrossentropy,
            new DenseSpec(64, Activation.Relu) { UseBias = false }, new DenseSpec(10, Activation.Softmax) { UseBias = false }));
        Assert.Equal(64 * 64 + 64 * 10, layout.ParameterCount);
        Assert.Equal((0, 4096), Place(layout.Layers[0], "kernel"));
        Assert.Equal((4096, 640), Place(layout.Layers[1], "kernel"));
        Assert.Equal(["Dense0Kernel", "Dense1Kernel"], layout.Layers.SelectMany(l => l.Tensors).Select(t => t.ConstName));
        // The workspace does not depend on the bias.
        Assert.Equal(ParameterLayout.From(Spec(64, (64, Activation.Relu), (10, Activation.Softmax))).WorkspacePerRow, layout.WorkspacePerRow);

        // Only the layer declared without one loses its bias.
        ParameterLayout mixed = ParameterLayout.From(Spec(4, Loss.MeanSquaredError, new DenseSpec(3, Activation.Tanh) { UseBias = false }, new DenseSpec(2, Activation.Linear)));
        Assert.Equal(["Dense0Kernel", "Dense1Kernel", "Dense1Bias"], mixed.Layers.SelectMany(l => l.Tensors).Select(t => t.ConstName));
        Assert.Equal((12, 6), Place(mixed.Layers[1], "kernel"));
        Assert.Equal((18, 2), Place(mixed.Layers[1], "bias"));
    }

    [Fact]
    public void Workspace_ActivationsThenDeltasThenLogits_PerRow()
    {
        // Cross-entropy is computed from the logits: the output layer's pre-activation gets a block after the deltas.
        ParameterLayout layout = ParameterLayout.From(Spec(64, (64, Activation.Relu), (10, Activation.Softmax)));
        Assert.Equal(2 * (64 + 10) + 10, layout.WorkspacePerRow);
        Assert.Equal((0, 74), (layout.Layers[0].Output.OffsetPerRow, layout.Layers[0].Gradient!.OffsetPerRow));
        Assert.Equal((64, 138), (layout.Layers[1].Output.OffsetPerRow, layout.Layers[1].Gradient!.OffsetPerRow));
        Assert.Equal(148, layout.LogitsOffsetPerRow);

        ParameterLayout binary = ParameterLayout.From(Spec(30, Loss.BinaryCrossentropy, (16, Activation.Relu), (1, Activation.Sigmoid)));
        Assert.Equal((2 * 17, 2 * 17 + 1), (binary.LogitsOffsetPerRow, binary.WorkspacePerRow));
    }

    [Fact]
    public void ActivationFromItsInput_KeepsThePreActivation_AfterTheGradients()
    {
        // 4 -> Dense(6, silu) -> Dense(5, tanh) -> Dense(2, gelu) under mean squared error: z0 and z2 are kept.
        ParameterLayout layout = ParameterLayout.From(Spec(4, Loss.MeanSquaredError, (6, Activation.Silu), (5, Activation.Tanh), (2, Activation.Gelu)));
        Assert.Equal(["a0", "a1", "a2", "d0", "d1", "d2", "z0", "z2"], layout.Blocks.Select(b => b.Name));
        Assert.Equal([0, 6, 11, 13, 19, 24, 26, 32], layout.Blocks.Select(b => b.OffsetPerRow));
        Assert.Equal(34, layout.WorkspacePerRow);
        Assert.Null(layout.Logits);
        Assert.Equal(["z0"], layout.Layers[0].Blocks.Select(b => b.Name));
        Assert.Empty(layout.Layers[1].Blocks);
        Assert.Equal(BlockUse.Forward | BlockUse.Backward, layout.Layers[2].Blocks[0].Use);
    }

    [Fact]
    public void ActivationFromItsInput_UnderALossThatKeepsLogits_IsOneBlock()
    {
        // The output's kept pre-activation is the logits: one z block, which the loss reads.
        ParameterLayout layout = ParameterLayout.From(Spec(3, Loss.BinaryCrossentropy, (4, Activation.Relu), (2, Activation.Silu)));
        Assert.Equal(["a0", "a1", "d0", "d1", "z1"], layout.Blocks.Select(b => b.Name));
        Assert.Same(layout.Layers[1].Blocks[0], layout.Logits);
        Assert.Equal(12, layout.LogitsOffsetPerRow);
        Assert.Equal(14, layout.WorkspacePerRow);
    }

    [Fact]
    public void Glu_KeepsAKernelOfItsUnits_AndOutputsHalf()
    {
        // 4 -> Dense(6, glu) -> Dense(4, glu) under mean squared error: kernels (4, 6) and (3, 4), outputs 3 and 2 wide,
        // each z as wide as the units (backward writes the pre-activation's gradient over it), each d as the output.
        ParameterLayout layout = ParameterLayout.From(Spec(4, Loss.MeanSquaredError, (6, Activation.Glu), (4, Activation.Glu)));
        Assert.Equal((0, 24), Place(layout.Layers[0], "kernel"));
        Assert.Equal((24, 6), Place(layout.Layers[0], "bias"));
        Assert.Equal((30, 12), Place(layout.Layers[1], "kernel"));
        Assert.Equal((42, 4), Place(layout.Layers[1], "bias"));
        Assert.Equal(46, layout.ParameterCount);
        Assert.Equal([new[] { 4, 6 }, new[] { 3, 4 }], layout.Layers.Select(l => l.Tensor("kernel").Shape));
        Assert.Equal([4, 3], layout.Layers.Select(l => l.Inputs));
        Assert.Equal([3, 2], layout.Layers.Select(l => l.Outputs));
        Assert.Equal(["Outputs0", "Outputs1"], layout.Layers.Select(l => l.OutputWidth));
        Assert.Equal(["InputSize", "Outputs0"], layout.Layers.Select(l => l.InputWidth));
        Assert.Equal(["a0", "a1", "d0", "d1", "z0", "z1"], layout.Blocks.Select(b => b.Name));
        Assert.Equal([3, 2, 3, 2, 6, 4], layout.Blocks.Select(b => b.WidthValue));
        Assert.Equal(["Outputs0", "Outputs1", "Outputs0", "Outputs1", "Units0", "Units1"], layout.Blocks.Select(b => b.Width));
        Assert.Equal([0, 3, 5, 8, 10, 16], layout.Blocks.Select(b => b.OffsetPerRow));
        Assert.Equal(20, layout.WorkspacePerRow);
        Assert.Null(layout.Logits);
    }

    [Fact]
    public void Workspace_MeanSquaredError_KeepsNoLogits()
    {
        ParameterLayout layout = ParameterLayout.From(Spec(10, Loss.MeanSquaredError, (32, Activation.Relu), (1, Activation.Sigmoid)));
        Assert.Null(layout.LogitsOffsetPerRow);
        Assert.Equal(2 * 33, layout.WorkspacePerRow);
    }

    [Fact]
    public void Dropout_NoTensors_OwnOutputAndMask_SharesItsPredecessorsGradient()
    {
        // 8 -> Dense(16, relu) -> Dropout(0.5) -> Dense(3, softmax): per-kind names, position-named blocks.
        ParameterLayout layout = ParameterLayout.From(Spec(8, Loss.CategoricalCrossentropy,
            new DenseSpec(16, Activation.Relu), new DropoutSpec(0.5, null), new DenseSpec(3, Activation.Softmax)));
        Assert.Equal(["dense_0", "dropout_0", "dense_1"], layout.Layers.Select(l => l.Name));
        Assert.Equal(8 * 16 + 16 + 16 * 3 + 3, layout.ParameterCount);
        Assert.Empty(layout.Layers[1].Tensors);
        Assert.Equal((16 * 8 + 16, 48), Place(layout.Layers[2], "kernel"));
        Assert.Equal([8, 16, 16], layout.Layers.Select(l => l.Inputs));
        Assert.Equal(["InputSize", "Units0", "Units0"], layout.Layers.Select(l => l.InputWidth));
        Assert.Equal("a1", layout.Layers[2].InputBlock);

        // Outputs a0 a1 a2, gradients d0 d2, the mask m1, the logits z2.
        Assert.Equal(["a0", "a1", "a2", "d0", "d2", "m1", "z2"], layout.Blocks.Select(b => b.Name));
        Assert.Equal([0, 16, 32, 35, 51, 54, 70], layout.Blocks.Select(b => b.OffsetPerRow));
        Assert.Equal(73, layout.WorkspacePerRow);
        // Dropout turns dLoss/d(its output) into dLoss/d(its input) in place, in dense_0's block.
        Assert.Same(layout.Layers[0].Gradient, layout.Layers[1].Gradient);
        Assert.Equal([false, true, true], layout.Layers.Select(l => l.NeedsInputGradient));
    }

    [Fact]
    public void DropoutOnTheInput_HasNoGradient_AndTheFirstDenseNeedsNoInputGradient()
    {
        ParameterLayout layout = ParameterLayout.From(Spec(5, Loss.MeanSquaredError, new DropoutSpec(0.2, 7), new DenseSpec(2, Activation.Linear)));
        Assert.Null(layout.Layers[0].Gradient);
        Assert.Equal(["InputSize", "InputSize"], layout.Layers.Select(l => l.InputWidth));
        Assert.Equal([false, false], layout.Layers.Select(l => l.NeedsInputGradient));
        Assert.Equal(["a0", "a1", "d1", "m0"], layout.Blocks.Select(b => b.Name));
    }

    [Fact]
    public void ActivationLayers_NoTensorsNoBlocks_WorkInTheirPredecessorsGradient()
    {
        // 8 -> Dense(6) -> Activation(gelu) -> Softmax -> Identity -> Dense(3) under mean squared error: the activation layers
        // keep nothing (gelu reads its input, a0, which stays), named as Keras's snake case, and share dense_0's d0.
        ParameterLayout layout = ParameterLayout.From(Spec(8, Loss.MeanSquaredError, new DenseSpec(6, Activation.Linear),
            new ActivationLayerSpec("Activation", Activation.Gelu) { ActivationArguments = new EquatableArray<double>([0]) },
            new ActivationLayerSpec("Softmax", Activation.Softmax), new IdentitySpec(), new DenseSpec(3, Activation.Linear)));
        Assert.Equal(["dense_0", "activation_0", "softmax_0", "identity_0", "dense_1"], layout.Layers.Select(l => l.Name));
        Assert.Equal(["a0", "a1", "a2", "a3", "a4", "d0", "d4"], layout.Blocks.Select(b => b.Name));
        Assert.Equal(8 * 6 + 6 + 6 * 3 + 3, layout.ParameterCount);
        Assert.All(layout.Layers.Skip(1).Take(3), l => Assert.Same(layout.Layers[0].Gradient, l.Gradient));
        Assert.All(layout.Layers.Skip(1).Take(3), l => Assert.Empty(l.Blocks));
        Assert.Equal(["a0", "a1", "a2", "a3"], layout.Layers.Skip(1).Select(l => l.InputBlock));
    }

    [Fact]
    public void PReLU_OnTheInput_GetsItsOwnGradientBlock_AndAnAlphaOfTheWidthOrOne()
    {
        // 5 -> PReLU -> Dense(4) -> PReLU(shared_axes=[1]) -> AlphaDropout(0.1) -> Dense(2): the first PReLU trains with no
        // predecessor's block (d0 of its own), the shared one has one alpha and works in dense_0's block.
        ParameterLayout layout = ParameterLayout.From(Spec(5, Loss.MeanSquaredError, new PReLUSpec(false), new DenseSpec(4, Activation.Linear),
            new PReLUSpec(true), new AlphaDropoutSpec(0.1, null), new DenseSpec(2, Activation.Linear)));
        Assert.Equal(["p_re_lu_0", "dense_0", "p_re_lu_1", "alpha_dropout_0", "dense_1"], layout.Layers.Select(l => l.Name));
        Assert.Equal((0, 5), Place(layout.Layers[0], "alpha"));
        Assert.Equal((5, 20), Place(layout.Layers[1], "kernel"));
        Assert.Equal((29, 1), Place(layout.Layers[2], "alpha"));
        Assert.Equal(["PReLU0Alpha", "Dense0Kernel", "Dense0Bias", "PReLU1Alpha", "Dense1Kernel", "Dense1Bias"], layout.Layers.SelectMany(l => l.Tensors).Select(t => t.ConstName));
        Assert.Equal(["1"], layout.Layers[2].Tensor("alpha").ShapeNames);
        Assert.Equal("d0", layout.Layers[0].Gradient!.Name);
        Assert.Same(layout.Layers[1].Gradient, layout.Layers[2].Gradient);
        Assert.Same(layout.Layers[1].Gradient, layout.Layers[3].Gradient);
        Assert.Equal([false, true, true, true, true], layout.Layers.Select(l => l.NeedsInputGradient));
        Assert.Equal(["a0", "a1", "a2", "a3", "a4", "d0", "d1", "d4", "m3"], layout.Blocks.Select(b => b.Name));
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
        Assert.Equal(Spec(3, Loss.MeanSquaredError, new DropoutSpec(0.25, null), new DenseSpec(1, Activation.Linear)),
            Spec(3, Loss.MeanSquaredError, new DropoutSpec(0.25, null), new DenseSpec(1, Activation.Linear)));
        Assert.NotEqual(Spec(3, Loss.MeanSquaredError, new DropoutSpec(0.25, null), new DenseSpec(1, Activation.Linear)),
            Spec(3, Loss.MeanSquaredError, new DropoutSpec(0.25, 1), new DenseSpec(1, Activation.Linear)));
        // The activation layers' specs compare their class, activation and arguments by value.
        Assert.Equal(new ActivationLayerSpec("LeakyReLU", Activation.LeakyRelu) { ActivationArguments = new EquatableArray<double>([0.3]) },
            new ActivationLayerSpec("LeakyReLU", Activation.LeakyRelu) { ActivationArguments = new EquatableArray<double>([0.3]) });
        Assert.NotEqual(new ActivationLayerSpec("LeakyReLU", Activation.LeakyRelu) { ActivationArguments = new EquatableArray<double>([0.3]) },
            new ActivationLayerSpec("Activation", Activation.LeakyRelu) { ActivationArguments = new EquatableArray<double>([0.3]) });
        Assert.Equal(new IdentitySpec(), new IdentitySpec());
        Assert.NotEqual(new PReLUSpec(true), new PReLUSpec(false));
    }
}
