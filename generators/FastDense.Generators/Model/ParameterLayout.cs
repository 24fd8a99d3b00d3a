using System.Collections.Generic;

namespace FastDense.Generators.Model;

/// <summary>
/// Where each tensor of a model lives: parameters in one flat buffer (per layer: kernel <c>[in, out]</c> then bias,
/// the order of Keras's <c>get_weights()</c>), and the training workspace as blocks of <c>[rows, width]</c>
/// (every layer's activation, then every layer's delta, then the output layer's logits where the loss reads them). Workspace offsets are per batch row: block <c>b</c> of a
/// batch of <c>rows</c> rows starts at <c>rows · b.OffsetPerRow</c>, so any batch up to the largest fits the same
/// buffer and every block stays contiguous.
/// </summary>
/// <remarks>Pure arithmetic on the spec: the emitter prints what this computes, and tests check it without Roslyn.</remarks>
internal sealed class ParameterLayout
{
    private ParameterLayout(IReadOnlyList<LayerLayout> layers, int parameterCount, int workspacePerRow, int? logitsOffsetPerRow)
    {
        Layers = layers;
        ParameterCount = parameterCount;
        WorkspacePerRow = workspacePerRow;
        LogitsOffsetPerRow = logitsOffsetPerRow;
    }

    /// <summary>One entry per Dense layer, in order.</summary>
    public IReadOnlyList<LayerLayout> Layers { get; }

    /// <summary>The length of the parameter buffer (and of the gradient buffer, which shares its layout).</summary>
    public int ParameterCount { get; }

    /// <summary>Workspace elements needed per batch row: the sum of every activation and delta width, and the logits' if kept.</summary>
    public int WorkspacePerRow { get; }

    /// <summary>
    /// Where the block <c>z{last}</c>, the output layer's logits (pre-activation), starts per row, for the losses
    /// computed from logits (the cross-entropies); null when the loss reads the output (mean squared error).
    /// </summary>
    public int? LogitsOffsetPerRow { get; }

    /// <summary>Whether <paramref name="loss"/> is computed from the output layer's logits rather than its output.</summary>
    public static bool KeepsLogits(Loss loss) => loss is Loss.CategoricalCrossentropy or Loss.BinaryCrossentropy;

    /// <summary>Computes the layout of <paramref name="spec"/>.</summary>
    public static ParameterLayout From(ModelSpec spec)
    {
        var layers = new List<LayerLayout>(spec.Layers.Count);
        int offset = 0, inputs = spec.Inputs, widthSum = 0;
        foreach (LayerSpec layer in spec.Layers) widthSum += layer.Units;

        int activationOffset = 0, deltaOffset = widthSum;
        for (int i = 0; i < spec.Layers.Count; i++)
        {
            LayerSpec layer = spec.Layers[i];
            int kernelLength = checked(inputs * layer.Units);
            layers.Add(new LayerLayout(
                Index: i,
                Inputs: inputs,
                Units: layer.Units,
                Activation: layer.Activation,
                KernelOffset: offset,
                KernelLength: kernelLength,
                BiasOffset: checked(offset + kernelLength),
                ActivationOffsetPerRow: activationOffset,
                DeltaOffsetPerRow: deltaOffset));
            offset = checked(offset + kernelLength + layer.Units);
            activationOffset += layer.Units;
            deltaOffset += layer.Units;
            inputs = layer.Units;
        }
        // The logits go after the deltas, so that a model without them keeps the layout it always had.
        int? logits = KeepsLogits(spec.Loss) ? checked(2 * widthSum) : null;
        int workspace = checked(2 * widthSum + (logits is null ? 0 : spec.Layers[spec.Layers.Count - 1].Units));
        return new ParameterLayout(layers, offset, workspace, logits);
    }
}

/// <summary>The placement of one Dense layer's tensors.</summary>
/// <param name="Index">The layer's position, from 0; Keras-style names are <c>dense_{Index}</c>.</param>
/// <param name="Inputs">The layer's input width (the model's input width, or the previous layer's units).</param>
/// <param name="Units">The layer's output width.</param>
/// <param name="Activation">The layer's activation.</param>
/// <param name="KernelOffset">Where the <c>[Inputs, Units]</c> kernel starts in the parameter buffer.</param>
/// <param name="KernelLength"><c>Inputs · Units</c>.</param>
/// <param name="BiasOffset">Where the <c>[Units]</c> bias starts in the parameter buffer.</param>
/// <param name="ActivationOffsetPerRow">The layer's output block <c>a{Index}</c> starts at <c>rows ·</c> this.</param>
/// <param name="DeltaOffsetPerRow">The block <c>d{Index}</c> (gradient of the loss with respect to the layer's pre-activation) starts at <c>rows ·</c> this.</param>
internal sealed record LayerLayout(
    int Index,
    int Inputs,
    int Units,
    Activation Activation,
    int KernelOffset,
    int KernelLength,
    int BiasOffset,
    int ActivationOffsetPerRow,
    int DeltaOffsetPerRow);
