using System.Globalization;
using System.Numerics;

namespace FastDense.Persistence;

/// <summary>
/// Weights files and checkpoints of a model: what goes into them (<see cref="ModelTensors"/>, the metadata, an
/// optimizer's slots) and the checks a file must pass to come out. Loads return new buffers and never touch the
/// model, so the caller can apply them only once everything has been read and checked.
/// </summary>
internal static class ModelFile
{
    /// <summary>A weights file of <paramref name="parameters"/> (the parameters then the state), ready to write.</summary>
    /// <exception cref="InvalidOperationException">A parameter is NaN or infinite (the file would not load).</exception>
    public static SafetensorsWriter<T> Weights<T>(ModelDescription description, ReadOnlySpan<T> parameters)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        ModelTensor[] tensors = ModelTensors.Of(description);
        T[] values = parameters.ToArray();
        var sources = new List<TensorSource<T>>(tensors.Length);
        foreach (ModelTensor tensor in tensors)
        {
            CheckFinite(values, tensor.Offset, tensor.Length, tensor.Name);
            sources.Add(new TensorSource<T>(tensor.Name, tensor.Shape, values, tensor.Offset, tensor.Length));
        }
        return new SafetensorsWriter<T>(FileMetadata.ForModel(description, FileMetadata.WeightsFormat), sources);
    }

    /// <summary>A checkpoint of <paramref name="parameters"/> and <paramref name="optimizer"/>, ready to write.</summary>
    /// <exception cref="InvalidOperationException">A value is NaN or infinite, or the optimizer's state is not this model's.</exception>
    public static SafetensorsWriter<T> Checkpoint<T>(ModelDescription description, ReadOnlySpan<T> parameters, Optimizer optimizer, int epoch, int seed)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        ModelTensor[] tensors = ModelTensors.Of(description);
        T[] values = parameters.ToArray();
        int count = description.ParameterCount;
        T[]? state = null;
        if (optimizer.State is not null)
        {
            state = optimizer.State as T[];
            if (state is null || state.Length != (long)optimizer.SlotCount * count)
            {
                throw new InvalidOperationException(
                    $"The optimizer's state is a {optimizer.State.GetType().Name} of {optimizer.State.Length} elements, not this model's {optimizer.SlotCount} × {count} {typeof(T).Name} values: is the optimizer shared with another model?");
            }
            state = (T[])state.Clone();
        }

        var sources = new List<TensorSource<T>>(tensors.Length * (1 + optimizer.SlotCount));
        foreach (ModelTensor tensor in tensors)
        {
            CheckFinite(values, tensor.Offset, tensor.Length, tensor.Name);
            sources.Add(new TensorSource<T>(tensor.Name, tensor.Shape, values, tensor.Offset, tensor.Length));
        }
        if (state is not null)
        {
            for (int slot = 0; slot < optimizer.SlotCount; slot++)
            {
                foreach (ModelTensor tensor in tensors.Where(t => t.Trainable))
                {
                    string name = ModelTensors.SlotName(slot, tensor.Name);
                    CheckFinite(state, slot * count + tensor.Offset, tensor.Length, name);
                    sources.Add(new TensorSource<T>(name, tensor.Shape, state, slot * count + tensor.Offset, tensor.Length));
                }
            }
        }

        List<KeyValuePair<string, string>> metadata = FileMetadata.ForModel(description, FileMetadata.CheckpointFormat);
        metadata.Add(new(FileMetadata.Optimizer, OptimizerName(optimizer)));
        metadata.Add(new(FileMetadata.LearningRate, optimizer.LearningRate.ToString("R", CultureInfo.InvariantCulture)));
        foreach ((string key, string value) in Hyperparameters(optimizer)) metadata.Add(new(FileMetadata.HyperparameterPrefix + key, value));
        if (optimizer.LearningRateSchedule is LearningRateSchedule schedule)
        {
            metadata.Add(new(FileMetadata.LearningRateSchedule, ScheduleName(schedule)));
            foreach ((string key, string value) in ScheduleParameters(schedule)) metadata.Add(new(FileMetadata.SchedulePrefix + key, value));
        }
        metadata.Add(new(FileMetadata.OptimizerSlots, optimizer.SlotCount.ToString(CultureInfo.InvariantCulture)));
        metadata.Add(new(FileMetadata.OptimizerState, state is null ? FileMetadata.StateNone : FileMetadata.StateSaved));
        metadata.Add(new(FileMetadata.Iterations, optimizer.Iterations.ToString(CultureInfo.InvariantCulture)));
        metadata.Add(new(FileMetadata.Epoch, epoch.ToString(CultureInfo.InvariantCulture)));
        metadata.Add(new(FileMetadata.Seed, seed.ToString(CultureInfo.InvariantCulture)));
        return new SafetensorsWriter<T>(metadata, sources);
    }

    /// <summary>
    /// Reads a weights file, or the weights of a checkpoint (its optimizer tensors are checked and dropped), or a
    /// foreign safetensors file holding exactly the model's tensors. Returns the new parameter buffer.
    /// </summary>
    /// <exception cref="ModelFileException">The file is malformed or does not fit the model.</exception>
    public static T[] ReadWeights<T>(Stream stream, ModelDescription description)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        (SafetensorsHeader header, long? dataLength) = SafetensorsReader.ReadHeader(stream);
        ModelTensor[] tensors = ModelTensors.Of(description);
        var expected = Expected(tensors, TensorTarget.Parameters);
        string? format = null;
        header.Metadata?.TryGetValue(FileMetadata.Format, out format);
        if (format is not null && format.StartsWith(FileMetadata.FormatPrefix, StringComparison.Ordinal))
        {
            if (format is not (FileMetadata.WeightsFormat or FileMetadata.CheckpointFormat))
            {
                throw new ModelFileException(
                    $"The file's format is \"{FileMetadata.Shorten(format)}\"; this version reads \"{FileMetadata.WeightsFormat}\" and \"{FileMetadata.CheckpointFormat}\".");
            }
            FileMetadata.CheckArchitecture(header.Metadata!, description);
            if (format == FileMetadata.CheckpointFormat)
            {
                (int slots, bool saved) = StoredSlots(header, tensors.Length);
                if (saved) expected.AddRange(SlotTensors(tensors, slots, description.ParameterCount, TensorTarget.Discard));
            }
        }
        PlannedTensor[] plan = TensorPlan.Match(header, expected, dataLength);
        var parameters = new T[description.ParameterCount + description.StateCount];
        SafetensorsReader.ReadTensors(stream, plan, parameters, null);
        return parameters;
    }

    /// <summary>Reads a checkpoint for a model whose optimizer is <paramref name="optimizer"/> (which is not changed).</summary>
    /// <exception cref="ModelFileException">The file is malformed, is not a checkpoint, or does not fit the model or its optimizer.</exception>
    public static LoadedCheckpoint<T> ReadCheckpoint<T>(Stream stream, ModelDescription description, Optimizer optimizer)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        (SafetensorsHeader header, long? dataLength) = SafetensorsReader.ReadHeader(stream);
        IReadOnlyDictionary<string, string> metadata = header.Metadata
            ?? throw new ModelFileException($"The file has no metadata; a checkpoint's says \"{FileMetadata.Format}\": \"{FileMetadata.CheckpointFormat}\". Plain weights load with LoadWeights.");
        metadata.TryGetValue(FileMetadata.Format, out string? format);
        if (format != FileMetadata.CheckpointFormat)
        {
            throw new ModelFileException(format == FileMetadata.WeightsFormat
                ? "This is a weights file, not a checkpoint: it holds no optimizer state or epoch. Load it with LoadWeights."
                : $"The file's format is {(format is null ? "not given" : $"\"{FileMetadata.Shorten(format)}\"")}; a checkpoint's is \"{FileMetadata.CheckpointFormat}\".");
        }
        FileMetadata.CheckArchitecture(metadata, description);
        CheckOptimizer(metadata, optimizer);
        ModelTensor[] tensors = ModelTensors.Of(description);

        string rateText = FileMetadata.Required(metadata, FileMetadata.LearningRate);
        // A schedule's rate (informative: the step count gives it) may be 0, as a cosine decay's end.
        bool scheduled = optimizer.LearningRateSchedule is not null;
        if (!double.TryParse(rateText, NumberStyles.Float, CultureInfo.InvariantCulture, out double learningRate) || !double.IsFinite(learningRate)
            || learningRate < 0 || (learningRate == 0 && !scheduled))
        {
            throw new ModelFileException($"The checkpoint's learning rate is \"{FileMetadata.Shorten(rateText)}\"; expected a {(scheduled ? "non-negative" : "positive")} finite number.");
        }
        long iterations = FileMetadata.RequiredInteger(metadata, FileMetadata.Iterations, 0, long.MaxValue);
        int epoch = (int)FileMetadata.RequiredInteger(metadata, FileMetadata.Epoch, 0, int.MaxValue);
        int seed = (int)FileMetadata.RequiredInteger(metadata, FileMetadata.Seed, int.MinValue, int.MaxValue);
        (int slots, bool saved) = StoredSlots(header, tensors.Length);
        if (slots != optimizer.SlotCount)
        {
            throw new ModelFileException($"The checkpoint's optimizer has {slots} state slots but the model's {OptimizerName(optimizer)} has {optimizer.SlotCount}.");
        }

        int count = description.ParameterCount;
        var expected = Expected(tensors, TensorTarget.Parameters);
        if (saved) expected.AddRange(SlotTensors(tensors, slots, count, TensorTarget.State));
        PlannedTensor[] plan = TensorPlan.Match(header, expected, dataLength);
        var parameters = new T[count + description.StateCount];
        T[]? state = saved ? new T[slots * count] : null;
        SafetensorsReader.ReadTensors(stream, plan, parameters, state);
        return new LoadedCheckpoint<T>(parameters, state, iterations, scheduled ? null : learningRate, epoch, seed);
    }

    /// <summary>The name a checkpoint records: the optimizer's full type name.</summary>
    public static string OptimizerName(Optimizer optimizer) => optimizer.GetType().FullName ?? optimizer.GetType().Name;

    private static List<KeyValuePair<string, string>> Hyperparameters(Optimizer optimizer)
    {
        var hyperparameters = new List<KeyValuePair<string, string>>();
        optimizer.DescribeHyperparameters(hyperparameters);
        optimizer.DescribeAdjustments(hyperparameters);
        return hyperparameters;
    }

    /// <summary>The name a checkpoint records for a learning-rate schedule: its full type name.</summary>
    private static string ScheduleName(LearningRateSchedule schedule) => schedule.GetType().FullName ?? schedule.GetType().Name;

    private static List<KeyValuePair<string, string>> ScheduleParameters(LearningRateSchedule schedule)
    {
        var parameters = new List<KeyValuePair<string, string>>();
        schedule.Describe(parameters);
        return parameters;
    }

    /// <summary>
    /// The checkpoint's optimizer must be the model's type with the same hyperparameters: moments kept under other
    /// betas, say, would resume a different run. A constant learning rate is not compared; it is restored (callbacks
    /// change it). A schedule is compared (<see cref="CheckSchedule"/>).
    /// </summary>
    private static void CheckOptimizer(IReadOnlyDictionary<string, string> metadata, Optimizer optimizer)
    {
        string name = OptimizerName(optimizer);
        string fileName = FileMetadata.Required(metadata, FileMetadata.Optimizer);
        if (fileName != name)
        {
            throw new ModelFileException($"The checkpoint was saved with optimizer {FileMetadata.Shorten(fileName)} but the model's optimizer is {name}; set Model.Optimizer to a {FileMetadata.Shorten(fileName)} before loading.");
        }
        List<KeyValuePair<string, string>> ours = Hyperparameters(optimizer);
        foreach ((string key, string value) in ours)
        {
            if (!metadata.TryGetValue(FileMetadata.HyperparameterPrefix + key, out string? fileValue))
            {
                throw new ModelFileException($"The checkpoint does not give {name}'s {key}; the model's optimizer has {key} = {value}.");
            }
            if (!SameValue(fileValue, value))
            {
                throw new ModelFileException($"The checkpoint's {name} has {key} = {FileMetadata.Shorten(fileValue)} but the model's optimizer has {key} = {value}.");
            }
        }
        foreach (string key in metadata.Keys)
        {
            if (key.StartsWith(FileMetadata.HyperparameterPrefix, StringComparison.Ordinal)
                && !ours.Exists(pair => FileMetadata.HyperparameterPrefix + pair.Key == key))
            {
                throw new ModelFileException($"The checkpoint gives {name} a hyperparameter \"{FileMetadata.Shorten(key)}\" that the model's optimizer does not have.");
            }
        }
        CheckSchedule(metadata, optimizer.LearningRateSchedule);
    }

    /// <summary>
    /// A checkpoint saved under a learning-rate schedule resumes only under the same schedule (type and parameters),
    /// and one saved with a constant rate only with a constant rate: the rates of the steps to come would differ
    /// from the saved run's. A schedule that describes no parameters (a custom one, a function) is checked by type.
    /// </summary>
    private static void CheckSchedule(IReadOnlyDictionary<string, string> metadata, LearningRateSchedule? schedule)
    {
        metadata.TryGetValue(FileMetadata.LearningRateSchedule, out string? fileName);
        if (schedule is null)
        {
            if (fileName is not null)
            {
                throw new ModelFileException($"The checkpoint's learning rate follows a {FileMetadata.Shorten(fileName)} schedule but the model's optimizer has a constant rate; set its LearningRateSchedule to the same schedule before loading.");
            }
            return;
        }
        string name = ScheduleName(schedule);
        if (fileName is null)
        {
            throw new ModelFileException($"The checkpoint was saved with a constant learning rate but the model's optimizer follows a {name} schedule; set its LearningRateSchedule to null before loading.");
        }
        if (fileName != name)
        {
            throw new ModelFileException($"The checkpoint's learning rate follows a {FileMetadata.Shorten(fileName)} schedule but the model's optimizer follows a {name}.");
        }
        List<KeyValuePair<string, string>> ours = ScheduleParameters(schedule);
        foreach ((string key, string value) in ours)
        {
            if (!metadata.TryGetValue(FileMetadata.SchedulePrefix + key, out string? fileValue))
            {
                throw new ModelFileException($"The checkpoint does not give its {name} schedule's {key}; the model's has {key} = {value}.");
            }
            if (!SameValue(fileValue, value))
            {
                throw new ModelFileException($"The checkpoint's {name} schedule has {key} = {FileMetadata.Shorten(fileValue)} but the model's has {key} = {value}.");
            }
        }
        foreach (string key in metadata.Keys)
        {
            if (key.StartsWith(FileMetadata.SchedulePrefix, StringComparison.Ordinal)
                && !ours.Exists(pair => FileMetadata.SchedulePrefix + pair.Key == key))
            {
                throw new ModelFileException($"The checkpoint gives its {name} schedule a parameter \"{FileMetadata.Shorten(key)}\" that the model's does not have.");
            }
        }
    }

    /// <summary>Equal strings, or the same double written two ways.</summary>
    private static bool SameValue(string a, string b)
        => a == b
            || (double.TryParse(a, NumberStyles.Float, CultureInfo.InvariantCulture, out double x)
                && double.TryParse(b, NumberStyles.Float, CultureInfo.InvariantCulture, out double y)
                && x.Equals(y));

    /// <summary>The optimizer's slot count and whether its state was saved, from a checkpoint's metadata.</summary>
    private static (int Slots, bool Saved) StoredSlots(SafetensorsHeader header, int tensorCount)
    {
        IReadOnlyDictionary<string, string> metadata = header.Metadata!;
        string state = FileMetadata.Required(metadata, FileMetadata.OptimizerState);
        if (state is not (FileMetadata.StateSaved or FileMetadata.StateNone))
        {
            throw new ModelFileException(
                $"The checkpoint's \"{FileMetadata.OptimizerState}\" is \"{FileMetadata.Shorten(state)}\"; expected \"{FileMetadata.StateSaved}\" or \"{FileMetadata.StateNone}\".");
        }
        bool saved = state == FileMetadata.StateSaved;
        // Saved state puts every slot's tensors in the header, so a slot count the header cannot hold is refused
        // before any list is built from it.
        long most = saved ? header.Entries.Count / tensorCount : int.MaxValue;
        int slots = (int)FileMetadata.RequiredInteger(metadata, FileMetadata.OptimizerSlots, 0, most);
        return (slots, saved);
    }

    private static List<ExpectedTensor> Expected(ModelTensor[] tensors, TensorTarget target)
        => tensors.Select(t => new ExpectedTensor(t.Name, t.Shape, t.Length, target, t.Offset)).ToList();

    private static IEnumerable<ExpectedTensor> SlotTensors(ModelTensor[] tensors, int slots, int parameterCount, TensorTarget target)
    {
        for (int slot = 0; slot < slots; slot++)
        {
            foreach (ModelTensor tensor in tensors)
            {
                if (!tensor.Trainable) continue;   // the optimizer has no state for what it does not update
                yield return new ExpectedTensor(ModelTensors.SlotName(slot, tensor.Name), tensor.Shape, tensor.Length, target, slot * parameterCount + tensor.Offset);
            }
        }
    }

    private static void CheckFinite<T>(T[] values, int offset, int length, string name)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        for (int i = 0; i < length; i++)
        {
            if (!T.IsFinite(values[offset + i]))
            {
                throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                    $"Tensor '{name}' holds {values[offset + i]} at element {i}: a file of non-finite values would not load. Has training diverged?"));
            }
        }
    }
}
