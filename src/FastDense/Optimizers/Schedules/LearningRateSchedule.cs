using System.Globalization;

namespace FastDense;

/// <summary>
/// A learning rate that changes with the optimizer's step, as Keras 3's <c>keras.optimizers.schedules.LearningRateSchedule</c>:
/// a pure function from the step to the rate. Give one to an optimizer (<c>new Sgd(learningRate: schedule)</c>, or
/// <see cref="Optimizer.LearningRateSchedule"/>) and each update uses <see cref="GetLearningRate"/> of the optimizer's
/// <see cref="Optimizer.Iterations"/> before that update: step 0 for the first update, as Keras passes
/// <c>optimizer.iterations</c> to the schedule.
/// </summary>
/// <remarks>
/// For a custom schedule, subclass this and override <see cref="GetLearningRate"/> (Keras's <c>__call__(step)</c>),
/// or wrap a function with <see cref="FromFunction"/>. The optimizer calls it once per step, on the thread that runs
/// the step, before the update; it must not allocate if training is to stay allocation-free, and it must return the
/// same value for the same step: a checkpoint stores the step count, not the rate, and a resumed run asks again.
/// Override <see cref="DescribeParameters"/> so that a checkpoint records your schedule's parameters and refuses to
/// resume under others (Keras's <c>get_config</c>).
/// </remarks>
public abstract class LearningRateSchedule
{
    /// <summary>
    /// The learning rate at <paramref name="step"/> (0 for the first update). The optimizer refuses a step whose
    /// rate is negative, NaN or infinite.
    /// </summary>
    /// <param name="step">The optimizer's <see cref="Optimizer.Iterations"/> before the update; 0 or more.</param>
    public abstract double GetLearningRate(long step);

    /// <summary>
    /// A schedule that calls <paramref name="learningRate"/> with the step. The delegate is called once per step and
    /// nothing is allocated around it. A checkpoint records only that a function schedule was used, not which one.
    /// </summary>
    /// <param name="learningRate">The rate at a step (0 for the first update).</param>
    /// <exception cref="ArgumentNullException"><paramref name="learningRate"/> is null.</exception>
    public static LearningRateSchedule FromFunction(Func<long, double> learningRate)
    {
        ArgumentNullException.ThrowIfNull(learningRate);
        return new FunctionSchedule(learningRate);
    }

    /// <summary>
    /// Adds the parameters that define this schedule, each as a name and an invariant string (doubles round-trip
    /// formatted), to <paramref name="parameters"/>. A checkpoint stores them with the schedule's type name and loads
    /// only into an optimizer whose schedule is of the same type and describes the same ones. None by default.
    /// </summary>
    /// <param name="parameters">The list to add to.</param>
    protected virtual void DescribeParameters(ICollection<KeyValuePair<string, string>> parameters)
    {
    }

    /// <summary><see cref="DescribeParameters"/>, for the checkpoint writer and reader.</summary>
    internal void Describe(ICollection<KeyValuePair<string, string>> parameters) => DescribeParameters(parameters);

    /// <summary>A double as a checkpoint writes it: round-trip, invariant.</summary>
    private protected static string Text(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>A boolean as a checkpoint writes it.</summary>
    private protected static string Text(bool value) => value ? "true" : "false";

    /// <summary>Rejects a value that is not finite (a schedule's constant that would make every rate NaN).</summary>
    private protected static void CheckFinite(double value, string name)
    {
        if (!double.IsFinite(value)) throw new ArgumentOutOfRangeException(name, value, $"{name} must be finite.");
    }

    /// <summary>Rejects a learning rate that is negative, NaN or infinite.</summary>
    private protected static void CheckRate(double value, string name)
    {
        if (!(double.IsFinite(value) && value >= 0)) throw new ArgumentOutOfRangeException(name, value, $"{name} must be finite and not negative.");
    }

    /// <summary>Rejects a step count that is not positive (Keras's condition) or not finite.</summary>
    private protected static void CheckSteps(double value, string name)
    {
        if (!(double.IsFinite(value) && value > 0)) throw new ArgumentOutOfRangeException(name, value, $"{name} must be > 0 and finite.");
    }

    /// <summary>The schedule <see cref="FromFunction"/> returns.</summary>
    private sealed class FunctionSchedule(Func<long, double> learningRate) : LearningRateSchedule
    {
        public override double GetLearningRate(long step) => learningRate(step);
    }
}
