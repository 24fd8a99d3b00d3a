using System;
using System.Collections.Generic;
using FastDense.Generators.Model;

namespace FastDense.Generators.Layers;

/// <summary>Every layer kind the generator knows: adding one is a line here (see docs/common-tasks.md).</summary>
internal static class LayerKinds
{
    public static readonly DenseKind Dense = new();
    public static readonly DropoutKind Dropout = new();
    public static readonly NormalizationKind Normalization = new();
    public static readonly BatchNormalizationKind BatchNormalization = new();
    public static readonly LayerNormalizationKind LayerNormalization = new();
    public static readonly GaussianNoiseKind GaussianNoise = new();
    public static readonly GaussianDropoutKind GaussianDropout = new();
    public static readonly ActivityRegularizationKind ActivityRegularization = new();
    public static readonly ActivationKind Activation = new();
    public static readonly ReLUKind ReLU = new();
    public static readonly LeakyReLUKind LeakyReLU = new();
    public static readonly ELUKind ELU = new();
    public static readonly SoftmaxKind Softmax = new();
    public static readonly PReLUKind PReLU = new();
    public static readonly AlphaDropoutKind AlphaDropout = new();
    public static readonly IdentityKind Identity = new();

    /// <summary>All kinds, in the order of the runtime's <c>LayerKind</c> enum.</summary>
    public static readonly IReadOnlyList<LayerKind> All = new LayerKind[] { Dense, Dropout, Normalization, BatchNormalization, LayerNormalization, GaussianNoise, GaussianDropout, ActivityRegularization,
        Activation, ReLU, LeakyReLU, ELU, Softmax, PReLU, AlphaDropout, Identity };

    /// <summary>The kind declared by the attribute class <paramref name="attributeName"/>, or null.</summary>
    public static LayerKind? ByAttribute(string? attributeName)
    {
        foreach (LayerKind kind in All)
        {
            if (kind.AttributeName == attributeName) return kind;
        }
        return null;
    }

    /// <summary>The kind whose Keras class is <paramref name="kerasClass"/>.</summary>
    private static LayerKind ByClass(string kerasClass)
    {
        foreach (LayerKind kind in All)
        {
            if (kind.KerasClassName == kerasClass) return kind;
        }
        throw new InvalidOperationException($"No layer kind for the Keras class {kerasClass}.");
    }

    /// <summary>The kind of a parsed layer.</summary>
    public static LayerKind Of(LayerSpec spec) => spec switch
    {
        DenseSpec => Dense,
        DropoutSpec => Dropout,
        NormalizationSpec => Normalization,
        BatchNormalizationSpec => BatchNormalization,
        LayerNormalizationSpec => LayerNormalization,
        GaussianNoiseSpec => GaussianNoise,
        GaussianDropoutSpec => GaussianDropout,
        ActivityRegularizationSpec => ActivityRegularization,
        ActivationLayerSpec layer => ByClass(layer.KerasClass),
        PReLUSpec => PReLU,
        AlphaDropoutSpec => AlphaDropout,
        IdentitySpec => Identity,
        _ => throw new InvalidOperationException($"No layer kind for {spec.GetType().Name}."),
    };
}
