using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using FastDense.Losses;
using FastDense.Layers;
using FastDense.Metrics;
using FastDense.Training;

namespace FastDense;

/// <summary>
/// One model's training step, with every buffer it needs allocated once: the workspace for the largest batch, the
/// gradient buffer and the batch the rows are gathered into. <c>Fit</c> drives one; benchmarks and custom loops can
/// call <see cref="TrainStep(ReadOnlySpan{T}, ReadOnlySpan{T}, int)"/> directly. A step allocates nothing. Not thread-safe; dispose it to stop its workers.
/// </summary>
/// <remarks>
/// With more than one thread, a batch large enough to pay for the split (see <see cref="MinRowsPerShard"/>) is
/// split into contiguous shards of rows, one per thread. Each shard runs forward and backward on its rows into its
/// own workspace and gradient; the gradients are then combined in shard order as
/// <c>g = Σ_k (rows_k / rows) · g_k</c>, the mean over the whole batch, and the optimizer updates the parameters. For
/// an elementwise optimizer (Adam, SGD) the combination and the update are split by parameter ranges between the
/// threads too. The splits and the order are fixed, so a run is deterministic for a given thread count (it may
/// differ from the one-thread run in the last bits).
/// </remarks>
/// <typeparam name="TKernel">The model's generated kernel.</typeparam>
/// <typeparam name="T">The element type.</typeparam>
public sealed class Trainer<TKernel, T> : IDisposable
    where TKernel : struct, IModelKernel<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    /// <summary>The default of <see cref="MinRowsPerShard"/>, from ThreadCrossoverBench (docs/benchmarks.md).</summary>
    public const int DefaultMinRowsPerShard = 64;

    /// <summary>
    /// The fewest rows worth giving a thread of its own. Splitting saves half the arithmetic, which grows with
    /// rows × parameters, but costs moving the parameters (updated on the calling thread) and the shard's gradient
    /// between cores every step, which grows with parameters alone, so the crossover is a number of rows, whatever the
    /// model; ThreadCrossoverBench measures it (docs/benchmarks.md). <see cref="DefaultMinRowsPerShard"/> unless the environment
    /// variable <c>FASTDENSE_MIN_ROWS_PER_SHARD</c> sets it when the process starts (1 forces every batch of 2 rows
    /// or more to split: that is how the crossover is measured).
    /// </summary>
    public static int MinRowsPerShard { get; } =
        int.TryParse(Environment.GetEnvironmentVariable("FASTDENSE_MIN_ROWS_PER_SHARD"), out int value) && value > 0
            ? value
            : DefaultMinRowsPerShard;

    private readonly Model<TKernel, T> _model;
    private readonly AlignedArray<T> _batchX;
    private readonly AlignedArray<T> _batchY;
    // The batch's sample weights (rows), when the step has them; _weighted says whether it does.
    private readonly AlignedArray<T> _batchW;
    private bool _weighted;
    // The loss's row weights when they are not just the sample weights (LossWeights: ignore_class's mask, a reduction
    // other than sum_over_batch_size); empty otherwise. The metrics keep _batchW.
    private readonly AlignedArray<T> _lossW;
    private static readonly int? IgnoreClass = TKernel.Description.LossArguments.IgnoreClass;
    private static readonly LossReduction Reduction = TKernel.Description.LossArguments.Reduction;
    private static bool Masked => IgnoreClass is not null;
    // Constant for a model: false for a plain one, whose loss weights are its sample weights.
    private static bool Reweighs => Masked || Reduction != LossReduction.SumOverBatchSize;
    private readonly Shard[] _shards;
    private readonly ShardWorker[] _workers;

    // The step in progress, for the workers (set before they are started, read after: the start/wait events order it).
    private Phase _phase;
    private int _rows;
    private int _activeShards;
    private bool _gradientCombined = true;
    private bool _optimizerCombines;
    private T[] _optimizerState = [];
    private long _optimizerStep;

    // The random draws of training-only layers (Dropout): step n of a trainer whose noise seed is s draws from
    // StepNoise.StepKey(s, n); each shard passes its first row, so the draws do not depend on the thread count.
    private ulong _noiseSeed;
    private long _noiseStep;
    private ulong _stepKey;

    // How many shards the last forward scored (their Start and Rows locate their outputs and targets).
    private int _scoredShards;

    // Where TrainStepGathered's rows come from (the shards gather them).
    private bool _gathering;
    private ReadOnlyMemory<T> _gatherX, _gatherY, _gatherW;
    private int[] _gatherOrder = [];
    private int _gatherStart;

    internal Trainer(Model<TKernel, T> model, int batchSize, int threads = 1)
    {
        _model = model;
        BatchSize = batchSize;
        _batchX = new AlignedArray<T>(checked(batchSize * TKernel.InputSize));
        _batchY = new AlignedArray<T>(checked(batchSize * TargetSize));
        _batchW = new AlignedArray<T>(batchSize);
        _lossW = new AlignedArray<T>(Reweighs ? batchSize : 0);
        // No more shards than a full batch fills with MinRowsPerShard rows each.
        Threads = Math.Clamp(threads, 1, Math.Max(1, batchSize / MinRowsPerShard));
        _shards = new Shard[Threads];
        // Every shard's workspace holds a full batch: a batch split over fewer shards than Threads has larger shards.
        for (int k = 0; k < Threads; k++)
        {
            _shards[k] = new Shard(new AlignedArray<T>(checked(batchSize * TKernel.WorkspacePerRow + TKernel.WorkspaceFixed)), new AlignedArray<T>(TKernel.ParameterCount));
        }
        _workers = new ShardWorker[Threads - 1];
        for (int k = 1; k < Threads; k++)
        {
            int index = k;
            _workers[k - 1] = new ShardWorker(() => RunWorker(index), $"FastDense shard {k}");
        }
    }

    /// <summary>The largest batch a step takes.</summary>
    public int BatchSize { get; }

    /// <summary>Target values per row: the output width, or 1 (the class index) under sparse categorical cross-entropy.</summary>
    private static int TargetSize => LossTargets.Width(TKernel.Loss, TKernel.OutputSize);

    /// <summary>Threads a full batch is split over (1 unless more were asked for and the batch repays them).</summary>
    public int Threads { get; }

    /// <summary>
    /// The gradient of the last step's mean loss, in the parameter layout. Undefined after a step that <c>Fit</c>'s
    /// divergence guard refused for its loss: that step computed no gradient.
    /// </summary>
    public ReadOnlySpan<T> Gradient
    {
        get
        {
            // A two-shard step whose optimizer combined the shards as it read them left them apart: combine now.
            if (!_gradientCombined)
            {
                CombineGradients(0, TKernel.ParameterCount);
                _gradientCombined = true;
            }
            return _shards[0].Gradient;
        }
    }

    /// <summary>
    /// Where the next steps' random draws come from: step <paramref name="step"/> (counted from the fit's first
    /// epoch) of a fit seeded with <paramref name="seed"/>; the steps after it count on from there.
    /// </summary>
    internal void SetNoise(ulong seed, long step)
    {
        _noiseSeed = seed;
        _noiseStep = step;
    }

    internal Span<T> BatchX => _batchX.Span;

    internal Span<T> BatchY => _batchY.Span;

    internal long WorkerAllocatedBytes => _workers.Sum(w => w.AllocatedBytes);

    /// <summary>
    /// Whether a step whose loss or gradient is not finite is left unapplied (<c>Fit</c>'s divergence guard): the
    /// parameters and the optimizer's state then stay as they were before the batch. Off for direct callers of
    /// <see cref="TrainStep(ReadOnlySpan{T}, ReadOnlySpan{T}, int)"/>, whose every step is applied.
    /// </summary>
    internal bool SkipsNonFiniteSteps { get; set; }

    /// <summary>What the last step did: applied, or left unapplied by the divergence guard and why.</summary>
    internal StepOutcome LastOutcome { get; private set; }

    /// <summary>
    /// Where each layer's bias gradient sits in the gradient: the divergence guard checks these, not the whole
    /// gradient. A bias gradient is its layer's deltas summed by column, so a NaN or an infinity anywhere in a layer's
    /// deltas reaches it; a kernel gradient can be non-finite on its own only if a product of finite activations and
    /// deltas overflows, which leaves infinite weights that the next batch's loss reveals (Fit then restores the
    /// epoch's start). A few dozen elements instead of every parameter. A Dense layer without a bias (Keras's
    /// <c>use_bias=False</c>) has its kernel gradient checked instead: <c>xᵀ · delta</c> carries a non-finite delta
    /// into it too (unless that row's inputs are all zero, where the zero-skipping product skips it and the loss still shows it).
    /// </summary>
    // Every Dense layer's bias, or its kernel where it has none: a NaN or infinity anywhere in a layer's deltas reaches it.
    private static readonly (int Offset, int Length)[] BiasRanges = DenseBiasRanges(TKernel.Description);

    // Loops rather than LINQ: each LINQ operator over a value tuple is one more generic instantiation to compile at a
    // process's first Fit (docs/architecture.md, "First calls").
    private static (int Offset, int Length)[] DenseBiasRanges(ModelDescription description)
    {
        int count = 0;
        foreach (LayerDescription layer in description.Layers) if (layer.Kind == LayerKind.Dense) count++;
        var ranges = new (int Offset, int Length)[count];
        int next = 0;
        foreach (LayerDescription layer in description.Layers)
        {
            if (layer.Kind != LayerKind.Dense) continue;
            TensorDescription checkedTensor = layer.Tensors[0];
            foreach (TensorDescription tensor in layer.Tensors)
            {
                if (tensor.Name.EndsWith("/bias", StringComparison.Ordinal)) { checkedTensor = tensor; break; }
            }
            ranges[next++] = (checkedTensor.Offset, checkedTensor.Length);
        }
        return ranges;
    }

    private static bool BiasGradientsFinite(ReadOnlySpan<T> gradient)
    {
        foreach ((int offset, int length) in BiasRanges)
        {
            if (!TensorPrimitives.IsFiniteAll(gradient.Slice(offset, length))) return false;
        }
        return true;
    }

    /// <summary>
    /// One step of training on <paramref name="rows"/> rows: forward, loss and metric (before the update, as Keras
    /// reports them), backward, and the optimizer's update. Data are not checked for NaN here: <c>Fit</c> checks
    /// them once for all epochs.
    /// </summary>
    /// <param name="x">The batch's inputs, (rows, InputSize) row-major.</param>
    /// <param name="y">The batch's targets, (rows, <see cref="ModelDescription.TargetWidth"/>) row-major: a row of OutputSize values, or its class index under sparse categorical cross-entropy.</param>
    /// <param name="rows">The number of rows, 1 to <see cref="BatchSize"/>.</param>
    public BatchResult TrainStep(ReadOnlySpan<T> x, ReadOnlySpan<T> y, int rows) => TrainStep(x, y, default, rows);

    /// <summary>
    /// <see cref="TrainStep(ReadOnlySpan{T}, ReadOnlySpan{T}, int)"/> with a weight per row, as Keras's
    /// <c>sample_weight</c>: the loss reported and trained is <c>Σ w·loss / rows</c> (keras/src/losses/loss.py,
    /// <c>sum_over_batch_size</c>). An empty <paramref name="sampleWeight"/> weighs every row 1. The metric sum of the
    /// result stays unweighted, as Keras's <c>metrics</c>; <c>Fit</c> weighs its <see cref="FitOptions.WeightedMetrics"/>
    /// by these weights.
    /// </summary>
    /// <param name="x">The batch's inputs, (rows, InputSize) row-major.</param>
    /// <param name="y">The batch's targets, (rows, <see cref="ModelDescription.TargetWidth"/>) row-major.</param>
    /// <param name="sampleWeight">The rows' weights, (rows), finite and non-negative; or empty.</param>
    /// <param name="rows">The number of rows, 1 to <see cref="BatchSize"/>.</param>
    public BatchResult TrainStep(ReadOnlySpan<T> x, ReadOnlySpan<T> y, ReadOnlySpan<T> sampleWeight, int rows)
    {
        CheckBatch(x.Length, y.Length, rows);
        CheckWeights(sampleWeight.Length, rows);
        _weighted = !sampleWeight.IsEmpty;
        if (Reweighs && _gathering)
        {
            // The mask and the weighted mean need the whole batch's labels and weights before any shard starts: gather
            // here, on this thread.
            Gather(0, rows);
            _gathering = false;
        }
        // The weights the loss trains and reports with: the sample weights, or those of the mask and the reduction.
        ReadOnlySpan<T> lossWeight = Reweighs ? LossWeights(y, sampleWeight, rows) : sampleWeight;
        _model.Optimizer.Bind(TKernel.Description);
        LastOutcome = StepOutcome.Applied;
        _stepKey = StepNoise.StepKey(_noiseSeed, _noiseStep++);
        int shards = ShardsFor(rows);
        if (shards == 1)
        {
            if (_gathering) Gather(0, rows);
            _gradientCombined = true;   // one shard: its gradient is the batch's
            Shard only = _shards[0];
            (only.Start, only.Rows, _scoredShards) = (0, rows, 1);
            BatchResult result = Score(x, y, lossWeight, rows, only.Workspace, ForwardMode.Training(_stepKey));
            // The loss is known before anything changes: a non-finite one stops the step here.
            if (SkipsNonFiniteSteps && !double.IsFinite(result.LossSum))
            {
                LastOutcome = StepOutcome.NonFiniteLoss;
                return result;
            }
            TKernel.Backward(_model.ParameterSpan, _model.StateArray, x, y, lossWeight, rows, only.Workspace, only.Gradient);
            if (SkipsNonFiniteSteps && !BiasGradientsFinite(only.Gradient))
            {
                LastOutcome = StepOutcome.NonFiniteGradient;
                return result;
            }
            _model.Optimizer.Step<T>(_model.ParameterSpan, only.Gradient);
            // Keras's optimizer projects each constrained variable after applying its gradient.
            TKernel.ApplyConstraints(_model.ParameterSpan);
            TKernel.UpdateState(_model.StateArray, only.Workspace, rows);
            return result;
        }

        // Workers read the batch from the trainer's own buffers: spans cannot cross threads.
        if (!Unsafe.AreSame(ref MemoryMarshal.GetReference(x), ref MemoryMarshal.GetReference(_batchX.Span)))
        {
            x.Slice(0, rows * TKernel.InputSize).CopyTo(_batchX.Span);
            y.Slice(0, rows * TargetSize).CopyTo(_batchY.Span);
            if (_weighted) sampleWeight.Slice(0, rows).CopyTo(_batchW.Span);
        }
        int start = 0;
        for (int k = 0; k < shards; k++)
        {
            int shardRows = rows / shards + (k < rows % shards ? 1 : 0);
            _shards[k].Start = start;
            _shards[k].Rows = shardRows;
            start += shardRows;
        }
        _scoredShards = shards;
        _phase = Phase.Backward;
        for (int k = 1; k < shards; k++) _workers[k - 1].Start();
        RunShard(_shards[0], train: true);
        for (int k = 1; k < shards; k++) _workers[k - 1].Wait();

        double lossSum = 0, metricSum = 0;
        bool gradientsFinite = true;
        for (int k = 0; k < shards; k++)
        {
            lossSum += _shards[k].Result.LossSum;
            metricSum += _shards[k].Result.MetricSum;
            gradientsFinite &= _shards[k].GradientFinite;
        }
        if (SkipsNonFiniteSteps && (!double.IsFinite(lossSum) || !gradientsFinite))
        {
            LastOutcome = double.IsFinite(lossSum) ? StepOutcome.NonFiniteGradient : StepOutcome.NonFiniteLoss;
            _gradientCombined = false;   // the shards' gradients were never combined
            _activeShards = shards;
            _rows = rows;
            return new BatchResult(rows, lossSum, metricSum);
        }
        _rows = rows;
        _activeShards = shards;
        Optimizer optimizer = _model.Optimizer;
        if (!optimizer.UpdatesInRanges)
        {
            CombineGradients(0, TKernel.ParameterCount);
            _gradientCombined = true;
            optimizer.Step<T>(_model.ParameterSpan, _shards[0].Gradient);
            TKernel.ApplyConstraints(_model.ParameterSpan);
            return new BatchResult(rows, lossSum, metricSum);
        }

        // The combination and the update are elementwise: each thread takes a range of the parameters, so neither
        // waits on one core while the other idles, and each core reads the other's gradient only for its range.
        (_optimizerState, _optimizerStep) = optimizer.BeginSteps<T>(TKernel.ParameterCount);
        // Two shards: the optimizer may read both and combine them in registers (one pass over each range, not
        // three); shard 0's buffer then keeps its own part until the Gradient property asks for the combination.
        _optimizerCombines = shards == 2 && optimizer.CombinesShardPairs<T>();
        _gradientCombined = !_optimizerCombines;
        _phase = Phase.Update;
        for (int k = 1; k < shards; k++) _workers[k - 1].Start();
        UpdateRange(0);
        for (int k = 1; k < shards; k++) _workers[k - 1].Wait();
        optimizer.EndSteps();
        TKernel.ApplyConstraints(_model.ParameterSpan);
        return new BatchResult(rows, lossSum, metricSum);
    }

    /// <summary>
    /// <see cref="TrainStep(ReadOnlySpan{T}, ReadOnlySpan{T}, int)"/> on rows <c>order[start .. start + rows)</c> of <paramref name="x"/> and
    /// <paramref name="y"/>, gathered into the trainer's batch by the thread that trains on them: with two threads
    /// each copies its own shard's rows (Fashion-MNIST: 400 KB per batch), instead of the calling thread copying all
    /// while the worker waits.
    /// </summary>
    internal BatchResult TrainStepGathered(ReadOnlyMemory<T> x, ReadOnlyMemory<T> y, ReadOnlyMemory<T> sampleWeight, int[] order, int start, int rows)
    {
        _gatherX = x;
        _gatherY = y;
        _gatherW = sampleWeight;
        _gatherOrder = order;
        _gatherStart = start;
        _gathering = true;
        try
        {
            return TrainStep(_batchX.Span, _batchY.Span, sampleWeight.IsEmpty ? default : _batchW.Span.Slice(0, rows), rows);
        }
        finally
        {
            _gathering = false;
        }
    }

    /// <summary>Copies batch rows [first, first + count) from the gather source, in its order, into the trainer's batch.</summary>
    private void Gather(int first, int count)
    {
        ReadOnlySpan<int> rows = _gatherOrder.AsSpan(_gatherStart + first, count);
        int inputs = TKernel.InputSize, targets = TargetSize;
        RowGather.Copy(_gatherX.Span, inputs, rows, _batchX.Span.Slice(first * inputs, count * inputs));
        RowGather.Copy(_gatherY.Span, targets, rows, _batchY.Span.Slice(first * targets, count * targets));
        if (!_gatherW.IsEmpty) RowGather.Copy(_gatherW.Span, 1, rows, _batchW.Span.Slice(first, count));
    }

    /// <summary>Forward only: the loss and metric sums of <paramref name="rows"/> rows, without training.</summary>
    internal BatchResult ForwardAndScore(ReadOnlySpan<T> x, ReadOnlySpan<T> y, ReadOnlySpan<T> sampleWeight, int rows)
    {
        CheckBatch(x.Length, y.Length, rows);
        CheckWeights(sampleWeight.Length, rows);
        (_shards[0].Start, _shards[0].Rows, _scoredShards) = (0, rows, 1);
        ReadOnlySpan<T> lossWeight = Reweighs ? LossWeights(y, sampleWeight, rows) : sampleWeight;
        return Score(x, y, lossWeight, rows, _shards[0].Workspace, ForwardMode.Inference);
    }

    /// <summary>
    /// Updates <paramref name="metrics"/> with the outputs of the last gathered training step (each shard's rows, in
    /// batch order: the targets are in the batch buffer), unweighted as Keras's <c>metrics</c>; and
    /// <paramref name="weightedMetrics"/> with the step's sample weights too (Keras's <c>weighted_metrics</c>; weights
    /// of 1 when the step had none).
    /// </summary>
    internal void UpdateMetrics(Metric[] metrics, Metric[] weightedMetrics, BatchResult scored)
    {
        UpdateShardMetrics(metrics, scored, weighted: false);
        UpdateShardMetrics(weightedMetrics, scored, weighted: _weighted);
    }

    /// <summary>One list's update from the shards' outputs; <paramref name="weighted"/>: with the batch's weights.</summary>
    private void UpdateShardMetrics(Metric[] metrics, BatchResult scored, bool weighted)
    {
        foreach (Metric metric in metrics)
        {
            // The batch's score already counted Keras's accuracy in the loss's pass (unweighted): no second pass over
            // the outputs, unless the rows weigh differently.
            if (!weighted && metric is Accuracy accuracy && Accuracy.IsScoredWithTheLoss(TKernel.Loss, TKernel.OutputSize))
            {
                accuracy.AddRows(scored.MetricSum, scored.Rows);
                continue;
            }
            for (int k = 0; k < _scoredShards; k++)
            {
                Shard shard = _shards[k];
                ReadOnlySpan<T> y = _batchY.Span.Slice(shard.Start * TargetSize, shard.Rows * TargetSize);
                ReadOnlySpan<T> output = shard.Workspace.Slice(shard.Rows * TKernel.OutputOffsetPerRow, shard.Rows * TKernel.OutputSize);
                // (rows) weights of the shard's rows, gathered beside its targets; empty: every row weighs 1.
                ReadOnlySpan<T> w = weighted ? _batchW.Span.Slice(shard.Start, shard.Rows) : default;
                metric.UpdateTargets(y, output, shard.Rows, TKernel.OutputSize, TargetSize, w);
            }
        }
    }

    /// <summary>
    /// Updates <paramref name="metrics"/> (unweighted) and <paramref name="weightedMetrics"/> (weighted by
    /// <paramref name="sampleWeight"/>, (rows) or empty for weights of 1) with the outputs of the last
    /// <see cref="ForwardAndScore"/> against its targets <paramref name="y"/>.
    /// </summary>
    internal void UpdateMetrics(Metric[] metrics, Metric[] weightedMetrics, BatchResult scored, ReadOnlySpan<T> y, ReadOnlySpan<T> sampleWeight, int rows)
    {
        ReadOnlySpan<T> output = _shards[0].Workspace.Slice(rows * TKernel.OutputOffsetPerRow, rows * TKernel.OutputSize);
        bool fused = Accuracy.IsScoredWithTheLoss(TKernel.Loss, TKernel.OutputSize);
        foreach (Metric metric in metrics)
        {
            if (fused && metric is Accuracy accuracy) accuracy.AddRows(scored.MetricSum, rows);
            else metric.UpdateTargets(y, output, rows, TKernel.OutputSize, TargetSize);
        }
        foreach (Metric metric in weightedMetrics)
        {
            if (fused && sampleWeight.IsEmpty && metric is Accuracy accuracy) accuracy.AddRows(scored.MetricSum, rows);
            else metric.UpdateTargets(y, output, rows, TKernel.OutputSize, TargetSize, sampleWeight);
        }
    }

    /// <summary>Stops the worker threads, if any.</summary>
    public void Dispose()
    {
        foreach (ShardWorker worker in _workers) worker.Dispose();
    }

    private int ShardsFor(int rows) => WholeBatch ? 1 : Math.Clamp(rows / MinRowsPerShard, 1, Threads);

    /// <summary>
    /// Whether each batch trains on one thread: a BatchNormalization normalizes by the whole batch's statistics, which
    /// shards computing their own rows would not see (and its moving averages follow the whole batch's).
    /// </summary>
    internal static bool WholeBatch { get; } = TKernel.Description.Layers.Any(layer => layer.Kind == LayerKind.BatchNormalization);

    /// <summary>What the workers run when started: their shard's forward and backward, or their range of the update.</summary>
    private enum Phase
    {
        Backward,
        Update,
    }

    private void RunWorker(int k)
    {
        if (_phase == Phase.Backward) RunShard(_shards[k], train: true);
        else UpdateRange(k);
    }

    /// <summary>
    /// Thread k's share of the update: parameters [start, end) of an equal split at 16-element (64-byte) boundaries,
    /// so no cache line is written by both cores. Combines the shards' gradients there, then applies the optimizer.
    /// </summary>
    private void UpdateRange(int k)
    {
        int n = TKernel.ParameterCount;
        int start = RangeStart(k, _activeShards, n), end = RangeStart(k + 1, _activeShards, n);
        if (end <= start) return;
        Optimizer optimizer = _model.Optimizer;
        if (_optimizerCombines)
        {
            optimizer.ApplyRange<T>(_model.ParameterSpan, _shards[0].Gradient, ShardScale(0), _shards[1].Gradient, ShardScale(1),
                _optimizerState, start, end - start, _optimizerStep);
            return;
        }
        CombineGradients(start, end - start);
        optimizer.ApplyRange<T>(_model.ParameterSpan, _shards[0].Gradient, _optimizerState, start, end - start, _optimizerStep);
    }

    /// <summary>Shard k's weight in the batch's mean gradient: its share of the rows.</summary>
    private T ShardScale(int k) => T.CreateTruncating((double)_shards[k].Rows / _rows);

    private static int RangeStart(int k, int ranges, int n) => k >= ranges ? n : (int)((long)n * k / ranges) & ~15;

    /// <summary>
    /// g = Σ_k (rows_k / rows) · g_k over [start, start + length), in shard order, into shard 0's gradient: each g_k
    /// is the mean over its own rows. The same operations per element whichever thread does them.
    /// </summary>
    private void CombineGradients(int start, int length)
    {
        Span<T> gradient = _shards[0].Gradient.Slice(start, length);
        // g0·s0, then + gk·sk for each further shard, each product rounded before the sum: Adam's in-register
        // combination of two shards (Adam.ShardPair) computes the same bits.
        TensorPrimitives.Multiply(gradient, ShardScale(0), gradient);
        for (int k = 1; k < _activeShards; k++)
        {
            TensorPrimitives.MultiplyAdd(_shards[k].Gradient.Slice(start, length), ShardScale(k), gradient, gradient);
        }
    }

    private void RunShard(Shard shard, bool train)
    {
        if (_gathering) Gather(shard.Start, shard.Rows);
        ReadOnlySpan<T> x = _batchX.Span.Slice(shard.Start * TKernel.InputSize, shard.Rows * TKernel.InputSize);
        ReadOnlySpan<T> y = _batchY.Span.Slice(shard.Start * TargetSize, shard.Rows * TargetSize);
        ReadOnlySpan<T> w = Reweighs ? _lossW.Span.Slice(shard.Start, shard.Rows) : _weighted ? _batchW.Span.Slice(shard.Start, shard.Rows) : default;
        shard.Result = Score(x, y, w, shard.Rows, shard.Workspace, train ? ForwardMode.Training(_stepKey, shard.Start) : ForwardMode.Inference);
        if (!train) return;
        TKernel.Backward(_model.ParameterSpan, _model.StateArray, x, y, w, shard.Rows, shard.Workspace, shard.Gradient);
        // Each thread checks its own shard's gradient, while it is in its cache.
        shard.GradientFinite = !SkipsNonFiniteSteps || BiasGradientsFinite(shard.Gradient);
    }

    private BatchResult Score(ReadOnlySpan<T> x, ReadOnlySpan<T> y, ReadOnlySpan<T> sampleWeight, int rows, Span<T> workspace, in ForwardMode mode)
    {
        TKernel.Forward(_model.ParameterSpan, _model.StateArray, x, rows, workspace, mode);
        ReadOnlySpan<T> output = workspace.Slice(rows * TKernel.OutputOffsetPerRow, rows * TKernel.OutputSize);
        ReadOnlySpan<T> lossInput = workspace.Slice(rows * TKernel.LossInputOffsetPerRow, rows * TKernel.OutputSize);
        (double loss, double metric) = BatchScore.Sum(TKernel.Description.LossFunction, lossInput, output, y, sampleWeight, rows, TKernel.OutputSize);
        // Keras adds the regularizers' penalties (model.losses) to each batch's loss, in training and evaluation alike.
        loss += rows * TKernel.RegularizationLoss(_model.ParameterSpan, workspace, rows);
        return new BatchResult(rows, loss, metric);
    }

    /// <summary>
    /// The loss's row weights (rows), written into the trainer's own buffer, which the shards read: the generated
    /// backward and the score compute <c>Σ w·loss / rows</c>, so Keras's reductions and mask
    /// (keras/src/losses/loss.py, <c>apply_mask</c> and <c>reduce_values</c>) become weights. With m the mask (0 for a
    /// row labelled <c>ignore_class</c>, 1 otherwise, and 1 without one) and s the sample weight (1 without):
    /// <list type="bullet">
    /// <item><c>sum_over_batch_size</c>: <c>s·m</c>, times <c>rows / (valid + ε)</c> under a mask (ε = 1e-7, Keras's
    /// <c>backend.epsilon()</c>): the mean over the valid rows;</item>
    /// <item><c>sum</c>: <c>s·m·rows</c>, so the batch's loss is <c>Σ s·m·loss</c>;</item>
    /// <item><c>mean_with_sample_weight</c>: <c>s·m·rows / Σ s·m</c> (all 0 when that sum is 0, Keras's
    /// <c>divide_no_nan</c>), so the batch's loss is <c>Σ s·m·loss / Σ s·m</c>.</item>
    /// </list>
    /// </summary>
    private ReadOnlySpan<T> LossWeights(ReadOnlySpan<T> y, ReadOnlySpan<T> sampleWeight, int rows)
    {
        T ignored = T.CreateTruncating(IgnoreClass ?? 0);
        Span<T> weights = _lossW.Span.Slice(0, rows);
        int valid = 0;
        double total = 0;
        for (int r = 0; r < rows; r++)
        {
            bool kept = !Masked || y[r] != ignored;
            T weight = !kept ? T.Zero : sampleWeight.IsEmpty ? T.One : sampleWeight[r];
            weights[r] = weight;
            valid += kept ? 1 : 0;
            total += double.CreateTruncating(weight);
        }
        double scale = Reduction switch
        {
            LossReduction.Sum => rows,
            LossReduction.MeanWithSampleWeight => total > 0 ? rows / total : 0,
            _ => Masked ? rows / (valid + 1e-7) : 1,
        };
        if (scale != 1) TensorPrimitives.Multiply(weights, T.CreateTruncating(scale), weights);
        return weights;
    }

    private static void CheckWeights(int weights, int rows)
    {
        if (weights != 0 && weights < rows)
        {
            throw new ArgumentException($"sampleWeight has {weights} values; {rows} rows need {rows} (or none, for weights of 1).", "sampleWeight");
        }
    }

    private void CheckBatch(int xLength, int yLength, int rows)
    {
        if (rows <= 0 || rows > BatchSize)
        {
            throw new ArgumentOutOfRangeException(nameof(rows), rows, $"rows must be between 1 and the trainer's batch size {BatchSize}.");
        }
        if (xLength < rows * TKernel.InputSize)
        {
            throw new ArgumentException($"x has {xLength} values; {rows} rows need {rows * TKernel.InputSize}.", "x");
        }
        if (yLength < rows * TargetSize)
        {
            throw new ArgumentException($"y has {yLength} values; {rows} rows need {rows * TargetSize}.", "y");
        }
    }

    /// <summary>One thread's share of a step: its rows of the batch, its workspace and gradient, its sums.</summary>
    private sealed class Shard(AlignedArray<T> workspace, AlignedArray<T> gradient)
    {
        public Span<T> Workspace => workspace.Span;

        public Span<T> Gradient => gradient.Span;

        public int Start { get; set; }

        public int Rows { get; set; }

        public BatchResult Result { get; set; }

        public bool GradientFinite { get; set; } = true;
    }
}

/// <summary>What a training step did with its batch.</summary>
internal enum StepOutcome
{
    /// <summary>The update was applied.</summary>
    Applied,

    /// <summary>The batch's loss was NaN or infinite; nothing was changed.</summary>
    NonFiniteLoss,

    /// <summary>The loss was finite but the gradient held a NaN or an infinity; nothing was changed.</summary>
    NonFiniteGradient,
}
