using PureHDF;
using PureHDF.VOL.Native;

namespace FastDense.Interop.Tests.Keras;

/// <summary>
/// HDF5 files for tests, built and read with PureHDF's generic API, independent of the code under test: a file is a
/// map from dataset path (<c>layers/dense/vars/0</c>) to its data, so a test can drop, reshape or retype one entry.
/// </summary>
internal static class H5Files
{
    /// <summary>The datasets of the digits model's file, as Keras lays them out, from the model's values.</summary>
    public static Dictionary<string, H5Dataset> DigitsDatasets(KerasDigitsNet model)
    {
        float[] p = model.Parameters.ToArray();
        return new Dictionary<string, H5Dataset>
        {
            ["layers/dense/vars/0"] = new(p[..4096], fileDims: [64, 64]),
            ["layers/dense/vars/1"] = new(p[4096..4160]),
            ["layers/dense_1/vars/0"] = new(p[4160..4800], fileDims: [64, 10]),
            ["layers/dense_1/vars/1"] = new(p[4800..4810]),
        };
    }

    /// <summary>Writes the datasets, with the groups their paths need, and returns the file's bytes.</summary>
    public static byte[] Write(Dictionary<string, H5Dataset> datasets, Action<H5File>? adjust = null)
    {
        var file = new H5File();
        foreach ((string path, H5Dataset dataset) in datasets)
        {
            string[] parts = path.Split('/');
            H5Group group = file;
            foreach (string part in parts[..^1])
            {
                if (!group.TryGetValue(part, out object? child))
                {
                    child = new H5Group();
                    group[part] = child;
                }
                group = (H5Group)child;
            }
            group[parts[^1]] = dataset;
        }
        adjust?.Invoke(file);
        using var stream = new MemoryStream();
        file.Write(stream);
        return stream.ToArray();
    }

    /// <summary>Every dataset of a file: path, shape (empty for a scalar), type class and size.</summary>
    public static List<(string Path, ulong[] Shape, H5DataTypeClass Class, int Size)> List(byte[] bytes)
    {
        using var stream = new MemoryStream(bytes);
        using NativeFile file = H5File.Open(stream, leaveOpen: true);
        var found = new List<(string, ulong[], H5DataTypeClass, int)>();
        Walk(file, "", found);
        return found;
    }

    private static void Walk(IH5Group group, string prefix, List<(string, ulong[], H5DataTypeClass, int)> found)
    {
        foreach (IH5Object child in group.Children())
        {
            string path = prefix.Length == 0 ? child.Name : $"{prefix}/{child.Name}";
            if (child is IH5Group inner) Walk(inner, path, found);
            else if (child is IH5Dataset dataset)
            {
                ulong[] shape = dataset.Space.Type == H5DataspaceType.Scalar ? [] : dataset.Space.Dimensions;
                found.Add((path, shape, dataset.Type.Class, (int)dataset.Type.Size));
            }
        }
    }

    /// <summary>Opens a file's bytes for reading with PureHDF.</summary>
    public static NativeFile Open(byte[] bytes) => H5File.Open(new MemoryStream(bytes), leaveOpen: false);
}
