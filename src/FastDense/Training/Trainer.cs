using System.Numerics;
using FastDense.Metrics;

namespace FastDense;

/// <summary>
/// One model's training step, with every buffer it needs allocated once: the workspace for the largest batch, the
/// gradient buffer and the batch the rows are gathered into. <c>Fit</c> drives one; benchmarks and custom loops can
/// call <see cref="TrainStep"/> directly. A step allocates nothing. Not thread-safe.
/// </summary>
/// <typeparam name="TKernel">The model's generated kernel.</typeparam>
/// <typeparam name="T">The element type.</typeparam>
public sealed class Trainer<TKernel, T>
    where TKernel : struct, IModelKernel<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private readonly Model<TKernel, T> _model;
    private readonly T[] _workspace;
    private readonly T[] _gradient;
    private readonly T[] _batchX;
    private readonly T[] _batchY;

    internal Trainer(Model<TKernel, T> model, int batchSize)
    {
        _model = model;
        BatchSize = batchSize;
        _workspace = new T[checked(batchSize * TKernel.WorkspacePerRow)];
        _gradient = new T[TKernel.ParameterCount];
        _batchX = new T[checked(batchSize * TKernel.InputSize)];
        _batchY = new T[checked(batchSize * TKernel.OutputSize)];
    }

    /// <summary>The largest batch a step takes.</summary>
    public int BatchSize { get; }

    /// <summary>The gradient of the last step's mean loss, in the parameter layout.</summary>
    public ReadOnlySpan<T> Gradient => _gradient;

    internal Span<T> BatchX => _batchX;

    internal Span<T> BatchY => _batchY;

    /// <summary>
    /// One step of training on <paramref name="rows"/> rows: forward, loss and metric (before the update, as Keras
    /// reports them), backward, and the optimizer's update. Data are not checked for NaN here: <c>Fit</c> checks
    /// them once for all epochs.
    /// </summary>
    /// <param name="x">The batch's inputs, (rows, InputSize) row-major.</param>
    /// <param name="y">The batch's targets, (rows, OutputSize) row-major.</param>
    /// <param name="rows">The number of rows, 1 to <see cref="BatchSize"/>.</param>
    public BatchResult TrainStep(ReadOnlySpan<T> x, ReadOnlySpan<T> y, int rows)
    {
        BatchResult result = ForwardAndScore(x, y, rows);
        TKernel.Backward(_model.ParameterArray, x, y, rows, _workspace, _gradient);
        _model.Optimizer.Step<T>(_model.ParameterArray, _gradient);
        return result;
    }

    /// <summary>Forward only: the loss and metric sums of <paramref name="rows"/> rows, without training.</summary>
    internal BatchResult ForwardAndScore(ReadOnlySpan<T> x, ReadOnlySpan<T> y, int rows)
    {
        CheckBatch(x.Length, y.Length, rows);
        TKernel.Forward(_model.ParameterArray, x, rows, _workspace);
        ReadOnlySpan<T> output = _workspace.AsSpan(rows * TKernel.OutputOffsetPerRow, rows * TKernel.OutputSize);
        return new BatchResult(
            rows,
            LossValues.Sum(TKernel.Loss, output, y, rows, TKernel.OutputSize),
            MetricValues.Sum(TKernel.Loss, output, y, rows, TKernel.OutputSize));
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
        if (yLength < rows * TKernel.OutputSize)
        {
            throw new ArgumentException($"y has {yLength} values; {rows} rows need {rows * TKernel.OutputSize}.", "y");
        }
    }
}
