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

    /// <summary>
    /// The number of steps taken so far: Keras's iteration variable (<c>optimizer._iterations</c>), which counts every
    /// call of <c>apply</c> and which a <see cref="LearningRateSchedule"/> reads. Without
    /// <see cref="GradientAccumulationSteps"/> every step applies an update and this is Keras's
    /// <c>optimizer.iterations</c>; with it, Keras's <c>optimizer.iterations</c> is <see cref="AppliedIterations"/>.
    /// </summary>
    public long Iterations { get; private set; }

    /// <summary>
    /// Keras's <c>optimizer.iterations</c> property: the updates applied to the weights so far,
    /// <see cref="Iterations"/> / <see cref="GradientAccumulationSteps"/> (rounded down) with gradient accumulation, else
    /// <see cref="Iterations"/>. The optimizers' bias corrections (Adam's <c>t</c>) and the moving average
    /// (<see cref="UseEma"/>) count these.
    /// </summary>
    public long AppliedIterations => _gradientAccumulationSteps is int steps ? Iterations / steps : Iterations;

    /// <summary>How many state buffers, each as long as the parameter buffer, the optimizer keeps.</summary>
    protected abstract int StateSlots { get; }

    /// <summary>
    /// All the state buffers, for the runtime (checkpoints, snapshots, the divergence guard): the optimizer's own
    /// <see cref="StateSlots"/>, then the moving average when <see cref="UseEma"/> is set, then the gradient accumulator
    /// when <see cref="GradientAccumulationSteps"/> is.
    /// </summary>
    internal int SlotCount => StateSlots + (_useEma ? 1 : 0) + (_gradientAccumulationSteps is null ? 0 : 1);

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

    /// <summary>
    /// Takes one step: <paramref name="parameters"/> move against <paramref name="gradients"/> (with
    /// <see cref="GradientAccumulationSteps"/>, only every n-th step moves them; the others accumulate), then the moving
    /// average follows them (<see cref="UseEma"/>).
    /// </summary>
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
        if (_useEma || _gradientAccumulationSteps is not null)
        {
            StepWithAverageOrAccumulation(parameters, gradients, state);
        }
        else
        {
            // Keras's order (base_optimizer.apply): clip the gradients, decay the weights, then update.
            ReadOnlySpan<T> clipped = Clipped(gradients);
            DecayWeights(parameters);
            Apply(parameters, clipped, state, step);
        }
        EndSteps();
    }

    /// <summary>
    /// Whether <see cref="ApplyRange{T}(Span{T}, ReadOnlySpan{T}, Span{T}, int, int, long)"/> may update the buffers piece by piece (an elementwise rule, as Adam's and
    /// SGD's). The trainer then splits the update of a multi-threaded step between its threads. Not with
    /// <see cref="UseEma"/> or <see cref="GradientAccumulationSteps"/>: those steps run whole, through <see cref="Step{T}"/>.
    /// </summary>
    internal bool UpdatesInRanges => IsElementwise && !AdjustsBeforeTheUpdate && !_useEma && _gradientAccumulationSteps is null;

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

    private bool _useEma;
    private double _emaMomentum = 0.99;
    private int? _emaOverwriteFrequency;
    private int? _gradientAccumulationSteps;

    /// <summary>
    /// Keras's <c>use_ema</c>: after each step, a moving average of every parameter is updated
    /// (<c>average = m · average + (1 − m) · parameter</c>, with m = <see cref="EmaMomentum"/>, or 0 while
    /// <see cref="AppliedIterations"/> is 0, so the average starts at the first update's parameters); every
    /// <see cref="EmaOverwriteFrequency"/> updates, and at the end of <c>Fit</c>, the parameters are overwritten with
    /// it (keras/src/optimizers/base_optimizer.py, <c>_update_model_variables_moving_average</c>,
    /// <c>_overwrite_model_variables_with_average_value</c>, <c>finalize_variable_values</c>). The average is one more
    /// state slot, saved in checkpoints. Default false.
    /// </summary>
    /// <exception cref="InvalidOperationException">Changed while the optimizer has state: set it before the first step, or after <see cref="Reset"/>.</exception>
    public bool UseEma
    {
        get => _useEma;
        set
        {
            if (value != _useEma) CheckNoState(nameof(UseEma));
            _useEma = value;
        }
    }

    /// <summary>
    /// Keras's <c>ema_momentum</c>: how much of the moving average each step keeps (<see cref="UseEma"/>). Default 0.99.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Set outside [0, 1] (Keras's check), or to NaN.</exception>
    public double EmaMomentum
    {
        get => _emaMomentum;
        set
        {
            if (!(value >= 0 && value <= 1))
            {
                throw new ArgumentOutOfRangeException(nameof(EmaMomentum), value, "EmaMomentum must be in the range [0, 1].");
            }
            _emaMomentum = value;
        }
    }

    /// <summary>
    /// Keras's <c>ema_overwrite_frequency</c>: with <see cref="UseEma"/>, the parameters are overwritten with their
    /// moving average after each step at which (<see cref="AppliedIterations"/> + 1) is a multiple of this (the count
    /// before the step). Null (the default): only at the end of <c>Fit</c> (<see cref="FinalizeVariableValues{T}"/>).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Set below 1 (Keras refuses negative values and treats 0 as None; here 0 is refused: use null).</exception>
    public int? EmaOverwriteFrequency
    {
        get => _emaOverwriteFrequency;
        set
        {
            if (value is < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(EmaOverwriteFrequency), value, "EmaOverwriteFrequency must be an integer >= 1, or null for no overwriting during training.");
            }
            _emaOverwriteFrequency = value;
        }
    }

    /// <summary>
    /// Keras's <c>gradient_accumulation_steps</c>: the gradients of this many steps are summed in an accumulator (one
    /// more state slot, saved in checkpoints) and only every this-many-th step updates the parameters, with the mean
    /// <c>(g + accumulated) / steps</c>, which is then clipped and used as one gradient; the steps between change
    /// nothing but the accumulator (keras/src/optimizers/base_optimizer.py, <c>_backend_apply_gradients</c>). A
    /// <see cref="LearningRateSchedule"/> reads <see cref="Iterations"/>, every step; bias corrections and the moving
    /// average read <see cref="AppliedIterations"/>. Null (the default) for none.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Set below 2 (Keras's check; Keras treats 0 as None, here 0 is refused: use null).</exception>
    /// <exception cref="InvalidOperationException">Changed while the optimizer has state: set it before the first step, or after <see cref="Reset"/>.</exception>
    public int? GradientAccumulationSteps
    {
        get => _gradientAccumulationSteps;
        set
        {
            if (value is < 2)
            {
                throw new ArgumentOutOfRangeException(nameof(GradientAccumulationSteps), value, "GradientAccumulationSteps must be an integer >= 2, or null for none.");
            }
            if (value != _gradientAccumulationSteps) CheckNoState(nameof(GradientAccumulationSteps));
            _gradientAccumulationSteps = value;
        }
    }

    /// <summary>Refuses a change of the state's layout (a slot added or removed) once there is state to lay out.</summary>
    private void CheckNoState(string name)
    {
        if (_state is not null)
        {
            throw new InvalidOperationException(
                $"{name} adds or removes a state slot, so it cannot change once the optimizer has state (after a step or a loaded checkpoint): set it before the first step, or call Reset() first.");
        }
    }

    /// <summary>
    /// Keras's <c>finalize_variable_values</c>: with <see cref="UseEma"/>, overwrites <paramref name="parameters"/> with
    /// their moving average; otherwise does nothing. <c>Fit</c> calls it when its epochs end (as Keras's <c>fit</c>
    /// does); a custom loop over <see cref="Trainer{TKernel, T}.TrainStep(ReadOnlySpan{T}, ReadOnlySpan{T}, int)"/> calls it itself. Nothing is
    /// done before the first step, when there is no average yet (Keras would write its zero-initialised average).
    /// </summary>
    /// <param name="parameters">The model's parameter buffer, the one the steps updated.</param>
    /// <exception cref="ArgumentException">The buffer's length or element type is not the state's.</exception>
    public void FinalizeVariableValues<T>(Span<T> parameters)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        if (!_useEma || _state is null) return;
        MovingAverage<T>(parameters.Length, nameof(parameters)).CopyTo(parameters);
    }

    /// <summary>
    /// Copies the moving average of every parameter (<see cref="UseEma"/>) into <paramref name="destination"/>, as Keras
    /// keeps it in its <c>average</c> variables; returns false, copying nothing, without <see cref="UseEma"/> or before
    /// the first step. For evaluating the averaged weights during training without overwriting the model's.
    /// </summary>
    /// <param name="destination">A buffer as long as the parameter buffer.</param>
    /// <exception cref="ArgumentException">The buffer's length or element type is not the state's.</exception>
    public bool TryCopyMovingAverageTo<T>(Span<T> destination)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        if (!_useEma || _state is null) return false;
        MovingAverage<T>(destination.Length, nameof(destination)).CopyTo(destination);
        return true;
    }

    /// <summary>The moving-average slot of a state for <paramref name="parameterCount"/> parameters of type <typeparamref name="T"/>.</summary>
    private Span<T> MovingAverage<T>(int parameterCount, string argument)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        if (_state is not T[] state || state.Length != (long)SlotCount * parameterCount)
        {
            throw new ArgumentException(
                $"The optimizer's state is a {_state!.GetType().Name} of {_state.Length} elements, not {SlotCount} slots of {parameterCount} {typeof(T).Name} values: is the buffer the model's parameters?", argument);
        }
        return state.AsSpan(StateSlots * parameterCount, parameterCount);
    }

    /// <summary>
    /// One step with <see cref="UseEma"/> or <see cref="GradientAccumulationSteps"/>, in the order of Keras's
    /// <c>_backend_apply_gradients</c>. The state is laid out as the optimizer's own slots, then the average (with
    /// UseEma), then the accumulator (with accumulation), each (parameters.Length). <see cref="Iterations"/> is the
    /// count before this step; <see cref="EndSteps"/> then adds one, as Keras's <c>apply</c> does after every call.
    /// </summary>
    private void StepWithAverageOrAccumulation<T>(Span<T> parameters, ReadOnlySpan<T> gradients, T[] state)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        int n = parameters.Length;
        int own = StateSlots * n;
        Span<T> ownState = state.AsSpan(0, own);
        long iterations = Iterations;
        if (_gradientAccumulationSteps is int steps)
        {
            Span<T> accumulated = state.AsSpan(own + (_useEma ? n : 0), n);
            if ((iterations + 1) % steps != 0)
            {
                // Not an update step: accumulator = accumulator + g; the parameters and the optimizer's slots stay.
                System.Numerics.Tensors.TensorPrimitives.Add<T>(accumulated, gradients, accumulated);
            }
            else
            {
                // The update step: g = (g + accumulator) / steps (a sum, then a division, each rounded), computed in the
                // accumulator, which is cleared after the update; then clipping, weight decay and the update on it.
                System.Numerics.Tensors.TensorPrimitives.Add<T>(gradients, accumulated, accumulated);
                System.Numerics.Tensors.TensorPrimitives.Divide<T>(accumulated, T.CreateTruncating(steps), accumulated);
                ReadOnlySpan<T> clipped = Clipped<T>(accumulated);
                DecayWeights(parameters);
                // Keras's optimizers take their step t from optimizer.iterations + 1 = iterations // steps + 1.
                Apply(parameters, clipped, ownState, (iterations + 1) / steps);
                accumulated.Clear();
            }
        }
        else
        {
            ReadOnlySpan<T> clipped = Clipped(gradients);
            DecayWeights(parameters);
            Apply(parameters, clipped, ownState, iterations + 1);
        }

        if (!_useEma) return;
        // Keras's EMA and overwrite read optimizer.iterations, the applied updates, before this step's count is added;
        // the average moves at every step, an update step or not.
        long applied = _gradientAccumulationSteps is int s ? iterations / s : iterations;
        Span<T> average = state.AsSpan(own, n);
        // momentum = (iterations != 0) · ema_momentum, in the parameters' type; average = momentum · average +
        // (1 − momentum) · parameter: two products and a sum, each rounded (MultiplyAdd is not fused).
        T momentum = applied != 0 ? T.CreateTruncating(_emaMomentum) : T.Zero;
        System.Numerics.Tensors.TensorPrimitives.Multiply<T>(average, momentum, average);
        System.Numerics.Tensors.TensorPrimitives.MultiplyAdd<T>(parameters, T.One - momentum, average, average);
        if (_emaOverwriteFrequency is int frequency && (applied + 1) % frequency == 0) average.CopyTo(parameters);
    }

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
        // A loop rather than LINQ over a value tuple: one generic instantiation fewer to compile at a process's first Fit.
        int count = 0;
        foreach (TensorDescription tensor in description.Tensors) if (tensor.Trainable) count++;
        var tensors = new (int Offset, int Length, string Name)[count];
        int next = 0;
        foreach (TensorDescription tensor in description.Tensors)
        {
            if (tensor.Trainable) tensors[next++] = (tensor.Offset, tensor.Length, tensor.Name);
        }
        _tensors = tensors;
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

    /// <summary>
    /// The decay, clipping, moving-average and accumulation settings a checkpoint records (only those set, so files
    /// without them still load).
    /// </summary>
    internal void DescribeAdjustments(List<KeyValuePair<string, string>> hyperparameters)
    {
        if (_weightDecay is double decay) hyperparameters.Add(new("weight_decay", decay.ToString("R", CultureInfo.InvariantCulture)));
        if (_excludedFromWeightDecay.Length > 0) hyperparameters.Add(new("exclude_from_weight_decay", string.Join(",", _excludedFromWeightDecay)));
        if (_clipNorm is double norm) hyperparameters.Add(new("clipnorm", norm.ToString("R", CultureInfo.InvariantCulture)));
        if (_clipValue is double value) hyperparameters.Add(new("clipvalue", value.ToString("R", CultureInfo.InvariantCulture)));
        if (_globalClipNorm is double global) hyperparameters.Add(new("global_clipnorm", global.ToString("R", CultureInfo.InvariantCulture)));
        if (_useEma)
        {
            hyperparameters.Add(new("use_ema", "true"));
            hyperparameters.Add(new("ema_momentum", _emaMomentum.ToString("R", CultureInfo.InvariantCulture)));
            if (_emaOverwriteFrequency is int frequency) hyperparameters.Add(new("ema_overwrite_frequency", frequency.ToString(CultureInfo.InvariantCulture)));
        }
        if (_gradientAccumulationSteps is int steps) hyperparameters.Add(new("gradient_accumulation_steps", steps.ToString(CultureInfo.InvariantCulture)));
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
        int stateLength = SlotCount * parameterCount;
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
            // Only the optimizer's own slots: the moving average and the accumulator start at zero, as Keras's.
            InitializeState<T>(state.AsSpan(0, StateSlots * parameterCount), parameterCount);
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
