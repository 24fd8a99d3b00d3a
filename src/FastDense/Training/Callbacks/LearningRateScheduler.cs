using FastDense.Training;

namespace FastDense;

/// <summary>
/// Keras's <c>keras.callbacks.LearningRateScheduler</c> (keras/src/callbacks/learning_rate_scheduler.py): at each
/// epoch's beginning, sets the optimizer's learning rate to <c>schedule(epoch, lr)</c>, where <c>epoch</c> counts from 0
/// and <c>lr</c> is the current rate (for a float model the float32 Keras's variable holds:
/// <see cref="IFitControl.ElementType"/>). As in Keras, each epoch's logs and the <see cref="History"/> get the rate under
/// <c>learning_rate</c>.
/// </summary>
/// <remarks>
/// The schedule is called once per epoch, not per batch; it should not allocate if training is to stay
/// allocation-free. An optimizer with a <see cref="Optimizer.LearningRateSchedule"/> cannot have its rate set (Keras
/// raises a TypeError): the first epoch throws an InvalidOperationException saying so. A rate that is not positive
/// and finite is refused by the optimizer (ArgumentOutOfRangeException).
/// </remarks>
public sealed class LearningRateScheduler : Callback, ILogsLearningRate
{
    private readonly Func<int, double, double> _schedule;

    /// <summary>Creates the callback.</summary>
    /// <param name="schedule">The new rate from the epoch index (from 0) and the current rate.</param>
    /// <param name="verbose">0 (the default) is silent; 1 writes Keras's line at each epoch.</param>
    /// <exception cref="ArgumentNullException"><paramref name="schedule"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="verbose"/> is negative.</exception>
    public LearningRateScheduler(Func<int, double, double> schedule, int verbose = 0)
    {
        _schedule = schedule ?? throw new ArgumentNullException(nameof(schedule));
        if (verbose < 0) throw new ArgumentException($"LearningRateScheduler: verbose must be 0 or 1; got {verbose}.", nameof(verbose));
        Verbose = verbose;
    }

    /// <summary>0 silent, 1 writes each epoch's rate.</summary>
    public int Verbose { get; }

    /// <inheritdoc />
    public override void OnEpochBegin(IFitControl fit, int epoch)
    {
        ArgumentNullException.ThrowIfNull(fit);
        Optimizer optimizer = fit.Optimizer;
        double current = fit.ElementType == typeof(float) ? (float)optimizer.LearningRate : optimizer.LearningRate;
        double rate = _schedule(epoch, current);
        if (optimizer.LearningRateSchedule is LearningRateSchedule schedule)
        {
            throw new InvalidOperationException(
                $"LearningRateScheduler cannot set the learning rate at epoch {epoch + 1}: the optimizer's rate follows its LearningRateSchedule " +
                $"({schedule.GetType().Name}), hence its learning rate is not settable (Keras raises a TypeError here). Give the optimizer a constant " +
                "learning rate, or use only one of the two.");
        }
        optimizer.LearningRate = rate;
        if (Verbose > 0) fit.WriteMessage($"Epoch {epoch + 1}: LearningRateScheduler setting learning rate to {PythonFormat.Repr(rate)}.");
    }
}
