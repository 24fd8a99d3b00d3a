namespace FastDense;

/// <summary>
/// Keras's <c>keras.callbacks.TerminateOnNaN</c>: after a batch whose running loss is NaN or infinite, writes
/// <c>Batch {batch}: Invalid loss, terminating training</c> and stops training (after that batch, whose update was
/// applied). With <see cref="FitOptions.StopOnNonFinite"/> on (the default) <c>Fit</c> stops before such a batch is
/// applied, so this callback matters when that option is off.
/// </summary>
public sealed class TerminateOnNaN : Callback
{
    /// <inheritdoc />
    public override void OnBatchEnd(IFitControl fit, int batch, Logs logs)
    {
        ArgumentNullException.ThrowIfNull(fit);
        ArgumentNullException.ThrowIfNull(logs);
        if (!logs.TryGetValue("loss", out double loss) || double.IsFinite(loss)) return;
        fit.WriteMessage($"Batch {batch}: Invalid loss, terminating training");
        fit.StopTraining = true;
    }
}
