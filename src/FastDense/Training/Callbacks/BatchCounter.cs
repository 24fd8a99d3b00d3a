namespace FastDense.Training;

/// <summary>
/// Keras's <c>_should_save_on_batch</c> (keras/src/callbacks/model_checkpoint.py, backup_and_restore.py): counts the
/// batches seen since the last save, across epochs (a batch index not above the last one seen starts a new epoch), and
/// says when <c>save_freq</c> of them have passed. Allocates nothing.
/// </summary>
internal struct BatchCounter
{
    private int _sinceLastSave;
    private int _lastBatchSeen;   // -1: none yet (Keras's None), so batch 0 counts as one

    /// <summary>A counter with no batch seen.</summary>
    public BatchCounter() => _lastBatchSeen = -1;

    /// <summary>Forgets the last batch index (Keras's BackupAndRestore does at each epoch's end).</summary>
    public void NewEpoch() => _lastBatchSeen = -1;

    /// <summary>Counts batch <paramref name="batch"/> (from 0); true when <paramref name="frequency"/> batches have passed since the last save.</summary>
    public bool ShouldSave(int batch, int frequency)
    {
        int added = batch <= _lastBatchSeen || _lastBatchSeen < 0 ? batch + 1 : batch - _lastBatchSeen;
        _sinceLastSave += added;
        _lastBatchSeen = batch;
        if (_sinceLastSave < frequency) return false;
        _sinceLastSave = 0;
        return true;
    }
}
