namespace FastDense.Persistence;

/// <summary>The safetensors element types FastDense reads and writes: IEEE single and double, little-endian.</summary>
internal enum TensorDType
{
    /// <summary>"F32": 4-byte IEEE 754 binary32.</summary>
    F32,

    /// <summary>"F64": 8-byte IEEE 754 binary64.</summary>
    F64,
}

/// <summary>Names and sizes of <see cref="TensorDType"/>.</summary>
internal static class TensorDTypes
{
    /// <summary>The header's spelling: "F32" or "F64" (case-sensitive, as the safetensors spec writes them).</summary>
    public static string Name(TensorDType dtype) => dtype == TensorDType.F32 ? "F32" : "F64";

    /// <summary>Bytes per element.</summary>
    public static int Size(TensorDType dtype) => dtype == TensorDType.F32 ? 4 : 8;

    /// <summary>Reads the header's spelling; false for every other string, including other safetensors dtypes.</summary>
    public static bool TryParse(string text, out TensorDType dtype)
    {
        switch (text)
        {
            case "F32":
                dtype = TensorDType.F32;
                return true;
            case "F64":
                dtype = TensorDType.F64;
                return true;
            default:
                dtype = default;
                return false;
        }
    }

    /// <summary>The dtype a model of element type <typeparamref name="T"/> writes.</summary>
    public static TensorDType Of<T>() =>
        typeof(T) == typeof(float) ? TensorDType.F32
        : typeof(T) == typeof(double) ? TensorDType.F64
        : throw new NotSupportedException($"Model files hold float or double tensors, not {typeof(T).Name}.");
}
