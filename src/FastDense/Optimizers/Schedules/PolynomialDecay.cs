namespace FastDense;

/// <summary>
/// Polynomial decay, as Keras 3's <c>PolynomialDecay</c> (keras/src/optimizers/schedules/learning_rate_schedule.py):
/// <code>
/// cycle = false:  s = min(step, decay_steps);  d = decay_steps
/// cycle = true:   s = step;  d = decay_steps · (step == 0 ? 1 : ceil(step / decay_steps))
/// rate = (initial_learning_rate - end_learning_rate) · (1 - s / d)^power + end_learning_rate
/// </code>
/// Without cycle the rate stays at the end rate after <c>decay_steps</c>; with it, the decay restarts from the
/// initial rate over the next multiple of <c>decay_steps</c> (at a multiple itself the rate is the end rate).
/// Computed in double; Keras computes in the initial rate's float type (float32 for a Python float).
/// </summary>
public sealed class PolynomialDecay : LearningRateSchedule
{
    /// <summary>Creates the schedule.</summary>
    /// <param name="initialLearningRate">The rate at step 0; finite, not negative.</param>
    /// <param name="decaySteps">The steps to reach the end rate over; &gt; 0 (Keras's condition) and finite.</param>
    /// <param name="endLearningRate">The rate at <paramref name="decaySteps"/> (default 0.0001); finite, not negative.</param>
    /// <param name="power">The polynomial's power (default 1: linear); finite.</param>
    /// <param name="cycle">Whether the decay restarts after each <paramref name="decaySteps"/> multiple.</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is outside its range.</exception>
    public PolynomialDecay(double initialLearningRate, double decaySteps, double endLearningRate = 0.0001, double power = 1.0, bool cycle = false)
    {
        CheckRate(initialLearningRate, nameof(initialLearningRate));
        CheckSteps(decaySteps, nameof(decaySteps));
        CheckRate(endLearningRate, nameof(endLearningRate));
        CheckFinite(power, nameof(power));
        InitialLearningRate = initialLearningRate;
        DecaySteps = decaySteps;
        EndLearningRate = endLearningRate;
        Power = power;
        Cycle = cycle;
    }

    /// <summary>The rate at step 0.</summary>
    public double InitialLearningRate { get; }

    /// <summary>The steps to reach <see cref="EndLearningRate"/> over.</summary>
    public double DecaySteps { get; }

    /// <summary>The rate at <see cref="DecaySteps"/>.</summary>
    public double EndLearningRate { get; }

    /// <summary>The polynomial's power.</summary>
    public double Power { get; }

    /// <summary>Whether the decay restarts after each <see cref="DecaySteps"/> multiple.</summary>
    public bool Cycle { get; }

    /// <inheritdoc />
    public override double GetLearningRate(long step)
    {
        double s = step, d = DecaySteps;
        if (Cycle)
        {
            // The first multiple of decay_steps at or above the step; at step 0 the first one (ceil(0) would be 0).
            d *= step == 0 ? 1.0 : Math.Ceiling(s / DecaySteps);
        }
        else
        {
            s = Math.Min(s, d);
        }
        return (InitialLearningRate - EndLearningRate) * Math.Pow(1 - s / d, Power) + EndLearningRate;
    }

    /// <inheritdoc />
    protected override void DescribeParameters(ICollection<KeyValuePair<string, string>> parameters)
    {
        parameters.Add(new("initial_learning_rate", Text(InitialLearningRate)));
        parameters.Add(new("decay_steps", Text(DecaySteps)));
        parameters.Add(new("end_learning_rate", Text(EndLearningRate)));
        parameters.Add(new("power", Text(Power)));
        parameters.Add(new("cycle", Text(Cycle)));
    }
}
