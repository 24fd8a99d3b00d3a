using System.Numerics;

namespace FastDense.Training;

/// <summary>
/// A copy of a model's parameters and its optimizer's state and iteration count, taken and restored without
/// allocating after the first take (the buffers are kept for the next).
/// </summary>
internal sealed class ModelSnapshot<TKernel, T>
    where TKernel : struct, IModelKernel<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private readonly T[] _parameters = new T[TKernel.ParameterCount];
    private readonly T[] _modelState = new T[TKernel.StateCount];   // a BatchNormalization's moving statistics
    private T[]? _state;
    private bool _hasState;
    private long _iterations;
    private Optimizer? _optimizer;

    /// <summary>Copies the model's parameters and its optimizer's state.</summary>
    public void Take(Model<TKernel, T> model)
    {
        model.ParameterSpan.CopyTo(_parameters);
        model.State.CopyTo(_modelState);
        _optimizer = model.Optimizer;
        _iterations = _optimizer.Iterations;
        _hasState = _optimizer.State is T[];
        if (_optimizer.State is T[] state)
        {
            if (_state is null || _state.Length != state.Length) _state = new T[state.Length];
            state.CopyTo(_state, 0);
        }
    }

    /// <summary>Puts back what <see cref="Take"/> copied (into the same optimizer's live state).</summary>
    public void Restore(Model<TKernel, T> model)
    {
        _parameters.CopyTo(model.ParameterSpan);
        _modelState.CopyTo(model.State);
        if (_optimizer is null || !ReferenceEquals(_optimizer, model.Optimizer)) return;   // a callback swapped optimizers: its state is its own
        if (!_hasState)
        {
            _optimizer.RestoreState(null, _iterations);
        }
        else if (_optimizer.State is T[] live && live.Length == _state!.Length)
        {
            _state.CopyTo(live, 0);
            _optimizer.RestoreState(live, _iterations);
        }
        else
        {
            _optimizer.RestoreState((T[])_state!.Clone(), _iterations);
        }
    }
}
