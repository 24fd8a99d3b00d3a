namespace FastDense;

/// <summary>
/// Keras's <c>BinaryIoU</c> (keras/src/metrics/iou_metrics.py): <see cref="IoU"/> of two classes, every output of a
/// row one pair: the target truncated to a class (0 or 1; any other value is dropped) against the output thresholded,
/// class 1 when it is at least <see cref="Threshold"/> (compared in the element type), else 0. For a sigmoid
/// classifier's outputs and 0/1 targets.
/// </summary>
public sealed class BinaryIoU : IoU
{
    /// <summary>Creates the metric.</summary>
    /// <param name="targetClassIds">The classes whose IoUs are averaged: [0], [1] or [0, 1] (null, Keras's default, is [0, 1]).</param>
    /// <param name="threshold">The output at or above which the predicted class is 1 (Keras's default 0.5).</param>
    /// <param name="name">Its key (Keras's default: <c>binary_io_u</c>, its class name in snake case).</param>
    /// <exception cref="ArgumentException"><paramref name="targetClassIds"/> is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A target class id is neither 0 nor 1, or <paramref name="threshold"/> is NaN.</exception>
    public BinaryIoU(IReadOnlyList<int>? targetClassIds = null, double threshold = 0.5, string name = "binary_io_u")
        : base(2, targetClassIds ?? [0, 1], name, ignoreClass: null, sparseYTrue: true, sparseYPred: true, CheckThreshold(threshold))
    {
        Threshold = threshold;
    }

    /// <summary>The output at or above which the predicted class is 1.</summary>
    public double Threshold { get; }

    /// <summary>False: its targets are 0/1 values shaped like the outputs, not class indices.</summary>
    public override bool ReadsClassIndices => false;

    private static double CheckThreshold(double threshold)
        => double.IsNaN(threshold) ? throw new ArgumentOutOfRangeException(nameof(threshold), threshold, $"threshold must be a number; it is {Format(threshold)}.") : threshold;
}
