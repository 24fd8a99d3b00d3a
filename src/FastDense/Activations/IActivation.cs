using System.Numerics;

namespace FastDense.__Internals;

/// <summary>
/// An activation as a typed operator: generated code passes one (a struct, holding the activation's arguments such
/// as a slope) to <see cref="Dense.Forward{T, TActivation}"/> and <see cref="Dense.ActivationBackward{T, TActivation}"/>,
/// and the runtime decides which kernel computes it: a fused one where it has one (relu in the product's registers,
/// softmax with the rows in the lanes), the operator's own pass otherwise. Each struct is specialized by the JIT, so
/// the choice costs nothing at run time.
/// </summary>
public interface IActivation
{
    /// <summary>destination (rows, columns) = f(z), element by element (or row by row for an activation that mixes a row's columns); may be in place.</summary>
    void Forward<T>(ReadOnlySpan<T> z, Span<T> destination, int columns)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>;

    /// <summary>destination = upstream ⊙ f'(·), from the activation's output; <paramref name="destination"/> may alias <paramref name="upstream"/>.</summary>
    void Backward<T>(ReadOnlySpan<T> output, ReadOnlySpan<T> upstream, Span<T> destination)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>;
}
