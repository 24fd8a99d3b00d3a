namespace FastDense;

/// <summary>
/// Keras's <c>OneHotMeanIoU</c> (keras/src/metrics/iou_metrics.py): <see cref="MeanIoU"/> of one-hot targets, each row's
/// class its largest target and its predicted class its largest output: a softmax classifier's mean IoU.
/// </summary>
/// <remarks>Keras's <c>sparse_y_pred</c> is not offered, as on <see cref="OneHotIoU"/>.</remarks>
public sealed class OneHotMeanIoU : MeanIoU
{
    /// <summary>Creates the metric.</summary>
    /// <param name="numClasses">How many classes there are, at least 1 (Keras requires it); the outputs' width, usually.</param>
    /// <param name="name">Its key (Keras's default: <c>one_hot_mean_io_u</c>, its class name in snake case).</param>
    /// <param name="ignoreClass">A target class whose rows are dropped (Keras's <c>ignore_class</c>; default null: none).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="numClasses"/> is less than 1.</exception>
    public OneHotMeanIoU(int numClasses, string name = "one_hot_mean_io_u", int? ignoreClass = null)
        : base(numClasses, name, ignoreClass, sparseYTrue: false, sparseYPred: false)
    {
    }
}
