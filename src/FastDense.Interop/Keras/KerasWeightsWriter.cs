using System.Numerics;
using PureHDF;

namespace FastDense.Interop.Keras;

/// <summary>
/// Writes a Keras 3 weights file with PureHDF, laid out as H5IOStore writes one (<see cref="KerasWeightsLayout"/>):
/// the root group <c>vars</c> (the Sequential model's own, empty) and <c>layers/{name}/vars</c> per layer, each
/// <c>vars</c> group with the attribute <c>name</c>, even for a layer without weights (current Keras creates the group
/// whenever it has a name to record). Datasets are contiguous, as h5py writes them, of the model's element type:
/// float32 for a float model, float64 for a double model (Keras's <c>Variable.assign</c> casts to the variable's
/// dtype when it loads them). Normalization's <c>count</c> is an int64 scalar 0: Keras's adapt no longer updates it.
/// </summary>
internal static class KerasWeightsWriter
{
    private static readonly H5WriteOptions Options = new(PreferCompactDatasetLayout: false);

    /// <summary>The file's content, checked and built before any byte is written.</summary>
    public static byte[] Build<T>(ModelDescription description, ModelValues<T> values)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var layers = new H5Group();
        foreach (KerasLayerVariables layer in KerasWeightsLayout.Of(description))
        {
            var vars = new H5Group { Attributes = new Dictionary<string, object> { [KerasWeightsLayout.NameAttribute] = layer.GroupName } };
            foreach (KerasVariable variable in layer.Variables)
            {
                vars[variable.Index] = Dataset(variable, values);
            }
            layers[layer.GroupName] = new H5Group { [KerasWeightsLayout.VarsGroup] = vars };
        }
        var file = new H5File
        {
            [KerasWeightsLayout.LayersGroup] = layers,
            [KerasWeightsLayout.VarsGroup] = new H5Group
            {
                Attributes = new Dictionary<string, object> { [KerasWeightsLayout.NameAttribute] = KerasWeightsLayout.ModelName },
            },
        };
        // PureHDF seeks while it writes, so the file is assembled in memory and copied to the caller's stream.
        using var buffer = new MemoryStream();
        file.Write(buffer, Options);
        return buffer.ToArray();
    }

    private static H5Dataset Dataset<T>(KerasVariable variable, ModelValues<T> values)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        if (variable.IsCount) return new H5Dataset(0L);
        T[] data = values.Of(variable.Tensor!).ToArray();
        // A scalar variable (Normalization over everything) is a scalar dataspace, as h5py writes a 0-d array.
        return variable.Shape.Length == 0 ? new H5Dataset(data[0]) : new H5Dataset(data, fileDims: variable.Shape);
    }
}
