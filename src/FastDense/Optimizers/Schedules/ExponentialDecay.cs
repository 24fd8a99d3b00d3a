namespace FastDense;

/// <summary>
/// Exponential decay, as Keras 3's <c>ExponentialDecay</c> (keras/src/optimizers/schedules/learning_rate_schedule.py):
/// <code>
/// p    = step / decay_steps            (staircase: floor(step / decay_steps))
/// rate = initial_learning_rate · decay_rate^p
/// </code>
/// Computed in double; Keras computes in the initial rate's float type (float32 for a Python float), so the two
/// agree to that type's rounding.
/// </summary>
public sealed class ExponentialDecay : LearningRateSchedule
{
    /// <summary>Creates the schedule.</summary>
    /// <param name="initialLearningRate">The rate at step 0; finite, not negative.</param>
    /// <param name="decaySteps">The steps over which the rate is multiplied by <paramref name="decayRate"/>; &gt; 0 (Keras's condition) and finite.</param>
    /// <param name="decayRate">The factor per <paramref name="decaySteps"/> steps; finite, not negative.</param>
    /// <param name="staircase">Whether the rate decays in whole steps of <paramref name="decaySteps"/> (an integer division).</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is outside its range.</exception>
    public ExponentialDecay(double initialLearningRate, double decaySteps, double decayRate, bool staircase = false)
    {
        CheckRate(initialLearningRate, nameof(initialLearningRate));
        CheckSteps(decaySteps, nameof(decaySteps));
        CheckRate(decayRate, nameof(decayRate));
        InitialLearningRate = initialLearningRate;
        DecaySteps = decaySteps;
        DecayRate = decayRate;
        Staircase = staircase;
    }

    /// <summary>The rate at step 0.</summary>
    public double InitialLearningRate { get; }

    /// <summary>The steps over which the rate is multiplied by <see cref="DecayRate"/>.</summary>
    public double DecaySteps { get; }

    /// <summary>The factor per <see cref="DecaySteps"/> steps.</summary>
    public double DecayRate { get; }

    /// <summary>Whether the exponent is floored to a whole number of <see cref="DecaySteps"/>.</summary>
    public bool Staircase { get; }

    /// <inheritdoc />
    public override double GetLearningRate(long step)
    {
        double p = step / DecaySteps;
        if (Staircase) p = Math.Floor(p);
        return InitialLearningRate * Math.Pow(DecayRate, p);
    }

    /// <inheritdoc />
    protected override void DescribeParameters(ICollection<KeyValuePair<string, string>> parameters)
    {
        parameters.Add(new("initial_learning_rate", Text(InitialLearningRate)));
        parameters.Add(new("decay_steps", Text(DecaySteps)));
        parameters.Add(new("decay_rate", Text(DecayRate)));
        parameters.Add(new("staircase", Text(Staircase)));
    }
}
