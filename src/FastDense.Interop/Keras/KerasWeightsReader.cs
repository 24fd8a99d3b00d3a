using System.Globalization;
using System.Numerics;
using PureHDF;
using PureHDF.VOL.Native;

namespace FastDense.Interop.Keras;

/// <summary>
/// Reads a Keras 3 weights file into scratch buffers and checks it against the model, the way Keras's
/// <c>load_weights</c> walks it (keras/src/saving/saving_lib.py, <c>_load_state</c>): layer by layer in the model's
/// order, each from <c>layers/{class name, numbered per class}/vars</c> (<see cref="KerasLayerNames"/>), whatever the
/// layers were called when the file was written (the <c>name</c> attribute is not read). Stricter than Keras where
/// Keras would load something silently wrong or fail later:
/// <list type="bullet">
/// <item>a layer with weights must have every dataset <c>0</c>…<c>n−1</c> and no other, each a float32 or float64
/// array of exactly Keras's shape, all values finite (Normalization's <c>count</c>: an integer scalar, not used);</item>
/// <item>a layer without weights (Dropout…) may have an empty group or none;</item>
/// <item>a group under <c>layers</c> that no layer of the model reads (a file from a deeper model) is refused if it
/// holds any dataset; an empty one (an InputLayer's, from a Functional model) is ignored;</item>
/// <item>everything outside <c>layers</c> (the root <c>vars</c>, <c>optimizer</c>, metrics) is ignored, as Keras
/// ignores it when loading weights into a model without an optimizer.</item>
/// </list>
/// Any fault of the HDF5 structure itself (truncation, damage) is reported as a <see cref="ModelFileException"/>.
/// </summary>
internal static class KerasWeightsReader
{
    /// <summary>Reads and checks <paramref name="bytes"/>, a whole HDF5 file; <paramref name="label"/> names it in messages.</summary>
    /// <exception cref="ModelFileException">The file is not a Keras 3 weights file of this model.</exception>
    public static ModelValues<T> Read<T>(byte[] bytes, ModelDescription description, string label)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        string where = "the file's structure";
        try
        {
            Hdf5EndOfFile.Check(bytes, label);
            using var stream = new MemoryStream(bytes, writable: false);
            using NativeFile file = H5File.Open(stream, leaveOpen: true);
            ModelValues<T> values = ModelValues<T>.Scratch(description);
            IH5Group layers = LayersGroup(file, label);
            KerasLayerVariables[] expected = KerasWeightsLayout.Of(description);
            foreach (KerasLayerVariables layer in expected)
            {
                where = $"layers/{layer.GroupName}";
                ReadLayer(layers, layer, values, label, ref where);
            }
            where = "layers";
            RefuseUnknownLayers(layers, expected, label);
            return values;
        }
        catch (ModelFileException)
        {
            throw;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // PureHDF reports a truncated or damaged file with whatever its parser met (end of stream, a bad signature,
            // an index out of range); all of them mean the same to the caller.
            throw new ModelFileException($"{label} is not a readable HDF5 file (while reading {where}): {e.Message}", null, e);
        }
    }

    private static IH5Group LayersGroup(NativeFile file, string label)
    {
        if (file.LinkExists(KerasWeightsLayout.LayersGroup) && file.Get(KerasWeightsLayout.LayersGroup) is IH5Group layers) return layers;
        if (file.AttributeExists("layer_names") || file.LinkExists("model_weights"))
        {
            throw new ModelFileException(
                $"{label} is a Keras 2 (legacy HDF5) weights file, with 'layer_names' per layer; only Keras 3 .weights.h5 files, with a 'layers' group, are read. Load it in Keras 3 and save it again with model.save_weights(\"model.weights.h5\").");
        }
        string[] top = file.Children().Select(c => c.Name).ToArray();
        throw new ModelFileException(
            $"{label} has no 'layers' group, so it is not a Keras 3 weights file of a Sequential or Functional model; its top level holds: {(top.Length == 0 ? "nothing" : string.Join(", ", top))}.");
    }

    private static void ReadLayer<T>(IH5Group layers, KerasLayerVariables layer, ModelValues<T> values, string label, ref string where)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        string layerPath = $"{KerasWeightsLayout.LayersGroup}/{layer.GroupName}";
        string what = $"layer {layer.Layer.Name} ({layer.Layer.KerasClassName})";
        IH5Group? vars = VarsGroup(layers, layer.GroupName, layerPath, label);
        if (vars is null)
        {
            if (layer.Variables.Length == 0) return;
            throw new ModelFileException(
                $"{label} has no group {layer.VarsPath}: the model's {what} is '{layer.GroupName}' in Keras's numbering and needs {layer.Variables.Length} datasets there. The file's layers: {Describe(layers)}.",
                layer.VarsPath, null);
        }
        IH5Object[] children = vars.Children().ToArray();
        var byIndex = new Dictionary<string, IH5Object>(StringComparer.Ordinal);
        foreach (IH5Object child in children) byIndex[child.Name] = child;
        foreach (IH5Object child in children)
        {
            if (!layer.Variables.Any(v => v.Index == child.Name))
            {
                throw new ModelFileException(
                    $"{label} holds {layer.VarsPath}/{child.Name}, but the model's {what} has {Count(layer.Variables.Length)} ({string.Join(", ", layer.Variables.Select(Role))}): the file's layer '{layer.GroupName}' is not this one.",
                    $"{layer.VarsPath}/{child.Name}", null);
            }
        }
        foreach (KerasVariable variable in layer.Variables)
        {
            where = variable.Path;
            if (!byIndex.TryGetValue(variable.Index, out IH5Object? child))
            {
                throw new ModelFileException(
                    $"{label} lacks {variable.Path}, {Role(variable)} of the model's {what}, shape {variable.ShapeText}; the group holds {(children.Length == 0 ? "no dataset" : string.Join(", ", children.Select(c => c.Name)))}.",
                    variable.Path, null);
            }
            if (child is not IH5Dataset dataset)
            {
                throw new ModelFileException($"{label}: {variable.Path} is not a dataset; expected {Role(variable)}, shape {variable.ShapeText}.", variable.Path, null);
            }
            if (variable.IsCount) CheckCount(dataset, variable, label);
            else ReadTensor(dataset, variable, values, label);
        }
    }

    /// <summary>The layer's <c>vars</c> group, or null when the file has neither it nor the layer's group.</summary>
    private static IH5Group? VarsGroup(IH5Group layers, string groupName, string layerPath, string label)
    {
        if (!layers.LinkExists(groupName)) return null;
        if (layers.Get(groupName) is not IH5Group group)
        {
            throw new ModelFileException($"{label}: {layerPath} is not a group.", layerPath, null);
        }
        if (!group.LinkExists(KerasWeightsLayout.VarsGroup)) return null;
        return group.Get(KerasWeightsLayout.VarsGroup) as IH5Group
            ?? throw new ModelFileException($"{label}: {layerPath}/{KerasWeightsLayout.VarsGroup} is not a group.", layerPath, null);
    }

    private static void ReadTensor<T>(IH5Dataset dataset, KerasVariable variable, ModelValues<T> values, string label)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        string name = variable.Path;
        IH5DataType type = dataset.Type;
        if (type.Class != H5DataTypeClass.FloatingPoint || (type.Size != 4 && type.Size != 8))
        {
            throw new ModelFileException(
                $"{label}: {name} ({Role(variable)}) has dtype {DTypeText(type)}; expected float32 or float64.", name, null);
        }
        CheckShape(dataset, variable, label);
        TensorDescription tensor = variable.Tensor!;
        Span<T> destination = values.Of(tensor);
        if (type.Size == 4)
        {
            float[] data = dataset.Read<float[]>();
            CheckLength(data.Length, tensor.Length, name, label);
            for (int i = 0; i < data.Length; i++)
            {
                if (!float.IsFinite(data[i])) throw NonFinite(label, name, i, data[i].ToString(CultureInfo.InvariantCulture));
                destination[i] = T.CreateTruncating(data[i]);
            }
        }
        else
        {
            double[] data = dataset.Read<double[]>();
            CheckLength(data.Length, tensor.Length, name, label);
            for (int i = 0; i < data.Length; i++)
            {
                if (!double.IsFinite(data[i])) throw NonFinite(label, name, i, data[i].ToString(CultureInfo.InvariantCulture));
                // Into a float model: the (float) conversion, round to nearest; a finite double beyond float's range is refused.
                T value = T.CreateTruncating(data[i]);
                if (!T.IsFinite(value))
                {
                    throw new ModelFileException(
                        string.Create(CultureInfo.InvariantCulture, $"{label}: {name} holds {data[i]:R} at element {i}, beyond the range of {typeof(T).Name}."), name, null);
                }
                destination[i] = value;
            }
        }
    }

    /// <summary>Normalization's <c>count</c>: Keras keeps it for old files and never reads it; it must be an integer scalar.</summary>
    private static void CheckCount(IH5Dataset dataset, KerasVariable variable, string label)
    {
        IH5DataType type = dataset.Type;
        if (type.Class != H5DataTypeClass.FixedPoint || type.Size > 8)
        {
            throw new ModelFileException(
                $"{label}: {variable.Path} (Normalization's count) has dtype {DTypeText(type)}; expected an integer scalar.", variable.Path, null);
        }
        CheckShape(dataset, variable, label);
    }

    private static void CheckShape(IH5Dataset dataset, KerasVariable variable, string label)
    {
        IH5Dataspace space = dataset.Space;
        ulong[] seen = space.Type == H5DataspaceType.Scalar ? [] : space.Dimensions;
        bool same = space.Type != H5DataspaceType.Null && seen.AsSpan().SequenceEqual(variable.Shape);
        if (!same && space.Type != H5DataspaceType.Null && variable.IsSingleNormalizationValue)
        {
            same = seen.Length == 0 || seen is [1];
        }
        if (!same)
        {
            string shape = space.Type == H5DataspaceType.Null ? "no dataspace (null)" : $"shape {KerasWeightsLayout.ShapeText(seen)}";
            throw new ModelFileException(
                $"{label}: {variable.Path} ({Role(variable)}) has {shape}; expected {variable.ShapeText}.", variable.Path, null);
        }
    }

    private static void CheckLength(int seen, int expected, string name, string label)
    {
        if (seen != expected)
        {
            throw new ModelFileException($"{label}: {name} holds {seen} values; expected {expected}.", name, null);
        }
    }

    private static void RefuseUnknownLayers(IH5Group layers, KerasLayerVariables[] expected, string label)
    {
        foreach (IH5Object child in layers.Children())
        {
            if (expected.Any(l => l.GroupName == child.Name)) continue;
            int datasets = child is IH5Group group ? CountDatasets(group) : 1;
            if (datasets == 0) continue;
            throw new ModelFileException(
                $"{label} holds weights under layers/{child.Name} ({Count(datasets)}), a layer this model does not have: the file's model has more layers, or others. The model's layers in Keras's names: {string.Join(", ", expected.Select(l => l.GroupName))}.",
                $"layers/{child.Name}", null);
        }
    }

    private static int CountDatasets(IH5Group group)
    {
        int count = 0;
        foreach (IH5Object child in group.Children())
        {
            count += child switch
            {
                IH5Dataset => 1,
                IH5Group inner => CountDatasets(inner),
                _ => 0,
            };
        }
        return count;
    }

    private static string Describe(IH5Group layers)
    {
        string[] names = layers.Children().Select(c => c.Name).ToArray();
        return names.Length == 0 ? "none" : string.Join(", ", names);
    }

    /// <summary>What a dataset holds, for messages: <c>dense_1/kernel</c>, or Normalization's count.</summary>
    private static string Role(KerasVariable variable) => variable.Tensor?.Name ?? $"{variable.Path.Split('/')[1]}'s count";

    private static string Count(int datasets) => datasets == 1 ? "1 dataset" : $"{datasets} datasets";

    private static string DTypeText(IH5DataType type) => type.Class switch
    {
        H5DataTypeClass.FloatingPoint => $"float{type.Size * 8}",
        H5DataTypeClass.FixedPoint => $"{(type.FixedPoint.IsSigned ? "int" : "uint")}{type.Size * 8}",
        _ => $"{type.Class} of {type.Size} bytes",
    };

    private static ModelFileException NonFinite(string label, string name, int index, string value)
        => new($"{label}: {name} holds {value} at element {index}; weights files hold finite values only.", name, null);
}
