namespace FastDense;

/// <summary>
/// Declares a dense network on a <c>partial</c> class. The FastDense source generator turns the declaration,
/// together with the class's <see cref="DenseAttribute"/> layers in the order they are written, into fixed-shape
/// forward and backward code, and makes the class a <see cref="Model{TKernel, T}"/>.
/// </summary>
/// <example>
/// The Keras model <c>Sequential([Dense(64, activation='relu'), Dense(10, activation='softmax')])</c> on 64 inputs,
/// compiled with <c>loss='categorical_crossentropy'</c>:
/// <code>
/// [Model(Inputs = 64, Loss = Loss.CategoricalCrossentropy)]
/// [Dense(64, Activation.Relu)]
/// [Dense(10, Activation.Softmax)]
/// public partial class DigitsNet;
/// </code>
/// </example>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class ModelAttribute : Attribute
{
    /// <summary>The width of one input row (Keras's <c>input_dim</c>). Must be positive.</summary>
    public int Inputs { get; set; }

    /// <summary>
    /// The loss the model trains on. Required, as Keras's <c>compile(loss=...)</c> requires one: leaving it out is
    /// error FD0013, not categorical cross-entropy. Must fit the last layer's activation (see <see cref="FastDense.Loss"/>).
    /// </summary>
    public Loss Loss { get; set; }

    /// <summary>
    /// The element type of parameters, data and arithmetic: <c>typeof(float)</c> (the default) or <c>typeof(double)</c>.
    /// Double is for gradient checks and numerically demanding work; float is twice as fast.
    /// </summary>
    public Type? ElementType { get; set; }

    /// <summary>
    /// The metrics reported beside the loss, by Keras name, as <c>compile(metrics=["accuracy", "auc"])</c> (see
    /// <see cref="Metric.FromName"/> for the names). <c>Fit</c> and <c>Evaluate</c> report them unless given others.
    /// An unknown name is error FD0016; a name listed twice, or a metric that means nothing for the model's output, FD0017.
    /// </summary>
    public string[]? Metrics { get; set; }

    /// <summary>
    /// The metrics updated with the rows' sample weights, by Keras name, as <c>compile(weighted_metrics=[...])</c>:
    /// reported under their names, or <c>weighted_{name}</c> where <see cref="Metrics"/> has the name. <c>Fit</c> and
    /// <c>Evaluate</c> report them unless given others (<see cref="FitOptions.WeightedMetrics"/>). FD0016 and FD0017 as
    /// for <see cref="Metrics"/>.
    /// </summary>
    public string[]? WeightedMetrics { get; set; }

    // The loss's arguments, named as Keras's (delta -> Delta, label_smoothing -> LabelSmoothing) and defaulting to its
    // defaults. Each loss takes only its own (FastDense.LossArguments lists which): one given to a loss that does not
    // take it, or out of its range, is error FD0022.

    /// <summary>Keras's <c>delta</c> of <c>Loss.Huber</c>: where the loss turns from quadratic to linear. Positive; default 1.0.</summary>
    public double Delta { get; set; } = 1.0;

    /// <summary>
    /// Keras's <c>alpha</c> of the focal cross-entropies, in [0, 1]: the weight of class 1 (class 0 gets 1 − alpha) under
    /// <c>Loss.BinaryFocalCrossentropy</c> with <see cref="ApplyClassBalancing"/>, the weight of every class under
    /// <c>Loss.CategoricalFocalCrossentropy</c>. Default 0.25.
    /// </summary>
    public double Alpha { get; set; } = 0.25;

    /// <summary>Keras's <c>gamma</c> of the focal cross-entropies: the exponent of the focal factor <c>(1 − p_t)^gamma</c>. Non-negative; default 2.0.</summary>
    public double Gamma { get; set; } = 2.0;

    /// <summary>
    /// Keras's <c>alpha</c> of <c>Loss.CategoricalFocalCrossentropy</c> given as a list: one weight per class (as many as
    /// the output layer's units, each finite and not negative, e.g. inverse class frequencies), in place of
    /// <see cref="Alpha"/>. Not written: the scalar. With another loss, with <see cref="Alpha"/>, or of another length,
    /// error FD0022.
    /// </summary>
    public double[]? AlphaPerClass { get; set; }

    /// <summary>
    /// Keras's <c>label_smoothing</c> of the cross-entropies (binary, categorical and their focal forms), in [0, 1]:
    /// targets are squeezed to <c>y(1 − s) + s/2</c> (binary) or <c>y(1 − s) + s/K</c> over K classes. Default 0.
    /// </summary>
    public double LabelSmoothing { get; set; }

    /// <summary>
    /// Keras's <c>from_logits</c> of the cross-entropies (binary, categorical and their focal forms): the last layer is
    /// linear and its outputs are the logits, which the loss passes through sigmoid or softmax itself. Default false.
    /// </summary>
    public bool FromLogits { get; set; }

    /// <summary>Keras's <c>apply_class_balancing</c> of <c>Loss.BinaryFocalCrossentropy</c>: weight class 1 by <see cref="Alpha"/> and class 0 by 1 − alpha. Default false.</summary>
    public bool ApplyClassBalancing { get; set; }

    /// <summary>
    /// Keras's <c>ignore_class</c> of <c>Loss.SparseCategoricalCrossentropy</c>: rows labelled with this value (any
    /// integer, e.g. −1 for padding) are left out of the loss and its gradient, and each batch's loss is the mean over
    /// the other rows. Not written: None, every row counts. Another loss with it is error FD0022.
    /// </summary>
    public int IgnoreClass { get; set; }

    /// <summary>
    /// Keras's <c>reduction</c> of the loss: how a batch's per-row losses become the batch's loss, trained and reported
    /// (<see cref="LossReduction"/>). Default <see cref="LossReduction.SumOverBatchSize"/>, Keras's
    /// <c>"sum_over_batch_size"</c>. Any loss takes it.
    /// </summary>
    public LossReduction Reduction { get; set; }
}
