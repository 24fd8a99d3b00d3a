namespace FastDense.Interop.Onnx;

/// <summary>
/// Each <see cref="Activation"/> as opset-17 operators, with the arguments of the layer (Keras's, from
/// <see cref="LayerDescription.ActivationArguments"/>) and the formulas of the runtime's operators
/// (src/FastDense/Kernels/{Name}Operator.cs), so that ONNX Runtime computes what <c>Predict</c> computes. An activation
/// with an operator of its own in opset 17 is that operator; the others (gelu, silu, mish, log_sigmoid, tanh_shrink,
/// squareplus, sparse_plus, sparse_sigmoid, threshold, relu with a threshold and a maximum, and celu in a double graph,
/// as ONNX's Celu is float-only) are composed of element-wise operators, as the runtime's operator writes the formula;
/// glu splits the row in halves, and sparsemax sorts it (<see cref="Sparsemax"/>).
/// </summary>
internal static class OnnxActivations
{
    // TensorFlow's selu constants (SeluOperator): scale, and alpha = scale_alpha / scale.
    private const double SeluGamma = 1.0507009873554804934193349852946;
    private const double SeluAlpha = 1.6732632423543772848170429916717;

    // gelu's constants (GeluOperator): TensorFlow's 1/√2 divisor's inverse, √(2/π) and the cubic coefficient.
    private const double InverseSqrt2 = 0.70710678118654752440;
    private const double SqrtTwoOverPi = 0.7978845608028654;
    private const double GeluCoefficient = 0.044715;

    /// <summary>Adds the nodes of <paramref name="layer"/>'s activation applied to <paramref name="z"/>.</summary>
    /// <returns>The activation's output; <paramref name="z"/> itself for linear.</returns>
    /// <exception cref="NotSupportedException">The activation, or one of its arguments, is unknown to this exporter.</exception>
    public static string Emit(OnnxGraph graph, LayerDescription layer, string z)
    {
        var scope = new Scope(graph, layer);
        return layer.Activation switch
        {
            Activation.Linear => scope.Takes().Passes(z),
            Activation.Relu => Relu(scope, z),
            Activation.Sigmoid => scope.Takes().Node("Sigmoid", "", z),
            Activation.Tanh => scope.Takes().Node("Tanh", "", z),
            Activation.Softmax => scope.Takes().Node("Softmax", "", [z], OnnxAttribute.Int("axis", -1)),
            Activation.LogSoftmax => scope.Takes().Node("LogSoftmax", "", [z], OnnxAttribute.Int("axis", -1)),
            Activation.Sparsemax => Sparsemax(scope.Takes(), z, layer.Outputs),
            Activation.Glu => Glu(scope.Takes(), z),
            Activation.LeakyRelu => scope.Takes("negative_slope").Node("LeakyRelu", "", [z], OnnxAttribute.Float("alpha", scope.Argument("negative_slope", 0.2))),
            Activation.Relu6 => scope.Takes().Node("Clip", "", z, scope.Constant("zero", 0), scope.Constant("six", 6)),
            Activation.Elu => scope.Takes("alpha").Node("Elu", "", [z], OnnxAttribute.Float("alpha", scope.Argument("alpha", 1))),
            Activation.Selu => scope.Takes().Node("Selu", "", [z], OnnxAttribute.Float("alpha", SeluAlpha), OnnxAttribute.Float("gamma", SeluGamma)),
            Activation.Celu => Celu(scope.Takes("alpha"), graph, z),
            Activation.Gelu => Gelu(scope.Takes("approximate"), z),
            Activation.Silu => scope.Takes().Node("Mul", "", z, scope.Node("Sigmoid", "sigmoid", z)),
            Activation.Mish => scope.Takes().Node("Mul", "", z, scope.Node("Tanh", "tanh", scope.Node("Softplus", "softplus", z))),
            Activation.Softplus => scope.Takes().Node("Softplus", "", z),
            Activation.Softsign => scope.Takes().Node("Softsign", "", z),
            // Keras 3's relu6(z + 3) / 6 is ONNX's max(0, min(1, alpha z + beta)) with alpha = 1/6, beta = 1/2.
            Activation.HardSigmoid => scope.Takes().Node("HardSigmoid", "", [z], OnnxAttribute.Float("alpha", 1.0 / 6), OnnxAttribute.Float("beta", 0.5)),
            // ONNX's HardSwish is z · max(0, min(1, z/6 + 1/2)), Keras's hard_silu.
            Activation.HardSilu => scope.Takes().Node("HardSwish", "", z),
            Activation.Exponential => scope.Takes().Node("Exp", "", z),
            Activation.LogSigmoid => scope.Takes().Node("Neg", "", scope.Node("Softplus", "softplus", scope.Node("Neg", "negate", z))),
            Activation.TanhShrink => scope.Takes().Node("Sub", "", z, scope.Node("Tanh", "tanh", z)),
            Activation.HardTanh => scope.Takes().Node("Clip", "", z, scope.Constant("minus_one", -1), scope.Constant("one", 1)),
            Activation.SoftShrink => Shrink(scope.Takes("threshold"), z, soft: true),
            Activation.HardShrink => Shrink(scope.Takes("threshold"), z, soft: false),
            Activation.Squareplus => Squareplus(scope.Takes("b"), z),
            Activation.SparsePlus => SparsePlus(scope.Takes(), z),
            Activation.SparseSigmoid => scope.Takes().Node("Clip", "",
                scope.Node("Mul", "half", scope.Node("Add", "shift", z, scope.Constant("one", 1)), scope.Constant("half_constant", 0.5)),
                scope.Constant("zero", 0), scope.Constant("one_bound", 1)),
            Activation.Threshold => Threshold(scope.Takes("threshold", "default_value"), z),
            _ => throw new NotSupportedException($"Layer {layer.Name}: activation {layer.Activation} ({(int)layer.Activation}) has no ONNX export."),
        };
    }

    /// <summary>
    /// relu with Keras's arguments (ReluOperator): <c>min(z, max_value)</c> for <c>z &gt; threshold</c>, else
    /// <c>negative_slope · (z − threshold)</c>. Plain relu, and each argument alone, have an operator of their own.
    /// </summary>
    private static string Relu(Scope scope, string z)
    {
        scope.Takes("negative_slope", "max_value", "threshold");
        double slope = scope.Argument("negative_slope", 0), max = scope.Argument("max_value", double.PositiveInfinity), threshold = scope.Argument("threshold", 0);
        bool bounded = !double.IsPositiveInfinity(max);
        if (slope == 0 && !bounded && threshold == 0) return scope.Node("Relu", "", z);
        if (!bounded && threshold == 0) return scope.Node("LeakyRelu", "", [z], OnnxAttribute.Float("alpha", slope));
        if (slope == 0 && threshold == 0) return scope.Node("Clip", "", z, scope.Constant("zero", 0), scope.Constant("max_value", max));
        if (slope == 0 && !bounded) return scope.Node("ThresholdedRelu", "", [z], OnnxAttribute.Float("alpha", threshold));
        string thresholdValue = scope.Constant("threshold", threshold);
        string passed = bounded ? scope.Node("Min", "min", z, scope.Constant("max_value", max)) : z;
        string below = scope.Node("Mul", "slope", scope.Node("Sub", "shift", z, thresholdValue), scope.Constant("negative_slope", slope));
        return scope.Node("Where", "", scope.Node("Greater", "above", z, thresholdValue), passed, below);
    }

    /// <summary>
    /// celu (CeluOperator): z for z &gt; 0, else <c>alpha · (e^(z / alpha) − 1)</c>. ONNX's <c>Celu</c> is defined for
    /// float tensors only, so a double graph composes it.
    /// </summary>
    private static string Celu(Scope scope, OnnxGraph graph, string z)
    {
        double alpha = scope.Argument("alpha", 1);
        if (graph.ElementType == OnnxElementType.Float) return scope.Node("Celu", "", [z], OnnxAttribute.Float("alpha", alpha));
        string alphaValue = scope.Constant("alpha", alpha);
        string exponential = scope.Node("Exp", "exp", scope.Node("Div", "scaled", z, alphaValue));
        string below = scope.Node("Mul", "below", scope.Node("Sub", "expm1", exponential, scope.Constant("one", 1)), alphaValue);
        return scope.Node("Where", "", scope.Node("Greater", "positive", z, scope.Constant("zero", 0)), z, below);
    }

    /// <summary>
    /// gelu (GeluOperator). Exact: <c>z/2 · (1 + erf(z/√2))</c> (opset 17 has no Gelu; 20 does). Approximate:
    /// <c>z · sigmoid(2u)</c>, <c>u = √(2/π) · (z + 0.044715 z³)</c>, which equals <c>z/2 · (1 + tanh(u))</c> without its
    /// cancellation for negative z.
    /// </summary>
    private static string Gelu(Scope scope, string z)
    {
        if (scope.Argument("approximate", 0) != 0)
        {
            string cube = scope.Node("Mul", "cube", scope.Node("Mul", "square", z, z), z);
            string inner = scope.Node("Add", "inner", z, scope.Node("Mul", "cubic_term", cube, scope.Constant("coefficient", GeluCoefficient)));
            string u = scope.Node("Mul", "u", inner, scope.Constant("sqrt_two_over_pi", SqrtTwoOverPi));
            return scope.Node("Mul", "", z, scope.Node("Sigmoid", "sigmoid", scope.Node("Add", "two_u", u, u)));
        }
        string erf = scope.Node("Erf", "erf", scope.Node("Mul", "scaled", z, scope.Constant("inverse_sqrt2", InverseSqrt2)));
        string half = scope.Node("Mul", "half", z, scope.Constant("half_constant", 0.5));
        return scope.Node("Mul", "", half, scope.Node("Add", "one_plus_erf", erf, scope.Constant("one", 1)));
    }

    /// <summary>
    /// soft_shrink and hard_shrink as ONNX's <c>Shrink</c>: <c>z + bias</c> below <c>−lambd</c>, <c>z − bias</c> above
    /// <c>lambd</c>, else 0; lambd is the threshold, and bias the threshold (soft) or 0 (hard).
    /// </summary>
    private static string Shrink(Scope scope, string z, bool soft)
    {
        double threshold = scope.Argument("threshold", 0.5);
        return scope.Node("Shrink", "", [z], OnnxAttribute.Float("lambd", threshold), OnnxAttribute.Float("bias", soft ? threshold : 0));
    }

    /// <summary>
    /// squareplus (SquareplusOperator): <c>(z + √(z² + b)) / 2</c> for z ≥ 0 and the equal <c>b / (2 (√(z² + b) − z))</c>
    /// below, where the sum would cancel.
    /// </summary>
    private static string Squareplus(Scope scope, string z)
    {
        string b = scope.Constant("b", scope.Argument("b", 4));
        string two = scope.Constant("two", 2);
        string root = scope.Node("Sqrt", "root", scope.Node("Add", "square_plus_b", scope.Node("Mul", "square", z, z), b));
        string upper = scope.Node("Div", "upper", scope.Node("Add", "sum", z, root), two);
        string lower = scope.Node("Div", "lower", b, scope.Node("Mul", "twice_difference", two, scope.Node("Sub", "difference", root, z)));
        return scope.Node("Where", "", scope.Node("GreaterOrEqual", "not_negative", z, scope.Constant("zero", 0)), upper, lower);
    }

    /// <summary>
    /// sparse_plus (SparsePlusOperator): 0 for z ≤ −1, <c>(z + 1)² / 4</c> between, z for z ≥ 1; the middle formula
    /// on z clipped to [−1, 1] is 0 at and below −1.
    /// </summary>
    private static string SparsePlus(Scope scope, string z)
    {
        string one = scope.Constant("one", 1);
        string shifted = scope.Node("Add", "shifted", scope.Node("Clip", "clipped", z, scope.Constant("minus_one", -1), one), one);
        string middle = scope.Node("Mul", "middle", scope.Node("Mul", "square", shifted, shifted), scope.Constant("quarter", 0.25));
        return scope.Node("Where", "", scope.Node("Less", "below_one", z, one), middle, z);
    }

    /// <summary>
    /// glu (GluOperator): <c>Split</c> of z (batch, units) into its halves a and b along the last axis (opset 17 splits
    /// in equal parts when no sizes are given), then <c>a · Sigmoid(b)</c>, (batch, units / 2).
    /// </summary>
    private static string Glu(Scope scope, string z)
    {
        string[] halves = scope.Nodes("Split", "split", [z], ["a", "b"], OnnxAttribute.Int("axis", -1));
        return scope.Node("Mul", "", halves[0], scope.Node("Sigmoid", "sigmoid", halves[1]));
    }

    /// <summary>
    /// sparsemax (SparsemaxOperator) over rows of <paramref name="width"/>, in the runtime's order: the row sorted in
    /// descending order (<c>TopK</c> with k the width), its maximum (the first sorted value, <c>Gather</c>) subtracted
    /// from the row and from the sorted row; the support is where <c>1 + r · sorted_r &gt; CumSum(sorted)_r</c>, r = 1…n;
    /// <c>τ = (Σ support · sorted − 1) / Σ support</c>; the output <c>Relu(shifted − τ)</c>.
    /// </summary>
    private static string Sparsemax(Scope scope, string z, int width)
    {
        string[] top = scope.Nodes("TopK", "topk", [z, scope.Int64("k", [width], [1])], ["sorted", "indices"],
            OnnxAttribute.Int("axis", -1), OnnxAttribute.Int("largest", 1), OnnxAttribute.Int("sorted", 1));
        string max = scope.Node("Gather", "max", [top[0], scope.Int64("first", [0], [1])], OnnxAttribute.Int("axis", 1));
        string shifted = scope.Node("Sub", "shifted", z, max);
        string sorted = scope.Node("Sub", "sorted_shifted", top[0], max);
        string cumulative = scope.Node("CumSum", "cumsum", sorted, scope.Int64("axis", [-1], []));
        string ranks = scope.Vector("ranks", Enumerable.Range(1, width).Select(r => (double)r).ToArray());
        string one = scope.Constant("one", 1);
        string inSupport = scope.Node("Greater", "in_support", scope.Node("Add", "one_plus", one, scope.Node("Mul", "ranked", ranks, sorted)), cumulative);
        string mask = scope.Node("Cast", "mask", [inSupport], OnnxAttribute.Int("to", (long)scope.ElementType));
        string axes = scope.Int64("axes", [-1], [1]);
        string count = scope.Node("ReduceSum", "count", [mask, axes], OnnxAttribute.Int("keepdims", 1));
        string sum = scope.Node("ReduceSum", "support_sum", [scope.Node("Mul", "support_values", mask, sorted), axes], OnnxAttribute.Int("keepdims", 1));
        string tau = scope.Node("Div", "tau", scope.Node("Sub", "sum_minus_one", sum, one), count);
        return scope.Node("Relu", "", scope.Node("Sub", "below_tau", shifted, tau));
    }

    /// <summary>threshold (ThresholdOperator): z for <c>z &gt; threshold</c>, else <c>default_value</c>.</summary>
    private static string Threshold(Scope scope, string z)
    {
        string above = scope.Node("Greater", "above", z, scope.Constant("threshold", scope.Argument("threshold", double.NaN)));
        return scope.Node("Where", "", above, z, scope.Constant("default_value", scope.Argument("default_value", double.NaN)));
    }

    /// <summary>
    /// The layer's activation while its nodes are added: names (<c>{layer}/{activation}</c> for the result,
    /// <c>{layer}/{activation}/{part}</c> for the rest), constants, arguments, and the check that every argument is one
    /// the export reads.
    /// </summary>
    private sealed class Scope(OnnxGraph graph, LayerDescription layer)
    {
        private readonly string _prefix = $"{layer.Name}/{layer.Activation.KerasName()}";

        /// <summary>Checks that the layer's activation arguments are among <paramref name="names"/>.</summary>
        /// <exception cref="NotSupportedException">An argument this export would ignore.</exception>
        public Scope Takes(params string[] names)
        {
            foreach (KeyValuePair<string, double> argument in layer.ActivationArguments)
            {
                if (Array.IndexOf(names, argument.Key) < 0)
                {
                    string taken = names.Length == 0 ? "none" : string.Join(", ", names);
                    throw new NotSupportedException(
                        $"Layer {layer.Name}: activation {layer.Activation} has argument {argument.Key} = {argument.Value}, which the ONNX export does not know (it reads: {taken}).");
                }
            }
            return this;
        }

        /// <summary>Adds nothing: <paramref name="z"/> is the result (linear).</summary>
        public string Passes(string z) => z;

        /// <summary>The activation argument <paramref name="kerasName"/>, or Keras's default when the layer leaves it.</summary>
        public double Argument(string kerasName, double fallback)
        {
            foreach (KeyValuePair<string, double> argument in layer.ActivationArguments)
            {
                if (argument.Key == kerasName) return argument.Value;
            }
            if (double.IsNaN(fallback))
            {
                throw new NotSupportedException($"Layer {layer.Name}: activation {layer.Activation} needs argument {kerasName}, which its description lacks.");
            }
            return fallback;
        }

        /// <summary>A scalar constant of the graph's element type.</summary>
        public string Constant(string part, double value) => graph.AddScalar($"{_prefix}/{part}", value);

        /// <summary>A vector constant of the graph's element type.</summary>
        public string Vector(string part, double[] values) => graph.AddInitializer<double>($"{_prefix}/{part}", values, [values.Length]);

        /// <summary>An int64 constant of shape <paramref name="dims"/> (an operator's k, axis or indices).</summary>
        public string Int64(string part, long[] values, int[] dims) => graph.AddInt64($"{_prefix}/{part}", values, dims);

        /// <summary>The graph's element type (Cast's <c>to</c>).</summary>
        public OnnxElementType ElementType => graph.ElementType;

        /// <summary>A node with several outputs, <c>{layer}/{activation}/{output part}</c>, the node named <c>{layer}/{activation}/{part}</c>.</summary>
        public string[] Nodes(string opType, string part, string[] inputs, string[] outputParts, params OnnxAttribute[] attributes)
            => graph.AddNode(opType, $"{_prefix}/{part}", inputs, outputParts.Select(o => $"{_prefix}/{o}").ToArray(), attributes);

        /// <summary>A node reading <paramref name="inputs"/>; <paramref name="part"/> "" names the activation's result.</summary>
        public string Node(string opType, string part, params string[] inputs) => Node(opType, part, inputs, []);

        /// <summary>A node with attributes.</summary>
        public string Node(string opType, string part, string[] inputs, params OnnxAttribute[] attributes)
            => graph.AddNode(opType, part.Length == 0 ? _prefix : $"{_prefix}/{part}", inputs, attributes);
    }
}
