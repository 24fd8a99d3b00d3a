using FastDense.Persistence;

namespace FastDense;

// Saving and loading: weights files and training checkpoints in the safetensors format (docs/persistence.md).
public abstract partial class Model<TKernel, T>
{
    /// <summary>
    /// Saves the weights to a safetensors file: for each layer <c>{name}/kernel</c> (inputs, units) and
    /// <c>{name}/bias</c> (units), as F32 or F64 after the model's element type, with metadata naming the model and its
    /// layers. The file is replaced whole or not at all: it is written to a temporary file in the same folder, flushed
    /// to the disk and then moved over <paramref name="path"/>; on failure the temporary file is deleted and an
    /// existing file is left as it was.
    /// </summary>
    /// <param name="path">The file to create or replace, e.g. <c>model.safetensors</c>.</param>
    /// <exception cref="ArgumentException">The path is empty or names a folder.</exception>
    /// <exception cref="InvalidOperationException">A parameter is NaN or infinite (such a file would not load).</exception>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    /// <exception cref="UnauthorizedAccessException">The folder or the file cannot be written.</exception>
    /// <exception cref="IOException">Writing or replacing the file failed.</exception>
    public void SaveWeights(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        SafetensorsWriter<T> file = ModelFile.Weights<T>(TKernel.Description, WeightsAndState());
        AtomicFile.Write(path, file.WriteTo);
    }

    /// <summary>Writes the weights file of <see cref="SaveWeights(string)"/> to <paramref name="stream"/>, from its position (not atomic: the stream is the caller's).</summary>
    /// <param name="stream">A writable stream.</param>
    /// <exception cref="ArgumentException">The stream is not writable.</exception>
    /// <exception cref="InvalidOperationException">A parameter is NaN or infinite.</exception>
    public void SaveWeights(Stream stream)
    {
        CheckWritable(stream);
        ModelFile.Weights<T>(TKernel.Description, WeightsAndState()).WriteTo(stream);
    }

    /// <summary>
    /// Loads weights from a safetensors file: one written by <see cref="SaveWeights(string)"/>, the weights of a
    /// checkpoint (its optimizer tensors are checked and ignored; the optimizer is not changed), or any safetensors
    /// file holding exactly this model's tensors (from Python, say). F32 values load into a double model exactly; F64
    /// values into a float model are rounded to the nearest float. The file is checked in full before anything
    /// changes: on any exception the parameters are as they were.
    /// </summary>
    /// <param name="path">The file to read.</param>
    /// <exception cref="ModelFileException">The file is malformed, truncated or longer than its tensors, holds a tensor the model lacks or lacks one, a wrong shape or dtype, or a NaN or infinite value, or its metadata names other layers.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    /// <exception cref="UnauthorizedAccessException">The file cannot be read.</exception>
    /// <exception cref="IOException">Reading failed.</exception>
    public void LoadWeights(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using FileStream file = OpenForReading(path);
        LoadWeights(file);
    }

    /// <summary>
    /// Loads weights as <see cref="LoadWeights(string)"/> does, from the stream's position to its end: the stream must
    /// hold nothing after the file's last tensor.
    /// </summary>
    /// <param name="stream">A readable stream.</param>
    /// <exception cref="ArgumentException">The stream is not readable.</exception>
    /// <exception cref="ModelFileException">See <see cref="LoadWeights(string)"/>.</exception>
    /// <exception cref="IOException">Reading failed.</exception>
    public void LoadWeights(Stream stream)
    {
        CheckReadable(stream);
        T[] values = ModelFile.ReadWeights<T>(stream, TKernel.Description);
        SetWeightsAndState(values);
    }

    /// <summary>
    /// Saves a training checkpoint: the weights, the optimizer's state (each slot's copy of each tensor, e.g.
    /// <c>optimizer/slot0/dense_0/kernel</c> for Adam's first moment) and its step count, learning rate and
    /// hyperparameters (with a <see cref="Optimizer.LearningRateSchedule"/>: the schedule's type name and the
    /// parameters it describes), and where to resume (<paramref name="epoch"/>, <paramref name="seed"/>). An optimizer that has
    /// taken no step has no state, and none is stored. Written atomically, as <see cref="SaveWeights(string)"/>.
    /// Typically called from a callback at the end of an epoch, with the epochs trained so far and the run's
    /// <see cref="FitOptions.Seed"/>.
    /// </summary>
    /// <param name="path">The file to create or replace.</param>
    /// <param name="epoch">The number of epochs trained (the <see cref="FitOptions.InitialEpoch"/> to resume at).</param>
    /// <param name="seed">The run's <see cref="FitOptions.Seed"/>, so the resumed epochs see the same batches.</param>
    /// <exception cref="ArgumentException">The path is empty or names a folder.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="epoch"/> is negative.</exception>
    /// <exception cref="InvalidOperationException">A value is NaN or infinite, or the optimizer's state belongs to another model.</exception>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    /// <exception cref="UnauthorizedAccessException">The folder or the file cannot be written.</exception>
    /// <exception cref="IOException">Writing or replacing the file failed.</exception>
    public void SaveCheckpoint(string path, int epoch, int seed)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentOutOfRangeException.ThrowIfNegative(epoch);
        SafetensorsWriter<T> file = ModelFile.Checkpoint<T>(TKernel.Description, WeightsAndState(), Optimizer, epoch, seed);
        AtomicFile.Write(path, file.WriteTo);
    }

    /// <summary>Writes the checkpoint of <see cref="SaveCheckpoint(string, int, int)"/> to <paramref name="stream"/>, from its position.</summary>
    /// <param name="stream">A writable stream.</param>
    /// <param name="epoch">The number of epochs trained.</param>
    /// <param name="seed">The run's <see cref="FitOptions.Seed"/>.</param>
    /// <exception cref="ArgumentException">The stream is not writable.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="epoch"/> is negative.</exception>
    /// <exception cref="InvalidOperationException">A value is NaN or infinite, or the optimizer's state belongs to another model.</exception>
    public void SaveCheckpoint(Stream stream, int epoch, int seed)
    {
        CheckWritable(stream);
        ArgumentOutOfRangeException.ThrowIfNegative(epoch);
        ModelFile.Checkpoint<T>(TKernel.Description, WeightsAndState(), Optimizer, epoch, seed).WriteTo(stream);
    }

    /// <summary>
    /// Loads a checkpoint saved by <see cref="SaveCheckpoint(string, int, int)"/>: restores the parameters, the
    /// optimizer's state, step count and learning rate, and returns where to resume. The model's
    /// <see cref="Optimizer"/> must already be of the checkpoint's type with the same hyperparameters (all but a
    /// constant learning rate, which is restored). A schedule is code, not data: an optimizer saved with a
    /// <see cref="Optimizer.LearningRateSchedule"/> loads only into one with a schedule of the same type and
    /// parameters (a custom schedule's parameters only as far as it describes them), whose rates then continue from
    /// the restored step count; one saved with a constant rate loads only into one without a schedule. A weights file is refused. The file is checked in full before anything
    /// changes: on any exception the parameters and the optimizer are as they were.
    /// </summary>
    /// <param name="path">The file to read.</param>
    /// <returns>The epoch and seed to resume with: <c>new FitOptions { InitialEpoch = info.Epoch, Seed = info.Seed, ... }</c>.</returns>
    /// <exception cref="ModelFileException">The file is not a valid checkpoint of this model (see <see cref="LoadWeights(string)"/>), or its optimizer's type, hyperparameters or learning-rate schedule differ from the model's optimizer's.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    /// <exception cref="UnauthorizedAccessException">The file cannot be read.</exception>
    /// <exception cref="IOException">Reading failed.</exception>
    public CheckpointInfo LoadCheckpoint(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using FileStream file = OpenForReading(path);
        return LoadCheckpoint(file);
    }

    /// <summary>Loads a checkpoint as <see cref="LoadCheckpoint(string)"/> does, from the stream's position to its end.</summary>
    /// <param name="stream">A readable stream.</param>
    /// <returns>The epoch and seed to resume with.</returns>
    /// <exception cref="ArgumentException">The stream is not readable.</exception>
    /// <exception cref="ModelFileException">See <see cref="LoadCheckpoint(string)"/>.</exception>
    /// <exception cref="IOException">Reading failed.</exception>
    public CheckpointInfo LoadCheckpoint(Stream stream)
    {
        CheckReadable(stream);
        Optimizer optimizer = Optimizer;
        LoadedCheckpoint<T> checkpoint = ModelFile.ReadCheckpoint<T>(stream, TKernel.Description, optimizer);
        // Everything is checked; nothing below can fail.
        SetWeightsAndState(checkpoint.Parameters);
        if (checkpoint.LearningRate is double rate) optimizer.LearningRate = rate;   // a schedule's rate follows from the step count
        optimizer.RestoreState(checkpoint.State, checkpoint.Iterations);
        return new CheckpointInfo(checkpoint.Epoch, checkpoint.Seed);
    }

    /// <summary>The parameters then the state, as files hold them.</summary>
    private T[] WeightsAndState()
    {
        var values = new T[TKernel.ParameterCount + TKernel.StateCount];
        ParameterSpan.CopyTo(values);
        State.CopyTo(values.AsSpan(TKernel.ParameterCount));
        return values;
    }

    private void SetWeightsAndState(ReadOnlySpan<T> values)
    {
        values.Slice(0, TKernel.ParameterCount).CopyTo(ParameterSpan);
        values.Slice(TKernel.ParameterCount, TKernel.StateCount).CopyTo(State);
    }

    private static FileStream OpenForReading(string path)
        => new(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 64 * 1024, FileOptions.SequentialScan);

    private static void CheckWritable(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (!stream.CanWrite) throw new ArgumentException("The stream is not writable.", nameof(stream));
    }

    private static void CheckReadable(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (!stream.CanRead) throw new ArgumentException("The stream is not readable.", nameof(stream));
    }
}
