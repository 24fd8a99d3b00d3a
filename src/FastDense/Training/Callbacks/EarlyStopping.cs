using FastDense.Training;

namespace FastDense;

/// <summary>
/// Keras's <c>keras.callbacks.EarlyStopping</c> (keras/src/callbacks/early_stopping.py): stops training when the
/// monitored quantity has stopped improving. At each epoch's end, from <c>startFromEpoch</c> on and when the logs hold
/// the quantity: the wait counter goes up by one; an improvement on the best so far (by more than <c>minDelta</c>)
/// becomes the best, and resets the counter if it also improves on <c>baseline</c> (when one is given); otherwise,
/// once the counter reaches <c>patience</c> (and the epoch is not the first), training stops. With
/// <c>restoreBestWeights</c> the weights of the best epoch are kept and put back when training ends, whether it
/// stopped early or not (Keras 3 restores in <c>on_train_end</c>); the first monitored epoch's weights stand in until an
/// epoch improves. An epoch whose logs lack the quantity (a fit without validation, or one that validates every few
/// epochs) writes Keras's warning and is skipped.
/// </summary>
/// <remarks>
/// Works at epoch ends only; keeping the best weights copies into one buffer allocated at the first copy, so the
/// callback allocates nothing after its first epoch (when <c>verbose</c> is 0 and the quantity is present).
/// </remarks>
public sealed class EarlyStopping : Callback
{
    private readonly MonitoredQuantity _monitor;
    private readonly HashSet<string> _warned = new(StringComparer.Ordinal);
    private Array? _bestWeights;
    private bool _haveBestWeights;
    private double? _best;

    /// <summary>Creates the callback with Keras's arguments and defaults.</summary>
    /// <param name="monitor">The key of the logs to watch (Keras's default <c>val_loss</c>).</param>
    /// <param name="minDelta">The least change that counts as an improvement; its absolute value is used (default 0).</param>
    /// <param name="patience">Epochs without improvement after which training stops (default 0).</param>
    /// <param name="verbose">0 (the default) is silent; 1 writes Keras's lines when the callback stops training or restores weights.</param>
    /// <param name="mode">Which way is better (default <see cref="MonitorMode.Auto"/>: see there).</param>
    /// <param name="baseline">
    /// A value the quantity must improve on (default null: none). Until an epoch beats it, the counter is not reset,
    /// so training stops after <c>patience</c> epochs that do not (from the second epoch on).
    /// </param>
    /// <param name="restoreBestWeights">Whether to put back the best epoch's weights when training ends (default false).</param>
    /// <param name="startFromEpoch">Epochs (counted from 0, as Fit's epochs are) not monitored at all, a warm-up (default 0).</param>
    /// <exception cref="ArgumentException">An argument is out of range (the message names it, with what it takes and what it got).</exception>
    public EarlyStopping(string monitor = "val_loss", double minDelta = 0, int patience = 0, int verbose = 0, MonitorMode mode = MonitorMode.Auto,
        double? baseline = null, bool restoreBestWeights = false, int startFromEpoch = 0)
    {
        _monitor = new MonitoredQuantity(monitor, mode, minDelta, nameof(EarlyStopping));
        if (patience < 0) throw new ArgumentException($"EarlyStopping: patience must be 0 or more epochs; got {patience}.", nameof(patience));
        if (verbose < 0) throw new ArgumentException($"EarlyStopping: verbose must be 0 or 1; got {verbose}.", nameof(verbose));
        if (baseline is double b && double.IsNaN(b)) throw new ArgumentException("EarlyStopping: baseline must be a number or null; got NaN.", nameof(baseline));
        if (startFromEpoch < 0) throw new ArgumentException($"EarlyStopping: startFromEpoch must be 0 or more; got {startFromEpoch}.", nameof(startFromEpoch));
        MinDelta = Math.Abs(minDelta);
        Patience = patience;
        Verbose = verbose;
        Mode = mode;
        Baseline = baseline;
        RestoreBestWeights = restoreBestWeights;
        StartFromEpoch = startFromEpoch;
    }

    /// <summary>The monitored key.</summary>
    public string Monitor => _monitor.Name;

    /// <summary>The least improvement (absolute value).</summary>
    public double MinDelta { get; }

    /// <summary>Epochs without improvement before stopping.</summary>
    public int Patience { get; }

    /// <summary>0 silent, 1 writes its actions.</summary>
    public int Verbose { get; }

    /// <summary>Which way is better.</summary>
    public MonitorMode Mode { get; }

    /// <summary>The value to improve on, or null.</summary>
    public double? Baseline { get; }

    /// <summary>Whether the best epoch's weights are put back at the end.</summary>
    public bool RestoreBestWeights { get; }

    /// <summary>The first epoch monitored.</summary>
    public int StartFromEpoch { get; }

    /// <summary>Epochs since the last improvement that also beat the baseline (Keras's <c>wait</c>).</summary>
    public int Wait { get; private set; }

    /// <summary>The epoch (from 0) at whose end training was stopped, or 0 if it was not (Keras's <c>stopped_epoch</c>).</summary>
    public int StoppedEpoch { get; private set; }

    /// <summary>The epoch (from 0) with the best value so far (Keras's <c>best_epoch</c>); 0 before any.</summary>
    public int BestEpoch { get; private set; }

    /// <summary>The best value so far, or null before the first monitored epoch (Keras's <c>best</c>).</summary>
    public double? Best => _best;

    /// <inheritdoc />
    public override void OnTrainBegin(IFitControl fit)
    {
        // Keras: allow instances to be re-used across fit calls.
        Wait = 0;
        StoppedEpoch = 0;
        _best = null;
        _haveBestWeights = false;
        BestEpoch = 0;
    }

    /// <inheritdoc />
    public override void OnEpochEnd(IFitControl fit, int epoch, Logs logs)
    {
        ArgumentNullException.ThrowIfNull(fit);
        ArgumentNullException.ThrowIfNull(logs);
        _monitor.Resolve(fit);
        if (!logs.TryGetValue(_monitor.Name, out double current))
        {
            string warning = $"Early stopping conditioned on metric `{_monitor.Name}` which is not available. Available metrics are: {string.Join(",", logs.Keys)}";
            if (_warned.Add(warning)) fit.WriteMessage("UserWarning: " + warning);   // Python warns once per distinct text
            return;
        }
        if (epoch < StartFromEpoch) return;

        if (RestoreBestWeights && !_haveBestWeights)
        {
            // Keras: if best weights were never set, the current weights are the best.
            KeepWeights(fit);
            BestEpoch = epoch;
        }
        Wait++;
        if (_monitor.IsImprovement(current, _best))
        {
            _best = current;
            BestEpoch = epoch;
            if (RestoreBestWeights) KeepWeights(fit);
            // Only restart wait if we beat both the baseline and our previous best.
            if (Baseline is null || _monitor.IsImprovement(current, Baseline)) Wait = 0;
            return;
        }
        if (Wait >= Patience && epoch > 0)
        {
            StoppedEpoch = epoch;
            fit.StopTraining = true;
        }
    }

    /// <inheritdoc />
    public override void OnTrainEnd(IFitControl fit, Logs logs)
    {
        ArgumentNullException.ThrowIfNull(fit);
        if (StoppedEpoch > 0 && Verbose > 0) fit.WriteMessage($"Epoch {StoppedEpoch + 1}: early stopping");
        if (RestoreBestWeights && _haveBestWeights)
        {
            if (Verbose > 0) fit.WriteMessage($"Restoring model weights from the end of the best epoch: {BestEpoch + 1}.");
            fit.RestoreParameters(_bestWeights!);
        }
    }

    private void KeepWeights(IFitControl fit)
    {
        if (_bestWeights is null || _bestWeights.Length < fit.ParameterCount || _bestWeights.GetType().GetElementType() != fit.ElementType)
        {
            _bestWeights = fit.ElementType == typeof(double) ? new double[fit.ParameterCount] : new float[fit.ParameterCount];
        }
        fit.CopyParametersTo(_bestWeights);
        _haveBestWeights = true;
    }
}
