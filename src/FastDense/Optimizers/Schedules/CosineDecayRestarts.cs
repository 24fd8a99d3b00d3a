namespace FastDense;

/// <summary>
/// Cosine decay with warm restarts (SGDR), as Keras 3's <c>CosineDecayRestarts</c>
/// (keras/src/optimizers/schedules/learning_rate_schedule.py). The first period lasts <c>first_decay_steps</c>; each
/// next one lasts <c>t_mul</c> times longer and starts from <c>m_mul</c> times the previous starting rate:
/// <code>
/// f = step / first_decay_steps
/// t_mul == 1:  i = floor(f);  f = f - i
/// otherwise:   i = floor(log(1 - f · (1 - t_mul)) / log(t_mul))
///              f = (f - (1 - t_mul^i) / (1 - t_mul)) / t_mul^i
/// rate = initial_learning_rate · ((1 - alpha) · 0.5 · m_mul^i · (1 + cos(π · f)) + alpha)
/// </code>
/// Computed in double; Keras computes in the initial rate's float type (float32 for a Python float). With
/// <c>t_mul ≠ 1</c> the period index comes from a ratio of logarithms, so exactly at a restart it may land on either
/// side, in Keras as here.
/// </summary>
public sealed class CosineDecayRestarts : LearningRateSchedule
{
    /// <summary>Creates the schedule.</summary>
    /// <param name="initialLearningRate">The rate at step 0; finite, not negative.</param>
    /// <param name="firstDecaySteps">The length of the first period; &gt; 0 (Keras's condition) and finite.</param>
    /// <param name="tMul">Each period's length over the previous one's (default 2); &gt; 0 (its logarithm is taken) and finite.</param>
    /// <param name="mMul">Each period's starting rate over the previous one's (default 1); finite, not negative.</param>
    /// <param name="alpha">The lowest rate as a fraction of <paramref name="initialLearningRate"/> (default 0); finite.</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is outside its range.</exception>
    public CosineDecayRestarts(double initialLearningRate, double firstDecaySteps, double tMul = 2.0, double mMul = 1.0, double alpha = 0.0)
    {
        CheckRate(initialLearningRate, nameof(initialLearningRate));
        CheckSteps(firstDecaySteps, nameof(firstDecaySteps));
        CheckSteps(tMul, nameof(tMul));
        CheckRate(mMul, nameof(mMul));
        CheckFinite(alpha, nameof(alpha));
        InitialLearningRate = initialLearningRate;
        FirstDecaySteps = firstDecaySteps;
        TMul = tMul;
        MMul = mMul;
        Alpha = alpha;
    }

    /// <summary>The rate at step 0.</summary>
    public double InitialLearningRate { get; }

    /// <summary>The length of the first period.</summary>
    public double FirstDecaySteps { get; }

    /// <summary>Each period's length over the previous one's.</summary>
    public double TMul { get; }

    /// <summary>Each period's starting rate over the previous one's.</summary>
    public double MMul { get; }

    /// <summary>The lowest rate as a fraction of <see cref="InitialLearningRate"/>.</summary>
    public double Alpha { get; }

    /// <inheritdoc />
    public override double GetLearningRate(long step)
    {
        double completed = step / FirstDecaySteps;
        double restart;
        if (TMul == 1.0)
        {
            restart = Math.Floor(completed);
            completed -= restart;
        }
        else
        {
            // The periods' lengths form a geometric series: restart i begins where the sum of the first i reaches
            // the completed fraction.
            restart = Math.Floor(Math.Log(1.0 - completed * (1.0 - TMul)) / Math.Log(TMul));
            double sum = (1.0 - Math.Pow(TMul, restart)) / (1.0 - TMul);
            completed = (completed - sum) / Math.Pow(TMul, restart);
        }
        double cosine = 0.5 * Math.Pow(MMul, restart) * (1.0 + Math.Cos(Math.PI * completed));
        return InitialLearningRate * ((1 - Alpha) * cosine + Alpha);
    }

    /// <inheritdoc />
    protected override void DescribeParameters(ICollection<KeyValuePair<string, string>> parameters)
    {
        parameters.Add(new("initial_learning_rate", Text(InitialLearningRate)));
        parameters.Add(new("first_decay_steps", Text(FirstDecaySteps)));
        parameters.Add(new("t_mul", Text(TMul)));
        parameters.Add(new("m_mul", Text(MMul)));
        parameters.Add(new("alpha", Text(Alpha)));
    }
}
