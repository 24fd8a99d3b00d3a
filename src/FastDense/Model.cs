using System.Numerics;
using FastDense.Data;
using FastDense.Inference;
using FastDense.Losses;
using FastDense.Metrics;
using FastDense.Training;

namespace FastDense;

/// <summary>
/// The base of every generated model: its parameters and optimizer, and Keras's <c>fit</c>, <c>evaluate</c> and
/// <c>predict</c>. Data are row-major arrays: x is (rows, inputs), y is (rows, outputs), e.g. one-hot labels.
/// A model is not thread-safe: train or predict from one thread at a time.
/// </summary>
/// <typeparam name="TKernel">The generated fixed-shape code (the model's nested <c>Kernel</c> struct).</typeparam>
/// <typeparam name="T">The element type: <see cref="float"/> or <see cref="double"/>.</typeparam>
public abstract partial class Model<TKernel, T>
    where TKernel : struct, IModelKernel<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    // On a 64-byte line: every kernel row whose length is a multiple of 16 floats then starts on one too, and no
    // 512-bit load of the forward products or of the optimizer's pass straddles two lines (Training/AlignedArray.cs).
    private readonly AlignedArray<T> _parameters = new(TKernel.ParameterCount);
    private readonly T[] _state = new T[TKernel.StateCount];
    private readonly BulkPredict<TKernel, T> _predict;
    private Optimizer _optimizer = new Adam();

    /// <summary>Creates the model with initial weights drawn from <paramref name="seed"/> (Glorot-uniform kernels, zero biases).</summary>
    protected Model(int seed)
    {
        TKernel.Initialize(_parameters.Span, _state, unchecked((ulong)seed));
        _predict = new BulkPredict<TKernel, T>(this);
    }

    /// <summary>The model as data: layers, shapes, parameter offsets. <see cref="ModelDescription.ToString"/> is a summary table.</summary>
    public ModelDescription Description => TKernel.Description;

    /// <summary>
    /// The flat parameter buffer, live: for each layer its kernel (inputs, units) row-major then its bias, the order
    /// of Keras's <c>get_weights()</c>. Offsets are in <see cref="Description"/>.
    /// </summary>
    public Span<T> Parameters => _parameters.Span;

    /// <summary>
    /// The optimizer (default: <see cref="Adam"/> with Keras's defaults). Its state (moments, iteration count) lives in
    /// the optimizer object, as in Keras: a new optimizer starts fresh; give each model its own.
    /// </summary>
    public Optimizer Optimizer
    {
        get => _optimizer;
        set
        {
            ArgumentNullException.ThrowIfNull(value);
            _optimizer = value;
        }
    }

    private ModelSnapshot<TKernel, T>? _epochStart;

    /// <summary>
    /// The divergence guard's copy of the parameters and optimizer state at the start of the current epoch, kept with
    /// the model so that its buffers are allocated once, not at every <c>Fit</c>.
    /// </summary>
    internal ModelSnapshot<TKernel, T> EpochStart => _epochStart ??= new ModelSnapshot<TKernel, T>();

    /// <summary>The parameter buffer, for the trainer and the predictor.</summary>
    internal Span<T> ParameterSpan => _parameters.Span;

    /// <summary>
    /// The model's non-trainable state, <see cref="ModelDescription.StateCount"/> values: the tensors of
    /// <see cref="ModelDescription.Tensors"/> whose <see cref="TensorDescription.Trainable"/> is false live here, at
    /// their <see cref="TensorDescription.Offset"/> (a Normalization layer's mean and variance, set by
    /// <see cref="Adapt(T[], string?)"/>). The optimizer never changes them. Empty for most models.
    /// </summary>
    public Span<T> State => _state;

    internal T[] StateArray => _state;

    /// <summary>The array behind <see cref="Parameters"/> and where they start in it (for tests).</summary>
    internal (T[] Array, int Offset) ParameterStorage => _parameters.Storage;

    /// <summary>Draws new initial weights from <paramref name="seed"/> and resets the optimizer's state.</summary>
    public void Reinitialize(int seed)
    {
        TKernel.Initialize(_parameters.Span, _state, unchecked((ulong)seed));
        _optimizer.Reset();
    }

    /// <summary>A Keras-style summary: one line per layer with its output shape and parameter count.</summary>
    public string Summary() => TKernel.Description.ToString();

    /// <summary>
    /// Keras's <c>Normalization.adapt(data)</c>: sets a Normalization layer's mean and variance (population variance,
    /// per feature or over everything as the layer declares) from <paramref name="data"/>, the rows that layer will
    /// see (for a first layer, the training inputs). Computed in double, stored in <see cref="State"/>.
    /// </summary>
    /// <param name="data">Rows of the layer's input width, row-major.</param>
    /// <param name="layer">The layer's name (<c>normalization_0</c>); null when the model has exactly one Normalization layer.</param>
    /// <exception cref="ArgumentException">The layer does not exist or is not a Normalization layer, the model has several and none is named, or the data is empty, ragged or not finite.</exception>
    public void Adapt(T[] data, string? layer = null)
    {
        LayerDescription normalization = NormalizationLayer(layer);
        int rows = DataChecks.Rows(data, nameof(data), normalization.Inputs);
        TensorDescription mean = normalization.Tensor("mean"), variance = normalization.Tensor("variance");
        Layers.NormalizationMath.Adapt<T>(data, rows, normalization.Inputs, _state.AsSpan(mean.Offset, mean.Length), _state.AsSpan(variance.Offset, variance.Length));
    }

    /// <summary>Keras's <c>adapt</c>, as <see cref="Adapt(T[], string?)"/>, from a (rows, width) array.</summary>
    /// <param name="data">Rows of the layer's input width.</param>
    /// <param name="layer">The layer's name; null when the model has exactly one Normalization layer.</param>
    public void Adapt(T[,] data, string? layer = null)
        => Adapt(Flatten(data, nameof(data), NormalizationLayer(layer).Inputs), layer);

    private static LayerDescription NormalizationLayer(string? name)
    {
        LayerDescription[] layers = TKernel.Description.Layers.Where(l => l.Kind == LayerKind.Normalization).ToArray();
        if (name is null)
        {
            return layers.Length == 1 ? layers[0] : throw new ArgumentException(layers.Length == 0
                ? "The model has no Normalization layer to adapt."
                : $"The model has {layers.Length} Normalization layers ({string.Join(", ", layers.Select(l => l.Name))}): name the one to adapt.", "layer");
        }
        LayerDescription? named = TKernel.Description.Layers.FirstOrDefault(l => l.Name == name);
        if (named is null || named.Kind != LayerKind.Normalization)
        {
            throw new ArgumentException(named is null
                ? $"The model has no layer named '{name}'; its Normalization layers: {(layers.Length == 0 ? "none" : string.Join(", ", layers.Select(l => l.Name)))}."
                : $"Layer '{name}' is a {named.KerasClassName} layer, not a Normalization layer.", "layer");
        }
        return named;
    }

    /// <summary>Creates a trainer for custom loops and benchmarks: buffers for batches of up to <paramref name="batchSize"/> rows.</summary>
    /// <param name="batchSize">The largest batch a step takes.</param>
    /// <param name="threads">Threads a large batch may be split over (see <see cref="Trainer{TKernel, T}.MinRowsPerShard"/>).</param>
    public Trainer<TKernel, T> CreateTrainer(int batchSize = 32, int threads = 1)
    {
        DataChecks.BatchSize(batchSize, nameof(batchSize));
        if (threads < 1) throw new ArgumentOutOfRangeException(nameof(threads), threads, "threads must be at least 1.");
        return new Trainer<TKernel, T>(this, batchSize, threads);
    }

    /// <summary>
    /// Trains the model as Keras's <c>model.fit</c> does: <see cref="FitOptions.Epochs"/> passes over the data in
    /// shuffled mini-batches, one optimizer step per batch, with progress written as Keras writes it.
    /// All data are checked before anything changes: on an exception the model is as it was.
    /// </summary>
    /// <param name="x">Inputs, (rows, inputs) row-major.</param>
    /// <param name="y">
    /// Targets, (rows, outputs) row-major: one-hot rows for categorical cross-entropy; (rows) class indices for sparse
    /// categorical cross-entropy (<see cref="ModelDescription.TargetWidth"/>), which the <c>int[]</c> overload also takes.
    /// </param>
    /// <param name="options">Epochs, batch size, validation split...; Keras's defaults when null.</param>
    /// <param name="validationData">Explicit validation inputs and targets; when given, <see cref="FitOptions.ValidationSplit"/> is ignored.</param>
    /// <param name="sampleWeight">
    /// A weight per row of x, as Keras's <c>sample_weight</c> (finite, non-negative): the loss trained and reported is
    /// <c>Σ w·loss / rows</c> per batch (keras/src/losses/loss.py, <c>sum_over_batch_size</c>), and
    /// <see cref="FitOptions.WeightedMetrics"/> weigh the rows so; <see cref="FitOptions.Metrics"/> stay unweighted, as
    /// Keras's <c>metrics</c>. With <see cref="FitOptions.ValidationSplit"/>, the validation rows keep their weights.
    /// Not with <see cref="FitOptions.ClassWeight"/>.
    /// </param>
    /// <param name="validationSampleWeight">
    /// A weight per row of <paramref name="validationData"/> (Keras's third element of <c>validation_data</c>): the
    /// validation loss and <see cref="FitOptions.WeightedMetrics"/> weigh them.
    /// </param>
    /// <returns>Per-epoch loss and metric, for training and validation.</returns>
    /// <exception cref="ArgumentException">Shapes do not fit the model, rows differ between x and y, data hold NaN or infinity, targets are out of range, or weights are negative, not finite or not one a row.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    /// <exception cref="InvalidOperationException">With <see cref="FitOptions.StopOnNonFinite"/> (the default), the weights or the optimizer's state already hold NaN or infinity.</exception>
    public History Fit(T[] x, T[] y, FitOptions? options = null, (T[] X, T[] Y)? validationData = null, T[]? sampleWeight = null, T[]? validationSampleWeight = null)
        => Fit(x, y, options, validationData, sampleWeight, validationSampleWeight, nameof(y), "validationData.Y");

    /// <summary>Fit, naming the targets as the caller's overload does (<c>y</c>, or <c>labels</c> for integer labels).</summary>
    private History Fit(T[] x, T[] y, FitOptions? options, (T[] X, T[] Y)? validationData, T[]? sampleWeight, T[]? validationSampleWeight,
        string yName, string validationYName)
    {
        options ??= new FitOptions();
        CheckOptions(options);
        int rows = DataChecks.Rows(x, nameof(x), TKernel.InputSize, options.Threads);
        DataChecks.Targets(y, yName, rows, TKernel.OutputSize, TKernel.Description.LossFunction, nameof(x));
        if (sampleWeight is not null)
        {
            if (options.ClassWeight is not null)
            {
                throw new ArgumentException("Give sampleWeight or FitOptions.ClassWeight, not both (Keras refuses both too).", nameof(sampleWeight));
            }
            DataChecks.SampleWeights(sampleWeight, nameof(sampleWeight), rows, nameof(x));
        }

        ReadOnlyMemory<T> trainX = x, trainY = y, validationX = default, validationY = default;
        ReadOnlyMemory<T> trainW = sampleWeight, validationW = default;
        int trainRows = rows, validationRows = 0;
        if (validationData is (T[] vx, T[] vy))
        {
            validationRows = DataChecks.Rows(vx, "validationData.X", TKernel.InputSize, options.Threads);
            DataChecks.Targets(vy, validationYName, validationRows, TKernel.OutputSize, TKernel.Description.LossFunction, "validationData.X");
            (validationX, validationY) = (vx, vy);
            if (validationSampleWeight is not null)
            {
                DataChecks.SampleWeights(validationSampleWeight, nameof(validationSampleWeight), validationRows, "validationData.X");
                validationW = validationSampleWeight;
            }
        }
        else if (validationSampleWeight is not null)
        {
            throw new ArgumentException("validationSampleWeight weighs the rows of validationData, which is not given.", nameof(validationSampleWeight));
        }
        else if (options.ValidationSplit > 0)
        {
            // Keras: split_at = floor(N · (1 - f)); training is x[:split_at], validation the rest, before shuffling.
            trainRows = (int)Math.Floor(rows * (1.0 - options.ValidationSplit));
            validationRows = rows - trainRows;
            if (trainRows == 0 || validationRows == 0)
            {
                throw new ArgumentException(
                    $"ValidationSplit {options.ValidationSplit} of {rows} rows leaves {trainRows} training and {validationRows} validation rows; both must be at least 1.",
                    nameof(options));
            }
            trainX = x.AsMemory(0, trainRows * TKernel.InputSize);
            trainY = y.AsMemory(0, trainRows * TargetSize);
            validationX = x.AsMemory(trainRows * TKernel.InputSize);
            validationY = y.AsMemory(trainRows * TargetSize);
            // Keras splits sample_weight with x and y: the validation rows keep theirs.
            if (sampleWeight is not null) (trainW, validationW) = (sampleWeight.AsMemory(0, trainRows), sampleWeight.AsMemory(trainRows));
        }
        // Keras turns class_weight into the training rows' sample weights (not the validation rows').
        if (options.ClassWeight is not null) trainW = ClassWeights.ToSampleWeights<T>(options.ClassWeight, trainY.Span, trainRows, TKernel.OutputSize, TargetSize);

        using var loop = new FitLoop<TKernel, T>(this, options, trainRows, validationRows);
        return loop.Run(trainX, trainY, trainW, validationX, validationY, validationW);
    }

    /// <summary>
    /// Trains on 2-D arrays, (rows, inputs) and (rows, outputs): see <see cref="Fit(T[], T[], FitOptions?, ValueTuple{T[], T[]}?, T[], T[])"/>.
    /// The arrays are copied once into row-major buffers.
    /// </summary>
    /// <param name="x">Inputs, (rows, inputs).</param>
    /// <param name="y">Targets, (rows, outputs); (rows, 1) class indices for sparse categorical cross-entropy.</param>
    /// <param name="options">Epochs, batch size, validation split...; Keras's defaults when null.</param>
    /// <param name="validationData">Explicit validation inputs and targets.</param>
    /// <param name="sampleWeight">A weight per row, as the other overload's.</param>
    /// <param name="validationSampleWeight">A weight per row of <paramref name="validationData"/>.</param>
    /// <returns>Per-epoch loss and metrics, for training and validation.</returns>
    public History Fit(T[,] x, T[,] y, FitOptions? options = null, (T[,] X, T[,] Y)? validationData = null, T[]? sampleWeight = null, T[]? validationSampleWeight = null)
        => Fit(
            Flatten(x, nameof(x), TKernel.InputSize),
            Flatten(y, nameof(y), TargetSize),
            options,
            validationData is (T[,] vx, T[,] vy)
                ? (Flatten(vx, "validationData.X", TKernel.InputSize), Flatten(vy, "validationData.Y", TargetSize))
                : null,
            sampleWeight,
            validationSampleWeight);

    /// <summary>
    /// Trains on integer class labels, as Keras's <c>fit</c> takes them for <c>sparse_categorical_crossentropy</c> (or for a
    /// model with one output, e.g. 0/1 labels under binary cross-entropy): see
    /// <see cref="Fit(T[], T[], FitOptions?, ValueTuple{T[], T[]}?, T[], T[])"/>. The labels are converted once.
    /// </summary>
    /// <param name="x">Inputs, (rows, inputs) row-major.</param>
    /// <param name="labels">One class index per row, in [0, outputs).</param>
    /// <param name="options">Epochs, batch size, validation split...; Keras's defaults when null.</param>
    /// <param name="validationData">Explicit validation inputs and labels.</param>
    /// <returns>Per-epoch loss and metrics, for training and validation.</returns>
    /// <exception cref="ArgumentException">
    /// The model's targets are not one value a row (its loss is not sparse categorical cross-entropy and it has several
    /// outputs: one-hot the labels with <see cref="Data.OneHot.Encode{T}(int[], int)"/>), a label is out of range, or as
    /// the other overload.
    /// </exception>
    /// <param name="sampleWeight">A weight per row, as the other overload's.</param>
    /// <param name="validationSampleWeight">A weight per row of <paramref name="validationData"/>.</param>
    public History Fit(T[] x, int[] labels, FitOptions? options = null, (T[] X, int[] Labels)? validationData = null, T[]? sampleWeight = null, T[]? validationSampleWeight = null)
        => Fit(x, LabelTargets(labels, nameof(labels)), options,
            validationData is (T[] vx, int[] vl) ? (vx, LabelTargets(vl, "validationData.Labels")) : null, sampleWeight, validationSampleWeight,
            nameof(labels), "validationData.Labels");

    /// <summary>Trains on a 2-D input array and integer class labels: see <see cref="Fit(T[], int[], FitOptions?, ValueTuple{T[], int[]}?, T[], T[])"/>.</summary>
    /// <param name="x">Inputs, (rows, inputs).</param>
    /// <param name="labels">One class index per row, in [0, outputs).</param>
    /// <param name="options">Epochs, batch size, validation split...; Keras's defaults when null.</param>
    /// <param name="validationData">Explicit validation inputs and labels.</param>
    /// <returns>Per-epoch loss and metrics, for training and validation.</returns>
    /// <param name="sampleWeight">A weight per row, as the other overload's.</param>
    /// <param name="validationSampleWeight">A weight per row of <paramref name="validationData"/>.</param>
    public History Fit(T[,] x, int[] labels, FitOptions? options = null, (T[,] X, int[] Labels)? validationData = null, T[]? sampleWeight = null, T[]? validationSampleWeight = null)
        => Fit(Flatten(x, nameof(x), TKernel.InputSize), labels, options,
            validationData is (T[,] vx, int[] vl) ? (Flatten(vx, "validationData.X", TKernel.InputSize), vl) : null, sampleWeight, validationSampleWeight);

    /// <summary>
    /// The mean loss and the metrics over all rows of x and its integer class labels: see
    /// <see cref="Evaluate(T[], T[], int, IReadOnlyList{Metric}?, T[], IReadOnlyList{Metric}?, int?)"/> and <see cref="Fit(T[], int[], FitOptions?, ValueTuple{T[], int[]}?, T[], T[])"/>.
    /// </summary>
    /// <param name="x">Inputs, (rows, inputs) row-major.</param>
    /// <param name="labels">One class index per row, in [0, outputs).</param>
    /// <param name="batchSize">Rows per forward pass (default 32); does not change the result.</param>
    /// <param name="metrics">The metrics to compute; null for the model's own, as the other overload.</param>
    /// <param name="sampleWeight">A weight per row, as the other overload's.</param>
    /// <param name="weightedMetrics">Metrics weighted by <paramref name="sampleWeight"/>, as the other overload's.</param>
    /// <param name="steps">Batches to evaluate, as the other overload's.</param>
    public EvaluationResult Evaluate(T[] x, int[] labels, int batchSize = 32, IReadOnlyList<Metric>? metrics = null, T[]? sampleWeight = null,
        IReadOnlyList<Metric>? weightedMetrics = null, int? steps = null)
        => Evaluate(x, LabelTargets(labels, nameof(labels)), batchSize, metrics, sampleWeight, weightedMetrics, steps, nameof(labels));

    /// <summary>Target values per row: the output width, or 1 (the class index) under sparse categorical cross-entropy.</summary>
    private static int TargetSize => LossTargets.Width(TKernel.Loss, TKernel.OutputSize);

    /// <summary>Integer labels as the model's targets, one value a row; only for a model whose targets are one value a row.</summary>
    private static T[] LabelTargets(int[] labels, string name)
    {
        ArgumentNullException.ThrowIfNull(labels, name);
        if (TargetSize != 1)
        {
            throw new ArgumentException(
                $"{name} are class indices, but this model ({TKernel.Description.LossFunction.KerasName}, {TKernel.OutputSize} outputs) takes " +
                $"{TKernel.OutputSize} targets a row: one-hot them with OneHot.Encode({name}, {TKernel.OutputSize}), or declare " +
                "Loss = Loss.SparseCategoricalCrossentropy.", name);
        }
        var targets = new T[labels.Length];
        for (int i = 0; i < labels.Length; i++) targets[i] = T.CreateTruncating(labels[i]);
        return targets;
    }

    /// <summary>
    /// The mean loss and the metrics over all rows of x and y (Keras's <c>evaluate</c>), with the current weights, in
    /// inference mode (Dropout passes its input through).
    /// </summary>
    /// <param name="x">Inputs, (rows, inputs) row-major.</param>
    /// <param name="y">Targets, (rows, outputs) row-major; (rows) class indices for sparse categorical cross-entropy.</param>
    /// <param name="batchSize">Rows per forward pass (default 32); does not change the result.</param>
    /// <param name="metrics">
    /// The metrics to compute (each is reset first); null for the model's declared metrics or, when it declares none,
    /// accuracy for the cross-entropies and mae for mean squared error, as <see cref="FitOptions.Metrics"/>.
    /// </param>
    /// <param name="sampleWeight">
    /// A weight per row (Keras's <c>sample_weight</c>): the loss is <c>Σ w·loss / rows</c>, and
    /// <paramref name="weightedMetrics"/> weigh the rows so; <paramref name="metrics"/> stay unweighted.
    /// </param>
    /// <param name="weightedMetrics">
    /// Metrics weighted by <paramref name="sampleWeight"/> (Keras's <c>weighted_metrics</c>; weights of 1 without it),
    /// each reset first, keyed after <paramref name="metrics"/> as <see cref="FitOptions.WeightedMetrics"/> keys them
    /// (<c>weighted_</c> + the name when a metric has that name). Null (the default): the model's declared ones (<c>[Model(WeightedMetrics = …)]</c>), or none; empty: none.
    /// </param>
    /// <param name="steps">
    /// Batches to evaluate (Keras's <c>steps</c>): the first <c>steps · batchSize</c> rows, or all when there are fewer;
    /// null (the default) for every row. Must be positive.
    /// </param>
    /// <exception cref="ArgumentException">
    /// Shapes do not fit the model, weights are negative or not finite, or a metric is null, does not fit the model,
    /// repeats a key, or is in both lists.
    /// </exception>
    /// <exception cref="NotSupportedException">A weighted metric does not weigh rows (<see cref="Metric.SupportsSampleWeight"/>).</exception>
    public EvaluationResult Evaluate(T[] x, T[] y, int batchSize = 32, IReadOnlyList<Metric>? metrics = null, T[]? sampleWeight = null,
        IReadOnlyList<Metric>? weightedMetrics = null, int? steps = null)
        => Evaluate(x, y, batchSize, metrics, sampleWeight, weightedMetrics, steps, nameof(y));

    private EvaluationResult Evaluate(T[] x, T[] y, int batchSize, IReadOnlyList<Metric>? metrics, T[]? sampleWeight, IReadOnlyList<Metric>? weightedMetrics,
        int? steps, string yName)
    {
        DataChecks.BatchSize(batchSize, nameof(batchSize));
        if (steps is <= 0) throw new ArgumentOutOfRangeException(nameof(steps), steps, $"steps must be positive (or null for every row), but is {steps}.");
        Metric[] chosen = MetricsFor(metrics, nameof(metrics));
        (Metric[] weighted, string[] weightedKeys) = WeightedMetricsFor(weightedMetrics, chosen, nameof(weightedMetrics));
        int rows = DataChecks.Rows(x, nameof(x), TKernel.InputSize);
        if (sampleWeight is not null) DataChecks.SampleWeights(sampleWeight, nameof(sampleWeight), rows, nameof(x));
        DataChecks.Targets(y, yName, rows, TKernel.OutputSize, TKernel.Description.LossFunction, nameof(x));
        using Trainer<TKernel, T> trainer = new(this, Math.Min(batchSize, rows));
        foreach (Metric metric in chosen) metric.Reset();
        foreach (Metric metric in weighted) metric.Reset();
        // Keras's evaluate(steps=n) over arrays: the first n batches (all of them when there are fewer).
        int evaluated = steps is int n ? (int)Math.Min(rows, (long)n * trainer.BatchSize) : rows;
        double loss = EvaluateWith(trainer, x, y, sampleWeight, 0, evaluated, chosen, weighted);
        return new EvaluationResult(loss,
            [.. chosen.Select(m => m.Name), .. weightedKeys],
            [.. chosen.Select(m => m.Result()), .. weighted.Select(m => m.Result())]);
    }

    /// <summary>The model's outputs for every row of x: (rows, outputs) row-major, e.g. class probabilities (Keras's <c>predict</c>).</summary>
    /// <param name="x">Inputs, (rows, inputs) row-major, finite.</param>
    /// <param name="threads">Threads to share the rows among (default 1); see <see cref="Predict(ReadOnlySpan{T}, Span{T}, int)"/>.</param>
    /// <exception cref="ArgumentException">x is not whole rows, or holds NaN or infinity.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="threads"/> is less than 1.</exception>
    public T[] Predict(T[] x, int threads = 1)
    {
        BulkPredict<TKernel, T>.CheckThreads(threads);
        int rows = DataChecks.Rows(x, nameof(x), TKernel.InputSize, threads);
        if ((long)rows * TKernel.OutputSize > Array.MaxLength)
        {
            throw new ArgumentException($"x has {rows} rows, whose {(long)rows * TKernel.OutputSize} outputs would not fit one array: predict it in parts into spans.", nameof(x));
        }
        var output = new T[rows * TKernel.OutputSize];
        _predict.Run(x, output, rows, threads);
        return output;
    }

    /// <summary>
    /// Writes the model's outputs for the rows of <paramref name="x"/> into <paramref name="destination"/>,
    /// (rows, outputs) row-major. Allocates nothing after warm-up (the first calls with a given thread count and
    /// block size, which size each thread's buffers). Inputs are not checked for NaN here.
    /// </summary>
    /// <param name="x">Inputs, (rows, inputs) row-major.</param>
    /// <param name="destination">The outputs, rows × outputs long.</param>
    /// <param name="threads">
    /// Threads to share the rows among (default 1, the calling thread). With more, and at least 192 rows, blocks of at
    /// most 128 rows are handed out one at a time to the calling thread and up to <c>threads - 1</c> process-wide
    /// helper threads (no more than the machine has cores). The blocks are the same whatever the thread count and
    /// each is computed the same way on any thread, so the result never depends on the thread count. On a machine
    /// whose other cores are busy, a helper that is descheduled in the middle of a block holds the call up: use 1 there.
    /// </param>
    /// <exception cref="ArgumentException">x is not whole rows, or destination is not rows × outputs long.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="threads"/> is less than 1.</exception>
    /// <exception cref="InvalidOperationException">Another thread is predicting with this model and sharing its rows (a model is not thread-safe).</exception>
    public void Predict(ReadOnlySpan<T> x, Span<T> destination, int threads = 1)
    {
        if (x.Length % TKernel.InputSize != 0)
        {
            throw new ArgumentException($"x has {x.Length} values, which is not a whole number of rows of {TKernel.InputSize}.", nameof(x));
        }
        int rows = x.Length / TKernel.InputSize;
        if (destination.Length != (long)rows * TKernel.OutputSize)
        {
            throw new ArgumentException(
                $"destination has {destination.Length} elements but x has {rows} rows: expected {rows} × {TKernel.OutputSize} = {(long)rows * TKernel.OutputSize}.",
                nameof(destination));
        }
        BulkPredict<TKernel, T>.CheckThreads(threads);
        _predict.Run(x, destination, rows, threads);
    }

    /// <summary>
    /// The mean loss over <paramref name="rows"/> rows, in batches of the trainer's size, in inference mode;
    /// <paramref name="metrics"/> (unweighted) and <paramref name="weightedMetrics"/> (by <paramref name="sampleWeight"/>,
    /// (rows) or empty for weights of 1) are updated with every batch (not reset).
    /// </summary>
    internal static double EvaluateWith(Trainer<TKernel, T> trainer, ReadOnlySpan<T> x, ReadOnlySpan<T> y, ReadOnlySpan<T> sampleWeight, int first, int rows,
        Metric[] metrics, Metric[] weightedMetrics)
    {
        double loss = 0;
        for (int start = first; start < first + rows; start += trainer.BatchSize)
        {
            int count = Math.Min(trainer.BatchSize, first + rows - start);
            ReadOnlySpan<T> batchY = y.Slice(start * TargetSize, count * TargetSize);
            ReadOnlySpan<T> batchW = sampleWeight.IsEmpty ? default : sampleWeight.Slice(start, count);
            BatchResult result = trainer.ForwardAndScore(x.Slice(start * TKernel.InputSize, count * TKernel.InputSize), batchY, batchW, count);
            loss += result.LossSum;
            if (metrics.Length + weightedMetrics.Length > 0) trainer.UpdateMetrics(metrics, weightedMetrics, result, batchY, batchW, count);
        }
        return loss / rows;
    }

    /// <summary>
    /// The metrics a fit or an evaluation reports: <paramref name="given"/>, else the model's declared ones, else the
    /// loss's default; checked (no null, distinct names, each fits the model).
    /// </summary>
    internal static Metric[] MetricsFor(IReadOnlyList<Metric>? given, string argument)
    {
        Metric[] metrics = given is not null
            ? given.ToArray()
            : TKernel.Description.Metrics.Count > 0
                ? TKernel.Description.Metrics.Select(Metric.FromName).ToArray()
                : [MetricNames.DefaultFor(TKernel.Loss)];
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (Metric? metric in metrics)
        {
            if (metric is null) throw new ArgumentException("The metrics must not hold null entries.", argument);
            if (!names.Add(metric.Name))
            {
                throw new ArgumentException($"Two metrics are named '{metric.Name}': each name is a key of the history and the logs, so names must be distinct (give one a name).", argument);
            }
            if (metric.MisfitFor(TKernel.Loss, TKernel.OutputSize) is string why)
            {
                throw new ArgumentException($"The metric '{metric.Name}' does not fit this model ({TKernel.Loss}, {TKernel.OutputSize} outputs): {why}.", argument);
            }
        }
        return metrics;
    }

    /// <summary>
    /// The weighted metrics of a fit or an evaluation (<paramref name="given"/>; none when null) and their keys, as
    /// Keras's <c>CompileMetrics.result</c> (keras/src/trainers/compile_utils.py) names them after the unweighted
    /// <paramref name="metrics"/>: the metric's name, or <c>weighted_</c> + the name when an unweighted metric has it.
    /// Checked as <see cref="MetricsFor"/>, and: each weighs rows, no instance is also unweighted, the keys are distinct
    /// from each other and from the unweighted names (where Keras would append <c>_1</c>, FastDense refuses, as it does
    /// for two metrics of one name).
    /// </summary>
    internal static (Metric[] Metrics, string[] Keys) WeightedMetricsFor(IReadOnlyList<Metric>? given, Metric[] metrics, string argument)
    {
        // Null: the model's declared weighted metrics ([Model(WeightedMetrics = …)]), new instances; empty: none.
        given ??= TKernel.Description.WeightedMetrics.Select(Metric.FromName).ToArray();
        if (given.Count == 0) return ([], []);
        Metric[] weighted = given.ToArray();
        var names = new HashSet<string>(metrics.Select(m => m.Name), StringComparer.Ordinal);
        var keys = new string[weighted.Length];
        var weightedNames = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < weighted.Length; i++)
        {
            Metric? metric = weighted[i];
            if (metric is null) throw new ArgumentException("The weighted metrics must not hold null entries.", argument);
            if (Array.IndexOf(metrics, metric) >= 0)
            {
                throw new ArgumentException($"The metric '{metric.Name}' is both weighted and unweighted: one instance holds one state, so give each list its own instance.", argument);
            }
            if (!weightedNames.Add(metric.Name))
            {
                throw new ArgumentException($"Two weighted metrics are named '{metric.Name}': each name is a key of the history and the logs, so names must be distinct (give one a name).", argument);
            }
            if (!metric.SupportsSampleWeight)
            {
                throw new NotSupportedException($"The weighted metric '{metric.Name}' does not weigh rows (Metric.SupportsSampleWeight is false).");
            }
            if (metric.MisfitFor(TKernel.Loss, TKernel.OutputSize) is string why)
            {
                throw new ArgumentException($"The weighted metric '{metric.Name}' does not fit this model ({TKernel.Loss}, {TKernel.OutputSize} outputs): {why}.", argument);
            }
            keys[i] = names.Contains(metric.Name) ? "weighted_" + metric.Name : metric.Name;
        }
        foreach (string key in keys)
        {
            if (!names.Add(key))
            {
                throw new ArgumentException($"The weighted metrics' key '{key}' is also a metric's name or another weighted metric's key: keys of the history and the logs must be distinct (give one a name).", argument);
            }
        }
        return (weighted, keys);
    }

    private static void CheckOptions(FitOptions options)
    {
        if (options.Epochs < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.Epochs, $"FitOptions.Epochs must be at least 1, but is {options.Epochs}.");
        }
        if (options.InitialEpoch < 0 || options.InitialEpoch >= options.Epochs)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.InitialEpoch,
                $"FitOptions.InitialEpoch must be at least 0 and less than Epochs ({options.Epochs}), but is {options.InitialEpoch}.");
        }
        if (options.BatchSize <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.BatchSize, $"FitOptions.BatchSize must be positive, but is {options.BatchSize}.");
        }
        if (!(options.ValidationSplit >= 0 && options.ValidationSplit < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.ValidationSplit,
                $"FitOptions.ValidationSplit must be in [0, 1), but is {options.ValidationSplit}.");
        }
        if (options.Threads < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.Threads, $"FitOptions.Threads must be at least 1, but is {options.Threads}.");
        }
        if (!Enum.IsDefined(options.Verbose))
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.Verbose, $"FitOptions.Verbose must be a Verbosity (Auto, Silent, ProgressBar, OneLinePerEpoch), but is {(int)options.Verbose}.");
        }
        if (options.ValidationFrequency < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.ValidationFrequency, $"FitOptions.ValidationFrequency must be at least 1, but is {options.ValidationFrequency}.");
        }
        if (options.StepsPerEpoch is <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.StepsPerEpoch, $"FitOptions.StepsPerEpoch must be positive (or null for one pass over the rows), but is {options.StepsPerEpoch}.");
        }
        if (options.ValidationSteps is <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.ValidationSteps, $"FitOptions.ValidationSteps must be positive (or null for every validation row), but is {options.ValidationSteps}.");
        }
        if (options.ValidationBatchSize is <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.ValidationBatchSize, $"FitOptions.ValidationBatchSize must be positive (or null for BatchSize), but is {options.ValidationBatchSize}.");
        }
        if (options.Callbacks is null || options.Callbacks.Any(c => c is null))
        {
            throw new ArgumentException("FitOptions.Callbacks must not be null or hold null entries.", nameof(options));
        }
    }

    private static T[] Flatten(T[,] values, string name, int width)
    {
        ArgumentNullException.ThrowIfNull(values, name);
        if (values.GetLength(1) != width)
        {
            throw new ArgumentException($"{name} has {values.GetLength(1)} columns, but the model expects {width}.", name);
        }
        var flat = new T[values.Length];
        int i = 0;
        foreach (T value in values) flat[i++] = value; // row-major, the order C# stores a T[,]
        return flat;
    }
}
