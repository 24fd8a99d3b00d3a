namespace FastDense;

/// <summary>
/// A weights or checkpoint file that cannot be loaded into this model: not a well-formed safetensors file (a bad
/// header length, invalid UTF-8 or JSON, duplicate keys, a hole, an overlap or trailing bytes in the data area, a
/// truncated file), a tensor missing, unknown, of the wrong shape or dtype, holding NaN or infinity, or a checkpoint
/// whose optimizer differs from the model's. Every such failure of <c>LoadWeights</c> and <c>LoadCheckpoint</c>
/// throws this type, and the model (parameters and optimizer) is then unchanged. I/O failures (file not found, access
/// denied, a disk error) keep their own exceptions.
/// </summary>
/// <remarks>
/// It derives from <see cref="Exception"/>: <see cref="InvalidDataException"/> is sealed, and deriving from
/// <see cref="IOException"/> would make a <c>catch (IOException)</c> written for disk errors swallow corrupt files too.
/// </remarks>
public sealed class ModelFileException : Exception
{
    /// <summary>Creates the exception with a generic message.</summary>
    public ModelFileException()
        : base("The model file is not valid.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What is wrong, and where.</param>
    public ModelFileException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the exception that revealed the problem.</summary>
    /// <param name="message">What is wrong, and where.</param>
    /// <param name="innerException">The parser's exception, for instance.</param>
    public ModelFileException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for a problem with one tensor.</summary>
    /// <param name="message">What is wrong: the tensor, what was expected and what the file holds.</param>
    /// <param name="tensorName">The tensor's name in the file, e.g. <c>dense_0/kernel</c>.</param>
    /// <param name="innerException">The exception that revealed the problem, if any.</param>
    public ModelFileException(string message, string? tensorName, Exception? innerException)
        : base(message, innerException)
        => TensorName = tensorName;

    /// <summary>The name of the tensor the problem concerns (e.g. <c>dense_0/kernel</c>), or null when it concerns the file as a whole.</summary>
    public string? TensorName { get; }
}
