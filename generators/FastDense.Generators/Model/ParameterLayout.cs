using System.Collections.Generic;
using System.Linq;
using FastDense.Generators.Layers;

namespace FastDense.Generators.Model;

/// <summary>
/// Where each tensor of a model lives: parameters in one flat buffer (layer by layer, each kind's tensors in the
/// order of Keras's <c>get_weights()</c>: a Dense layer's kernel <c>[in, out]</c> then bias), and the training
/// workspace as blocks of <c>[rows, width]</c>: every layer's output, then the gradient blocks, then the blocks a kind
/// keeps for its backward (Dropout's mask), then the output layer's logits where the loss reads them. Workspace
/// offsets are per batch row: block <c>b</c> of a batch of <c>rows</c> rows starts at <c>rows · b.OffsetPerRow</c>, so
/// any batch up to the largest fits the same buffer and every block stays contiguous.
/// </summary>
/// <remarks>
/// Pure arithmetic on the spec: each <see cref="LayerKind"/> says what tensors and blocks its layers own, this class
/// places them, the emitter prints what it computed, and tests check it without Roslyn.
/// </remarks>
internal sealed class ParameterLayout
{
    private ParameterLayout(IReadOnlyList<LayerLayout> layers, IReadOnlyList<BlockLayout> blocks, int parameterCount, int stateCount, int workspacePerRow, int workspaceFixed, BlockLayout? logits)
    {
        WorkspaceFixed = workspaceFixed;
        Layers = layers;
        Blocks = blocks;
        ParameterCount = parameterCount;
        StateCount = stateCount;
        WorkspacePerRow = workspacePerRow;
        Logits = logits;
    }

    /// <summary>One entry per layer, in order.</summary>
    public IReadOnlyList<LayerLayout> Layers { get; }

    /// <summary>Every workspace block, in the order they lie in the workspace.</summary>
    public IReadOnlyList<BlockLayout> Blocks { get; }

    /// <summary>The length of the parameter buffer (and of the gradient buffer, which shares its layout).</summary>
    public int ParameterCount { get; }

    /// <summary>The length of the state buffer: every non-trainable tensor (a Normalization's mean and variance).</summary>
    public int StateCount { get; }

    /// <summary>Workspace elements needed once per batch, after the per-row blocks: the sum of every once-per-batch block's width.</summary>
    public int WorkspaceFixed { get; }

    /// <summary>Workspace elements needed per batch row: the sum of every per-row block's width.</summary>
    public int WorkspacePerRow { get; }

    /// <summary>
    /// The block <c>z{last}</c>, the output layer's logits (pre-activation), for the losses computed from logits (the
    /// cross-entropies); null when the loss reads the output (mean squared error).
    /// </summary>
    public BlockLayout? Logits { get; }

    /// <summary>Where <see cref="Logits"/> starts per row, or null.</summary>
    public int? LogitsOffsetPerRow => Logits?.OffsetPerRow;

    /// <summary>The output layer (the parser guarantees it is a Dense layer).</summary>
    public LayerLayout Output => Layers[Layers.Count - 1];

    /// <summary>Whether the loss of <paramref name="spec"/> is computed from the output layer's logits, kept apart from its output.</summary>
    public static bool KeepsLogits(ModelSpec spec) => FastDense.Generators.Losses.LossKinds.Of(spec.Loss).KeepsLogits(spec.LossArguments);

    /// <summary>Computes the layout of <paramref name="spec"/>.</summary>
    public static ParameterLayout From(ModelSpec spec)
    {
        var layers = new List<LayerLayout>(spec.Layers.Count);
        var kindCounts = new Dictionary<LayerKind, int>();
        var outputs = new List<BlockLayout>();
        var gradients = new List<BlockLayout>();
        var extras = new List<BlockLayout>();
        var fixedBlocks = new List<BlockLayout>();
        int parameterOffset = 0, stateOffset = 0, inputs = spec.Inputs;
        string inputWidth = "InputSize", inputBlock = "x";
        BlockLayout? incomingGradient = null;   // the block holding dLoss/d(this layer's input) in backward, if any
        bool trainableBefore = false;

        for (int i = 0; i < spec.Layers.Count; i++)
        {
            LayerSpec layerSpec = spec.Layers[i];
            LayerKind kind = LayerKinds.Of(layerSpec);
            kindCounts.TryGetValue(kind, out int kindIndex);
            kindCounts[kind] = kindIndex + 1;
            int width = kind.OutputWidth(layerSpec, inputs);
            string outputWidth = kind.OutputWidthName(layerSpec, kindIndex) ?? inputWidth;

            var tensors = new List<TensorLayout>();
            foreach (TensorShape shape in kind.Tensors(layerSpec, inputs, inputWidth, kindIndex))
            {
                int length = 1;
                foreach (int dimension in shape.Dimensions) length = checked(length * dimension);
                // Trainable tensors in the parameter buffer, the others in the state buffer: each has its own offsets.
                int tensorOffset = shape.Trainable ? parameterOffset : stateOffset;
                tensors.Add(new TensorLayout(shape.ShortName, $"{kind.Identifier}{kindIndex}{Capitalize(shape.ShortName)}", shape.Dimensions, shape.DimensionNames, tensorOffset, length, shape.Trainable));
                if (shape.Trainable) parameterOffset = checked(parameterOffset + length);
                else stateOffset = checked(stateOffset + length);
            }

            var output = new BlockLayout($"a{i}", outputWidth, width, $"output of {kind.SnakeName}_{kindIndex}", BlockUse.Forward | BlockUse.Backward);
            outputs.Add(output);
            // A kind with a gradient block of its own receives dLoss/d(its output) there; a kind that keeps the width
            // turns the gradient into dLoss/d(its input) in place, in its predecessor's block.
            // A same-width kind with trainable tensors and no block to work in (a BatchNormalization before any Dense)
            // gets one too: its parameters' gradients need dLoss/d(its output).
            bool ownsGradient = kind.OwnsGradientBlock || (incomingGradient is null && tensors.Any(t => t.Trainable));
            BlockLayout? gradient = ownsGradient
                ? new BlockLayout($"d{i}", outputWidth, width, kind.OwnsGradientBlock ? kind.GradientRole(layerSpec, kindIndex) : $"dLoss/d(output of {kind.SnakeName}_{kindIndex})", BlockUse.Backward)
                : incomingGradient;
            if (ownsGradient) gradients.Add(gradient!);
            var own = new List<BlockLayout>();
            IEnumerable<BlockShape> shapes = kind.Blocks(layerSpec, i, kindIndex);
            if (i == spec.Layers.Count - 1) shapes = shapes.Concat(kind.OutputBlocks(layerSpec, i, kindIndex));
            foreach (BlockShape block in shapes)
            {
                var layoutBlock = new BlockLayout(block.Name, block.Width ?? outputWidth, block.Width is null ? width : block.WidthValue, block.Role, block.Use, block.PerRow);
                own.Add(layoutBlock);
                (block.PerRow ? extras : fixedBlocks).Add(layoutBlock);
            }

            var layer = new LayerLayout(i, layerSpec, kind, kindIndex, inputs, width, inputWidth, outputWidth, inputBlock, output, gradient,
                needsInputGradient: trainableBefore, tensors, own, ownsGradient);
            layers.Add(layer);

            trainableBefore |= tensors.Any(t => t.Trainable);
            inputs = width;
            inputWidth = outputWidth;
            inputBlock = output.Name;
            incomingGradient = gradient;
        }

        // Dense layers with gradient blocks must exist before any layer needs an input gradient: the first trainable
        // layer is a Dense one, which owns its block, so a layer after it always finds one.
        foreach (LayerLayout layer in layers)
        {
            if (layer.NeedsInputGradient && layer.Index > 0 && layers[layer.Index - 1].Gradient is null)
            {
                throw new System.InvalidOperationException($"{layer.Name} needs an input gradient but {layers[layer.Index - 1].Name} has no gradient block.");
            }
        }

        LayerLayout last = layers[layers.Count - 1];
        // The loss's backward may read them too (binary focal cross-entropy: its cross-entropy term from the logits).
        BlockUse logitsUse = FastDense.Generators.Losses.LossKinds.Of(spec.Loss).BackwardReadsLogits(spec.LossArguments) ? BlockUse.Forward | BlockUse.Backward : BlockUse.Forward;
        // An output layer that keeps its pre-activation for its activation's derivative (z{last} among its blocks)
        // already holds the logits: the loss reads that block.
        BlockLayout? kept = last.Blocks.FirstOrDefault(b => b.Name == $"z{last.Index}");
        BlockLayout? logits = KeepsLogits(spec)
            ? kept ?? new BlockLayout($"z{last.Index}", last.OutputWidth, last.Outputs, $"logits of {last.Name} (its pre-activation): the loss is computed from them", logitsUse)
            : null;
        // The logits go last, so that a model without them keeps the layout it always had.
        var blocks = outputs.Concat(gradients).Concat(extras).Concat(logits is null || logits == kept ? Enumerable.Empty<BlockLayout>() : new[] { logits }).ToList();
        int offset = 0;
        foreach (BlockLayout block in blocks)
        {
            block.OffsetPerRow = offset;
            offset = checked(offset + block.WidthValue);
        }
        // Once-per-batch blocks after every per-row block: at rows · WorkspacePerRow + their offset.
        int fixedOffset = 0;
        foreach (BlockLayout block in fixedBlocks)
        {
            block.OffsetPerRow = fixedOffset;
            fixedOffset = checked(fixedOffset + block.WidthValue);
        }
        blocks.AddRange(fixedBlocks);
        return new ParameterLayout(layers, blocks, parameterOffset, stateOffset, offset, fixedOffset, logits);
    }

    /// <summary>A tensor's name in PascalCase for its constant: <c>moving_mean</c> → <c>MovingMean</c>.</summary>
    private static string Capitalize(string name)
        => string.Concat(name.Split('_').Where(part => part.Length > 0).Select(part => char.ToUpperInvariant(part[0]) + part.Substring(1)));
}

/// <summary>The placement of one layer's tensors and blocks.</summary>
internal sealed class LayerLayout
{
    public LayerLayout(int index, LayerSpec spec, LayerKind kind, int kindIndex, int inputs, int outputs, string inputWidth, string outputWidth,
        string inputBlock, BlockLayout output, BlockLayout? gradient, bool needsInputGradient, IReadOnlyList<TensorLayout> tensors, IReadOnlyList<BlockLayout> blocks, bool ownsGradient)
    {
        OwnsGradient = ownsGradient;
        Index = index;
        Spec = spec;
        Kind = kind;
        KindIndex = kindIndex;
        Inputs = inputs;
        Outputs = outputs;
        InputWidth = inputWidth;
        OutputWidth = outputWidth;
        InputBlock = inputBlock;
        Output = output;
        Gradient = gradient;
        NeedsInputGradient = needsInputGradient;
        Tensors = tensors;
        Blocks = blocks;
    }

    /// <summary>The layer's position among all layers, from 0; workspace blocks are named by it (<c>a{Index}</c>).</summary>
    public int Index { get; }

    /// <summary>The layer as declared.</summary>
    public LayerSpec Spec { get; }

    /// <summary>What lays out and emits it.</summary>
    public LayerKind Kind { get; }

    /// <summary>The layer's position among the model's layers of its kind, from 0.</summary>
    public int KindIndex { get; }

    /// <summary>The layer's Keras-style name: <c>dense_0</c>, <c>dropout_0</c>.</summary>
    public string Name => $"{Kind.SnakeName}_{KindIndex}";

    /// <summary>The width of one input row.</summary>
    public int Inputs { get; }

    /// <summary>The width of one output row.</summary>
    public int Outputs { get; }

    /// <summary>The constant that names the input width in generated code: <c>InputSize</c> or the previous layer's.</summary>
    public string InputWidth { get; }

    /// <summary>The constant that names the output width: a Dense layer's <c>Units{k}</c>, or its input's.</summary>
    public string OutputWidth { get; }

    /// <summary>The span the layer reads in forward: <c>x</c> or the previous layer's output block.</summary>
    public string InputBlock { get; }

    /// <summary>The block the layer writes its output to.</summary>
    public BlockLayout Output { get; }

    /// <summary>The block that holds dLoss/d(the layer's output) in backward, or null if no gradient flows there.</summary>
    public BlockLayout? Gradient { get; }

    /// <summary>Whether <see cref="Gradient"/> is the layer's own block (declared with it) rather than its predecessor's.</summary>
    public bool OwnsGradient { get; }

    /// <summary>Whether a layer before this one trains, so that backward must compute dLoss/d(this layer's input).</summary>
    public bool NeedsInputGradient { get; }

    /// <summary>The layer's tensors in the parameter buffer, in order.</summary>
    public IReadOnlyList<TensorLayout> Tensors { get; }

    /// <summary>The blocks the layer keeps from forward for backward, beside its output and gradient.</summary>
    public IReadOnlyList<BlockLayout> Blocks { get; }

    /// <summary>The tensor named <paramref name="shortName"/>.</summary>
    public TensorLayout Tensor(string shortName) => Tensors.First(t => t.ShortName == shortName);
}

/// <summary>One tensor's place in the parameter buffer.</summary>
/// <param name="ShortName">Its name within the layer: <c>kernel</c>, <c>bias</c>.</param>
/// <param name="ConstName">The generated constant holding its offset: <c>Dense0Kernel</c>.</param>
/// <param name="Shape">Its dimensions.</param>
/// <param name="ShapeNames">Its dimensions as generated constants: <c>InputSize, Units0</c>.</param>
/// <param name="Offset">Where it starts in the parameter buffer (trainable) or the state buffer (not).</param>
/// <param name="Length">The product of its dimensions.</param>
/// <param name="Trainable">Whether the optimizer trains it, and so which buffer holds it.</param>
internal sealed record TensorLayout(string ShortName, string ConstName, int[] Shape, string[] ShapeNames, int Offset, int Length, bool Trainable = true)
{
    /// <summary>The buffer it lives in, as generated code names it: <c>p</c> or <c>state</c>.</summary>
    public string Buffer => Trainable ? "p" : "state";

    /// <summary>The length as a product of generated constants: <c>InputSize * Units0</c>.</summary>
    public string LengthExpression => string.Join(" * ", ShapeNames);
}

/// <summary>When a block is read or written.</summary>
[System.Flags]
internal enum BlockUse
{
    /// <summary>Written in forward (and declared there).</summary>
    Forward = 1,

    /// <summary>Read or written in backward (and declared there).</summary>
    Backward = 2,
}

/// <summary>One <c>[rows, width]</c> block of the workspace.</summary>
internal sealed class BlockLayout
{
    public BlockLayout(string name, string width, int widthValue, string role, BlockUse use, bool perRow = true)
    {
        PerRow = perRow;
        Name = name;
        Width = width;
        WidthValue = widthValue;
        Role = role;
        Use = use;
    }

    /// <summary>Its name in generated code: <c>a0</c>, <c>d0</c>, <c>m1</c>, <c>z2</c>.</summary>
    public string Name { get; }

    /// <summary>The constant for its offset per row: the name capitalized, <c>A0</c>.</summary>
    public string ConstName => char.ToUpperInvariant(Name[0]) + Name.Substring(1);

    /// <summary>Its width as a generated constant.</summary>
    public string Width { get; }

    /// <summary>Its width.</summary>
    public int WidthValue { get; }

    /// <summary>What it holds, for the workspace table.</summary>
    public string Role { get; }

    /// <summary>When it is used.</summary>
    public BlockUse Use { get; }

    /// <summary>Whether it has a row per batch row; else it is one row, once per batch, after the per-row blocks.</summary>
    public bool PerRow { get; }

    /// <summary>
    /// Where it starts per batch row (set once by <see cref="ParameterLayout.From"/>); for a once-per-batch block, its
    /// offset after the per-row blocks.
    /// </summary>
    public int OffsetPerRow { get; internal set; }
}
