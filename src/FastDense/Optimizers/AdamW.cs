namespace FastDense;

/// <summary>
/// Keras's <c>AdamW</c> (keras/src/optimizers/adamw.py): <see cref="Adam"/> with decoupled weight decay, default
/// <c>weight_decay = 0.004</c>: before each Adam update every parameter not excluded becomes <c>p − p · weight_decay ·
/// learning_rate</c> (Keras decays every variable unless <see cref="Optimizer.ExcludeFromWeightDecay"/> names it).
/// </summary>
public sealed class AdamW : Adam
{
    /// <summary>Creates the optimizer with Keras's defaults unless told otherwise.</summary>
    /// <param name="learningRate">The step size (default 0.001).</param>
    /// <param name="weightDecay">The decay per unit of learning rate (default 0.004); must be finite and not negative.</param>
    /// <param name="beta1">Decay of the first-moment average (default 0.9).</param>
    /// <param name="beta2">Decay of the second-moment average (default 0.999).</param>
    /// <param name="epsilon">Added to sqrt(v) for stability (default 1e-7).</param>
    /// <param name="amsgrad">Whether to use AMSGrad (default false).</param>
    public AdamW(double learningRate = 0.001, double weightDecay = 0.004, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-7, bool amsgrad = false)
        : base(learningRate, beta1, beta2, epsilon, amsgrad)
        => WeightDecay = weightDecay;

    /// <summary>Creates the optimizer with a learning-rate schedule.</summary>
    /// <param name="learningRate">The schedule of the step size.</param>
    /// <param name="weightDecay">The decay per unit of learning rate (default 0.004).</param>
    /// <param name="beta1">Decay of the first-moment average (default 0.9).</param>
    /// <param name="beta2">Decay of the second-moment average (default 0.999).</param>
    /// <param name="epsilon">Added to sqrt(v) for stability (default 1e-7).</param>
    public AdamW(LearningRateSchedule learningRate, double weightDecay = 0.004, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-7)
        : base(learningRate, beta1, beta2, epsilon)
        => WeightDecay = weightDecay;
}
