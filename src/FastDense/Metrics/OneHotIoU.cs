namespace FastDense;

/// <summary>
/// Keras's <c>OneHotIoU</c> (keras/src/metrics/iou_metrics.py): <see cref="IoU"/> of one-hot targets, each row's class
/// its largest target and its predicted class its largest output (Keras's <c>sparse_y_true=False</c>,
/// <c>sparse_y_pred=False</c>): a softmax classifier's.
/// </summary>
/// <remarks>Keras's <c>sparse_y_pred</c> (predictions given as class indices beside one-hot targets) is not offered: a FastDense model's outputs are as wide as its one-hot targets.</remarks>
public sealed class OneHotIoU : IoU
{
    /// <summary>Creates the metric.</summary>
    /// <param name="numClasses">How many classes there are, at least 1 (Keras requires it); the outputs' width, usually.</param>
    /// <param name="targetClassIds">The classes whose IoUs are averaged, each in [0, numClasses) (Keras requires them).</param>
    /// <param name="name">Its key (Keras's default: <c>one_hot_io_u</c>, its class name in snake case).</param>
    /// <param name="ignoreClass">A target class whose rows are dropped (Keras's <c>ignore_class</c>; default null: none).</param>
    /// <exception cref="ArgumentNullException"><paramref name="targetClassIds"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="targetClassIds"/> is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException">
    /// <paramref name="numClasses"/> is less than 1, or a target class id is outside [0, numClasses).
    /// </exception>
    public OneHotIoU(int numClasses, IReadOnlyList<int> targetClassIds, string name = "one_hot_io_u", int? ignoreClass = null)
        : base(numClasses, targetClassIds, name, ignoreClass, sparseYTrue: false, sparseYPred: false)
    {
    }
}
