namespace FastDense.Persistence;

/// <summary>
/// The tensors of a model, read from its <see cref="ModelDescription"/>: the one place that maps layers to named
/// ranges of the parameter buffer. Files store exactly these (and, in a checkpoint, one copy per optimizer slot), so
/// a new layer kind with more tensors adds entries here and needs no change to the file format.
/// </summary>
internal static class ModelTensors
{
    /// <summary>The model's tensors in layer order; for a Dense layer its kernel (inputs, units), then its bias (units).</summary>
    /// <exception cref="InvalidOperationException">The description's tensors do not tile the parameter buffer exactly.</exception>
    public static ModelTensor[] Of(ModelDescription description)
    {
        var tensors = new List<ModelTensor>(description.Tensors.Count);
        // Files hold the parameters then the state: a non-trainable tensor's offset is counted after every parameter.
        foreach (TensorDescription tensor in description.Tensors)
        {
            int offset = tensor.Trainable ? tensor.Offset : description.ParameterCount + tensor.Offset;
            tensors.Add(new ModelTensor(tensor.Name, tensor.Shape.ToArray(), offset, tensor.Length, tensor.Trainable));
        }
        CheckTiling(tensors, description);
        return tensors.ToArray();
    }

    /// <summary>
    /// The name of optimizer slot <paramref name="slot"/>'s copy of a tensor in a checkpoint, e.g.
    /// <c>optimizer/slot0/dense_0/kernel</c> (Adam: slot 0 is m, slot 1 is v).
    /// </summary>
    public static string SlotName(int slot, string tensorName) => $"optimizer/slot{slot}/{tensorName}";

    /// <summary>
    /// A file stores the whole parameter buffer, and an optimizer's state slots have its layout, so the tensors must
    /// cover it with no gap and no overlap: checked once here rather than trusted.
    /// </summary>
    private static void CheckTiling(List<ModelTensor> tensors, ModelDescription description)
    {
        var byOffset = tensors.OrderBy(t => t.Offset).ToArray();
        long next = 0;
        foreach (ModelTensor tensor in byOffset)
        {
            if (tensor.Offset != next)
            {
                throw new InvalidOperationException(
                    $"Model {description.Name}: tensor {tensor.Name} starts at {tensor.Offset} but the previous one ends at {next}.");
            }
            next += tensor.Length;
        }
        if (next != (long)description.ParameterCount + description.StateCount)
        {
            throw new InvalidOperationException(
                $"Model {description.Name}: the tensors hold {next} values but the model has {description.ParameterCount} parameters and {description.StateCount} state values.");
        }
    }
}
