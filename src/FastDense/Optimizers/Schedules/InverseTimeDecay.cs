namespace FastDense;

/// <summary>
/// Inverse time decay, as Keras 3's <c>InverseTimeDecay</c> (keras/src/optimizers/schedules/learning_rate_schedule.py):
/// <code>
/// p    = step / decay_steps            (staircase: floor(step / decay_steps))
/// rate = initial_learning_rate / (1 + decay_rate · p)
/// </code>
/// Computed in double; Keras computes in the initial rate's float type (float32 for a Python float).
/// </summary>
public sealed class InverseTimeDecay : LearningRateSchedule
{
    /// <summary>Creates the schedule.</summary>
    /// <param name="initialLearningRate">The rate at step 0; finite, not negative.</param>
    /// <param name="decaySteps">The step count that <paramref name="decayRate"/> is per; &gt; 0 (Keras's condition) and finite.</param>
    /// <param name="decayRate">How fast the rate falls; finite, not negative.</param>
    /// <param name="staircase">Whether the rate decays in whole steps of <paramref name="decaySteps"/> (an integer division).</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is outside its range.</exception>
    public InverseTimeDecay(double initialLearningRate, double decaySteps, double decayRate, bool staircase = false)
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

    /// <summary>The step count that <see cref="DecayRate"/> is per.</summary>
    public double DecaySteps { get; }

    /// <summary>How fast the rate falls.</summary>
    public double DecayRate { get; }

    /// <summary>Whether step / <see cref="DecaySteps"/> is floored.</summary>
    public bool Staircase { get; }

    /// <inheritdoc />
    public override double GetLearningRate(long step)
    {
        double p = step / DecaySteps;
        if (Staircase) p = Math.Floor(p);
        return InitialLearningRate / (1 + DecayRate * p);
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
