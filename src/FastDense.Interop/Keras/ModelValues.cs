using System.Numerics;

namespace FastDense.Interop.Keras;

/// <summary>
/// A copy of a model's parameters and state taken before a file is written (so the values written are the values
/// checked), and the scratch buffers a load fills before anything of the model changes. Shared by the Keras and
/// PyTorch formats.
/// </summary>
/// <typeparam name="T">The model's element type.</typeparam>
internal sealed class ModelValues<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private ModelValues(T[] parameters, T[] state)
    {
        Parameters = parameters;
        State = state;
    }

    /// <summary>The parameter buffer's values.</summary>
    public T[] Parameters { get; }

    /// <summary>The state buffer's values.</summary>
    public T[] State { get; }

    /// <summary>The buffer a tensor lives in.</summary>
    public T[] BufferOf(TensorDescription tensor) => tensor.Trainable ? Parameters : State;

    /// <summary>A tensor's values.</summary>
    public Span<T> Of(TensorDescription tensor) => BufferOf(tensor).AsSpan(tensor.Offset, tensor.Length);

    /// <summary>Copies the model's values for a save, refusing NaN and infinity as <c>SaveWeights</c> does: such a file would not load.</summary>
    /// <exception cref="InvalidOperationException">A value is NaN or infinite; the message names the tensor.</exception>
    public static ModelValues<T> CopyForSaving(ModelDescription description, ReadOnlySpan<T> parameters, ReadOnlySpan<T> state)
    {
        var values = new ModelValues<T>(parameters.ToArray(), state.ToArray());
        foreach (TensorDescription tensor in description.Tensors)
        {
            Span<T> span = values.Of(tensor);
            for (int i = 0; i < span.Length; i++)
            {
                if (!T.IsFinite(span[i]))
                {
                    throw new InvalidOperationException(
                        $"Tensor '{tensor.Name}' holds {span[i]} at element {i}: a model with NaN or infinite values cannot be saved (the file would not load).");
                }
            }
        }
        return values;
    }

    /// <summary>Zeroed buffers of the model's sizes for a load to fill.</summary>
    public static ModelValues<T> Scratch(ModelDescription description)
        => new(new T[description.ParameterCount], new T[description.StateCount]);

    /// <summary>Copies the loaded values into the model: the last step of a load, after every check has passed.</summary>
    public void CopyTo(Span<T> parameters, Span<T> state)
    {
        Parameters.CopyTo(parameters);
        State.CopyTo(state);
    }
}
