namespace FastDense;

/// <summary>
/// Keras's <c>MeanIoU</c> (keras/src/metrics/iou_metrics.py): <see cref="IoU"/> averaged over every class, 0 through
/// <c>numClasses − 1</c> (the classes never seen left out, as Keras leaves them).
/// </summary>
public class MeanIoU : IoU
{
    /// <summary>Creates the metric.</summary>
    /// <param name="numClasses">How many classes there are, at least 1 (Keras requires it).</param>
    /// <param name="name">Its key (Keras's default: <c>mean_io_u</c>, its class name in snake case).</param>
    /// <param name="ignoreClass">A target class whose pairs are dropped (Keras's <c>ignore_class</c>; default null: none).</param>
    /// <param name="sparseYTrue">Whether each target value is a class, rather than each row's largest target (Keras's default true).</param>
    /// <param name="sparseYPred">Whether each output is a class, rather than each row's largest output (Keras's default true).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="numClasses"/> is less than 1.</exception>
    public MeanIoU(int numClasses, string name = "mean_io_u", int? ignoreClass = null, bool sparseYTrue = true, bool sparseYPred = true)
        : base(numClasses, AllClasses(numClasses), name, ignoreClass, sparseYTrue, sparseYPred)
    {
    }
}
