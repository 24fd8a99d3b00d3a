namespace FastDense;

/// <summary>
/// Cosine decay with an optional linear warmup, as Keras 3's <c>CosineDecay</c>
/// (keras/src/optimizers/schedules/learning_rate_schedule.py). Without a warmup target:
/// <code>
/// s    = min(step, decay_steps)
/// rate = initial_learning_rate · ((1 - alpha) · 0.5 · (1 + cos(π · s / decay_steps)) + alpha)
/// </code>
/// With one, <c>s = min(step, warmup_steps + decay_steps)</c>; while <c>s &lt; warmup_steps</c> the rate rises
/// linearly, <c>(warmup_target - initial_learning_rate) · (s / warmup_steps) + initial_learning_rate</c>, then
/// decays as above from <c>warmup_target</c> over step <c>s - warmup_steps</c>. After the decay the rate stays at
/// <c>alpha</c> times its start (0 by default: the optimizer then takes steps of size 0).
/// Computed in double; Keras computes in the initial rate's float type (float32 for a Python float).
/// </summary>
public sealed class CosineDecay : LearningRateSchedule
{
    /// <summary>Creates the schedule.</summary>
    /// <param name="initialLearningRate">The rate at step 0; finite, not negative.</param>
    /// <param name="decaySteps">The steps to decay over; &gt; 0 (Keras's condition) and finite.</param>
    /// <param name="alpha">The final rate as a fraction of the decay's starting rate (default 0); finite.</param>
    /// <param name="warmupTarget">The rate the warmup rises to and the decay starts from; null (default) for no warmup: the decay starts from <paramref name="initialLearningRate"/>. Finite, not negative.</param>
    /// <param name="warmupSteps">The steps of the warmup (default 0); used only with a <paramref name="warmupTarget"/>. Finite, not negative.</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is outside its range.</exception>
    public CosineDecay(double initialLearningRate, double decaySteps, double alpha = 0.0, double? warmupTarget = null, double warmupSteps = 0)
    {
        CheckRate(initialLearningRate, nameof(initialLearningRate));
        CheckSteps(decaySteps, nameof(decaySteps));
        CheckFinite(alpha, nameof(alpha));
        if (warmupTarget is double target) CheckRate(target, nameof(warmupTarget));
        CheckRate(warmupSteps, nameof(warmupSteps));
        InitialLearningRate = initialLearningRate;
        DecaySteps = decaySteps;
        Alpha = alpha;
        WarmupTarget = warmupTarget;
        WarmupSteps = warmupSteps;
    }

    /// <summary>The rate at step 0.</summary>
    public double InitialLearningRate { get; }

    /// <summary>The steps to decay over.</summary>
    public double DecaySteps { get; }

    /// <summary>The final rate as a fraction of the decay's starting rate.</summary>
    public double Alpha { get; }

    /// <summary>The rate the warmup rises to, or null for no warmup.</summary>
    public double? WarmupTarget { get; }

    /// <summary>The steps of the warmup (with a <see cref="WarmupTarget"/>).</summary>
    public double WarmupSteps { get; }

    /// <inheritdoc />
    public override double GetLearningRate(long step)
    {
        double s = step;
        if (WarmupTarget is not double target)
        {
            return Decayed(Math.Min(s, DecaySteps), InitialLearningRate);
        }
        s = Math.Min(s, DecaySteps + WarmupSteps);
        return s < WarmupSteps
            ? (target - InitialLearningRate) * (s / WarmupSteps) + InitialLearningRate
            : Decayed(s - WarmupSteps, target);
    }

    /// <summary>The cosine decay from <paramref name="from"/> at <paramref name="s"/> steps into it.</summary>
    private double Decayed(double s, double from)
    {
        double cosine = 0.5 * (1.0 + Math.Cos(Math.PI * (s / DecaySteps)));
        return from * ((1 - Alpha) * cosine + Alpha);
    }

    /// <inheritdoc />
    protected override void DescribeParameters(ICollection<KeyValuePair<string, string>> parameters)
    {
        parameters.Add(new("initial_learning_rate", Text(InitialLearningRate)));
        parameters.Add(new("decay_steps", Text(DecaySteps)));
        parameters.Add(new("alpha", Text(Alpha)));
        parameters.Add(new("warmup_target", WarmupTarget is double target ? Text(target) : "none"));
        parameters.Add(new("warmup_steps", Text(WarmupSteps)));
    }
}
