namespace FastDense;

/// <summary>
/// Which way a monitored quantity should go (Keras's <c>mode</c>: "auto", "min", "max") for the monitoring callbacks:
/// <c>EarlyStopping</c>, <c>ReduceLROnPlateau</c> and <c>ModelCheckpoint</c>.
/// </summary>
public enum MonitorMode
{
    /// <summary>
    /// Keras 3's rule (keras/src/callbacks/monitor_callback.py, <c>_set_monitor_op</c>): <c>loss</c> and <c>val_loss</c>
    /// are minimized; any other name, without its <c>val_</c> prefix, must be one of the fit's metrics, and goes the
    /// way its <see cref="Metric.Direction"/> says. Otherwise the first epoch's end throws: pass
    /// <see cref="Min"/> or <see cref="Max"/>.
    /// </summary>
    Auto,

    /// <summary>Lower is better.</summary>
    Min,

    /// <summary>Higher is better.</summary>
    Max,
}
