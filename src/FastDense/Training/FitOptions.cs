namespace FastDense;

/// <summary>The arguments of <c>Model.Fit</c>, with Keras's defaults.</summary>
public sealed class FitOptions
{
    /// <summary>
    /// The index of the last epoch, plus one (Keras's <c>epochs</c>, default 1): training runs epochs
    /// <see cref="InitialEpoch"/> to <c>Epochs - 1</c>. Must be greater than <see cref="InitialEpoch"/>.
    /// </summary>
    public int Epochs { get; init; } = 1;

    /// <summary>
    /// The epoch to start at (Keras's <c>initial_epoch</c>, default 0), to resume a run from a checkpoint taken after
    /// that many epochs. The shuffled row orders of the epochs before it are drawn again from <see cref="Seed"/> (no
    /// training), so that the resumed epochs see the same batches as an uninterrupted run.
    /// </summary>
    public int InitialEpoch { get; init; }

    /// <summary>Rows per gradient update (default 32). The last batch of an epoch holds the remainder. Must be positive.</summary>
    public int BatchSize { get; init; } = 32;

    /// <summary>Whether the training rows are shuffled before each epoch (default true). The order is seeded by <see cref="Seed"/>.</summary>
    public bool Shuffle { get; init; } = true;

    /// <summary>
    /// The fraction of the data held out for validation, in [0, 1) (default 0). As in Keras, validation is the
    /// last <c>N - floor(N · (1 - f))</c> rows of x and y, taken before any shuffling; the model never trains on them.
    /// Ignored when <c>Fit</c> is given validation data (Keras: validation_data overrides validation_split).
    /// </summary>
    public double ValidationSplit { get; init; }

    /// <summary>What progress is written (Keras's <c>verbose</c>, default <see cref="Verbosity.Auto"/>).</summary>
    public Verbosity Verbose { get; init; } = Verbosity.Auto;

    /// <summary>
    /// Validate every this many epochs (Keras's <c>validation_freq</c>, default 1): after epochs
    /// <c>f - 1, 2f - 1, ...</c> (counting from 0), so the <c>val_</c> series of <see cref="History"/> hold one value per
    /// validation. Must be at least 1.
    /// </summary>
    public int ValidationFrequency { get; init; } = 1;

    /// <summary>Rows per forward pass of the validation (Keras's <c>validation_batch_size</c>); null (the default) takes <see cref="BatchSize"/>. Does not change the result beyond rounding.</summary>
    public int? ValidationBatchSize { get; init; }

    /// <summary>
    /// Batches per epoch (Keras's <c>steps_per_epoch</c>); null (the default) is one pass over the training rows. As Keras
    /// iterates arrays with it: the epochs continue one pass over the (shuffled) rows where the previous epoch stopped,
    /// and a new pass, shuffled again, starts when one ends; an epoch during which the pass runs out ends there, early,
    /// with a one-time notice (Keras's "Your input ran out of data" warning). Must be positive.
    /// </summary>
    public int? StepsPerEpoch { get; init; }

    /// <summary>
    /// Batches per validation (Keras's <c>validation_steps</c>); null (the default) is all the validation rows. As Keras's
    /// cached validation iterator does, each validation continues where the previous one stopped, starting over from
    /// the first validation row once all have been used (a validation during which they run out ends there, early).
    /// Must be positive.
    /// </summary>
    public int? ValidationSteps { get; init; }

    /// <summary>Where progress is written (default: <see cref="Console.Out"/>).</summary>
    public TextWriter? Output { get; init; }

    /// <summary>The seed of the shuffling order (default 0): the same seed, data and model give the same run.</summary>
    public int Seed { get; init; }

    /// <summary>
    /// Threads a training step may use (default 1). With 2 or more, batches large enough to repay it
    /// (<see cref="Trainer{TKernel, T}.MinRowsPerShard"/> rows per thread) are split over threads, data-parallel; smaller
    /// ones still run on one. Results are deterministic for a given thread count, and differ from the one-thread
    /// results only by rounding.
    /// </summary>
    public int Threads { get; init; } = 1;

    /// <summary>
    /// Whether training stops at the first batch whose loss or gradient is NaN or infinite (default true; beyond
    /// Keras, which trains on and leaves NaN weights unless a <see cref="TerminateOnNaN"/> callback is given). That
    /// batch's update is not applied, so the parameters and the optimizer's state are those from before it; one line
    /// saying so is written to <see cref="Output"/> (whatever <see cref="Verbose"/> is), <see cref="History.Stop"/>
    /// records the epoch and batch, and the epoch in progress is not recorded (it did not finish). If the parameters
    /// are not finite even so (an update that overflowed, which the next batch's loss reveals), or at the end of an epoch
    /// (checked then too: the epoch's last update, or a weight the loss does not see), they and the
    /// optimizer's state are restored from the start of the epoch. After <c>Fit</c> returns the model never holds NaN;
    /// a model that already holds NaN or infinity is refused before training (InvalidOperationException).
    /// False trains on, as Keras does.
    /// </summary>
    public bool StopOnNonFinite { get; init; } = true;

    /// <summary>
    /// The metrics to report beside the loss, in order (Keras's <c>compile(metrics=[...])</c>): each is a key of the
    /// <see cref="History"/> and of the callbacks' <see cref="Logs"/>, with <c>val_</c> + its name after validation.
    /// Null (the default) reports the metrics the model declares (<c>[Model(Metrics = …)]</c>) or, when it declares
    /// none, accuracy for the cross-entropies and mae for mean squared error (beyond Keras, which then reports only the
    /// loss); an empty list reports only the loss. Names must be distinct. <c>Fit</c> resets each metric at every
    /// epoch's start and before validation.
    /// </summary>
    public IReadOnlyList<Metric>? Metrics { get; init; }

    /// <summary>
    /// Metrics weighted by the rows' sample weights (Keras's <c>compile(weighted_metrics=[...])</c>): each training batch
    /// updates them with its weights (<c>Fit</c>'s <c>sampleWeight</c>, or those <see cref="ClassWeight"/> gives), the
    /// validation with the validation rows' weights (<c>validationSampleWeight</c>, or the split's share of
    /// <c>sampleWeight</c>; class weights do not reach validation); rows without weights weigh 1, so then they equal
    /// their unweighted twins. A mean metric becomes <c>Σ w·value / Σ w</c>, a confusion count the sum of the counted
    /// outputs' row weights (see each metric). Keyed as Keras's <c>CompileMetrics.result</c>
    /// (keras/src/trainers/compile_utils.py) keys them: by its name, or <c>weighted_</c> + its name when one of
    /// <see cref="Metrics"/> has that name (<c>accuracy</c> in both gives <c>accuracy</c> and <c>weighted_accuracy</c>);
    /// after the metrics in the logs, the history and the progress line, with <c>val_</c> after validation. Names must
    /// be distinct among them, their keys distinct from the metrics', no instance may be in both lists, and each must
    /// weigh rows (<see cref="Metric.SupportsSampleWeight"/>; every FastDense metric does). Null (the default): the
    /// model's declared ones (<c>[Model(WeightedMetrics = …)]</c>), or none; empty: none.
    /// </summary>
    public IReadOnlyList<Metric>? WeightedMetrics { get; init; }

    /// <summary>
    /// Keras's <c>class_weight</c>: a weight per class index, which weighs each training row by its class (the arg-max
    /// of a one-hot row, a class-index target, or a single output's target rounded, as
    /// keras/src/trainers/data_adapters/data_adapter_utils.py's <c>class_weight_to_sample_weights</c> reads it); a class
    /// not listed weighs 1. The loss becomes <c>Σ w·loss / rows</c>, and <see cref="WeightedMetrics"/> weigh the training
    /// rows so; the validation rows and <see cref="Metrics"/> stay unweighted, as in Keras. Weights must be finite and non-negative, and a key a class of the model (in [0, outputs) for several
    /// outputs; any non-negative value for one). Not with <c>Fit</c>'s <c>sampleWeight</c>. Null (the default): none.
    /// </summary>
    public IReadOnlyDictionary<int, double>? ClassWeight { get; init; }

    /// <summary>Hooks called at epoch and batch boundaries (Keras's callbacks).</summary>
    public IReadOnlyList<Callback> Callbacks { get; init; } = Array.Empty<Callback>();
}

/// <summary>What <c>Fit</c> writes while it trains (Keras's <c>verbose</c>: "auto", 0, 1, 2).</summary>
public enum Verbosity
{
    /// <summary>Nothing (Keras's 0), except a line when training stops on a non-finite loss.</summary>
    Silent = 0,

    /// <summary>
    /// A progress bar per epoch (Keras's 1), rewritten in place on a terminal; one finished line per epoch when the
    /// output is redirected, so logs hold no carriage-return frames.
    /// </summary>
    ProgressBar = 1,

    /// <summary>One line per epoch (Keras's 2).</summary>
    OneLinePerEpoch = 2,

    /// <summary>Keras's "auto", the default: <see cref="ProgressBar"/>.</summary>
    Auto = 3,
}
