using FastDense.Training;

namespace FastDense;

/// <summary>
/// Keras's <c>keras.callbacks.ReduceLROnPlateau</c> (keras/src/callbacks/reduce_lr_on_plateau.py): multiplies the
/// optimizer's learning rate by <c>factor</c> when the monitored quantity has not improved (by more than
/// <c>minDelta</c>) for <c>patience</c> epochs, down to <c>minLR</c>, then waits <c>cooldown</c> epochs before counting
/// again. As in Keras, each epoch's logs and the <see cref="History"/> get the rate under <c>learning_rate</c> (the
/// rate the epoch trained with). The rate is read as the float32 Keras's variable holds for a float model
/// (<see cref="IFitControl.ElementType"/>), and compared with <c>minLR</c> in float32, as Keras does.
/// </summary>
/// <remarks>
/// An optimizer whose rate follows a <see cref="Optimizer.LearningRateSchedule"/> cannot have it set: Keras raises a
/// TypeError when the callback tries; so does this callback (an InvalidOperationException, at that epoch's end).
/// Works at epoch ends only and allocates nothing there when <c>verbose</c> is 0 and the quantity is present.
/// </remarks>
public sealed class ReduceLROnPlateau : Callback, ILogsLearningRate
{
    private readonly MonitoredQuantity _monitor;
    private readonly HashSet<string> _warned = new(StringComparer.Ordinal);
    private double? _best;

    /// <summary>Creates the callback with Keras's arguments and defaults.</summary>
    /// <param name="monitor">The key of the logs to watch (default <c>val_loss</c>).</param>
    /// <param name="factor">The rate's multiplier, in (0, 1) (default 0.1): <c>new_lr = lr · factor</c>.</param>
    /// <param name="patience">Epochs without improvement before the rate is reduced (default 10).</param>
    /// <param name="verbose">0 (the default) is silent; 1 writes Keras's line at each reduction.</param>
    /// <param name="mode">Which way is better (default <see cref="MonitorMode.Auto"/>).</param>
    /// <param name="minDelta">The least change that counts as an improvement (default 1e-4; absolute value used).</param>
    /// <param name="cooldown">Epochs after a reduction before waiting resumes (default 0).</param>
    /// <param name="minLR">The lowest rate, 0 or more (default 0).</param>
    /// <exception cref="ArgumentException">An argument is out of range (the message names it, with what it takes and what it got).</exception>
    public ReduceLROnPlateau(string monitor = "val_loss", double factor = 0.1, int patience = 10, int verbose = 0, MonitorMode mode = MonitorMode.Auto,
        double minDelta = 1e-4, int cooldown = 0, double minLR = 0)
    {
        _monitor = new MonitoredQuantity(monitor, mode, minDelta, nameof(ReduceLROnPlateau));
        if (factor >= 1.0) throw new ArgumentException($"ReduceLROnPlateau does not support a factor >= 1.0. Received factor={factor}", nameof(factor));
        // Keras accepts a factor of 0 or less; an optimizer here refuses a rate that is not positive, so it is refused up front.
        if (!(factor > 0)) throw new ArgumentException($"ReduceLROnPlateau: factor must be in (0, 1); got {factor}.", nameof(factor));
        if (patience < 0) throw new ArgumentException($"ReduceLROnPlateau: patience must be 0 or more epochs; got {patience}.", nameof(patience));
        if (verbose < 0) throw new ArgumentException($"ReduceLROnPlateau: verbose must be 0 or 1; got {verbose}.", nameof(verbose));
        if (cooldown < 0) throw new ArgumentException($"ReduceLROnPlateau: cooldown must be 0 or more epochs; got {cooldown}.", nameof(cooldown));
        if (!(minLR >= 0 && double.IsFinite(minLR))) throw new ArgumentException($"ReduceLROnPlateau: minLR must be 0 or more and finite; got {minLR}.", nameof(minLR));
        Factor = factor;
        Patience = patience;
        Verbose = verbose;
        Mode = mode;
        MinDelta = Math.Abs(minDelta);
        Cooldown = cooldown;
        MinLR = minLR;
    }

    /// <summary>The monitored key.</summary>
    public string Monitor => _monitor.Name;

    /// <summary>The rate's multiplier.</summary>
    public double Factor { get; }

    /// <summary>Epochs without improvement before a reduction.</summary>
    public int Patience { get; }

    /// <summary>0 silent, 1 writes each reduction.</summary>
    public int Verbose { get; }

    /// <summary>Which way is better.</summary>
    public MonitorMode Mode { get; }

    /// <summary>The least improvement (absolute value).</summary>
    public double MinDelta { get; }

    /// <summary>Epochs after a reduction before waiting resumes.</summary>
    public int Cooldown { get; }

    /// <summary>The lowest rate.</summary>
    public double MinLR { get; }

    /// <summary>Epochs without improvement so far (Keras's <c>wait</c>).</summary>
    public int Wait { get; private set; }

    /// <summary>Cooldown epochs left (Keras's <c>cooldown_counter</c>).</summary>
    public int CooldownCounter { get; private set; }

    /// <summary>The best value so far, or null (Keras's <c>best</c>).</summary>
    public double? Best => _best;

    /// <inheritdoc />
    public override void OnTrainBegin(IFitControl fit)
    {
        _best = null;
        CooldownCounter = 0;
        Wait = 0;
    }

    /// <inheritdoc />
    public override void OnEpochEnd(IFitControl fit, int epoch, Logs logs)
    {
        ArgumentNullException.ThrowIfNull(fit);
        ArgumentNullException.ThrowIfNull(logs);
        _monitor.Resolve(fit);
        if (!logs.TryGetValue(_monitor.Name, out double current))
        {
            // Keras has put learning_rate in the logs by now; Fit records it there too.
            string warning = $"Learning rate reduction is conditioned on metric `{_monitor.Name}` which is not available. Available metrics are: {string.Join(",", logs.Keys)}.";
            if (_warned.Add(warning)) fit.WriteMessage("UserWarning: " + warning);
            return;
        }
        if (CooldownCounter > 0)
        {
            CooldownCounter--;
            Wait = 0;
        }
        if (_monitor.IsImprovement(current, _best))
        {
            _best = current;
            Wait = 0;
        }
        else if (CooldownCounter <= 0)
        {
            Wait++;
            if (Wait >= Patience && Reduce(fit, epoch))
            {
                CooldownCounter = Cooldown;
                Wait = 0;
            }
        }
    }

    /// <summary>Keras's <c>_reduce_optimizer_lr</c>: whether the rate was above <c>minLR</c> and so was reduced.</summary>
    private bool Reduce(IFitControl fit, int epoch)
    {
        Optimizer optimizer = fit.Optimizer;
        bool single = fit.ElementType == typeof(float);
        double oldRate = single ? (float)optimizer.LearningRate : optimizer.LearningRate;
        // Keras: old_lr > np.float32(min_lr), compared in float32 (NumPy 2 casts the Python float to the scalar's type).
        if (!((float)oldRate > (float)MinLR)) return false;
        double newRate = Math.Max(oldRate * Factor, MinLR);
        if (optimizer.LearningRateSchedule is LearningRateSchedule schedule)
        {
            throw new InvalidOperationException(
                $"ReduceLROnPlateau cannot reduce the learning rate at the end of epoch {epoch + 1}: the optimizer's rate follows its LearningRateSchedule " +
                $"({schedule.GetType().Name}), hence its learning rate is not settable (Keras raises a TypeError here). Give the optimizer a constant " +
                "learning rate to use ReduceLROnPlateau, or drop the callback.");
        }
        optimizer.LearningRate = newRate;
        if (Verbose > 0) fit.WriteMessage($"Epoch {epoch + 1}: ReduceLROnPlateau reducing learning rate to {PythonFormat.Repr(newRate)}.");
        return true;
    }
}
