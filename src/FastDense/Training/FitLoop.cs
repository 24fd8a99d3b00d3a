using System.Numerics;
using System.Numerics.Tensors;
using FastDense.__Internals;
using FastDense.Metrics;

namespace FastDense.Training;

/// <summary>
/// One call of <c>Fit</c>: epochs of shuffled mini-batches, validation at each epoch's end, history, progress and
/// callbacks. Everything is allocated in the constructor; an epoch allocates nothing when silent (progress
/// lines allocate only when printed).
/// </summary>
#pragma warning disable CS0618 // SeededRandom lives in __Internals, which is [Obsolete] only for users.
internal sealed class FitLoop<TKernel, T> : IFitControl, IDisposable
    where TKernel : struct, IModelKernel<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private readonly Model<TKernel, T> _model;
    private readonly FitOptions _options;
    private readonly int _trainRows, _validationRows;
    private readonly Trainer<TKernel, T> _trainer, _validator;
    private readonly int[] _order;
    private readonly Metric[] _metrics;
    // Keras's weighted_metrics, updated with the rows' sample weights; logged after _metrics.
    private readonly Metric[] _weightedMetrics;
    private readonly ProgressBar _progress;
    private readonly Callback[] _callbacks; // an array: a foreach over it allocates no enumerator
    // The callbacks' logs: one instance of each for the whole fit, overwritten (no allocation per batch or epoch).
    // Key order: loss, the metrics, the weighted metrics, val_loss, the val_ metrics, the val_ weighted metrics (the
    // batch logs hold the first 1 + metrics + weighted metrics), as Keras's CompileMetrics.result orders them.
    private readonly Logs _batchLogs, _epochLogs;
    private readonly string[] _keys;
    private readonly IReadOnlyList<Metric> _metricsView;
    // The index in _keys of "learning_rate", which Keras's ReduceLROnPlateau and LearningRateScheduler add to each
    // epoch's logs (so to the history); -1 without such a callback.
    private readonly int _rateIndex = -1;
    // Where this run starts and what seeds it: the options', unless a callback resumed from a checkpoint in OnTrainBegin.
    private int _initialEpoch, _seed;
    private bool _inTrainBegin;

    public FitLoop(Model<TKernel, T> model, FitOptions options, int trainRows, int validationRows)
    {
        _model = model;
        _options = options;
        _trainRows = trainRows;
        _validationRows = validationRows;
        _trainer = new Trainer<TKernel, T>(model, Math.Min(options.BatchSize, trainRows), options.Threads);
        // Validation in batches of its own size needs a workspace of that size; the training one serves when it fits.
        int validationBatch = Math.Min(options.ValidationBatchSize ?? options.BatchSize, Math.Max(validationRows, 1));
        _validator = validationRows == 0 || validationBatch == _trainer.BatchSize ? _trainer : new Trainer<TKernel, T>(model, validationBatch);
        _order = new int[trainRows];
        _callbacks = options.Callbacks.ToArray();
        _metrics = Model<TKernel, T>.MetricsFor(options.Metrics, nameof(options));
        (_weightedMetrics, string[] weightedKeys) = Model<TKernel, T>.WeightedMetricsFor(options.WeightedMetrics, _metrics, nameof(options));
        string[] trainKeys = ["loss", .. _metrics.Select(m => m.Name), .. weightedKeys];
        _keys = [.. trainKeys, "val_loss", .. _metrics.Select(m => "val_" + m.Name), .. weightedKeys.Select(k => "val_" + k)];
        string[] historyKeys = validationRows > 0 ? _keys : trainKeys;
        if (_callbacks.Any(c => c is ILogsLearningRate) && !_keys.Contains(LearningRateKey))
        {
            _rateIndex = _keys.Length;
            _keys = [.. _keys, LearningRateKey];
            historyKeys = [.. historyKeys, LearningRateKey];
        }
        History = new History(historyKeys, options.Epochs - options.InitialEpoch);
        // As Keras's model.metrics, which the monitoring callbacks search by name: the metrics, then the weighted ones.
        _metricsView = Array.AsReadOnly<Metric>([.. _metrics, .. _weightedMetrics]);
        _initialEpoch = options.InitialEpoch;
        _seed = options.Seed;
        _batchLogs = new Logs(trainKeys);
        _epochLogs = new Logs(_keys);
        TextWriter output = options.Output ?? Console.Out;
        // Redraw in place only on a real terminal; a redirected Console or any other writer gets whole lines.
        bool dynamic = options.Output is null && !Console.IsOutputRedirected;
        // Keras's progress bar counts to steps_per_epoch when it is given.
        int steps = options.StepsPerEpoch ?? (trainRows + _trainer.BatchSize - 1) / _trainer.BatchSize;
        _progress = new ProgressBar(output, options.Verbose == Verbosity.Auto ? 1 : (int)options.Verbose, dynamic, options.Epochs, steps);
    }

    /// <summary>The key Keras's learning-rate callbacks log the rate under.</summary>
    internal const string LearningRateKey = "learning_rate";

    public History History { get; }

    public Optimizer Optimizer => _model.Optimizer;

    public int ParameterCount => TKernel.ParameterCount;

    public void CopyParametersTo(Array destination) => _model.ParameterSpan.CopyTo(ParameterArray(destination, nameof(destination)));

    public void RestoreParameters(Array source) => ParameterArray(source, nameof(source)).AsSpan(0, TKernel.ParameterCount).CopyTo(_model.ParameterSpan);

    /// <summary>The array as this model's element type, checked to hold every parameter.</summary>
    private static T[] ParameterArray(Array array, string name)
    {
        ArgumentNullException.ThrowIfNull(array, name);
        if (array is not T[] values)
        {
            throw new ArgumentException($"{name} is a {array.GetType().Name}, but this model's parameters are {typeof(T).Name}[].", name);
        }
        if (values.Length < TKernel.ParameterCount)
        {
            throw new ArgumentException($"{name} has {values.Length} elements; the model has {TKernel.ParameterCount} parameters.", name);
        }
        return values;
    }

    public bool StopTraining { get; set; }

    public Type ElementType => typeof(T);

    public IReadOnlyList<Metric> Metrics => _metricsView;

    public void SaveWeights(string path) => _model.SaveWeights(path);

    public void SaveCheckpoint(string path, int epoch) => _model.SaveCheckpoint(path, epoch, _seed);

    public CheckpointInfo ResumeFrom(string path)
    {
        if (!_inTrainBegin)
        {
            throw new InvalidOperationException("ResumeFrom can only be called from a callback's OnTrainBegin, before the first epoch starts.");
        }
        CheckpointInfo info = _model.LoadCheckpoint(path);
        _initialEpoch = info.Epoch;
        _seed = info.Seed;
        return info;
    }

    public void WriteMessage(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        _progress.Message(message);
    }

    /// <summary>
    /// Runs the fit on the training rows and validates on the validation rows; a sample-weight memory is (rows), or
    /// empty for weights of 1.
    /// </summary>
    public History Run(ReadOnlyMemory<T> x, ReadOnlyMemory<T> y, ReadOnlyMemory<T> sampleWeight,
        ReadOnlyMemory<T> validationX, ReadOnlyMemory<T> validationY, ReadOnlyMemory<T> validationSampleWeight)
    {
        int batchSize = _trainer.BatchSize;
        _trainer.SkipsNonFiniteSteps = _options.StopOnNonFinite;
        if (_options.StopOnNonFinite && !ModelIsFinite())
        {
            throw new InvalidOperationException(
                "The model's weights or its optimizer's state hold NaN or infinity before Fit: reinitialize the model (Reinitialize) or load finite weights.");
        }

        if (_options.Verbose != Verbosity.Silent && KernelInfo.TakeNarrowWarning()) _progress.Message(KernelInfo.NarrowWarning);

        // OnTrainBegin may resume from a checkpoint (ResumeFrom), which sets where this run starts and its seed.
        _inTrainBegin = true;
        try
        {
            foreach (Callback callback in _callbacks) callback.OnTrainBegin(this);
        }
        finally
        {
            _inTrainBegin = false;
        }

        var random = new SeededRandom(unchecked((ulong)_seed));
        for (int i = 0; i < _order.Length; i++) _order[i] = i;
        // Where the current pass over the shuffled rows stands: 0 at a pass's start. Without StepsPerEpoch every epoch
        // is one whole pass; with it, epochs continue a pass (Keras's epoch iterator keeps its data iterator).
        int passStart = 0, validationStart = 0;
        long stepsBefore = 0;
        // Resuming: the passes of the epochs already trained are walked again (their orders drawn, their steps
        // counted), so that this run's batches and Dropout masks are the uninterrupted run's.
        for (int epoch = 0; epoch < _initialEpoch; epoch++)
        {
            if (passStart == 0 && _options.Shuffle) Shuffle(ref random);
            int batches = (_trainRows - passStart + batchSize - 1) / batchSize, run = Math.Min(batches, _options.StepsPerEpoch ?? batches);
            stepsBefore += run;
            passStart = run == batches ? 0 : passStart + run * batchSize;
        }
        bool ranOutNoticed = false;
        for (int epoch = _initialEpoch; epoch < _options.Epochs && !StopTraining; epoch++)
        {
            _progress.EpochBegin(epoch);
            foreach (Callback callback in _callbacks) callback.OnEpochBegin(this, epoch);
            if (passStart == 0 && _options.Shuffle) Shuffle(ref random);
            if (_options.StopOnNonFinite) _model.EpochStart.Take(_model);
            // Dropout's masks: step n of the whole fit draws from (Seed, n), so a fit resumed at InitialEpoch draws
            // what the uninterrupted fit drew there.
            _trainer.SetNoise(unchecked((ulong)_seed), stepsBefore);
            int stepLimit = _options.StepsPerEpoch ?? int.MaxValue;

            foreach (Metric metric in _metrics) metric.Reset();
            foreach (Metric metric in _weightedMetrics) metric.Reset();
            double lossSum = 0;
            int seen = 0, batch = 0, steps = 0;
            int start = passStart;
            for (; start < _trainRows && steps < stepLimit; start += batchSize, batch++)
            {
                int rows = Math.Min(batchSize, _trainRows - start);
                foreach (Callback callback in _callbacks) callback.OnBatchBegin(this, batch);
                // The trainer gathers the batch's rows, in the epoch's order (each thread its own shard's rows).
                BatchResult result = _trainer.TrainStepGathered(x, y, sampleWeight, _order, start, rows);
                if (_trainer.LastOutcome != StepOutcome.Applied)
                {
                    StopOnNonFinite(_trainer.LastOutcome, epoch, batch, result.Loss);
                    foreach (Callback callback in _callbacks) callback.OnTrainEnd(this, _epochLogs);
                    return History;
                }
                lossSum += result.LossSum;
                seen += rows;
                steps++;
                // Keras's train metrics: the training pass's outputs (Dropout active), before the update.
                // The weighted ones with the batch's weights (sampleWeight, or ClassWeight's).
                _trainer.UpdateMetrics(_metrics, _weightedMetrics, result);
                _batchLogs.Set(0, lossSum / seen);
                for (int m = 0; m < _metrics.Length; m++) _batchLogs.Set(1 + m, _metrics[m].Result());
                for (int m = 0; m < _weightedMetrics.Length; m++) _batchLogs.Set(1 + _metrics.Length + m, _weightedMetrics[m].Result());
                _progress.StepEnd(batch + 1, _batchLogs);
                foreach (Callback callback in _callbacks) callback.OnBatchEnd(this, batch, _batchLogs);
                // Keras checks stop_training after every batch; the epoch then ends as usual over the batches it ran.
                if (StopTraining)
                {
                    History.Stop ??= new TrainingStop(TrainingStopReason.Callback, epoch, batch,
                        $"Training stopped by a callback after batch {batch + 1} of epoch {epoch + 1}.");
                    break;
                }
            }

            stepsBefore += steps;
            if (start >= _trainRows)
            {
                // The pass is over: the next epoch starts a new one. Keras warns when it ran out before steps_per_epoch.
                if (steps < stepLimit && _options.StepsPerEpoch is int wanted && !StopTraining && !ranOutNoticed)
                {
                    ranOutNoticed = true;
                    _progress.Message($"Epoch {epoch + 1} ran out of training rows after {steps} of its {wanted} steps (StepsPerEpoch): " +
                        $"one pass over {_trainRows} rows is {(_trainRows + batchSize - 1) / batchSize} batches of {batchSize}; the epoch ends early and the next starts a new pass.");
                }
                passStart = 0;
            }
            else passStart = start;

            if (_options.StopOnNonFinite && StopOnNonFiniteWeights(epoch, batch - 1))
            {
                foreach (Callback callback in _callbacks) callback.OnTrainEnd(this, _epochLogs);
                return History;
            }

            _epochLogs.Clear();
            int reported = _metrics.Length + _weightedMetrics.Length;
            Record(0, lossSum / seen, epoch);
            for (int m = 0; m < _metrics.Length; m++) Record(1 + m, _metrics[m].Result(), epoch);
            for (int m = 0; m < _weightedMetrics.Length; m++) Record(1 + _metrics.Length + m, _weightedMetrics[m].Result(), epoch);
            // Keras validates after epoch e (from 0) when (e + 1) % validation_freq == 0.
            if (_validationRows > 0 && (epoch + 1) % _options.ValidationFrequency == 0)
            {
                foreach (Metric metric in _metrics) metric.Reset();
                foreach (Metric metric in _weightedMetrics) metric.Reset();
                // Keras's evaluate(sample_weight=val_sample_weight): the validation rows' own weights, never class weights.
                // ValidationSteps: Keras's cached validation iterator goes on where the last validation stopped.
                int validated = _options.ValidationSteps is int limit ? (int)Math.Min(_validationRows - validationStart, (long)limit * _validator.BatchSize) : _validationRows;
                double validationLoss = Model<TKernel, T>.EvaluateWith(_validator, validationX.Span, validationY.Span, validationSampleWeight.Span,
                    validationStart, validated, _metrics, _weightedMetrics);
                validationStart = validationStart + validated >= _validationRows ? 0 : validationStart + validated;
                Record(1 + reported, validationLoss, epoch);
                for (int m = 0; m < _metrics.Length; m++) Record(2 + reported + m, _metrics[m].Result(), epoch);
                for (int m = 0; m < _weightedMetrics.Length; m++) Record(2 + reported + _metrics.Length + m, _weightedMetrics[m].Result(), epoch);
            }
            // Keras's learning-rate callbacks log the optimizer's rate at the epoch's end, before any change they make
            // then, as the float32 its variable holds (a float model's rate is that value).
            if (_rateIndex >= 0) Record(_rateIndex, typeof(T) == typeof(float) ? (float)Optimizer.LearningRate : Optimizer.LearningRate, epoch);
            _progress.EpochEnd(steps, _epochLogs);
            foreach (Callback callback in _callbacks) callback.OnEpochEnd(this, epoch, _epochLogs);
            if (StopTraining && History.Stop is null)
            {
                History.Stop = new TrainingStop(TrainingStopReason.Callback, epoch, batch - 1,
                    $"Training stopped by a callback at the end of epoch {epoch + 1}.");
            }
        }
        // Keras's fit ends with optimizer.finalize_variable_values, before on_train_end: with use_ema, the weights
        // become their moving average.
        _model.Optimizer.FinalizeVariableValues<T>(_model.ParameterSpan);
        foreach (Callback callback in _callbacks) callback.OnTrainEnd(this, _epochLogs);
        return History;
    }

    /// <summary>The value of key <paramref name="index"/> (of loss, metrics, val_loss, val_ metrics) for the epoch: history and logs.</summary>
    private void Record(int index, double value, int epoch)
    {
        History.Add(_keys[index], value, epoch);
        _epochLogs.Set(index, value);
    }

    /// <summary>
    /// The divergence guard's stop: the batch was not applied, so the model is as it was before it, unless an earlier
    /// update overflowed into the parameters (a finite gradient can still make an infinite weight), in which case the
    /// start of the epoch is restored. Records why in the history and writes it to the progress output.
    /// </summary>
    private void StopOnNonFinite(StepOutcome outcome, int epoch, int batch, double loss)
    {
        bool restored = !ModelIsFinite();
        if (restored) _model.EpochStart.Restore(_model);
        string what = outcome == StepOutcome.NonFiniteLoss
            ? $"the loss is {loss.ToString(System.Globalization.CultureInfo.InvariantCulture)}"
            : "the gradient holds NaN or infinity";
        string state = restored
            ? $"the weights and optimizer state are restored from the start of epoch {epoch + 1}"
            : "the weights and optimizer state are those from before that batch";
        string message = $"Training stopped at epoch {epoch + 1}, batch {batch + 1}: {what}; {state} (FitOptions.StopOnNonFinite).";
        History.Stop = new TrainingStop(outcome == StepOutcome.NonFiniteLoss ? TrainingStopReason.NonFiniteLoss : TrainingStopReason.NonFiniteGradient, epoch, batch, message);
        StopTraining = true;
        _progress.Message(message);
    }

    /// <summary>
    /// The end-of-epoch check of the guard: an update whose loss and bias gradients were finite can still leave
    /// infinite weights or optimizer state (an overflowing update, or a kernel gradient that overflowed), which the
    /// next batch's loss may not reveal (the epoch's last batch; a dead relu unit's bias). Restores the epoch's start
    /// and stops; returns whether it did.
    /// </summary>
    private bool StopOnNonFiniteWeights(int epoch, int batch)
    {
        if (ModelIsFinite()) return false;
        _model.EpochStart.Restore(_model);
        string message = $"Training stopped at the end of epoch {epoch + 1}: an update left NaN or infinity in the weights or the optimizer's state; " +
            $"both are restored from the start of epoch {epoch + 1} (FitOptions.StopOnNonFinite).";
        History.Stop = new TrainingStop(TrainingStopReason.NonFiniteWeights, epoch, batch, message);
        StopTraining = true;
        _progress.Message(message);
        return true;
    }

    /// <summary>Whether the parameters and the optimizer's state hold no NaN or infinity.</summary>
    private bool ModelIsFinite()
        => TensorPrimitives.IsFiniteAll<T>(_model.ParameterSpan)
            && (TKernel.StateCount == 0 || TensorPrimitives.IsFiniteAll<T>(_model.State))
            && (_model.Optimizer.State is not T[] state || state.Length == 0 || TensorPrimitives.IsFiniteAll<T>(state));   // IsFiniteAll of nothing is false

    public void Dispose()
    {
        _trainer.Dispose();
        if (!ReferenceEquals(_validator, _trainer)) _validator.Dispose();
    }

    /// <summary>Fisher-Yates over the row order, continuing from the previous epoch's order.</summary>
    private void Shuffle(ref SeededRandom random)
    {
        for (int i = _order.Length - 1; i > 0; i--)
        {
            int j = random.NextInt32(i + 1);
            (_order[i], _order[j]) = (_order[j], _order[i]);
        }
    }
}
