using FastDense;

namespace FastDense.Benchmarks;

/// <summary>
/// Workload W4, the deep tabular MLP of keras-team/keras issue 19953: 4 inputs -> 10 × (Dense(128, relu) ->
/// Dropout(0.1)) -> Dense(1, sigmoid), binary cross-entropy with label smoothing 0.05, Adam (learning rate 0.001),
/// the AUC metric, batches of 500. 149,377 parameters.
/// </summary>
/// <remarks>
/// Dense-equivalent arithmetic per row and step (<see cref="FlopsPerRow"/>), counting the matrix products only: forward
/// <c>x·K</c> is 2·in·out per layer, the kernel gradient <c>xᵀ·d</c> 2·in·out per layer, and the input gradient
/// <c>d·Kᵀ</c> 2·in·out per layer except the first (whose input gradient nothing needs). With
/// S = 4·128 + 9·128·128 + 128·1 = 148,096 multiply-adds: 6·S − 2·4·128 = 887,552 flops per row. Biases, activations,
/// Dropout's masks, the loss, AUC and Adam are not counted.
/// </remarks>
[Model(Inputs = 4, Loss = Loss.BinaryCrossentropy, LabelSmoothing = 0.05, Metrics = new[] { "auc" })]
[Dense(128, Activation.Relu)]
[Dropout(0.1)]
[Dense(128, Activation.Relu)]
[Dropout(0.1)]
[Dense(128, Activation.Relu)]
[Dropout(0.1)]
[Dense(128, Activation.Relu)]
[Dropout(0.1)]
[Dense(128, Activation.Relu)]
[Dropout(0.1)]
[Dense(128, Activation.Relu)]
[Dropout(0.1)]
[Dense(128, Activation.Relu)]
[Dropout(0.1)]
[Dense(128, Activation.Relu)]
[Dropout(0.1)]
[Dense(128, Activation.Relu)]
[Dropout(0.1)]
[Dense(128, Activation.Relu)]
[Dropout(0.1)]
[Dense(1, Activation.Sigmoid)]
public partial class DeepTabularNet
{
    /// <summary>Rows per step, as in the issue (<c>batch_size=500</c>).</summary>
    public const int BatchSize = 500;

    /// <summary>Multiply-adds of the dense layers' forward products per row: 4·128 + 9·128·128 + 128·1.</summary>
    public const long MultiplyAddsPerRow = 4 * 128 + 9 * 128 * 128 + 128 * 1;

    /// <summary>
    /// Dense-equivalent flops of one training step per row: forward and kernel gradient 2·S each, input gradient 2·S
    /// less the first layer's 2·4·128 (see the remarks of the class).
    /// </summary>
    public const long FlopsPerRow = 6 * MultiplyAddsPerRow - 2 * 4 * 128;
}
