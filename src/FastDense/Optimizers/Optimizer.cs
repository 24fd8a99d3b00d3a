using System.Globalization;
using System.Numerics;
using FastDense.Kernels;
using FastDense.Optimizers;

namespace FastDense;

/// <summary>
/// Updates a model's flat parameter buffer from its flat gradient buffer, once per batch. An optimizer owns its
/// state (Adam's moments, ...) as buffers with the parameter buffer's layout, so an update is one fused pass over
/// all parameters. State is created at the first step and kept across <c>Fit</c> calls, as in Keras.
/// Use one optimizer instance per model.
/// </summary>
public abstract class Optimizer
{
    private Array? _state;
    private double _learningRate;
    private LearningRateSchedule? _schedule;

    // The schedule's rate for the step under way, taken once by BeginSteps: the update's ranges (on several threads)
    // read LearningRate and must all see this value without calling the schedule again.
    private double _stepRate;
    private long _stepRateIterations = -1;

    /// <summary>Sets the learning rate.</summary>
    /// <param name="learningRate">The step size; positive and finite.</param>
    protected Optimizer(double learningRate) => LearningRate = learningRate;

    /// <summary>
    /// The step size: the constant rate, or with a <see cref="LearningRateSchedule"/> the schedule's rate at
    /// <see cref="Iterations"/> (the rate of the next update), as Keras's <c>optimizer.learning_rate</c>. A constant
    /// rate may be changed between steps (a callback can set it).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Set to a value that is not positive and finite.</exception>
    /// <exception cref="InvalidOperationException">Set while a <see cref="LearningRateSchedule"/> is in use.</exception>
    public double LearningRate
    {
        get => _schedule is null ? _learningRate
            : _stepRateIterations == Iterations ? _stepRate
            : _schedule.GetLearningRate(Iterations);
        set
        {
            if (_schedule is not null)
            {
                throw new InvalidOperationException(
                    $"This optimizer's learning rate follows its LearningRateSchedule ({_schedule.GetType().Name}) and cannot be set. Set LearningRateSchedule to null first to use a constant rate.");
            }
            if (!double.IsFinite(value) || value <= 0)
            {
                throw new ArgumentOutOfRangeException(nameof(LearningRate), value, "The learning rate must be positive and finite.");
            }
            _learningRate = value;
        }
    }

    /// <summary>
    /// The schedule the learning rate follows, or null (the default) for the constant <see cref="LearningRate"/>.
    /// Keras's <c>learning_rate</c> argument given a <c>LearningRateSchedule</c>. Each update uses the schedule's
    /// rate at <see cref="Iterations"/> before the update: 0 on the first. Setting null returns to the constant rate
    /// the optimizer had before (the one it was built with unless set since).
    /// </summary>
    public LearningRateSchedule? LearningRateSchedule
    {
        get => _schedule;
        set
        {
            _schedule = value;
            _stepRateIterations = -1;
        }
    }

    /// <summary>The number of updates applied so far (Keras's <c>optimizer.iterations</c>).</summary>
    public long Iterations { get; private set; }

    /// <summary>How many state buffers, each as long as the parameter buffer, the optimizer keeps.</summary>
    protected abstract int StateSlots { get; }

    /// <summary><see cref="StateSlots"/>, for the runtime (checkpoints, the divergence guard).</summary>
    internal int SlotCount => StateSlots;

    /// <summary>
    /// The live state: <see cref="SlotCount"/> buffers back to back, each with the parameter layout, as a <c>T[]</c>;
    /// null before the first step (and after <see cref="Reset"/>).
    /// </summary>
    internal Array? State => _state;

    /// <summary>Replaces the state and the iteration count (a checkpoint's, or a copy taken earlier); null state means none yet.</summary>
    internal void RestoreState(Array? state, long iterations)
    {
        _state = state;
        Iterations = iterations;
    }

    /// <summary>
    /// Adds the hyperparameters other than the learning rate, each as a name and an invariant round-trip string
    /// (doubles formatted "R"), to <paramref name="hyperparameters"/>. A checkpoint stores them and loads only into an
    /// optimizer that describes the same ones. None by default.
    /// </summary>
    internal virtual void DescribeHyperparameters(List<KeyValuePair<string, string>> hyperparameters)
    {
    }

    /// <summary>Forgets all state (moments and the iteration count), as a freshly built optimizer.</summary>
    public void Reset()
    {
        _state = null;
        Iterations = 0;
    }

    /// <summary>Applies one update: <paramref name="parameters"/> move against <paramref name="gradients"/>.</summary>
    /// <exception cref="ArgumentException">The two buffers differ in length.</exception>
    public void Step<T>(Span<T> parameters, ReadOnlySpan<T> gradients)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        if (parameters.Length != gradients.Length)
        {
            throw new ArgumentException(
                $"The gradient buffer has {gradients.Length} elements but the parameter buffer has {parameters.Length}.", nameof(gradients));
        }
        (T[] state, long step) = BeginSteps<T>(parameters.Length);
        // Keras's order (base_optimizer.apply): clip the gradients, decay the weights, then update.
        ReadOnlySpan<T> clipped = Clipped(gradients);
        DecayWeights(parameters);
        Apply(parameters, clipped, state, step);
        EndSteps();
    }

    /// <summary>
    /// Whether <see cref="ApplyRange{T}(Span{T}, ReadOnlySpan{T}, Span{T}, int, int, long)"/> may update the buffers piece by piece (an elementwise rule, as Adam's and
    /// SGD's). The trainer then splits the update of a multi-threaded step between its threads.
    /// </summary>
    internal bool UpdatesInRanges => IsElementwise && !AdjustsBeforeTheUpdate;

    private double? _weightDecay, _clipNorm, _clipValue, _globalClipNorm;
    private string[] _excludedFromWeightDecay = [];
    // The model's trainable tensors (offset, length, name), for clipnorm per tensor and the weight decay's exclusions.
    private (int Offset, int Length, string Name)[] _tensors = [];
    private ModelDescription? _boundTo;
    private Array? _clipped;   // the clipped gradient, reused from step to step

    /// <summary>
    /// Keras's <c>weight_decay</c>: before each update, every parameter not excluded (<see cref="ExcludeFromWeightDecay"/>)
    /// becomes <c>p − p · weight_decay · learning_rate</c> (keras/src/optimizers/base_optimizer.py, <c>_apply_weight_decay</c>).
    /// Null (Keras's default for every optimizer but AdamW) or 0 applies none. Must be finite and not negative.
    /// </summary>
    public double? WeightDecay
    {
        get => _weightDecay;
        set
        {
            if (value is double v && !(double.IsFinite(v) && v >= 0))
            {
                throw new ArgumentOutOfRangeException(nameof(WeightDecay), value, "WeightDecay must be finite and not negative (or null for none).");
            }
            _weightDecay = value;
        }
    }

    /// <summary>Keras's <c>clipnorm</c>: each tensor's gradient is scaled to an L2 norm of at most this. Only one of the three clippings may be set.</summary>
    public double? ClipNorm
    {
        get => _clipNorm;
        set => _clipNorm = CheckedClip(value, nameof(ClipNorm));
    }

    /// <summary>Keras's <c>clipvalue</c>: every gradient element is clipped to [−value, value]. Only one of the three clippings may be set.</summary>
    public double? ClipValue
    {
        get => _clipValue;
        set => _clipValue = CheckedClip(value, nameof(ClipValue));
    }

    /// <summary>Keras's <c>global_clipnorm</c>: the whole gradient is scaled to an L2 norm (over every tensor) of at most this. Only one of the three clippings may be set.</summary>
    public double? GlobalClipNorm
    {
        get => _globalClipNorm;
        set => _globalClipNorm = CheckedClip(value, nameof(GlobalClipNorm));
    }

    /// <summary>
    /// Keras's <c>exclude_from_weight_decay(var_names=...)</c>: tensors whose name contains any of
    /// <paramref name="nameParts"/> (<c>"bias"</c>, <c>"gamma"</c>) are not decayed. Replaces any earlier exclusion.
    /// </summary>
    /// <param name="nameParts">Parts of tensor names (<c>dense_0/bias</c> contains <c>bias</c>).</param>
    public void ExcludeFromWeightDecay(params string[] nameParts)
    {
        ArgumentNullException.ThrowIfNull(nameParts);
        if (nameParts.Any(string.IsNullOrEmpty)) throw new ArgumentException("The name parts must not be null or empty.", nameof(nameParts));
        _excludedFromWeightDecay = (string[])nameParts.Clone();
    }

    /// <summary>The name parts given to <see cref="ExcludeFromWeightDecay"/>.</summary>
    public IReadOnlyList<string> ExcludedFromWeightDecay => _excludedFromWeightDecay;

    private double? CheckedClip(double? value, string name)
    {
        if (value is double v && !(double.IsFinite(v) && v > 0))
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be positive and finite (or null for none).");
        }
        int others = (name != nameof(ClipNorm) && _clipNorm is not null ? 1 : 0) + (name != nameof(ClipValue) && _clipValue is not null ? 1 : 0)
            + (name != nameof(GlobalClipNorm) && _globalClipNorm is not null ? 1 : 0);
        if (value is not null && others > 0)
        {
            // Keras: "Only one of `clipnorm`, `clipvalue` and `global_clipnorm` can be set."
            throw new InvalidOperationException($"Only one of ClipNorm, ClipValue and GlobalClipNorm can be set; set the other to null first to use {name}.");
        }
        return value;
    }

    /// <summary>Whether a pass runs before the update (clipping, weight decay): the update then runs on one thread, after the shards' gradients are combined.</summary>
    internal bool AdjustsBeforeTheUpdate => _clipNorm is not null || _clipValue is not null || _globalClipNorm is not null || _weightDecay is > 0;

    /// <summary>The model's trainable tensors (offset, length, name) as bound, or one tensor over the whole buffer when none is.</summary>
    private protected (int Offset, int Length, string Name)[] TensorsOf(int parameterCount)
    {
        if (_tensors.Length > 0) return _tensors;
        // Unbound (Step on a bare buffer): one tensor over it, kept so that a step allocates nothing.
        if (_wholeBuffer.Length != 1 || _wholeBuffer[0].Length != parameterCount) _wholeBuffer = [(0, parameterCount, "")];
        return _wholeBuffer;
    }

    private (int Offset, int Length, string Name)[] _wholeBuffer = [];

    /// <summary>Tells the optimizer the model's tensors (for clipnorm per tensor and the weight decay's exclusions); cheap when already bound.</summary>
    internal void Bind(ModelDescription description)
    {
        if (ReferenceEquals(_boundTo, description)) return;
        _tensors = description.Tensors.Where(t => t.Trainable).Select(t => (t.Offset, t.Length, t.Name)).ToArray();
        _boundTo = description;
    }

    /// <summary>The gradient clipped as Keras's <c>_clip_gradients</c> does, in a buffer kept for the next step; the gradient itself when no clipping is set.</summary>
    private ReadOnlySpan<T> Clipped<T>(ReadOnlySpan<T> gradients)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        if (_clipNorm is null && _clipValue is null && _globalClipNorm is null) return gradients;
        if (_clipped is not T[] clipped || clipped.Length != gradients.Length) _clipped = clipped = new T[gradients.Length];
        gradients.CopyTo(clipped);
        if (_clipValue is double value)
        {
            System.Numerics.Tensors.TensorPrimitives.Clamp<T>(clipped, T.CreateTruncating(-value), T.CreateTruncating(value), clipped);
        }
        else if (_globalClipNorm is double global)
        {
            double norm = Math.Sqrt(SumOfSquares<T>(clipped));
            if (norm > global) System.Numerics.Tensors.TensorPrimitives.Multiply<T>(clipped, T.CreateTruncating(global / norm), clipped);
        }
        else if (_clipNorm is double clip)
        {
            // Per tensor (Keras: each variable's gradient); without a bound model the whole buffer is one tensor.
            foreach ((int offset, int length, _) in TensorsOf(clipped.Length))
            {
                Span<T> tensor = clipped.AsSpan(offset, length);
                double norm = Math.Sqrt(SumOfSquares<T>(tensor));
                if (norm > clip) System.Numerics.Tensors.TensorPrimitives.Multiply<T>(tensor, T.CreateTruncating(clip / norm), tensor);
            }
        }
        return clipped;
    }

    private static double SumOfSquares<T>(ReadOnlySpan<T> values)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        double sum = 0;
        foreach (T value in values)
        {
            double v = double.CreateTruncating(value);
            sum += v * v;
        }
        return sum;
    }

    /// <summary>Keras's <c>_apply_weight_decay</c>: <c>p − p · weight_decay · learning_rate</c> for every tensor not excluded.</summary>
    private void DecayWeights<T>(Span<T> parameters)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        if (_weightDecay is not > 0) return;
        T factor = T.CreateTruncating(_weightDecay.Value * LearningRate);
        foreach ((int offset, int length, string name) in TensorsOf(parameters.Length))
        {
            if (IsExcluded(name)) continue;
            Span<T> tensor = parameters.Slice(offset, length);
            // p - p · factor, a product then a difference in every lane: the scalar tail's rounding exactly (no fused multiply-add).
            int i = 0;
            if (Vector.IsHardwareAccelerated)
            {
                var f = new Vector<T>(factor);
                for (; i + Vector<T>.Count <= tensor.Length; i += Vector<T>.Count)
                {
                    var p = new Vector<T>(tensor.Slice(i));
                    (p - p * f).CopyTo(tensor.Slice(i));
                }
            }
            for (; i < tensor.Length; i++) tensor[i] -= tensor[i] * factor;
        }
    }

    private bool IsExcluded(string name)
    {
        foreach (string part in _excludedFromWeightDecay)
        {
            if (name.Contains(part, StringComparison.Ordinal)) return true;
        }
        return false;
    }

    /// <summary>The decay and clipping settings a checkpoint records (only those set, so files without them still load).</summary>
    internal void DescribeAdjustments(List<KeyValuePair<string, string>> hyperparameters)
    {
        if (_weightDecay is double decay) hyperparameters.Add(new("weight_decay", decay.ToString("R", CultureInfo.InvariantCulture)));
        if (_excludedFromWeightDecay.Length > 0) hyperparameters.Add(new("exclude_from_weight_decay", string.Join(",", _excludedFromWeightDecay)));
        if (_clipNorm is double norm) hyperparameters.Add(new("clipnorm", norm.ToString("R", CultureInfo.InvariantCulture)));
        if (_clipValue is double value) hyperparameters.Add(new("clipvalue", value.ToString("R", CultureInfo.InvariantCulture)));
        if (_globalClipNorm is double global) hyperparameters.Add(new("global_clipnorm", global.ToString("R", CultureInfo.InvariantCulture)));
    }

    /// <summary>
    /// Whether this is one of the built-in element-wise optimizers, whose update is an <see cref="IElementwiseRule{T}"/>
    /// run by <see cref="ElementwiseUpdate"/> through <see cref="UpdateElements"/>.
    /// </summary>
    private protected virtual bool IsElementwise => false;

    /// <summary>
    /// The built-in element-wise optimizers' update of parameters [start, start + gradient.Length) and their state
    /// (the whole buffers are passed; slot k of parameter i is <c>state[k · parameters.Length + i]</c>).
    /// </summary>
    private protected virtual void UpdateElements<T, TGradient>(KernelPath path, Span<T> parameters, Span<T> state, int start, TGradient gradient, long step)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        where TGradient : struct, IGradientSource<T>, allows ref struct
        => throw new NotSupportedException($"{GetType().Name} is not an element-wise optimizer.");

    /// <summary>The whole update of a built-in element-wise optimizer, on the kernel path this process runs.</summary>
    private protected void UpdateAll<T>(Span<T> parameters, ReadOnlySpan<T> gradients, Span<T> state, long step)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => UpdateElements(KernelDispatch.Selected, parameters, state, 0, new OneGradient<T>(gradients), step);

    /// <summary>The whole update on a given kernel path (tests reach every path through this).</summary>
    internal void UpdateOnPath<T>(KernelPath path, Span<T> parameters, ReadOnlySpan<T> gradients, Span<T> state, long step)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => UpdateElements(path, parameters, state, 0, new OneGradient<T>(gradients), step);

    /// <summary>
    /// Starts a step that <see cref="ApplyRange{T}(Span{T}, ReadOnlySpan{T}, Span{T}, int, int, long)"/> will carry out in pieces (possibly on several threads) and
    /// <see cref="EndSteps"/> will close: creates the state on the first step and, with a
    /// <see cref="LearningRateSchedule"/>, takes the step's rate, which <see cref="LearningRate"/> then returns until
    /// <see cref="EndSteps"/>. Returns the state and the step number.
    /// </summary>
    /// <exception cref="InvalidOperationException">The schedule's rate is negative, NaN or infinite.</exception>
    internal (T[] State, long Step) BeginSteps<T>(int parameterCount)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        int stateLength = StateSlots * parameterCount;
        T[]? state = _state as T[];
        bool fresh = state is null || state.Length != stateLength;
        if (_schedule is not null)
        {
            // Before any state changes, so a refused rate leaves the optimizer as it was.
            long iterations = fresh ? 0 : Iterations;
            double rate = _schedule.GetLearningRate(iterations);
            if (!(double.IsFinite(rate) && rate >= 0))
            {
                throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                    $"The learning-rate schedule {_schedule.GetType().Name} gave {rate} at step {iterations}; a learning rate must be finite and not negative."));
            }
            _stepRate = rate;
            _stepRateIterations = iterations;
        }
        if (fresh)
        {
            state = new T[stateLength];
            InitializeState<T>(state, parameterCount);
            _state = state;
            Iterations = 0;
        }
        return (state!, Iterations + 1);
    }

    /// <summary>
    /// Sets the starting values of state just created by <see cref="BeginSteps"/> (zeroed before the call), for an
    /// optimizer whose slots do not start at zero: Keras starts Adagrad's and Ftrl's accumulators at
    /// <c>initial_accumulator_value</c>, and storing anything else would round differently from their sums. Not called
    /// for a restored state.
    /// </summary>
    private protected virtual void InitializeState<T>(Span<T> state, int parameterCount)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
    }

    /// <summary>Closes a step begun with <see cref="BeginSteps"/>, after every range has been applied.</summary>
    internal void EndSteps() => Iterations++;

    /// <summary>Whether <see cref="ApplyRange{T}(Span{T}, ReadOnlySpan{T}, T, ReadOnlySpan{T}, T, Span{T}, int, int, long)"/>
    /// is available for <typeparamref name="T"/> on this machine.</summary>
    internal bool CombinesShardPairs<T>()
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => IsElementwise;

    /// <summary>
    /// The update of parameters [start, start + length) from a gradient split over two shards, combined as it is
    /// read: <c>g = first·firstScale + second·secondScale</c> (each product rounded, then the sum), the same bits as
    /// the trainer's combination. Only called where <see cref="CombinesShardPairs{T}"/> is true; otherwise the
    /// trainer combines the shards itself and calls the single-gradient overload.
    /// </summary>
    internal void ApplyRange<T>(Span<T> parameters, ReadOnlySpan<T> first, T firstScale, ReadOnlySpan<T> second, T secondScale,
        Span<T> state, int start, int length, long step)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => UpdateElements(KernelDispatch.Selected, parameters, state, start,
            new ShardPair<T>(first.Slice(start, length), firstScale, second.Slice(start, length), secondScale), step);

    /// <summary>
    /// The update of elements [start, start + length) only, for optimizers whose <see cref="UpdatesInRanges"/> is
    /// true; <paramref name="parameters"/>, <paramref name="gradients"/> and <paramref name="state"/> are whole.
    /// </summary>
    internal void ApplyRange<T>(Span<T> parameters, ReadOnlySpan<T> gradients, Span<T> state, int start, int length, long step)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => UpdateElements(KernelDispatch.Selected, parameters, state, start, new OneGradient<T>(gradients.Slice(start, length)), step);

    /// <summary>
    /// The update rule. <paramref name="state"/> holds <see cref="StateSlots"/> buffers back to back, each with the
    /// parameter layout, zero before the first step. <paramref name="step"/> counts from 1.
    /// </summary>
    protected abstract void Apply<T>(Span<T> parameters, ReadOnlySpan<T> gradients, Span<T> state, long step)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>;
}
