using System.Reflection;
using FastDense.Losses;
using FastDense.Metrics;
using FastDense.Tests.GradientChecks;

namespace FastDense.Tests.Completeness;

/// <summary>
/// What every activation, loss, layer kind and metric must have, found by reflection so that a new member fails here
/// until it has it: a gradient-checked model that uses it (every double model of this assembly is checked), a line in
/// docs/keras-parity.md under its Keras name, and a diagnostic that guards its misuse.
/// </summary>
public class CompletenessTests
{
    /// <summary>Every generated kernel of this assembly's models, with its description.</summary>
    private static IEnumerable<(Type Kernel, ModelDescription Description)> Kernels()
        => typeof(CompletenessTests).Assembly.GetTypes()
            .Where(t => t.IsValueType && t.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IModelKernel<>)))
            .Select(t => (t, (ModelDescription)t.GetProperty(nameof(IModelKernel<float>.Description), BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!));

    private static IEnumerable<ModelDescription> GradientCheckedModels()
        => Kernels().Where(k => k.Description.ElementType == typeof(double)).Select(k => k.Description);

    public static TheoryData<string> DoubleModels()
    {
        var data = new TheoryData<string>();
        foreach ((Type kernel, ModelDescription description) in Kernels().Where(k => k.Description.ElementType == typeof(double))) data.Add(kernel.FullName!);
        return data;
    }

    [Theory, MemberData(nameof(DoubleModels))]
    public void EveryDoubleModel_MatchesFiniteDifferences(string kernelName)
    {
        Type kernel = typeof(CompletenessTests).Assembly.GetType(kernelName)!;
        typeof(GradientChecker).GetMethod(nameof(GradientChecker.CheckAnySeed))!.MakeGenericMethod(kernel).Invoke(null, [4]);
    }

    /// <summary>The same models with a sample weight per row: the weighted backward of every loss on every output it trains.</summary>
    [Theory, MemberData(nameof(DoubleModels))]
    public void EveryDoubleModel_WithSampleWeights_MatchesFiniteDifferences(string kernelName)
    {
        Type kernel = typeof(CompletenessTests).Assembly.GetType(kernelName)!;
        typeof(GradientChecker).GetMethod(nameof(GradientChecker.CheckAnySeedWeighted))!.MakeGenericMethod(kernel).Invoke(null, [4]);
    }

    [Fact]
    public void EveryActivation_IsInAGradientCheckedModel()
    {
        var used = GradientCheckedModels().SelectMany(m => m.Layers).Where(l => l.Kind == LayerKind.Dense).Select(l => l.Activation).ToHashSet();
        var missing = Enum.GetValues<Activation>().Where(a => !used.Contains(a)).ToArray();
        Assert.Empty(missing);
    }

    [Fact]
    public void EveryActivationButSoftmax_IsGradientCheckedInAHiddenLayer()
    {
        var hidden = GradientCheckedModels().SelectMany(m => m.Layers.Take(m.Layers.Count - 1)).Where(l => l.Kind == LayerKind.Dense).Select(l => l.Activation).ToHashSet();
        var missing = Enum.GetValues<Activation>().Where(a => a != Activation.Softmax && !hidden.Contains(a)).ToArray();
        Assert.Empty(missing);
    }

    [Fact]
    public void EveryLoss_IsInAGradientCheckedModel()
    {
        var used = GradientCheckedModels().Select(m => m.Loss).ToHashSet();
        var missing = Enum.GetValues<Loss>().Where(l => !used.Contains(l)).ToArray();
        Assert.Empty(missing);
    }

    [Fact]
    public void EveryLayerKind_IsInAGradientCheckedModel()
    {
        var used = GradientCheckedModels().SelectMany(m => m.Layers).Select(l => l.Kind).ToHashSet();
        var missing = Enum.GetValues<LayerKind>().Where(k => !used.Contains(k)).ToArray();
        Assert.Empty(missing);
    }

    [Fact]
    public void EveryKerasName_IsInTheParityPage()
    {
        string page = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "keras-parity.md"));
        var names = Enum.GetValues<Activation>().Select(a => a.KerasName())
            .Concat(Enum.GetValues<Loss>().Select(l => LossFunction.For(l).KerasName))
            .Concat(Enum.GetValues<LayerKind>().Select(k => k.ToString()))
            .Concat(MetricNames.Known)
            .Concat(MetricNames.NeedingArguments);
        var missing = names.Where(name => !page.Contains($"`{name}`", StringComparison.Ordinal)).ToArray();
        Assert.Empty(missing);
    }

    /// <summary>
    /// The diagnostics that guard each member's misuse: adding a member fails here until its misuse is decided (and
    /// the diagnostic exists, with its page).
    /// </summary>
    private static readonly Dictionary<Enum, string[]> Guards = new()
    {
        [Activation.Linear] = ["FD0006"],   // FD0006: linear cannot be a cross-entropy output
        [Activation.Relu] = ["FD0006", "FD0023"],
        [Activation.Sigmoid] = ["FD0006"],  // not under categorical cross-entropy
        [Activation.Tanh] = ["FD0006"],
        [Activation.Softmax] = ["FD0005", "FD0006"],   // FD0005: over one unit
        // FD0023: an argument the activation does not take, out of range, or required and missing. Every activation
        // is guarded by it (any argument written for one without arguments is reported); the ones with arguments:
        [Activation.LeakyRelu] = ["FD0006", "FD0023"],
        [Activation.Relu6] = ["FD0006"],
        [Activation.Elu] = ["FD0006", "FD0023"],
        [Activation.Selu] = ["FD0006"],
        [Activation.Celu] = ["FD0006", "FD0023"],
        [Activation.Gelu] = ["FD0006", "FD0023"],
        [Activation.Silu] = ["FD0006"],
        [Activation.Mish] = ["FD0006"],
        [Activation.Softplus] = ["FD0006"],
        [Activation.Softsign] = ["FD0006"],
        [Activation.HardSigmoid] = ["FD0006"],
        [Activation.HardSilu] = ["FD0006"],
        [Activation.Exponential] = ["FD0006"],
        [Activation.LogSigmoid] = ["FD0006"],
        [Activation.TanhShrink] = ["FD0006"],
        [Activation.HardTanh] = ["FD0006"],
        [Activation.SoftShrink] = ["FD0006", "FD0023"],
        [Activation.HardShrink] = ["FD0006", "FD0023"],
        [Activation.Squareplus] = ["FD0006", "FD0023"],
        [Activation.SparsePlus] = ["FD0006"],
        [Activation.SparseSigmoid] = ["FD0006"],
        [Activation.Threshold] = ["FD0006", "FD0023"],
        [Activation.LogSoftmax] = ["FD0005", "FD0006"],
        [Activation.Sparsemax] = ["FD0005", "FD0006"],   // FD0006: not under the cross-entropies (exact zeros)
        [Activation.Glu] = ["FD0006", "FD0027"],         // FD0027: over an odd number of units
        [Loss.CategoricalCrossentropy] = ["FD0006", "FD0013", "FD0022"],
        [Loss.BinaryCrossentropy] = ["FD0006", "FD0013", "FD0022"],
        // FD0013 lists every loss; FD0006 guards the outputs a loss cannot train (mean squared error and the other losses
        // of the output fit any: through the activation's derivative or softmax's Jacobian); FD0022 its arguments.
        [Loss.MeanSquaredError] = ["FD0013"],
        [Loss.MeanAbsoluteError] = ["FD0013"],
        [Loss.MeanAbsolutePercentageError] = ["FD0013"],
        [Loss.MeanSquaredLogarithmicError] = ["FD0013"],
        [Loss.Huber] = ["FD0013", "FD0022"],
        [Loss.LogCosh] = ["FD0013"],
        [Loss.Poisson] = ["FD0006", "FD0013"],
        [Loss.KLDivergence] = ["FD0006", "FD0013"],
        [Loss.CosineSimilarity] = ["FD0013"],
        [Loss.Hinge] = ["FD0013"],
        [Loss.SquaredHinge] = ["FD0013"],
        [Loss.CategoricalHinge] = ["FD0013"],
        [Loss.BinaryFocalCrossentropy] = ["FD0006", "FD0013", "FD0022"],
        [Loss.CategoricalFocalCrossentropy] = ["FD0006", "FD0013", "FD0022"],
        [Loss.SparseCategoricalCrossentropy] = ["FD0006", "FD0013", "FD0017", "FD0022"],
        [LayerKind.Dense] = ["FD0003", "FD0012"],
        [LayerKind.Dropout] = ["FD0014", "FD0015"],
        [LayerKind.Normalization] = ["FD0015", "FD0018"],
        // The normalizations' gamma/beta options: FD0021 (initializers), FD0020 (regularizers), FD0025 (constraints),
        // FD0028 (an option of a tensor the layer does not have).
        [LayerKind.BatchNormalization] = ["FD0015", "FD0019", "FD0020", "FD0021", "FD0025", "FD0028"],
        [LayerKind.LayerNormalization] = ["FD0015", "FD0020", "FD0021", "FD0025", "FD0028"],
        [LayerKind.GaussianNoise] = ["FD0015", "FD0020"],
        [LayerKind.GaussianDropout] = ["FD0015", "FD0020"],
        [LayerKind.ActivityRegularization] = ["FD0015", "FD0020"],
        // The layers over one activation: FD0015 as the output (its message suggests the Dense activation); Activation's
        // member and arguments as a Dense layer's (FD0011, FD0023), the Keras layers' own arguments FD0020; softmax over
        // one feature FD0005.
        [LayerKind.Activation] = ["FD0005", "FD0011", "FD0015", "FD0023"],
        [LayerKind.ReLU] = ["FD0015", "FD0020"],
        [LayerKind.LeakyReLU] = ["FD0015", "FD0020"],
        [LayerKind.ELU] = ["FD0015", "FD0020"],
        [LayerKind.Softmax] = ["FD0005", "FD0015", "FD0020"],
        // PReLU: shared_axes (FD0020), alpha's initializer (FD0021), regularizer (FD0020) and constraint (FD0025).
        [LayerKind.PReLU] = ["FD0015", "FD0020", "FD0021", "FD0025"],
        [LayerKind.AlphaDropout] = ["FD0015", "FD0020", "FD0026"],
        [LayerKind.Identity] = ["FD0015"],
    };

    [Fact]
    public void EveryMember_HasADiagnosticForItsMisuse()
    {
        IEnumerable<Enum> members = Enum.GetValues<Activation>().Cast<Enum>().Concat(Enum.GetValues<Loss>().Cast<Enum>()).Concat(Enum.GetValues<LayerKind>().Cast<Enum>());
        var missing = members.Where(m => !Guards.ContainsKey(m)).ToArray();
        Assert.Empty(missing);
        string docs = Path.Combine(RepositoryRoot(), "docs", "diagnostics");
        Assert.All(Guards.Values.SelectMany(ids => ids).Distinct(), id => Assert.True(File.Exists(Path.Combine(docs, id + ".md")), $"{id} has no page"));
    }

    private static string RepositoryRoot([System.Runtime.CompilerServices.CallerFilePath] string thisFile = "")
        => Path.GetFullPath(Path.Combine(Path.GetDirectoryName(thisFile)!, "..", "..", ".."));
}
