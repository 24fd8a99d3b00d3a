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
}
