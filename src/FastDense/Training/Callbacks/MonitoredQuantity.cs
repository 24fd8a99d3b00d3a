namespace FastDense.Training;

/// <summary>
/// What Keras's <c>MonitorCallback</c> (keras/src/callbacks/monitor_callback.py) gives <c>EarlyStopping</c>,
/// <c>ReduceLROnPlateau</c> and <c>ModelCheckpoint</c>: the quantity's name, the direction chosen by
/// <see cref="MonitorMode"/> (resolved at the first use, as Keras waits for the metrics to be built), and
/// <c>_is_improvement</c> with <c>min_delta</c>'s sign flipped for a quantity to minimize.
/// </summary>
internal sealed class MonitoredQuantity
{
    private readonly MonitorMode _mode;
    private readonly double _minDelta;
    private bool? _greater;   // null until resolved: Keras's monitor_op

    /// <summary>A monitor of <paramref name="name"/>; <paramref name="minDelta"/> is taken as its absolute value, as Keras does.</summary>
    /// <exception cref="ArgumentException">The name is empty, the mode undefined, or minDelta NaN or infinite.</exception>
    public MonitoredQuantity(string name, MonitorMode mode, double minDelta, string callback)
    {
        ArgumentNullException.ThrowIfNull(name, "monitor");
        if (name.Length == 0) throw new ArgumentException($"{callback}: monitor must name a key of the logs (\"val_loss\", \"accuracy\", ...); got an empty string.", "monitor");
        if (!Enum.IsDefined(mode)) throw new ArgumentException($"{callback}: mode must be MonitorMode.Auto, Min or Max; got {(int)mode}.", "mode");
        if (!double.IsFinite(minDelta)) throw new ArgumentException($"{callback}: minDelta must be finite; got {minDelta}.", "minDelta");
        Name = name;
        _mode = mode;
        _minDelta = Math.Abs(minDelta);
        Callback = callback;
    }

    /// <summary>The monitored key.</summary>
    public string Name { get; }

    /// <summary>The callback's name, for messages.</summary>
    public string Callback { get; }

    /// <summary>Whether higher is better, once resolved.</summary>
    public bool Greater => _greater ?? throw new InvalidOperationException("The monitor's direction is not resolved yet.");

    /// <summary>
    /// Chooses the direction if not done yet (Keras's <c>_set_monitor_op</c>): min, max, or for auto <c>loss</c>
    /// minimized, else the direction of the fit's metric of that name.
    /// </summary>
    /// <exception cref="ArgumentException">Auto, and the name is neither loss nor a metric with a direction.</exception>
    public void Resolve(IFitControl fit)
    {
        if (_greater is not null) return;
        if (_mode != MonitorMode.Auto)
        {
            _greater = _mode == MonitorMode.Max;
            return;
        }
        string metricName = Name.StartsWith("val_", StringComparison.Ordinal) ? Name[4..] : Name;
        bool? greater = metricName == "loss" ? false : null;
        foreach (Metric metric in fit.Metrics)
        {
            if (metric.Name == metricName && metric.Direction is MetricDirection direction) greater = direction == MetricDirection.Up;
        }
        _greater = greater ?? throw new ArgumentException(
            $"{Callback} callback received monitor={Name}, but Keras isn't able to automatically determine whether that metric should be maximized or minimized " +
            $"(the fit's metrics: {string.Join(", ", fit.Metrics.Select(m => m.Name + (m.Direction is { } d ? $" ({d})" : " (no direction)")))}). " +
            "Pass mode: MonitorMode.Max in order to monitor based on the highest metric value, or mode: MonitorMode.Min in order to use the lowest value.", "monitor");
    }

    /// <summary>
    /// Keras's <c>_is_improvement</c>: true without a reference; else <c>current - minDelta &gt; reference</c> to
    /// maximize, <c>current + minDelta &lt; reference</c> to minimize. NaN is never an improvement over a number.
    /// </summary>
    public bool IsImprovement(double current, double? reference)
    {
        if (reference is not double value) return true;
        return Greater ? current - _minDelta > value : current + _minDelta < value;
    }
}
