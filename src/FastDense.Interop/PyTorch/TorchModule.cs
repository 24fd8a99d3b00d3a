namespace FastDense.Interop.PyTorch;

/// <summary>One module of the equivalent <c>nn.Sequential</c>, at its index.</summary>
/// <param name="Index">Its position in the Sequential: the prefix of its state_dict keys.</param>
/// <param name="Python">How to build it in Python, e.g. <c>nn.Linear(64, 10)</c>, <c>nn.ReLU()</c>.</param>
/// <param name="Tensors">Its state_dict entries (none for activations, Dropout, Identity).</param>
internal sealed record TorchModule(int Index, string Python, TorchTensor[] Tensors);
