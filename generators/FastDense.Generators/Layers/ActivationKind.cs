using System;
using System.Collections.Generic;
using FastDense.Generators.Diagnostics;
using FastDense.Generators.Helpers;
using FastDense.Generators.Model;
using Microsoft.CodeAnalysis;

namespace FastDense.Generators.Layers;

/// <summary>
/// <c>[Activation(activation)]</c>, Keras's <c>Activation</c> layer: any <c>Activation</c> member, with its arguments as
/// <c>[Dense]</c>'s properties (<see cref="ActivationArguments"/>: FD0023), FD0011 for an undefined member.
/// </summary>
internal sealed class ActivationKind : ActivationLayerKind
{
    public override string KerasClassName => "Activation";

    public override string SnakeName => "activation";

    public override LayerSpec? Parse(LayerAttribute attribute, List<DiagnosticInfo> diagnostics)
    {
        if (attribute.Data.ConstructorArguments.Length != 1 || attribute.Data.ConstructorArguments[0].Value is not int value) return null;
        bool defined = Enum.IsDefined(typeof(Activation), value);
        if (!defined)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UndefinedEnumValue, attribute.ArgumentLocation("activation", 0), nameof(Activation), N(value)));
        }
        var spec = new ActivationLayerSpec(KerasClassName, (Activation)value)
        {
            // An undefined member (FD0011 above) takes no arguments; its written ones are not reported again.
            ActivationArguments = defined ? ActivationArguments.Read(attribute, (Activation)value, diagnostics, KerasClassName, activationPosition: 0) : EquatableArray<double>.Empty,
        };
        CheckNotOutput(attribute, spec, diagnostics);
        return spec;
    }

    protected override Location ActivationLocation(LayerAttribute attribute) => attribute.ArgumentLocation("activation", 0);

    public override string Describe(LayerSpec spec)
    {
        var layer = (ActivationLayerSpec)spec;
        return $"Activation({ActivationArguments.Text(layer.Activation, layer.ActivationArguments)})";
    }
}
