using System.Globalization;

namespace FastDense.Interop.PyTorch;

/// <summary>
/// The <c>nn.Sequential</c> equivalent to a model, module by module: its state_dict keys are
/// <c>{index}.{name}</c>, where the index counts every module, those without tensors too (torch/nn/modules/container.py:
/// Sequential registers each module under str(index); module.py's state_dict prefixes each one's parameters and
/// buffers with it). A Dense layer is <c>nn.Linear(in, out)</c> followed, unless its activation is linear, by the
/// activation's module; BatchNormalization is <c>nn.BatchNorm1d</c> (eps = epsilon, momentum = 1 − Keras's momentum:
/// PyTorch weighs the new batch by momentum, Keras the old average), LayerNormalization <c>nn.LayerNorm</c>,
/// Dropout <c>nn.Dropout(p)</c>, AlphaDropout <c>nn.AlphaDropout(p)</c>, GaussianNoise, GaussianDropout,
/// ActivityRegularization and Identity <c>nn.Identity()</c> (the first three act only in training), the layers over one
/// activation (Activation, ReLU, LeakyReLU, ELU, Softmax) that activation's module, PReLU <c>nn.PReLU(num_parameters=n)</c>
/// with alpha as its <c>weight</c>, Normalization a small module with buffers <c>mean</c> and <c>variance</c>
/// (docs/interop.md has it).
/// A BatchNormalization with renorm is the same BatchNorm1d: its inference statistics (PyTorch has no renorm).
/// </summary>
internal static class TorchModules
{
    /// <summary>The modules, in order.</summary>
    public static TorchModule[] Of(ModelDescription description)
    {
        var modules = new List<TorchModule>();
        foreach (LayerDescription layer in description.Layers)
        {
            int i = modules.Count;
            string n = layer.Inputs.ToString(CultureInfo.InvariantCulture);
            switch (layer.Kind)
            {
                case LayerKind.Dense:
                {
                    TensorDescription kernel = layer.Tensor("kernel");
                    // The Linear module is as wide as the units (the kernel), which glu's module then halves.
                    string units = layer.Units.ToString(CultureInfo.InvariantCulture);
                    var weight = new TorchTensor($"{i}.weight", [layer.Units, layer.Inputs], TorchTensorKind.Values, kernel, Transposed: true);
                    // Keras's use_bias=False is nn.Linear(bias=False): no bias key in the state_dict.
                    modules.Add(layer.Argument("use_bias", 1) != 0
                        ? new TorchModule(i, $"nn.Linear({n}, {units})", [weight, new($"{i}.bias", [layer.Units], TorchTensorKind.Values, layer.Tensor("bias"))])
                        : new TorchModule(i, $"nn.Linear({n}, {units}, bias=False)", [weight]));
                    if (layer.Activation != Activation.Linear) modules.Add(new TorchModule(i + 1, ActivationModule(layer), []));
                    break;
                }
                case LayerKind.BatchNormalization:
                {
                    bool affine = HasAffine(layer, out TorchTensor[] affineTensors, i);
                    string eps = Number(layer.Argument("epsilon", 1e-3)), momentum = Number(1 - layer.Argument("momentum", 0.99));
                    modules.Add(new TorchModule(i, $"nn.BatchNorm1d({n}, eps={eps}, momentum={momentum}{(affine ? "" : ", affine=False")})",
                    [
                        .. affineTensors,
                        new($"{i}.running_mean", [layer.Inputs], TorchTensorKind.Values, layer.Tensor("moving_mean")),
                        new($"{i}.running_var", [layer.Inputs], TorchTensorKind.Values, layer.Tensor("moving_variance")),
                        new($"{i}.num_batches_tracked", [], TorchTensorKind.BatchCount, null),
                    ]));
                    break;
                }
                case LayerKind.LayerNormalization:
                {
                    bool affine = HasAffine(layer, out TorchTensor[] affineTensors, i);
                    modules.Add(new TorchModule(i, $"nn.LayerNorm({n}, eps={Number(layer.Argument("epsilon", 1e-3))}{(affine ? "" : ", elementwise_affine=False")})", affineTensors));
                    break;
                }
                case LayerKind.Normalization:
                    TensorDescription mean = layer.Tensor("mean"), variance = layer.Tensor("variance");
                    modules.Add(new TorchModule(i, $"Normalization({mean.Length.ToString(CultureInfo.InvariantCulture)}{(layer.Argument("invert", 0) != 0 ? ", invert=True" : "")})",
                    [
                        new($"{i}.mean", [mean.Length], TorchTensorKind.Values, mean),
                        new($"{i}.variance", [variance.Length], TorchTensorKind.Values, variance),
                    ]));
                    break;
                case LayerKind.Dropout:
                    modules.Add(new TorchModule(i, $"nn.Dropout(p={Number(layer.Argument("rate", 0))})", []));
                    break;
                case LayerKind.GaussianNoise:
                case LayerKind.GaussianDropout:
                case LayerKind.ActivityRegularization:   // its penalty is a training loss term, nothing at inference
                case LayerKind.Identity:
                    modules.Add(new TorchModule(i, "nn.Identity()", []));
                    break;
                case LayerKind.Activation:
                case LayerKind.ReLU:
                case LayerKind.LeakyReLU:
                case LayerKind.ELU:
                case LayerKind.Softmax:
                    // The activation's module, as after a Dense layer; Activation("linear") computes nothing.
                    modules.Add(new TorchModule(i, layer.Activation == Activation.Linear ? "nn.Identity()" : ActivationModule(layer), []));
                    break;
                case LayerKind.PReLU:
                    // nn.PReLU computes max(0, x) + weight · min(0, x), weight over dim 1 of (N, C): the features, or one for all.
                    TensorDescription alpha = layer.Tensor("alpha");
                    modules.Add(new TorchModule(i, $"nn.PReLU(num_parameters={alpha.Length.ToString(CultureInfo.InvariantCulture)})",
                    [
                        new($"{i}.weight", [alpha.Length], TorchTensorKind.Values, alpha),
                    ]));
                    break;
                case LayerKind.AlphaDropout:
                    // The same selu-preserving dropout in training (SELU's constants), the identity at inference.
                    modules.Add(new TorchModule(i, $"nn.AlphaDropout(p={Number(layer.Argument("rate", 0))})", []));
                    break;
                default:
                    throw new NotSupportedException($"Layer {layer.Name} is a {layer.KerasClassName}, which has no PyTorch module mapping.");
            }
        }
        return modules.ToArray();
    }

    /// <summary>
    /// Refuses a model a state_dict cannot fill: a BatchNormalization with renorm keeps moving_stddev, renorm_mean and
    /// renorm_stddev, which BatchNorm1d has no buffers for (a load would leave them stale beside the loaded statistics).
    /// </summary>
    /// <exception cref="NotSupportedException">The model has such a layer; the message names it.</exception>
    public static void CheckLoadable(ModelDescription description)
    {
        foreach (LayerDescription layer in description.Layers)
        {
            if (layer.Kind == LayerKind.BatchNormalization && layer.Argument("renorm", 0) != 0)
            {
                throw new NotSupportedException(
                    $"Layer {layer.Name} uses batch renormalization (Renorm = true): a PyTorch state_dict holds BatchNorm1d's running_mean and running_var but not its moving_stddev, renorm_mean and renorm_stddev. Load the model from a Keras .weights.h5 or .keras file, or from FastDense's own weights, which hold them.");
            }
        }
    }

    /// <summary>The modules as one line, for the file's metadata and messages: <c>nn.Linear(64, 64), nn.ReLU(), …</c>.</summary>
    public static string Describe(TorchModule[] modules) => string.Join(", ", modules.Select(m => m.Python));

    /// <summary>
    /// A BatchNorm1d's or LayerNorm's weight and bias: with center and scale both false, none (affine off); otherwise
    /// both, the half the layer lacks filled with its identity (PyTorch has no module with only one of them).
    /// </summary>
    private static bool HasAffine(LayerDescription layer, out TorchTensor[] tensors, int i)
    {
        bool scale = layer.Argument("scale", 1) != 0, center = layer.Argument("center", 1) != 0;
        if (!scale && !center)
        {
            tensors = [];
            return false;
        }
        tensors =
        [
            scale ? new($"{i}.weight", [layer.Inputs], TorchTensorKind.Values, layer.Tensor("gamma")) : new($"{i}.weight", [layer.Inputs], TorchTensorKind.Identity, null, Fill: 1),
            center ? new($"{i}.bias", [layer.Inputs], TorchTensorKind.Values, layer.Tensor("beta")) : new($"{i}.bias", [layer.Inputs], TorchTensorKind.Identity, null, Fill: 0),
        ];
        return true;
    }

    /// <summary>The torch.nn module applying the activation (Keras's formula), or the custom module to write.</summary>
    private static string ActivationModule(LayerDescription layer)
    {
        double Arg(string name, double fallback) => layer.ActivationArguments.FirstOrDefault(a => a.Key == name) is { Key: not null } a ? a.Value : fallback;
        return layer.Activation switch
        {
            Activation.Relu when layer.ActivationArguments.Count == 0 => "nn.ReLU()",
            Activation.Sigmoid => "nn.Sigmoid()",
            Activation.Tanh => "nn.Tanh()",
            Activation.Softmax => "nn.Softmax(dim=-1)",
            Activation.LogSoftmax => "nn.LogSoftmax(dim=-1)",
            // torch.nn.GLU splits its input in halves along dim as Keras's glu does: first half ⊙ σ(second half).
            Activation.Glu => "nn.GLU(dim=-1)",
            Activation.LeakyRelu => $"nn.LeakyReLU({Number(Arg("negative_slope", 0.2))})",
            Activation.Relu6 => "nn.ReLU6()",
            Activation.Elu => $"nn.ELU({Number(Arg("alpha", 1))})",
            Activation.Selu => "nn.SELU()",
            Activation.Celu => $"nn.CELU({Number(Arg("alpha", 1))})",
            Activation.Gelu => Arg("approximate", 0) != 0 ? "nn.GELU(approximate=\"tanh\")" : "nn.GELU()",
            Activation.Silu => "nn.SiLU()",
            Activation.Mish => "nn.Mish()",
            Activation.Softplus => "nn.Softplus()",
            Activation.Softsign => "nn.Softsign()",
            Activation.HardSigmoid => "nn.Hardsigmoid()",
            Activation.HardSilu => "nn.Hardswish()",
            Activation.LogSigmoid => "nn.LogSigmoid()",
            Activation.TanhShrink => "nn.Tanhshrink()",
            Activation.HardTanh => "nn.Hardtanh()",
            Activation.SoftShrink => $"nn.Softshrink({Number(Arg("threshold", 0.5))})",
            Activation.HardShrink => $"nn.Hardshrink({Number(Arg("threshold", 0.5))})",
            Activation.Threshold => $"nn.Threshold({Number(Arg("threshold", 0))}, {Number(Arg("default_value", 0))})",
            // No torch.nn module computes these as Keras does (relu with max_value or threshold, exponential,
            // squareplus, sparse_plus, sparse_sigmoid, sparsemax): a module of a few lines of Python, without tensors.
            _ => $"KerasActivation(\"{layer.ActivationText}\")",
        };
    }

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
