namespace FastDense;

/// <summary>
/// Which way a metric improves (Keras's <c>metric._direction</c>, "up" or "down"): what <see cref="MonitorMode.Auto"/>
/// of the monitoring callbacks (<c>EarlyStopping</c>, <c>ReduceLROnPlateau</c>, <c>ModelCheckpoint</c>) goes by.
/// </summary>
public enum MetricDirection
{
    /// <summary>Higher is better (accuracy, AUC, precision, R²): Keras's "up".</summary>
    Up,

    /// <summary>Lower is better (errors): Keras's "down".</summary>
    Down,
}
