using System.Numerics;
using FastDense.Metrics;

namespace FastDense.Data;

/// <summary>
/// Keras's <c>class_weight</c> as sample weights (keras/src/trainers/data_adapters/data_adapter_utils.py,
/// <c>class_weight_to_sample_weights</c>): each row weighs its class's weight, 1 for a class the map leaves out.
/// </summary>
internal static class ClassWeights
{
    /// <summary>
    /// One weight per row of <paramref name="y"/>, (rows, <paramref name="targetWidth"/>): the row's class is the first
    /// arg-max of a one-hot row, the class index itself, or a single target rounded half to even (NumPy's
    /// <c>np.round</c>, which Keras applies).
    /// </summary>
    public static T[] ToSampleWeights<T>(IReadOnlyDictionary<int, double> classWeight, ReadOnlySpan<T> y, int rows, int outputs, int targetWidth)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        foreach ((int key, double weight) in classWeight)
        {
            if (key < 0 || (outputs > 1 && key >= outputs))
            {
                throw new ArgumentException(
                    $"FitOptions.ClassWeight has the key {key}, which is not a class of this model: " +
                    (outputs > 1 ? $"classes are 0 to {outputs - 1}." : "classes are non-negative."), "options");
            }
            if (!double.IsFinite(weight) || weight < 0)
            {
                throw new ArgumentException($"FitOptions.ClassWeight[{key}] is {weight}, but class weights must be finite and non-negative.", "options");
            }
        }
        var weights = new T[rows];
        for (int r = 0; r < rows; r++)
        {
            int label = targetWidth > 1
                ? CategoricalAccuracy.ArgMax(y.Slice(r * targetWidth, targetWidth))
                : (int)Math.Round(double.CreateTruncating(y[r]), MidpointRounding.ToEven);
            weights[r] = T.CreateTruncating(classWeight.TryGetValue(label, out double weight) ? weight : 1.0);
        }
        return weights;
    }
}
