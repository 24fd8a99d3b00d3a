using System.Numerics;

namespace FastDense.Data;

/// <summary>One-hot encoding of class labels, as Keras's <c>to_categorical</c>.</summary>
public static class OneHot
{
    /// <summary>Labels 0..classCount-1 to (rows, classCount) rows of zeros with a one at the label.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A label is outside [0, classCount), or classCount is not positive.</exception>
    public static float[] Encode(int[] labels, int classCount) => Encode<float>(labels, classCount);

    /// <summary>Labels 0..classCount-1 to (rows, classCount) rows of zeros with a one at the label, in element type T.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A label is outside [0, classCount), or classCount is not positive.</exception>
    public static T[] Encode<T>(int[] labels, int classCount) where T : unmanaged, INumberBase<T>
    {
        ArgumentNullException.ThrowIfNull(labels);
        if (classCount <= 0) throw new ArgumentOutOfRangeException(nameof(classCount), classCount, "classCount must be positive.");
        var encoded = new T[labels.Length * classCount];
        for (int i = 0; i < labels.Length; i++)
        {
            int label = labels[i];
            if ((uint)label >= (uint)classCount)
            {
                throw new ArgumentOutOfRangeException(nameof(labels), label, $"labels[{i}] is {label}, outside the classes [0, {classCount}).");
            }
            encoded[i * classCount + label] = T.One;
        }
        return encoded;
    }

    /// <summary>The index of each row's largest value: (rows, classCount) probabilities back to labels.</summary>
    public static int[] Decode<T>(ReadOnlySpan<T> rows, int classCount) where T : unmanaged, INumber<T>
    {
        if (classCount <= 0) throw new ArgumentOutOfRangeException(nameof(classCount), classCount, "classCount must be positive.");
        if (rows.Length % classCount != 0)
        {
            throw new ArgumentException($"rows has {rows.Length} values, which is not a whole number of rows of {classCount}.", nameof(rows));
        }
        var labels = new int[rows.Length / classCount];
        for (int r = 0; r < labels.Length; r++)
        {
            labels[r] = System.Numerics.Tensors.TensorPrimitives.IndexOfMax(rows.Slice(r * classCount, classCount));
        }
        return labels;
    }
}
