using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

namespace FastDense.Generators.Tests;

/// <summary>
/// Every FD diagnostic: its ID, the exact span it lands on (marked [|like this|] in the source, checked as text span
/// and as line/column span) and its message.
/// An invalid declaration must generate no source.
/// </summary>
public class DiagnosticsTests
{
    private static void Expect(string markedSource, string id, string message)
    {
        int start = markedSource.IndexOf("[|", StringComparison.Ordinal);
        int end = markedSource.IndexOf("|]", StringComparison.Ordinal) - 2;
        Assert.True(start >= 0 && end >= start, "the test source must mark the expected span with [| |]");
        string source = markedSource.Replace("[|", "").Replace("|]", "");
        GeneratorHarness.Result result = GeneratorHarness.Run(source, expectValid: false);

        Diagnostic diagnostic = Assert.Single(result.GeneratorDiagnostics, d => d.Id == id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Equal(source[start..end], source[diagnostic.Location.SourceSpan.Start..diagnostic.Location.SourceSpan.End]);
        Assert.Equal(start, diagnostic.Location.SourceSpan.Start);
        Assert.Equal(SourceText.From(source).Lines.GetLinePositionSpan(TextSpan.FromBounds(start, end)), diagnostic.Location.GetLineSpan().Span);
        Assert.Equal(message, diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal($"{FastDense.Generators.Diagnostics.RepositoryInfo.DocsUrl}diagnostics/{id}.md", diagnostic.Descriptor.HelpLinkUri);
        Assert.True(Uri.TryCreate(diagnostic.Descriptor.HelpLinkUri, UriKind.Absolute, out Uri? help) && help.Scheme == Uri.UriSchemeHttps,
            $"the help link of {id} must be an absolute https URL, not {diagnostic.Descriptor.HelpLinkUri}");
        Assert.EndsWith($"/blob/main/docs/diagnostics/{id}.md", diagnostic.Descriptor.HelpLinkUri);
        Assert.Empty(result.Run.GeneratedSources);
    }

    [Fact]
    public void FD0001_ClassNotPartial()
        => Expect("""
            using FastDense;
            [Model(Inputs = 2, Loss = Loss.MeanSquaredError)]
            [Dense(1)]
            public class [|Net|] { }
            """, "FD0001", "'Net' must be declared partial so that FastDense can generate the rest of the model");

    [Fact]
    public void FD0001_ContainingTypeNotPartial()
        => Expect("""
            using FastDense;
            public class [|Outer|]
            {
                [Model(Inputs = 2, Loss = Loss.MeanSquaredError)]
                [Dense(1)]
                public partial class Net;
            }
            """, "FD0001", "'Outer' must be declared partial so that FastDense can generate the rest of the model");

    [Fact]
    public void FD0002_InputsNotPositive()
        => Expect("""
            using FastDense;
            [Model(Inputs = [|-3|], Loss = Loss.MeanSquaredError)]
            [Dense(1)]
            public partial class Net;
            """, "FD0002", "[Model] Inputs must be a positive input width, but is -3");

    [Fact]
    public void FD0002_InputsNotSet()
        => Expect("""
            using FastDense;
            [[|Model(Loss = Loss.MeanSquaredError)|]]
            [Dense(1)]
            public partial class Net;
            """, "FD0002", "[Model] Inputs must be a positive input width, but is not set");

    [Fact]
    public void FD0003_UnitsNotPositive()
        => Expect("""
            using FastDense;
            [Model(Inputs = 2, Loss = Loss.MeanSquaredError)]
            [Dense(4, Activation.Relu)]
            [Dense([|0|])]
            public partial class Net;
            """, "FD0003", "Dense layer 1 must have a positive number of units, but has 0");

    [Fact]
    public void FD0004_NoLayers()
        => Expect("""
            using FastDense;
            [Model(Inputs = 2, Loss = Loss.MeanSquaredError)]
            public partial class [|Net|];
            """, "FD0004", "Model 'Net' declares no layers: add at least one [Dense(units, activation)] attribute");

    [Fact]
    public void FD0005_SoftmaxOverOneUnit()
        => Expect("""
            using FastDense;
            [Model(Inputs = 2, Loss = Loss.MeanSquaredError)]
            [Dense(4, Activation.Relu)]
            [Dense(1, [|Activation.Softmax|])]
            public partial class Net;
            """, "FD0005", "Dense layer 1 applies softmax over a single unit, whose output is then always 1 and passes no gradient; for one output use sigmoid (a binary classifier) or more units");

    [Fact]
    public void FD0005_SparsemaxOverOneUnit()
        => Expect("""
            using FastDense;
            [Model(Inputs = 2, Loss = Loss.MeanSquaredError)]
            [Dense(1, activation: [|Activation.Sparsemax|])]
            public partial class Net;
            """, "FD0005", "Dense layer 0 applies sparsemax over a single unit, whose output is then always 1 and passes no gradient; for one output use sigmoid (a binary classifier) or more units");

    [Fact]
    public void FD0005_Not_ForSoftmaxOrLogSoftmaxOnHiddenLayers()
    {
        GeneratorHarness.Result result = GeneratorHarness.Run("""
            using FastDense;
            /// <summary>A model.</summary>
            [Model(Inputs = 2, Loss = Loss.MeanSquaredError)]
            [Dense(4, Activation.Softmax)]
            [Dense(3, Activation.LogSoftmax)]
            [Dense(2, Activation.Sparsemax)]
            [Dense(2)]
            public partial class Net;
            """);
        Assert.Empty(result.GeneratorDiagnostics);
    }

    [Fact]
    public void FD0006_CategoricalCrossentropyWithoutSoftmax()
        => Expect("""
            using FastDense;
            [Model(Inputs = 2, Loss = [|Loss.CategoricalCrossentropy|])]
            [Dense(3, Activation.Sigmoid)]
            public partial class Net;
            """, "FD0006", "Loss CategoricalCrossentropy does not fit a sigmoid output: categorical cross-entropy needs a softmax last layer (its outputs must be a probability distribution), or a linear one with FromLogits = true");

    [Fact]
    public void FD0006_SparseCategoricalCrossentropyWithoutSoftmax()
        => Expect("""
            using FastDense;
            [Model(Inputs = 2, Loss = [|Loss.SparseCategoricalCrossentropy|])]
            [Dense(3, Activation.Relu)]
            public partial class Net;
            """, "FD0006", "Loss SparseCategoricalCrossentropy does not fit a relu output: sparse categorical cross-entropy needs a softmax last layer (its outputs must be a probability distribution), or a linear one with FromLogits = true");

    [Fact]
    public void FD0006_BinaryCrossentropyWithoutSigmoid()
        => Expect("""
            using FastDense;
            [Model(Inputs = 2, Loss = [|Loss.BinaryCrossentropy|])]
            [Dense(1)]
            public partial class Net;
            """, "FD0006", "Loss BinaryCrossentropy does not fit a linear output: binary cross-entropy needs a sigmoid last layer (each output must be a probability), or a linear one with FromLogits = true");

    [Theory]
    [InlineData("Linear")]
    [InlineData("Relu")]
    [InlineData("Sigmoid")]
    [InlineData("Tanh")]
    [InlineData("Softmax")]
    public void FD0006_NotReported_MeanSquaredErrorFitsEveryOutput(string activation)
    {
        // Through the activation's derivative, or softmax's Jacobian (keras/src/losses/losses.py: any y_pred).
        GeneratorHarness.Result result = GeneratorHarness.Run($$"""
            using FastDense;
            [Model(Inputs = 2, Loss = Loss.MeanSquaredError)]
            [Dense(3, Activation.{{activation}})]
            internal partial class Net;
            """);
        Assert.Empty(result.GeneratorDiagnostics);
    }

    [Fact]
    public void FD0007_GenericClass()
        => Expect("""
            using FastDense;
            [Model(Inputs = 2, Loss = Loss.MeanSquaredError)]
            [Dense(1)]
            public partial class [|Net|]<T>;
            """, "FD0007", "'Net' is generic or nested in a generic type; a [Model] class must have fixed shapes and no type parameters");

    [Fact]
    public void FD0007_NestedInGenericType()
        => Expect("""
            using FastDense;
            public partial class Outer<T>
            {
                [Model(Inputs = 2, Loss = Loss.MeanSquaredError)]
                [Dense(1)]
                public partial class [|Net|];
            }
            """, "FD0007", "'Net' is generic or nested in a generic type; a [Model] class must have fixed shapes and no type parameters");

    [Fact]
    public void FD0008_UnsupportedElementType()
        => Expect("""
            using FastDense;
            [Model(Inputs = 2, Loss = Loss.MeanSquaredError, ElementType = [|typeof(int)|])]
            [Dense(1)]
            public partial class Net;
            """, "FD0008", "[Model] ElementType must be typeof(float) or typeof(double), but is int");

    [Fact]
    public void FD0009_BaseClass()
        => Expect("""
            using FastDense;
            public class Base { }
            [Model(Inputs = 2, Loss = Loss.MeanSquaredError)]
            [Dense(1)]
            public partial class Net : [|Base|];
            """, "FD0009", "'Net' already derives from Base; the generator makes a [Model] class derive from FastDense.Model<TKernel, T>");

    [Fact]
    public void FD0009_StaticClass()
        => Expect("""
            using FastDense;
            [Model(Inputs = 2, Loss = Loss.MeanSquaredError)]
            [Dense(1)]
            public static partial class [|Net|];
            """, "FD0009", "'Net' is static; the generator makes a [Model] class derive from FastDense.Model<TKernel, T>");

    [Fact]
    public void FD0009_Record()
        => Expect("""
            using FastDense;
            [Model(Inputs = 2, Loss = Loss.MeanSquaredError)]
            [Dense(1)]
            public partial record [|Net|];
            """, "FD0009", "'Net' is a record, not a class; the generator makes a [Model] class derive from FastDense.Model<TKernel, T>");

    [Fact]
    public void FD0009_Struct()
        => Expect("""
            using FastDense;
            [Model(Inputs = 2, Loss = Loss.MeanSquaredError)]
            [Dense(1)]
            public partial struct [|Net|];
            """, "FD0009", "'Net' is a struct, not a class; the generator makes a [Model] class derive from FastDense.Model<TKernel, T>");

    [Fact]
    public void FD0010_LayersSplitAcrossPartialDeclarations()
        => Expect("""
            using FastDense;
            [Model(Inputs = 2, Loss = Loss.MeanSquaredError)]
            [Dense(3)]
            public partial class [|Net|];

            [Dense(1)]
            public partial class Net;
            """, "FD0010", "The layers of 'Net' are spread over several partial declarations, so their order is undefined: declare them all on one");

    [Fact]
    public void FD0010_DropoutOnAnotherDeclaration_CountsToo()
        => Expect("""
            using FastDense;
            [Model(Inputs = 2, Loss = Loss.MeanSquaredError)]
            [Dense(3)]
            [Dense(1)]
            public partial class [|Net|];

            [Dropout(0.5)]
            public partial class Net;
            """, "FD0010", "The layers of 'Net' are spread over several partial declarations, so their order is undefined: declare them all on one");

    [Fact]
    public void FD0011_UndefinedActivation()
        => Expect("""
            using FastDense;
            [Model(Inputs = 2, Loss = Loss.MeanSquaredError)]
            [Dense(1, [|(Activation)42|])]
            public partial class Net;
            """, "FD0011", "42 is not a defined Activation value");

    [Fact]
    public void FD0011_UndefinedOutputActivation_IsNotAlsoReportedAsLossMismatch()
    {
        GeneratorHarness.Result result = GeneratorHarness.Run("""
            using FastDense;
            [Model(Inputs = 2, Loss = Loss.CategoricalCrossentropy)]
            [Dense(1, (Activation)99)]
            public partial class Net;
            """, expectValid: false);
        Assert.Equal(["FD0011"], result.GeneratorDiagnostics.Select(d => d.Id));
    }

    [Fact]
    public void FD0011_UndefinedLoss()
        => Expect("""
            using FastDense;
            [Model(Inputs = 2, Loss = [|(Loss)99|])]
            [Dense(1)]
            public partial class Net;
            """, "FD0011", "99 is not a defined Loss value");

    [Fact]
    public void FD0022_AlphaPerClass_WithAnotherLoss()
        => Expect("""
            using FastDense;
            [Model(Inputs = 2, Loss = Loss.CategoricalCrossentropy, AlphaPerClass = [|new[] { 0.5, 0.5 }|])]
            [Dense(2, Activation.Softmax)]
            public partial class Net;
            """, "FD0022", "[Model] AlphaPerClass is not an argument of Loss.CategoricalCrossentropy: only Loss.CategoricalFocalCrossentropy takes it");

    [Fact]
    public void FD0022_AlphaPerClass_OfAnotherLengthThanTheOutput()
        => Expect("""
            using FastDense;
            [Model(Inputs = 2, Loss = Loss.CategoricalFocalCrossentropy, AlphaPerClass = [|new[] { 0.5, 0.25 }|])]
            [Dense(3, Activation.Softmax)]
            public partial class Net;
            """, "FD0022", "[Model] AlphaPerClass must have one entry a class, 3 for the output layer's units, but has 2");

    [Fact]
    public void FD0022_AlphaPerClass_WithAlpha()
        => Expect("""
            using FastDense;
            [Model(Inputs = 2, Loss = Loss.CategoricalFocalCrossentropy, Alpha = 0.5, AlphaPerClass = [|new[] { 0.5, 0.25 }|])]
            [Dense(2, Activation.Softmax)]
            public partial class Net;
            """, "FD0022", "[Model] AlphaPerClass and Alpha are one Keras argument (alpha, a scalar or a list): give one of them");

    [Fact]
    public void FD0022_AlphaPerClass_Negative()
        => Expect("""
            using FastDense;
            [Model(Inputs = 2, Loss = Loss.CategoricalFocalCrossentropy, AlphaPerClass = [|new[] { 0.5, -0.25 }|])]
            [Dense(2, Activation.Softmax)]
            public partial class Net;
            """, "FD0022", "[Model] AlphaPerClass entries must be finite and not negative, but one is -0.25");

    [Fact]
    public void FD0011_UndefinedReduction()
        => Expect("""
            using FastDense;
            [Model(Inputs = 2, Loss = Loss.MeanSquaredError, Reduction = [|(LossReduction)7|])]
            [Dense(1)]
            public partial class Net;
            """, "FD0011", "7 is not a defined LossReduction value");

    private const string DenseWithoutModelMessage =
        "'Net' has [Dense] layers but no [Model]: add [Model(Inputs = ..., Loss = ...)] to one of its declarations";

    [Fact]
    public void FD0012_DenseWithoutModel_ReportedOnTheFirstDense()
        => Expect("""
            using FastDense;
            /// <summary>x</summary>
            [[|Dense(3, Activation.Relu)|]]
            [Dense(1)]
            public partial class Net;
            """, "FD0012", DenseWithoutModelMessage);

    [Fact]
    public void FD0012_DenseOnSeveralPartialDeclarations_ReportedOnce()
        => Expect("""
            using FastDense;
            [[|Dense(3)|]]
            public partial class Net;

            [Dense(1)]
            public partial class Net;
            """, "FD0012", DenseWithoutModelMessage);

    [Fact]
    public void FD0012_EachClassReportedOnce()
    {
        GeneratorHarness.Result result = GeneratorHarness.Run("""
            using FastDense;
            [Dense(3)]
            [Dense(1)]
            public class A { }

            [Dense(1)]
            public partial class B;
            """, expectValid: false);
        Assert.Equal(["'A' has [Dense]", "'B' has [Dense]"],
            result.GeneratorDiagnostics.Select(d => d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)[..15]).Order());
        Assert.All(result.GeneratorDiagnostics, d => Assert.Equal("FD0012", d.Id));
    }

    [Fact]
    public void FD0012_NotReported_WhenModelIsOnAnotherPartialDeclaration()
    {
        // Valid: the harness also demands no diagnostic, clean output and a cached second run.
        GeneratorHarness.Result result = GeneratorHarness.Run("""
            using FastDense;
            /// <summary>x</summary>
            [Model(Inputs = 2, Loss = Loss.MeanSquaredError)]
            public partial class Net;

            [Dense(3, Activation.Tanh)]
            [Dense(1)]
            public partial class Net;
            """);
        Assert.Single(result.Run.GeneratedSources);
    }

    [Fact]
    public void FD0012_CachedOnAnUnrelatedEdit_AndStillReported()
    {
        CSharpCompilation compilation = GeneratorHarness.CreateCompilation("""
            using FastDense;
            [Dense(1)]
            public partial class Net;
            """);
        GeneratorDriver driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);
        GeneratorRunResult second = driver.RunGenerators(compilation.AddSyntaxTrees(
            CSharpSyntaxTree.ParseText("internal class Unrelated { }", (CSharpParseOptions)compilation.SyntaxTrees[0].Options, path: "Unrelated.cs")))
            .GetRunResult().Results.Single();
        GeneratorHarness.AssertCached(second, TrackingNames.DenseWithoutModel);
        Assert.Equal("FD0012", Assert.Single(second.Diagnostics).Id);
    }

    [Theory]
    [InlineData("Linear")]
    [InlineData("Tanh")]
    public void FD0006_PoissonOnAnOutputThatCanBeNegative(string activation)
        => Expect($$"""
            using FastDense;
            [Model(Inputs = 2, Loss = [|Loss.Poisson|])]
            [Dense(3, Activation.{{activation}})]
            public partial class Net;
            """, "FD0006", $"Loss Poisson does not fit a {activation.ToLowerInvariant()} output: poisson takes the log of each prediction, so it needs a last layer whose outputs cannot be negative: relu, sigmoid or softmax");

    [Fact]
    public void FD0006_PoissonOnAGluOutput()
        => Expect("""
            using FastDense;
            [Model(Inputs = 2, Loss = [|Loss.Poisson|])]
            [Dense(4, Activation.Glu)]
            public partial class Net;
            """, "FD0006", "Loss Poisson does not fit a glu output: poisson takes the log of each prediction, so it needs a last layer whose outputs cannot be negative: relu, sigmoid or softmax");

    [Theory]
    [InlineData("Linear", 3)]
    [InlineData("Tanh", 3)]
    [InlineData("Relu", 3)]
    [InlineData("Glu", 4)]
    public void FD0006_KLDivergenceWithoutProbabilities(string activation, int units)
        => Expect($$"""
            using FastDense;
            [Model(Inputs = 2, Loss = [|Loss.KLDivergence|])]
            [Dense({{units}}, Activation.{{activation}})]
            public partial class Net;
            """, "FD0006", $"Loss KLDivergence does not fit a {activation.ToLowerInvariant()} output: kl divergence compares probabilities, so it needs a softmax, sigmoid or sparsemax last layer (outputs outside [1e-7, 1] are clipped and get no gradient)");

    /// <summary>
    /// The cross-entropies on a sparsemax output: its probabilities are exactly 0 off the support, where the log has no
    /// value (Keras's TensorFlow backend clips them to 1e-7, keras/src/backend/tensorflow/nn.py, and passes no gradient).
    /// </summary>
    [Theory]
    [InlineData("CategoricalCrossentropy", "categorical cross-entropy needs a softmax last layer (its outputs must be a probability distribution)")]
    [InlineData("SparseCategoricalCrossentropy", "sparse categorical cross-entropy needs a softmax last layer (its outputs must be a probability distribution)")]
    [InlineData("CategoricalFocalCrossentropy", "categorical focal cross-entropy needs a softmax last layer (its outputs must be a probability distribution)")]
    [InlineData("BinaryCrossentropy", "binary cross-entropy needs a sigmoid last layer (each output must be a probability)")]
    [InlineData("BinaryFocalCrossentropy", "binary focal cross-entropy needs a sigmoid last layer (each output must be a probability)")]
    public void FD0006_CrossentropiesOnASparsemaxOutput(string loss, string requirement)
        => Expect($$"""
            using FastDense;
            [Model(Inputs = 2, Loss = [|Loss.{{loss}}|])]
            [Dense(3, Activation.Sparsemax)]
            public partial class Net;
            """, "FD0006", $"Loss {loss} does not fit a sparsemax output: {requirement}, or a linear one with FromLogits = true; sparsemax's outputs are exactly 0 outside its support, where the cross-entropy's log has no value (Keras clips them to 1e-7 and passes no gradient there)");

    /// <summary>Sparsemax and glu as the output of every loss of the output that trains them: no FD0006.</summary>
    [Theory]
    [InlineData("Sparsemax", "MeanSquaredError MeanAbsoluteError MeanAbsolutePercentageError MeanSquaredLogarithmicError Huber LogCosh Poisson KLDivergence CosineSimilarity Hinge SquaredHinge CategoricalHinge")]
    [InlineData("Glu", "MeanSquaredError MeanAbsoluteError MeanAbsolutePercentageError MeanSquaredLogarithmicError Huber LogCosh CosineSimilarity Hinge SquaredHinge CategoricalHinge")]
    public void FD0006_NotReported_OnSparsemaxOrGluOutputs(string activation, string losses)
    {
        foreach (string loss in losses.Split(' '))
        {
            GeneratorHarness.Result result = GeneratorHarness.Run($$"""
                using FastDense;
                [Model(Inputs = 2, Loss = Loss.{{loss}})]
                [Dense(4, Activation.{{activation}})]
                internal partial class Net;
                """);
            Assert.Empty(result.GeneratorDiagnostics);
        }
    }

    /// <summary>The output activations each loss of the output trains (FD0006 is not reported), Keras's any y_pred where it is defined.</summary>
    [Theory]
    [InlineData("MeanAbsoluteError", "Linear Relu Sigmoid Tanh Softmax")]
    [InlineData("MeanAbsolutePercentageError", "Linear Relu Sigmoid Tanh Softmax")]
    [InlineData("MeanSquaredLogarithmicError", "Linear Relu Sigmoid Tanh Softmax")]
    [InlineData("Huber", "Linear Relu Sigmoid Tanh Softmax")]
    [InlineData("LogCosh", "Linear Relu Sigmoid Tanh Softmax")]
    [InlineData("Poisson", "Relu Sigmoid Softmax")]
    [InlineData("KLDivergence", "Sigmoid Softmax")]
    [InlineData("CosineSimilarity", "Linear Relu Sigmoid Tanh Softmax")]
    [InlineData("Hinge", "Linear Relu Sigmoid Tanh Softmax")]
    [InlineData("SquaredHinge", "Linear Relu Sigmoid Tanh Softmax")]
    [InlineData("CategoricalHinge", "Linear Relu Sigmoid Tanh Softmax")]
    public void FD0006_NotReported_OnTheOutputsALossTrains(string loss, string activations)
    {
        foreach (string activation in activations.Split(' '))
        {
            GeneratorHarness.Result result = GeneratorHarness.Run($$"""
                using FastDense;
                [Model(Inputs = 2, Loss = Loss.{{loss}})]
                [Dense(3, Activation.{{activation}})]
                internal partial class Net;
                """);
            Assert.Empty(result.GeneratorDiagnostics);
        }
    }

    [Theory]
    [InlineData("BinaryFocalCrossentropy", "Relu", "binary focal cross-entropy needs a sigmoid last layer (each output must be a probability), or a linear one with FromLogits = true")]
    [InlineData("CategoricalFocalCrossentropy", "Sigmoid", "categorical focal cross-entropy needs a softmax last layer (its outputs must be a probability distribution), or a linear one with FromLogits = true")]
    public void FD0006_FocalCrossentropiesWithoutTheirActivation(string loss, string activation, string requirement)
        => Expect($$"""
            using FastDense;
            [Model(Inputs = 2, Loss = [|Loss.{{loss}}|])]
            [Dense(3, Activation.{{activation}})]
            public partial class Net;
            """, "FD0006", $"Loss {loss} does not fit a {activation.ToLowerInvariant()} output: {requirement}");

    [Theory]
    [InlineData("CategoricalCrossentropy", "Softmax")]
    [InlineData("BinaryCrossentropy", "Sigmoid")]
    [InlineData("BinaryFocalCrossentropy", "Sigmoid")]
    [InlineData("CategoricalFocalCrossentropy", "Softmax")]
    public void FD0006_FromLogitsOnItsOwnActivation(string loss, string activation)
        // Keras would take the activation's own logits and warn that the output is not logits: FastDense refuses the pair.
        => Expect($$"""
            using FastDense;
            [Model(Inputs = 2, Loss = [|Loss.{{loss}}|], FromLogits = true)]
            [Dense(3, Activation.{{activation}})]
            public partial class Net;
            """, "FD0006", $"Loss {loss} does not fit a {activation.ToLowerInvariant()} output: FromLogits = true reads the last layer's outputs as logits, so it needs a linear last layer (a {activation.ToLowerInvariant()} one trains without FromLogits)");

    [Theory]
    [InlineData("CategoricalCrossentropy", "Linear", "FromLogits = true, LabelSmoothing = 0.1")]
    [InlineData("BinaryCrossentropy", "Linear", "FromLogits = true")]
    [InlineData("BinaryCrossentropy", "Sigmoid", "LabelSmoothing = 1.0")]
    [InlineData("BinaryFocalCrossentropy", "Sigmoid", "ApplyClassBalancing = true, Alpha = 0.0, Gamma = 0.0")]
    [InlineData("BinaryFocalCrossentropy", "Linear", "FromLogits = true, LabelSmoothing = 0.2, Gamma = 5")]
    [InlineData("CategoricalFocalCrossentropy", "Softmax", "Alpha = 1.0, Gamma = 0.5, LabelSmoothing = 0.1")]
    [InlineData("CategoricalFocalCrossentropy", "Linear", "FromLogits = true")]
    [InlineData("Huber", "Tanh", "Delta = 0.1")]
    public void FD0006_FD0022_NotReported_ForArgumentsALossTakes(string loss, string activation, string arguments)
    {
        GeneratorHarness.Result result = GeneratorHarness.Run($$"""
            using FastDense;
            [Model(Inputs = 2, Loss = Loss.{{loss}}, {{arguments}})]
            [Dense(3, Activation.{{activation}})]
            internal partial class Net;
            """);
        Assert.Empty(result.GeneratorDiagnostics);
    }

    [Theory]
    [InlineData("Loss.BinaryFocalCrossentropy", "Gamma", "-1.0", "must be a non-negative finite number, but is -1")]
    [InlineData("Loss.CategoricalFocalCrossentropy", "Alpha", "1.5", "must be in [0, 1], but is 1.5")]
    [InlineData("Loss.CategoricalCrossentropy", "LabelSmoothing", "-0.1", "must be in [0, 1], but is -0.1")]
    [InlineData("Loss.BinaryCrossentropy", "LabelSmoothing", "1.01", "must be in [0, 1], but is 1.01")]
    public void FD0022_ArgumentOutOfRange(string loss, string argument, string value, string why)
        => Expect($$"""
            using FastDense;
            [Model(Inputs = 2, Loss = {{loss}}, {{argument}} = [|{{value}}|])]
            [Dense(1, Activation.Sigmoid)]
            public partial class Net;
            """, "FD0022", $"[Model] {argument} {why}");

    [Theory]
    [InlineData("MeanSquaredError", "FromLogits = [|true|]", "FromLogits is not an argument of Loss.MeanSquaredError: only Loss.CategoricalCrossentropy, Loss.BinaryCrossentropy, Loss.BinaryFocalCrossentropy, Loss.CategoricalFocalCrossentropy and Loss.SparseCategoricalCrossentropy take it")]
    [InlineData("CategoricalCrossentropy", "Gamma = [|3.0|]", "Gamma is not an argument of Loss.CategoricalCrossentropy: only Loss.BinaryFocalCrossentropy and Loss.CategoricalFocalCrossentropy take it")]
    [InlineData("CategoricalFocalCrossentropy", "ApplyClassBalancing = [|true|]", "ApplyClassBalancing is not an argument of Loss.CategoricalFocalCrossentropy: only Loss.BinaryFocalCrossentropy takes it")]
    [InlineData("Huber", "LabelSmoothing = [|0.1|]", "LabelSmoothing is not an argument of Loss.Huber: only Loss.CategoricalCrossentropy, Loss.BinaryCrossentropy, Loss.BinaryFocalCrossentropy and Loss.CategoricalFocalCrossentropy take it")]
    public void FD0022_ArgumentTheLossDoesNotTake(string loss, string argument, string message)
        => Expect($$"""
            using FastDense;
            [Model(Inputs = 2, Loss = Loss.{{loss}}, {{argument}})]
            [Dense(3, Activation.Softmax)]
            public partial class Net;
            """, "FD0022", "[Model] " + message);

    [Fact]
    public void FD0022_AlphaWithoutClassBalancing()
        // Keras's binary_focal_crossentropy reads alpha only under apply_class_balancing: a given alpha would do nothing.
        => Expect("""
            using FastDense;
            [Model(Inputs = 2, Loss = Loss.BinaryFocalCrossentropy, Alpha = [|0.5|])]
            [Dense(1, Activation.Sigmoid)]
            public partial class Net;
            """, "FD0022", "[Model] Alpha has no effect on Loss.BinaryFocalCrossentropy without ApplyClassBalancing = true (Keras reads alpha only to balance the classes)");

    [Fact]
    public void FD0022_RangeCheckedEvenWithoutALoss()
    {
        GeneratorHarness.Result result = GeneratorHarness.Run("""
            using FastDense;
            [Model(Inputs = 2, Gamma = -2.0)]
            [Dense(1)]
            public partial class Net;
            """, expectValid: false);
        Assert.Equal(["FD0013", "FD0022"], result.GeneratorDiagnostics.Select(d => d.Id).Order());
    }

    [Theory]
    [InlineData("-1.0", "must be a positive finite number, but is -1")]
    [InlineData("0.0", "must be a positive finite number, but is 0")]
    [InlineData("double.PositiveInfinity", "must be a positive finite number, but is Infinity")]
    [InlineData("double.NaN", "must be a positive finite number, but is NaN")]
    public void FD0022_HuberDeltaOutOfRange(string delta, string why)
        => Expect($$"""
            using FastDense;
            [Model(Inputs = 2, Loss = Loss.Huber, Delta = [|{{delta}}|])]
            [Dense(1)]
            public partial class Net;
            """, "FD0022", "[Model] Delta " + why);

    [Fact]
    public void FD0022_ArgumentOfAnotherLoss()
        => Expect("""
            using FastDense;
            [Model(Inputs = 2, Loss = Loss.MeanSquaredError, Delta = [|2.0|])]
            [Dense(1)]
            public partial class Net;
            """, "FD0022", "[Model] Delta is not an argument of Loss.MeanSquaredError: only Loss.Huber takes it");

    private const string LossNotSetMessage =
        "[Model] on 'Net' does not set Loss; like Keras's compile(loss=...), it needs one: Loss.CategoricalCrossentropy, Loss.BinaryCrossentropy, Loss.MeanSquaredError, Loss.MeanAbsoluteError, Loss.MeanAbsolutePercentageError, Loss.MeanSquaredLogarithmicError, Loss.Huber, Loss.LogCosh, Loss.Poisson, Loss.KLDivergence, Loss.CosineSimilarity, Loss.Hinge, Loss.SquaredHinge, Loss.CategoricalHinge, Loss.BinaryFocalCrossentropy, Loss.CategoricalFocalCrossentropy or Loss.SparseCategoricalCrossentropy";

    [Fact]
    public void FD0013_LossNotSet_EvenWhereTheOldDefaultWouldHaveFit()
        => Expect("""
            using FastDense;
            [[|Model(Inputs = 2)|]]
            [Dense(3, Activation.Softmax)]
            public partial class Net;
            """, "FD0013", LossNotSetMessage);

    [Fact]
    public void FD0013_LossNotSet_IsNotAlsoReportedAsLossMismatch()
    {
        GeneratorHarness.Result result = GeneratorHarness.Run("""
            using FastDense;
            [Model(Inputs = 2)]
            [Dense(1)]
            public partial class Net;
            """, expectValid: false);
        Assert.Equal(["FD0013"], result.GeneratorDiagnostics.Select(d => d.Id));
        Assert.Equal(LossNotSetMessage, result.GeneratorDiagnostics[0].GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Empty(result.Run.GeneratedSources);
    }

    [Fact]
    public void FD0013_NotReported_ForAnExplicitCategoricalCrossentropy()
    {
        // Valid: the harness also demands no diagnostic, clean output and a cached second run.
        GeneratorHarness.Result result = GeneratorHarness.Run("""
            using FastDense;
            /// <summary>x</summary>
            [Model(Inputs = 2, Loss = Loss.CategoricalCrossentropy)]
            [Dense(3, Activation.Softmax)]
            public partial class Net;
            """);
        Assert.Single(result.Run.GeneratedSources);
    }

    [Fact]
    public void SeveralProblems_AllReported_InOneBuild()
    {
        GeneratorHarness.Result result = GeneratorHarness.Run("""
            using FastDense;
            [Model(Inputs = 0, Loss = Loss.MeanSquaredError)]
            [Dense(-1, Activation.Softmax)]
            [Dense(1, Activation.Softmax)]
            public class Net { }
            """, expectValid: false);
        Assert.Equal(["FD0001", "FD0002", "FD0003", "FD0005"], result.GeneratorDiagnostics.Select(d => d.Id).Order());
    }

    [Theory]
    [InlineData("1.0")]
    [InlineData("1.5")]
    [InlineData("-0.1")]
    [InlineData("double.NaN")]
    public void FD0014_DropoutRateOutOfRange(string rate)
        => Expect($$"""
            using FastDense;
            [Model(Inputs = 2, Loss = Loss.MeanSquaredError)]
            [Dense(3)]
            [Dropout([|{{rate}}|])]
            [Dense(1)]
            public partial class Net;
            """, "FD0014", $"Layer 1: a Dropout rate must be at least 0 and less than 1, but is {(rate == "double.NaN" ? "NaN" : rate == "1.0" ? "1" : rate)}");

    [Fact]
    public void FD0014_RateZero_IsValid()
    {
        GeneratorHarness.Result result = GeneratorHarness.Run("""
            using FastDense;
            [Model(Inputs = 2, Loss = Loss.MeanSquaredError)]
            [Dropout(0)]
            [Dense(1)]
            internal partial class Net;
            """);
        Assert.Empty(result.GeneratorDiagnostics);
        Assert.Single(result.Run.GeneratedSources);
    }

    [Fact]
    public void FD0015_DropoutAsTheOutput()
        => Expect("""
            using FastDense;
            [Model(Inputs = 2, Loss = Loss.MeanSquaredError)]
            [Dense(3)]
            [[|Dropout(0.5)|]]
            public partial class Net;
            """, "FD0015", "Layer 1: the Dropout layer cannot be the model's last layer; the output must be a Dense layer, which the loss reads");

    [Fact]
    public void FD0016_UnknownMetric()
        => Expect("""
            using FastDense;
            [Model(Inputs = 2, Loss = Loss.BinaryCrossentropy, Metrics = new[] { "accuracy", [|"acuracy"|] })]
            [Dense(1, Activation.Sigmoid)]
            public partial class Net;
            """, "FD0016", "'acuracy' is not a metric FastDense knows; known names: " + string.Join(", ", FastDense.Metrics.MetricNames.Known));

    [Fact]
    public void FD0016_UnknownMetric_InACollectionExpression()
        => Expect("""
            using FastDense;
            [Model(Inputs = 2, Loss = Loss.BinaryCrossentropy, Metrics = ["precision", [|"f2"|]])]
            [Dense(1, Activation.Sigmoid)]
            public partial class Net;
            """, "FD0016", "'f2' is not a metric FastDense knows; known names: " + string.Join(", ", FastDense.Metrics.MetricNames.Known));

    [Fact]
    public void FD0017_MetricListedTwice()
        => Expect("""
            using FastDense;
            [Model(Inputs = 2, Loss = Loss.BinaryCrossentropy, Metrics = new[] { "recall", [|"recall"|] })]
            [Dense(1, Activation.Sigmoid)]
            public partial class Net;
            """, "FD0017", "Metric 'recall' is listed twice; each metric's name is a key of the history and the logs");

    [Fact]
    public void FD0017_AMetricOfShapedTargets_OnClassIndexTargets()
        => Expect("""
            using FastDense;
            [Model(Inputs = 2, Loss = Loss.SparseCategoricalCrossentropy, Metrics = new[] { "accuracy", "sparse_top_k_categorical_accuracy", [|"auc"|] })]
            [Dense(3, Activation.Softmax)]
            public partial class Net;
            """, "FD0017", "Metric 'auc' does not fit a model with 3 outputs: it reads targets shaped like the outputs, but this model's targets are class indices (sparse categorical cross-entropy); use accuracy, sparse_categorical_accuracy, sparse_top_k_categorical_accuracy or sparse_categorical_crossentropy");

    [Fact]
    public void FD0016_FD0017_InWeightedMetrics()
    {
        Expect("""
            using FastDense;
            [Model(Inputs = 2, Loss = Loss.BinaryCrossentropy, WeightedMetrics = new[] { [|"accuracie"|] })]
            [Dense(1, Activation.Sigmoid)]
            public partial class Net;
            """, "FD0016", "'accuracie' is not a metric FastDense knows; known names: " + string.Join(", ", FastDense.Metrics.MetricNames.Known));
        Expect("""
            using FastDense;
            [Model(Inputs = 2, Loss = Loss.BinaryCrossentropy, WeightedMetrics = new[] { [|"categorical_accuracy"|] })]
            [Dense(1, Activation.Sigmoid)]
            public partial class Net;
            """, "FD0017", "Metric 'categorical_accuracy' does not fit a model with 1 output: a categorical accuracy compares the positions of the largest output and target, which a model with one output always matches; use binary_accuracy");
    }

    [Fact]
    public void FD0017_OnAGluOutput_ReadsItsHalvedWidth()
        => Expect("""
            using FastDense;
            [Model(Inputs = 2, Loss = Loss.MeanSquaredError, Metrics = new[] { [|"categorical_accuracy"|] })]
            [Dense(2, Activation.Glu)]
            public partial class Net;
            """, "FD0017", "Metric 'categorical_accuracy' does not fit a model with 1 output: a categorical accuracy compares the positions of the largest output and target, which a model with one output always matches; use binary_accuracy");

    [Fact]
    public void FD0027_GluOverAnOddNumberOfUnits()
        => Expect("""
            using FastDense;
            [Model(Inputs = 2, Loss = Loss.MeanSquaredError)]
            [Dense([|5|], Activation.Glu)]
            [Dense(1)]
            public partial class Net;
            """, "FD0027", "Dense layer 0 applies glu over 5 units: glu splits each row into two equal halves (the first gated by the sigmoid of the second, the output units / 2 wide), so its units must be even");

    [Fact]
    public void FD0027_AtTheNamedUnits_OnTheOutput()
        => Expect("""
            using FastDense;
            [Model(Inputs = 2, Loss = Loss.MeanSquaredError)]
            [Dense(4, Activation.Relu)]
            [Dense(activation: Activation.Glu, units: [|1|])]
            public partial class Net;
            """, "FD0027", "Dense layer 1 applies glu over 1 units: glu splits each row into two equal halves (the first gated by the sigmoid of the second, the output units / 2 wide), so its units must be even");

    [Fact]
    public void FD0027_Not_ForEvenUnits_OrOtherActivations()
    {
        GeneratorHarness.Result result = GeneratorHarness.Run("""
            using FastDense;
            /// <summary>A model.</summary>
            [Model(Inputs = 3, Loss = Loss.MeanSquaredError)]
            [Dense(6, Activation.Glu)]
            [Dense(5, Activation.Tanh)]
            [Dense(2, Activation.Glu)]
            public partial class Net;
            """);
        Assert.Empty(result.GeneratorDiagnostics);
    }

    [Fact]
    public void FD0022_IgnoreClassOnAnotherLoss()
        => Expect("""
            using FastDense;
            [Model(Inputs = 2, Loss = Loss.CategoricalCrossentropy, IgnoreClass = [|-1|])]
            [Dense(3, Activation.Softmax)]
            public partial class Net;
            """, "FD0022", "[Model] IgnoreClass is not an argument of Loss.CategoricalCrossentropy: only Loss.SparseCategoricalCrossentropy takes it");

    [Fact]
    public void FD0017_ASparseMetric_OnOneHotTargets()
        => Expect("""
            using FastDense;
            [Model(Inputs = 2, Loss = Loss.CategoricalCrossentropy, Metrics = new[] { [|"sparse_categorical_accuracy"|] })]
            [Dense(3, Activation.Softmax)]
            public partial class Net;
            """, "FD0017", "Metric 'sparse_categorical_accuracy' does not fit a model with 3 outputs: it reads class-index targets, which only a model trained on sparse_categorical_crossentropy has; use categorical_accuracy or accuracy");

    [Fact]
    public void FD0017_SparseCrossentropyMetric_OnOneHotTargets_AndCategoricalCrossentropyOfOneOutput()
    {
        Expect("""
            using FastDense;
            [Model(Inputs = 2, Loss = Loss.CategoricalCrossentropy, Metrics = new[] { "categorical_crossentropy", [|"sparse_categorical_crossentropy"|] })]
            [Dense(3, Activation.Softmax)]
            public partial class Net;
            """, "FD0017", "Metric 'sparse_categorical_crossentropy' does not fit a model with 3 outputs: it reads class-index targets, which only a model trained on sparse_categorical_crossentropy has; use categorical_crossentropy");
        Expect("""
            using FastDense;
            [Model(Inputs = 2, Loss = Loss.BinaryCrossentropy, Metrics = new[] { "binary_crossentropy", [|"categorical_crossentropy"|] })]
            [Dense(1, Activation.Sigmoid)]
            public partial class Net;
            """, "FD0017", "Metric 'categorical_crossentropy' does not fit a model with 1 output: the one output divided by the row's sum is always 1, so the metric is only about 1e-7 times the target (Keras warns of it); use binary_crossentropy");
    }

    [Fact]
    public void FD0017_AMetricThatNeedsArguments()
        => Expect("""
            using FastDense;
            [Model(Inputs = 2, Loss = Loss.BinaryCrossentropy, Metrics = new[] { "auc", [|"precision_at_recall"|] })]
            [Dense(1, Activation.Sigmoid)]
            public partial class Net;
            """, "FD0017", "Metric 'precision_at_recall' needs its argument recall, which a name cannot give (Keras's metrics.get cannot create it either); pass new PrecisionAtRecall(recall: ...) in FitOptions.Metrics or WeightedMetrics, or to Evaluate");

    [Fact]
    public void FD0017_AnIoUMetricThatNeedsArguments_InWeightedMetrics()
        => Expect("""
            using FastDense;
            [Model(Inputs = 2, Loss = Loss.CategoricalCrossentropy, Metrics = new[] { "binary_io_u" }, WeightedMetrics = new[] { [|"one_hot_io_u"|] })]
            [Dense(3, Activation.Softmax)]
            public partial class Net;
            """, "FD0017", "Metric 'one_hot_io_u' needs its arguments numClasses and targetClassIds, which a name cannot give (Keras's metrics.get cannot create it either); pass new OneHotIoU(numClasses: ..., targetClassIds: ...) in FitOptions.Metrics or WeightedMetrics, or to Evaluate");

    [Fact]
    public void TheSparseCrossentropyMetric_FitsClassIndexTargets()
    {
        GeneratorHarness.Result result = GeneratorHarness.Run("""
            using FastDense;
            [Model(Inputs = 2, Loss = Loss.SparseCategoricalCrossentropy, Metrics = new[] { "accuracy", "sparse_categorical_crossentropy" })]
            [Dense(3, Activation.Softmax)]
            internal partial class Net;
            """);
        Assert.Empty(result.GeneratorDiagnostics);
        Assert.Single(result.Run.GeneratedSources);
    }

    [Fact]
    public void FD0020_NegativeRegularizer()
        => Expect("""
            using FastDense;
            [Model(Inputs = 2, Loss = Loss.MeanSquaredError)]
            [Dense(3, Activation.Relu, KernelRegularizerL2 = [|-0.01|])]
            [Dense(1)]
            public partial class Net;
            """, "FD0020", "Layer 0: Dense KernelRegularizerL2 must be non-negative and finite, but is -0.01");

    [Fact]
    public void FD0020_OrthogonalFactorNegative()
        => Expect("""
            using FastDense;
            [Model(Inputs = 2, Loss = Loss.MeanSquaredError)]
            [Dense(3, Activation.Relu, KernelRegularizerOrthogonalFactor = [|-0.01|])]
            [Dense(1)]
            public partial class Net;
            """, "FD0020", "Layer 0: Dense KernelRegularizerOrthogonalFactor must be non-negative and finite, but is -0.01");

    [Fact]
    public void FD0020_OrthogonalWithL2_OnOneKernel()
        => Expect("""
            using FastDense;
            [Model(Inputs = 2, Loss = Loss.MeanSquaredError)]
            [Dense(3, Activation.Relu, KernelRegularizerL2 = 0.001, KernelRegularizerOrthogonalFactor = [|0.01|])]
            [Dense(1)]
            public partial class Net;
            """, "FD0020",
            "Layer 0: Dense KernelRegularizerOrthogonalFactor must be 0 when KernelRegularizerL2 is set (Keras's kernel_regularizer is one regularizer: L1L2 or OrthogonalRegularizer), but is 0.01");

    [Fact]
    public void FD0020_OrthogonalModeWithoutFactor()
        => Expect("""
            using FastDense;
            [Model(Inputs = 2, Loss = Loss.MeanSquaredError)]
            [Dense(3, Activation.Relu, KernelRegularizerOrthogonalMode = [|OrthogonalRegularizerMode.Columns|])]
            [Dense(1)]
            public partial class Net;
            """, "FD0020",
            "Layer 0: Dense KernelRegularizerOrthogonalMode must be left unwritten while KernelRegularizerOrthogonalFactor is 0 (no orthogonal regularizer reads it), but is Columns");

    [Fact]
    public void FD0020_OrthogonalRows_OfAKernelWithOneInput()
        => Expect("""
            using FastDense;
            [Model(Inputs = 1, Loss = Loss.MeanSquaredError)]
            [Dense(3, Activation.Relu, KernelRegularizerOrthogonalFactor = [|0.01|])]
            [Dense(1)]
            public partial class Net;
            """, "FD0020",
            "Layer 0: Dense KernelRegularizerOrthogonalFactor must be 0 on a kernel of one row (one input) in Rows mode (no pair of rows to compare: Keras's mean over pairs is 0/0), but is 0.01");

    [Fact]
    public void FD0020_OrthogonalColumns_OfAKernelWithOneUnit()
        => Expect("""
            using FastDense;
            [Model(Inputs = 4, Loss = Loss.MeanSquaredError)]
            [Dense(3, Activation.Relu)]
            [Dense(1, KernelRegularizerOrthogonalFactor = [|0.01|], KernelRegularizerOrthogonalMode = OrthogonalRegularizerMode.Columns)]
            public partial class Net;
            """, "FD0020",
            "Layer 1: Dense KernelRegularizerOrthogonalFactor must be 0 on a kernel of one column (one unit) in Columns mode (no pair of columns to compare: Keras's mean over pairs is 0/0), but is 0.01");

    [Fact]
    public void FD0011_UndefinedOrthogonalMode()
        => Expect("""
            using FastDense;
            [Model(Inputs = 4, Loss = Loss.MeanSquaredError)]
            [Dense(3, Activation.Relu, KernelRegularizerOrthogonalFactor = 0.01, KernelRegularizerOrthogonalMode = [|(OrthogonalRegularizerMode)7|])]
            [Dense(1)]
            public partial class Net;
            """, "FD0011", "7 is not a defined OrthogonalRegularizerMode value");

    [Fact]
    public void FD0021_SeedOnTheDefaultZerosBias()
        => Expect("""
            using FastDense;
            [Model(Inputs = 2, Loss = Loss.MeanSquaredError)]
            [Dense(3, Activation.Relu, KernelSeed = 1, BiasSeed = [|1|])]
            [Dense(1)]
            public partial class Net;
            """, "FD0021", "Dense layer 0: BiasSeed is not an argument of BiasInitializer Zeros, which draws nothing (Keras's Zeros takes no seed)");

    [Fact]
    public void FD0021_SeedOnAnInitializerThatDrawsNothing()
    {
        foreach (string initializer in new[] { "Ones", "Constant", "Identity" })
        {
            Expect($$"""
                using FastDense;
                [Model(Inputs = 2, Loss = Loss.MeanSquaredError)]
                [Dense(3, Activation.Relu, KernelInitializer = Initializer.{{initializer}}, KernelSeed = [|-5|])]
                [Dense(1)]
                public partial class Net;
                """, "FD0021", $"Dense layer 0: KernelSeed is not an argument of KernelInitializer {initializer}, which draws nothing (Keras's {initializer} takes no seed)");
        }
    }

    [Fact]
    public void FD0028_BiasSeed_OnALayerWithoutABias()
        => Expect("""
            using FastDense;
            [Model(Inputs = 2, Loss = Loss.MeanSquaredError)]
            [Dense(3, Activation.Relu, UseBias = false, BiasSeed = [|3|])]
            [Dense(1)]
            public partial class Net;
            """, "FD0028", "Dense layer 0: BiasSeed is an argument of bias, which the layer does not have with UseBias = false");

    [Fact]
    public void FD0028_BiasInitializer_OnALayerWithoutABias()
        => Expect("""
            using FastDense;
            [Model(Inputs = 2, Loss = Loss.MeanSquaredError)]
            [Dense(3, Activation.Relu, UseBias = false, BiasInitializer = [|Initializer.Ones|])]
            [Dense(1)]
            public partial class Net;
            """, "FD0028", "Dense layer 0: BiasInitializer is an argument of bias, which the layer does not have with UseBias = false");

    [Fact]
    public void FD0028_BiasRegularizer_OnTheOutputWithoutABias()
        => Expect("""
            using FastDense;
            [Model(Inputs = 2, Loss = Loss.MeanSquaredError)]
            [Dense(3, Activation.Relu)]
            [Dense(1, UseBias = false, BiasRegularizerL2 = [|0.01|])]
            public partial class Net;
            """, "FD0028", "Dense layer 1: BiasRegularizerL2 is an argument of bias, which the layer does not have with UseBias = false");

    [Fact]
    public void FD0028_EveryBiasArgument_ReportedOnce_AndNotCheckedFurther()
    {
        // Each Bias… property written is reported where it is written; their values are not checked (a constraint rate
        // of 1.5 would be FD0025 on a layer with a bias), so each mistake is reported once.
        const string source = """
            using FastDense;
            [Model(Inputs = 2, Loss = Loss.MeanSquaredError)]
            [Dense(3, Activation.Relu, BiasConstraint = Constraint.MinMaxNorm, BiasConstraintRate = 1.5, UseBias = false, BiasStddev = 0.1)]
            [Dense(1)]
            public partial class Net;
            """;
        GeneratorHarness.Result result = GeneratorHarness.Run(source, expectValid: false);
        Assert.Equal(["FD0028", "FD0028", "FD0028"], result.GeneratorDiagnostics.Select(d => d.Id));
        Assert.Equal(["Constraint.MinMaxNorm", "1.5", "0.1"],
            result.GeneratorDiagnostics.Select(d => source[d.Location.SourceSpan.Start..d.Location.SourceSpan.End]));
        Assert.Empty(result.Run.GeneratedSources);
    }

    [Fact]
    public void FD0025_AnArgumentTheConstraintDoesNotRead()
        => Expect("""
            using FastDense;
            [Model(Inputs = 2, Loss = Loss.MeanSquaredError)]
            [Dense(3, Activation.Relu, KernelConstraint = Constraint.NonNeg, KernelConstraintMaxValue = [|3|])]
            [Dense(1)]
            public partial class Net;
            """, "FD0025", "Dense layer 0: KernelConstraintMaxValue is not an argument of Constraint.NonNeg, which would ignore it");

    [Fact]
    public void FD0025_RateOutOfRange()
        => Expect("""
            using FastDense;
            [Model(Inputs = 2, Loss = Loss.MeanSquaredError)]
            [Dense(3, Activation.Relu)]
            [Dense(1, BiasConstraint = Constraint.MinMaxNorm, BiasConstraintRate = [|1.5|])]
            public partial class Net;
            """, "FD0025", "Dense layer 1: BiasConstraintRate must be in [0, 1], but is 1.5");

    [Fact]
    public void FD0025_AxisOutOfRange()
        => Expect("""
            using FastDense;
            [Model(Inputs = 2, Loss = Loss.MeanSquaredError)]
            [Dense(3, Activation.Relu, KernelConstraint = Constraint.UnitNorm, KernelConstraintAxis = [|2|])]
            [Dense(1)]
            public partial class Net;
            """, "FD0025", "Dense layer 0: KernelConstraintAxis must be 0 (each unit's incoming weights) or 1 (−1: each input's outgoing weights), but is 2");

    [Fact]
    public void FD0020_ActivityRegularizationNegative_AndFD0015_AsTheOutput()
    {
        Expect("""
            using FastDense;
            [Model(Inputs = 2, Loss = Loss.MeanSquaredError)]
            [ActivityRegularization(L2 = [|-1.0|])]
            [Dense(1)]
            public partial class Net;
            """, "FD0020", "Layer 0: ActivityRegularization L2 must be non-negative and finite, but is -1");
        Expect("""
            using FastDense;
            [Model(Inputs = 2, Loss = Loss.MeanSquaredError)]
            [Dense(1)]
            [[|ActivityRegularization(L1 = 0.1)|]]
            public partial class Net;
            """, "FD0015", "Layer 1: the ActivityRegularization layer cannot be the model's last layer; the output must be a Dense layer, which the loss reads");
    }

    [Fact]
    public void FD0021_VarianceScalingArguments()
    {
        Expect("""
            using FastDense;
            [Model(Inputs = 2, Loss = Loss.MeanSquaredError)]
            [Dense(3, Activation.Relu, KernelInitializer = Initializer.VarianceScaling, KernelScale = [|0|])]
            [Dense(1)]
            public partial class Net;
            """, "FD0021", "Dense layer 0: KernelScale must be positive, but is 0");
        Expect("""
            using FastDense;
            [Model(Inputs = 2, Loss = Loss.MeanSquaredError)]
            [Dense(3, Activation.Relu, KernelInitializer = Initializer.HeNormal, KernelMode = [|VarianceScalingMode.FanOut|])]
            [Dense(1)]
            public partial class Net;
            """, "FD0021", "Dense layer 0: KernelMode is not an argument of KernelInitializer HeNormal, which takes none");
    }

    [Fact]
    public void FD0026_DropoutNoiseShapeInvalid()
        => Expect("""
            using FastDense;
            [Model(Inputs = 2, Loss = Loss.MeanSquaredError)]
            [Dense(3, Activation.Relu)]
            [Dropout(0.2, NoiseShape = [|new[] { 0, 2 }|])]
            [Dense(1)]
            public partial class Net;
            """, "FD0026", "Layer 1: Dropout NoiseShape must have two entries, each 0 (Keras's None: a draw per entry along that axis) or 1 (one draw shared along it), but is [0, 2]");

    [Fact]
    public void FD0017_CategoricalAccuracyOfOneOutput()
        => Expect("""
            using FastDense;
            [Model(Inputs = 2, Loss = Loss.BinaryCrossentropy, Metrics = new[] { [|"categorical_accuracy"|] })]
            [Dense(1, Activation.Sigmoid)]
            public partial class Net;
            """, "FD0017", "Metric 'categorical_accuracy' does not fit a model with 1 output: a categorical accuracy compares the positions of the largest output and target, which a model with one output always matches; use binary_accuracy");

    [Fact]
    public void FD0015_NormalizationAsTheOutput()
        => Expect("""
            using FastDense;
            [Model(Inputs = 2, Loss = Loss.MeanSquaredError)]
            [Dense(3)]
            [[|Normalization|]]
            public partial class Net;
            """, "FD0015", "Layer 1: the Normalization layer cannot be the model's last layer; the output must be a Dense layer, which the loss reads");

    [Fact]
    public void FD0018_NormalizationMeanWithoutVariance()
        => Expect("""
            using FastDense;
            [Model(Inputs = 2, Loss = Loss.MeanSquaredError)]
            [Normalization(Mean = [|new[] { 1.0, 2.0 }|])]
            [Dense(1)]
            public partial class Net;
            """, "FD0018", "Layer 0: Normalization needs both Mean and Variance, or neither (Keras: 'both `mean` and `variance` must be set')");

    [Fact]
    public void FD0018_NormalizationValuesNotOnePerFeature()
        => Expect("""
            using FastDense;
            [Model(Inputs = 3, Loss = Loss.MeanSquaredError)]
            [Normalization(Mean = [|new[] { 1.0, 2.0 }|], Variance = new[] { 1.0, 4.0 })]
            [Dense(1)]
            public partial class Net;
            """, "FD0018", "Layer 0: Normalization Mean and Variance have 2 values but its input has 3 features: give one per feature");

    [Fact]
    public void FD0018_NormalizationNegativeVariance()
        => Expect("""
            using FastDense;
            [Model(Inputs = 1, Loss = Loss.MeanSquaredError)]
            [Normalization(Mean = new[] { 1.0 }, Variance = [|new[] { -4.0 }|])]
            [Dense(1)]
            public partial class Net;
            """, "FD0018", "Layer 0: Normalization Mean must be finite and Variance finite and not negative");

    [Fact]
    public void FD0019_BatchNormalizationMomentumOutOfRange()
        => Expect("""
            using FastDense;
            [Model(Inputs = 2, Loss = Loss.MeanSquaredError)]
            [Dense(3)]
            [BatchNormalization(Momentum = [|1.5|])]
            [Dense(1)]
            public partial class Net;
            """, "FD0019", "Layer 1: BatchNormalization Momentum must be in [0, 1], but is 1.5");

    [Fact]
    public void FD0019_BatchNormalizationEpsilonNotPositive()
        => Expect("""
            using FastDense;
            [Model(Inputs = 2, Loss = Loss.MeanSquaredError)]
            [BatchNormalization(Epsilon = [|0|])]
            [Dense(1)]
            public partial class Net;
            """, "FD0019", "Layer 0: BatchNormalization Epsilon must be positive and finite, but is 0");

    // Batch renormalization's arguments (keras/src/layers/normalization/batch_normalization.py, __init__: renorm_clipping's
    // keys rmax, rmin, dmax, rmax not below rmin, dmax not negative; renorm_momentum, like momentum, a fraction).
    [Fact]
    public void FD0019_RenormMomentumOutOfRange()
        => Expect("""
            using FastDense;
            [Model(Inputs = 2, Loss = Loss.MeanSquaredError)]
            [Dense(3)]
            [BatchNormalization(Renorm = true, RenormMomentum = [|1.2|])]
            [Dense(1)]
            public partial class Net;
            """, "FD0019", "Layer 1: BatchNormalization RenormMomentum must be in [0, 1], but is 1.2");

    [Fact]
    public void FD0019_RenormClippingRMax_BelowRMin()
        => Expect("""
            using FastDense;
            [Model(Inputs = 2, Loss = Loss.MeanSquaredError)]
            [BatchNormalization(Renorm = true, RenormClippingRMin = 2, RenormClippingRMax = [|1.5|])]
            [Dense(1)]
            public partial class Net;
            """, "FD0019", "Layer 0: BatchNormalization RenormClippingRMax must be at least RenormClippingRMin (2), but is 1.5");

    [Fact]
    public void FD0019_RenormClippingRMax_BelowTheDefaultRMin()
        => Expect("""
            using FastDense;
            [Model(Inputs = 2, Loss = Loss.MeanSquaredError)]
            [BatchNormalization(Renorm = true, RenormClippingRMax = [|-1|])]
            [Dense(1)]
            public partial class Net;
            """, "FD0019", "Layer 0: BatchNormalization RenormClippingRMax must be at least RenormClippingRMin (0), but is -1");

    [Fact]
    public void FD0019_RenormClippingRMax_NaN()
        => Expect("""
            using FastDense;
            [Model(Inputs = 2, Loss = Loss.MeanSquaredError)]
            [BatchNormalization(Renorm = true, RenormClippingRMax = [|double.NaN|])]
            [Dense(1)]
            public partial class Net;
            """, "FD0019", "Layer 0: BatchNormalization RenormClippingRMax must be a number (+∞ for no upper clip), but is NaN");

    [Fact]
    public void FD0019_RenormClippingRMin_NotFinite()
        => Expect("""
            using FastDense;
            [Model(Inputs = 2, Loss = Loss.MeanSquaredError)]
            [BatchNormalization(Renorm = true, RenormClippingRMin = [|double.NegativeInfinity|])]
            [Dense(1)]
            public partial class Net;
            """, "FD0019", "Layer 0: BatchNormalization RenormClippingRMin must be finite, but is -Infinity");

    [Fact]
    public void FD0019_RenormClippingDMax_Negative()
        => Expect("""
            using FastDense;
            [Model(Inputs = 2, Loss = Loss.MeanSquaredError)]
            [BatchNormalization(Renorm = true, RenormClippingDMax = [|-0.5|])]
            [Dense(1)]
            public partial class Net;
            """, "FD0019", "Layer 0: BatchNormalization RenormClippingDMax must be non-negative (+∞ for no clip), but is -0.5");

    [Fact]
    public void FD0019_Renorm_WithAMovingVarianceInitializerThatDrawsNegativeValues()
        => Expect("""
            using FastDense;
            [Model(Inputs = 2, Loss = Loss.MeanSquaredError)]
            [BatchNormalization(Renorm = true, MovingVarianceInitializer = [|Initializer.RandomNormal|], MovingVarianceMean = 1)]
            [Dense(1)]
            public partial class Net;
            """, "FD0019", "Layer 0: BatchNormalization MovingVarianceInitializer must be an initializer that draws no negative value with Renorm = true " +
            "(moving_stddev and renorm_stddev start at the square roots of its draws), but is random_normal(mean=1, stddev=0.05)");

    [Theory]
    [InlineData("MovingVarianceInitializer = Initializer.Constant, MovingVarianceValue = 2", true)]
    [InlineData("MovingVarianceInitializer = Initializer.Constant, MovingVarianceValue = -2", false)]
    [InlineData("MovingVarianceInitializer = Initializer.Zeros", true)]
    [InlineData("MovingVarianceInitializer = Initializer.RandomUniform, MovingVarianceMinValue = 0, MovingVarianceMaxValue = 2", true)]
    [InlineData("MovingVarianceInitializer = Initializer.RandomUniform", false)]
    [InlineData("MovingVarianceInitializer = Initializer.TruncatedNormal, MovingVarianceMean = 1, MovingVarianceStddev = 0.5", true)]
    [InlineData("MovingVarianceInitializer = Initializer.TruncatedNormal, MovingVarianceMean = 1, MovingVarianceStddev = 0.6", false)]
    [InlineData("MovingVarianceInitializer = Initializer.HeUniform", false)]
    [InlineData("MovingVarianceInitializer = Initializer.VarianceScaling", false)]
    public void FD0019_Renorm_AcceptsExactlyTheMovingVarianceInitializersWithoutNegativeDraws(string initializer, bool valid)
    {
        // Keras's truncated normal keeps draws within two standard deviations of the mean: mean 1, stddev 0.5 stays >= 0.
        GeneratorHarness.Result result = GeneratorHarness.Run($$"""
            using FastDense;
            /// <summary>A model.</summary>
            [Model(Inputs = 2, Loss = Loss.MeanSquaredError)]
            [BatchNormalization(Renorm = true, {{initializer}})]
            [Dense(1)]
            public partial class Net;
            """, expectValid: valid);
        if (!valid) Assert.Equal(["FD0019"], result.GeneratorDiagnostics.Select(d => d.Id));
    }

    [Fact]
    public void Renorm_AtTheEdgesOfItsRanges_IsValid()
    {
        // rmax = rmin (r fixed), dmax = 0 (d = 0), renorm_momentum 0 and 1, infinities written out: Keras accepts each.
        GeneratorHarness.Result result = GeneratorHarness.Run("""
            using FastDense;
            /// <summary>A model.</summary>
            [Model(Inputs = 2, Loss = Loss.MeanSquaredError)]
            [BatchNormalization(Renorm = true, RenormClippingRMin = 1.5, RenormClippingRMax = 1.5, RenormClippingDMax = 0, RenormMomentum = 0)]
            [BatchNormalization(Renorm = true, RenormClippingRMin = -1, RenormClippingRMax = double.PositiveInfinity, RenormClippingDMax = double.PositiveInfinity, RenormMomentum = 1, Synchronized = true)]
            [Dense(1)]
            public partial class Net;
            """);
        Assert.Single(result.Run.GeneratedSources);
    }

    [Fact]
    public void FD0020_LayerNormalizationEpsilon()
        => Expect("""
            using FastDense;
            [Model(Inputs = 2, Loss = Loss.MeanSquaredError)]
            [LayerNormalization(Epsilon = [|-1e-3|])]
            [Dense(1)]
            public partial class Net;
            """, "FD0020", "Layer 0: LayerNormalization Epsilon must be positive and finite, but is -0.001");

    [Fact]
    public void FD0020_GaussianNoiseStddev()
        => Expect("""
            using FastDense;
            [Model(Inputs = 2, Loss = Loss.MeanSquaredError)]
            [GaussianNoise([|-0.5|])]
            [Dense(1)]
            public partial class Net;
            """, "FD0020", "Layer 0: GaussianNoise stddev must be finite and not negative, but is -0.5");

    [Fact]
    public void FD0020_GaussianDropoutRate()
        => Expect("""
            using FastDense;
            [Model(Inputs = 2, Loss = Loss.MeanSquaredError)]
            [Dense(3)]
            [GaussianDropout([|1.0|])]
            [Dense(1)]
            public partial class Net;
            """, "FD0020", "Layer 1: GaussianDropout rate must be at least 0 and less than 1, but is 1");

    [Fact]
    public void FD0021_InitializerArgumentNotRead()
        => Expect("""
            using FastDense;
            [Model(Inputs = 2, Loss = Loss.MeanSquaredError)]
            [Dense(1, KernelInitializer = Initializer.HeNormal, KernelStddev = [|0.1|])]
            public partial class Net;
            """, "FD0021", "Dense layer 0: KernelStddev is not an argument of KernelInitializer HeNormal, which takes none");

    [Fact]
    public void FD0021_InitializerArgumentOutOfRange()
        => Expect("""
            using FastDense;
            [Model(Inputs = 2, Loss = Loss.MeanSquaredError)]
            [Dense(1, BiasInitializer = Initializer.RandomNormal, BiasStddev = [|-1|])]
            public partial class Net;
            """, "FD0021", "Dense layer 0: BiasStddev must be positive, but is -1");

    [Fact]
    public void FD0023_ActivationArgumentNotTaken()
        => Expect("""
            using FastDense;
            [Model(Inputs = 2, Loss = Loss.MeanSquaredError)]
            [Dense(1, Activation.Elu, NegativeSlope = [|0.1|])]
            public partial class Net;
            """, "FD0023", "Dense layer 0: NegativeSlope is not an argument of activation elu, which takes Alpha");

    [Fact]
    public void FD0023_ActivationWithoutArguments()
        => Expect("""
            using FastDense;
            [Model(Inputs = 2, Loss = Loss.MeanSquaredError)]
            [Dense(1, Approximate = [|true|])]
            public partial class Net;
            """, "FD0023", "Dense layer 0: Approximate is not an argument of activation linear, which takes none");

    [Fact]
    public void FD0023_ActivationArgumentOutOfRange()
        => Expect("""
            using FastDense;
            [Model(Inputs = 2, Loss = Loss.MeanSquaredError)]
            [Dense(3, Activation.Relu)]
            [Dense(1, Activation.LeakyRelu, NegativeSlope = [|-0.2|])]
            public partial class Net;
            """, "FD0023", "Dense layer 1: NegativeSlope of activation leaky_relu must be finite and not negative, but is -0.2");

    [Fact]
    public void FD0023_ActivationArgumentNotFinite()
        => Expect("""
            using FastDense;
            [Model(Inputs = 2, Loss = Loss.MeanSquaredError)]
            [Dense(1, Activation.Squareplus, B = [|double.PositiveInfinity|])]
            public partial class Net;
            """, "FD0023", "Dense layer 0: B of activation squareplus must be finite and positive, but is +∞");

    [Fact]
    public void FD0023_MaxValueNegative()
        => Expect("""
            using FastDense;
            [Model(Inputs = 2, Loss = Loss.MeanSquaredError)]
            [Dense(1, Activation.Relu, MaxValue = [|-1|])]
            public partial class Net;
            """, "FD0023", "Dense layer 0: MaxValue of activation relu must be not negative (+∞ for Keras's None), but is -1");

    [Fact]
    public void FD0023_RequiredArgumentMissing()
        => Expect("""
            using FastDense;
            [Model(Inputs = 2, Loss = Loss.MeanSquaredError)]
            [Dense(1, [|Activation.Threshold|], Threshold = 0.5)]
            public partial class Net;
            """, "FD0023", "Dense layer 0: activation threshold needs DefaultValue (Keras's threshold has no default for it)");

    [Fact]
    public void FD0023_EveryWrongArgument_IsReported()
    {
        GeneratorHarness.Result result = GeneratorHarness.Run("""
            using FastDense;
            [Model(Inputs = 2, Loss = Loss.MeanSquaredError)]
            [Dense(1, Activation.Celu, Alpha = 0, B = 2, Threshold = 1)]
            public partial class Net;
            """, expectValid: false);
        Assert.Equal(["FD0023", "FD0023", "FD0023"], result.GeneratorDiagnostics.Select(d => d.Id));
    }

    [Fact]
    public void FD0021_OrthogonalOrIdentity_OnAOneDimensionalTensor()
    {
        // keras/src/initializers/random_initializers.py Orthogonal and constant_initializers.py Identity raise for a
        // tensor of fewer than two dimensions: gamma, beta, the moving statistics and a Dense bias are 1-D.
        Expect("""
            using FastDense;
            [Model(Inputs = 2, Loss = Loss.MeanSquaredError)]
            [BatchNormalization(GammaInitializer = [|Initializer.Orthogonal|])]
            [Dense(1)]
            public partial class Net;
            """, "FD0021", "BatchNormalization layer 0: GammaInitializer Orthogonal needs a 2-D tensor, but gamma is 1-D (Keras raises)");
        Expect("""
            using FastDense;
            [Model(Inputs = 2, Loss = Loss.MeanSquaredError)]
            [BatchNormalization(MovingVarianceInitializer = [|Initializer.Identity|])]
            [Dense(1)]
            public partial class Net;
            """, "FD0021", "BatchNormalization layer 0: MovingVarianceInitializer Identity needs a 2-D tensor, but moving_variance is 1-D (Keras raises)");
        Expect("""
            using FastDense;
            [Model(Inputs = 2, Loss = Loss.MeanSquaredError)]
            [Dense(3, Activation.Relu)]
            [LayerNormalization(BetaInitializer = [|Initializer.Identity|])]
            [Dense(1)]
            public partial class Net;
            """, "FD0021", "LayerNormalization layer 1: BetaInitializer Identity needs a 2-D tensor, but beta is 1-D (Keras raises)");
        Expect("""
            using FastDense;
            [Model(Inputs = 2, Loss = Loss.MeanSquaredError)]
            [Dense(3, Activation.Relu, BiasInitializer = [|Initializer.Orthogonal|])]
            [Dense(1)]
            public partial class Net;
            """, "FD0021", "Dense layer 0: BiasInitializer Orthogonal needs a 2-D tensor, but bias is 1-D (Keras raises)");
    }

    [Fact]
    public void FD0021_NormalizationInitializerArguments()
    {
        Expect("""
            using FastDense;
            [Model(Inputs = 2, Loss = Loss.MeanSquaredError)]
            [BatchNormalization(GammaInitializer = Initializer.HeNormal, GammaStddev = [|0.1|])]
            [Dense(1)]
            public partial class Net;
            """, "FD0021", "BatchNormalization layer 0: GammaStddev is not an argument of GammaInitializer HeNormal, which takes none");
        Expect("""
            using FastDense;
            [Model(Inputs = 2, Loss = Loss.MeanSquaredError)]
            [LayerNormalization(BetaInitializer = Initializer.RandomUniform, BetaMinValue = [|0.5|], BetaMaxValue = 0.1)]
            [Dense(1)]
            public partial class Net;
            """, "FD0021", "LayerNormalization layer 0: BetaMinValue must be less than BetaMaxValue");
        Expect("""
            using FastDense;
            [Model(Inputs = 2, Loss = Loss.MeanSquaredError)]
            [BatchNormalization(MovingMeanMean = [|1|])]
            [Dense(1)]
            public partial class Net;
            """, "FD0021", "BatchNormalization layer 0: MovingMeanMean is not an argument of MovingMeanInitializer Zeros, which takes none");
    }

    [Fact]
    public void FD0020_NegativeNormalizationRegularizer()
    {
        Expect("""
            using FastDense;
            [Model(Inputs = 2, Loss = Loss.MeanSquaredError)]
            [BatchNormalization(GammaRegularizerL2 = [|-0.5|])]
            [Dense(1)]
            public partial class Net;
            """, "FD0020", "Layer 0: BatchNormalization GammaRegularizerL2 must be non-negative and finite, but is -0.5");
        Expect("""
            using FastDense;
            [Model(Inputs = 2, Loss = Loss.MeanSquaredError)]
            [LayerNormalization(BetaRegularizerL1 = [|double.PositiveInfinity|])]
            [Dense(1)]
            public partial class Net;
            """, "FD0020", "Layer 0: LayerNormalization BetaRegularizerL1 must be non-negative and finite, but is Infinity");
    }

    [Fact]
    public void FD0025_NormalizationConstraintArguments()
    {
        Expect("""
            using FastDense;
            [Model(Inputs = 2, Loss = Loss.MeanSquaredError)]
            [BatchNormalization(GammaConstraint = Constraint.MinMaxNorm, GammaConstraintRate = [|2|])]
            [Dense(1)]
            public partial class Net;
            """, "FD0025", "BatchNormalization layer 0: GammaConstraintRate must be in [0, 1], but is 2");
        Expect("""
            using FastDense;
            [Model(Inputs = 2, Loss = Loss.MeanSquaredError)]
            [LayerNormalization(BetaConstraint = Constraint.UnitNorm, BetaConstraintMaxValue = [|3|])]
            [Dense(1)]
            public partial class Net;
            """, "FD0025", "LayerNormalization layer 0: BetaConstraintMaxValue is not an argument of Constraint.UnitNorm, which would ignore it");
    }

    [Fact]
    public void FD0028_GammaArgument_WithoutScale()
        => Expect("""
            using FastDense;
            [Model(Inputs = 2, Loss = Loss.MeanSquaredError)]
            [BatchNormalization(Scale = false, GammaInitializer = [|Initializer.Constant|])]
            [Dense(1)]
            public partial class Net;
            """, "FD0028", "BatchNormalization layer 0: GammaInitializer is an argument of gamma, which the layer does not have with Scale = false");

    [Fact]
    public void FD0028_BetaArguments_WithoutCenter_EachReported()
    {
        Expect("""
            using FastDense;
            [Model(Inputs = 2, Loss = Loss.MeanSquaredError)]
            [Dense(3, Activation.Relu)]
            [LayerNormalization(Center = false, BetaRegularizerL1 = [|0.01|])]
            [Dense(1)]
            public partial class Net;
            """, "FD0028", "LayerNormalization layer 1: BetaRegularizerL1 is an argument of beta, which the layer does not have with Center = false");
        Expect("""
            using FastDense;
            [Model(Inputs = 2, Loss = Loss.MeanSquaredError)]
            [BatchNormalization(Center = false, BetaConstraint = [|Constraint.NonNeg|])]
            [Dense(1)]
            public partial class Net;
            """, "FD0028", "BatchNormalization layer 0: BetaConstraint is an argument of beta, which the layer does not have with Center = false");
        GeneratorHarness.Result result = GeneratorHarness.Run("""
            using FastDense;
            [Model(Inputs = 2, Loss = Loss.MeanSquaredError)]
            [LayerNormalization(Center = false, Scale = false, BetaInitializer = Initializer.Ones, BetaValue = 2, GammaConstraint = Constraint.MaxNorm, GammaConstraintMaxValue = 1)]
            [Dense(1)]
            public partial class Net;
            """, expectValid: false);
        Assert.Equal(["FD0028", "FD0028", "FD0028", "FD0028"], result.GeneratorDiagnostics.Select(d => d.Id));
    }

    [Fact]
    public void FD0028_RenormArgument_WithoutRenorm()
        => Expect("""
            using FastDense;
            [Model(Inputs = 2, Loss = Loss.MeanSquaredError)]
            [Dense(3, Activation.Relu)]
            [BatchNormalization(RenormMomentum = [|0.9|])]
            [Dense(1)]
            public partial class Net;
            """, "FD0028", "BatchNormalization layer 1: RenormMomentum is an argument of batch renormalization, which the layer does not have with Renorm = false");

    [Fact]
    public void FD0028_RenormClipping_WithRenormFalse_EachReported_AndNotRangeChecked()
    {
        Expect("""
            using FastDense;
            [Model(Inputs = 2, Loss = Loss.MeanSquaredError)]
            [BatchNormalization(Renorm = false, RenormClippingDMax = [|-1|])]
            [Dense(1)]
            public partial class Net;
            """, "FD0028", "BatchNormalization layer 0: RenormClippingDMax is an argument of batch renormalization, which the layer does not have with Renorm = false");
        GeneratorHarness.Result result = GeneratorHarness.Run("""
            using FastDense;
            [Model(Inputs = 2, Loss = Loss.MeanSquaredError)]
            [BatchNormalization(RenormClippingRMax = 1, RenormClippingRMin = 2, RenormClippingDMax = 3, RenormMomentum = 5, Synchronized = true)]
            [Dense(1)]
            public partial class Net;
            """, expectValid: false);
        Assert.Equal(["FD0028", "FD0028", "FD0028", "FD0028"], result.GeneratorDiagnostics.Select(d => d.Id));
    }

    [Fact]
    public void EveryDescriptor_IsTestedAbove_AndListedInReleases()
    {
        string[] ids = typeof(ModelGenerator).Assembly.GetType("FastDense.Generators.Diagnostics.DiagnosticDescriptors")!
            .GetFields().Select(f => ((DiagnosticDescriptor)f.GetValue(null)!).Id).Order().ToArray();
        string[] tested = typeof(DiagnosticsTests).GetMethods().Select(m => m.Name).Where(n => n.StartsWith("FD", StringComparison.Ordinal))
            .Select(n => n[..6]).Distinct().Order().ToArray();
        Assert.Equal(ids, tested);
        string releases = File.ReadAllText(Path.Combine(RepositoryRoot(), "generators", "FastDense.Generators", "AnalyzerReleases.Unshipped.md"));
        string docs = Path.Combine(RepositoryRoot(), "docs", "diagnostics");
        foreach (string id in ids)
        {
            Assert.Contains($"{id} | FastDense.Model | Error |", releases);
            Assert.True(File.Exists(Path.Combine(docs, id + ".md")), $"docs/diagnostics/{id}.md is missing");
        }
    }

    private static string RepositoryRoot([System.Runtime.CompilerServices.CallerFilePath] string thisFile = "")
        => Path.GetFullPath(Path.Combine(Path.GetDirectoryName(thisFile)!, "..", ".."));

    // ---- The activation layers, PReLU, AlphaDropout and Identity ----

    [Fact]
    public void ActivationAttribute_ResolvesBesideTheActivationEnum()
    {
        // C# looks an attribute's name up among attribute classes only: [Activation(...)] is ActivationAttribute, and the
        // argument's Activation.Relu the enum's member, written bare, qualified or by the class's full name.
        GeneratorHarness.Result result = GeneratorHarness.Run("""
            using FastDense;
            /// <summary>A model.</summary>
            [Model(Inputs = 2, Loss = Loss.MeanSquaredError)]
            [Dense(3)]
            [Activation(Activation.Relu)]
            [Dense(3)]
            [FastDense.Activation(FastDense.Activation.Tanh)]
            [Dense(3)]
            [ActivationAttribute(Activation.Sigmoid)]
            [Dense(1)]
            public partial class Net;
            """);
        Assert.Empty(result.GeneratorDiagnostics);
        string source = Assert.Single(result.Run.GeneratedSources).SourceText.ToString();
        Assert.Contains("2 -> Dense(3, linear) -> Activation(relu) -> Dense(3, linear) -> Activation(tanh) -> Dense(3, linear) -> Activation(sigmoid) -> Dense(1, linear)", source);
    }

    [Fact]
    public void FD0005_ActivationLayerSoftmaxOverOneFeature()
        => Expect("""
            using FastDense;
            [Model(Inputs = 2, Loss = Loss.MeanSquaredError)]
            [Dense(1)]
            [Activation([|Activation.Softmax|])]
            [Dense(2)]
            public partial class Net;
            """, "FD0005", "Activation layer 1 applies softmax over a single unit, whose output is then always 1 and passes no gradient; for one output use sigmoid (a binary classifier) or more units");

    [Fact]
    public void FD0005_SoftmaxLayerOnAOneFeatureInput()
        => Expect("""
            using FastDense;
            [Model(Inputs = 1, Loss = Loss.MeanSquaredError)]
            [[|Softmax|]]
            [Dense(2)]
            public partial class Net;
            """, "FD0005", "Softmax layer 0 applies softmax over a single unit, whose output is then always 1 and passes no gradient; for one output use sigmoid (a binary classifier) or more units");

    [Fact]
    public void FD0011_ActivationLayerUndefinedMember()
        => Expect("""
            using FastDense;
            [Model(Inputs = 2, Loss = Loss.MeanSquaredError)]
            [Dense(3)]
            [Activation([|(Activation)99|])]
            [Dense(1)]
            public partial class Net;
            """, "FD0011", "99 is not a defined Activation value");

    [Theory]
    [InlineData("Activation(Activation.Softmax)", "Activation", "; to end with softmax, give it to the last Dense layer: [Dense(units, Activation.Softmax)]")]
    [InlineData("Activation(Activation.Gelu, Approximate = true)", "Activation", "; to end with gelu(approximate=True), give it to the last Dense layer: [Dense(units, Activation.Gelu, Approximate = true)]")]
    [InlineData("Softmax", "Softmax", "; to end with softmax, give it to the last Dense layer: [Dense(units, Activation.Softmax)]")]
    [InlineData("ReLU(MaxValue = 6)", "ReLU", "; to end with relu(max_value=6), give it to the last Dense layer: [Dense(units, Activation.Relu, MaxValue = 6)]")]
    [InlineData("LeakyReLU", "LeakyReLU", "; to end with leaky_relu(negative_slope=0.3), give it to the last Dense layer: [Dense(units, Activation.LeakyRelu, NegativeSlope = 0.3)]")]
    [InlineData("ELU", "ELU", "; to end with elu, give it to the last Dense layer: [Dense(units, Activation.Elu)]")]
    [InlineData("PReLU", "PReLU", "")]
    [InlineData("AlphaDropout(0.1)", "AlphaDropout", "")]
    [InlineData("Identity", "Identity", "")]
    public void FD0015_AsTheOutput(string attribute, string kind, string hint)
        => Expect($$"""
            using FastDense;
            [Model(Inputs = 2, Loss = Loss.CategoricalCrossentropy)]
            [Dense(3)]
            [[|{{attribute}}|]]
            public partial class Net;
            """, "FD0015", $"Layer 1: the {kind} layer cannot be the model's last layer; the output must be a Dense layer, which the loss reads{hint}");

    [Theory]
    [InlineData("ReLU(MaxValue = [|-1.0|])", "ReLU MaxValue must be not negative (+∞ for Keras's None), but is -1")]
    [InlineData("ReLU(NegativeSlope = [|-0.1|])", "ReLU NegativeSlope must be finite and not negative, but is -0.1")]
    [InlineData("ReLU(Threshold = [|double.NaN|])", "ReLU Threshold must be finite and not negative, but is NaN")]
    [InlineData("LeakyReLU(NegativeSlope = [|-0.3|])", "LeakyReLU NegativeSlope must be finite and not negative, but is -0.3")]
    [InlineData("ELU(Alpha = [|0.0|])", "ELU Alpha must be finite and positive, but is 0")]
    [InlineData("Softmax(Axis = [|0|])", "Softmax Axis must be -1 or 1 (the features of a (rows, features) input), but is 0")]
    [InlineData("PReLU(SharedAxes = [|new[] { 2 }|])", "PReLU SharedAxes must be null, empty (an alpha per feature) or [1] (one alpha for every feature of a (rows, features) input), but is [2]")]
    [InlineData("PReLU(AlphaRegularizerL1 = [|-1.0|])", "PReLU AlphaRegularizerL1 must be non-negative and finite, but is -1")]
    [InlineData("AlphaDropout([|1.0|])", "AlphaDropout rate must be at least 0 and less than 1, but is 1")]
    public void FD0020_LayerArgumentOutOfRange(string attribute, string message)
        => Expect($$"""
            using FastDense;
            [Model(Inputs = 2, Loss = Loss.MeanSquaredError)]
            [Dense(3)]
            [{{attribute}}]
            [Dense(1)]
            public partial class Net;
            """, "FD0020", "Layer 1: " + message);

    [Theory]
    [InlineData("PReLU(AlphaMean = [|0.5|])", "AlphaMean is not an argument of AlphaInitializer Zeros, which takes none")]
    [InlineData("PReLU(AlphaInitializer = [|Initializer.Orthogonal|])", "AlphaInitializer Orthogonal needs a 2-D tensor, but alpha is 1-D (Keras raises)")]
    public void FD0021_PReLUAlphaInitializer(string attribute, string message)
        => Expect($$"""
            using FastDense;
            [Model(Inputs = 2, Loss = Loss.MeanSquaredError)]
            [Dense(3)]
            [{{attribute}}]
            [Dense(1)]
            public partial class Net;
            """, "FD0021", "PReLU layer 1: " + message);

    [Fact]
    public void FD0023_ActivationLayerArgumentNotTaken()
        => Expect("""
            using FastDense;
            [Model(Inputs = 2, Loss = Loss.MeanSquaredError)]
            [Dense(3)]
            [Activation(Activation.Elu, NegativeSlope = [|0.1|])]
            [Dense(1)]
            public partial class Net;
            """, "FD0023", "Activation layer 1: NegativeSlope is not an argument of activation elu, which takes Alpha");

    [Fact]
    public void FD0023_ActivationLayerArgumentOutOfRange()
        => Expect("""
            using FastDense;
            [Model(Inputs = 2, Loss = Loss.MeanSquaredError)]
            [Dense(3)]
            [Activation(Activation.Squareplus, B = [|-4.0|])]
            [Dense(1)]
            public partial class Net;
            """, "FD0023", "Activation layer 1: B of activation squareplus must be finite and positive, but is -4");

    [Fact]
    public void FD0023_ActivationLayerRequiredArgumentMissing()
        => Expect("""
            using FastDense;
            [Model(Inputs = 2, Loss = Loss.MeanSquaredError)]
            [Dense(3)]
            [Activation([|Activation.Threshold|], Threshold = 0.5)]
            [Dense(1)]
            public partial class Net;
            """, "FD0023", "Activation layer 1: activation threshold needs DefaultValue (Keras's threshold has no default for it)");

    [Fact]
    public void FD0025_PReLUAlphaConstraintArgument()
        => Expect("""
            using FastDense;
            [Model(Inputs = 2, Loss = Loss.MeanSquaredError)]
            [Dense(3)]
            [PReLU(AlphaConstraint = Constraint.MaxNorm, AlphaConstraintRate = [|0.5|])]
            [Dense(1)]
            public partial class Net;
            """, "FD0025", "PReLU layer 1: AlphaConstraintRate is not an argument of Constraint.MaxNorm, which would ignore it");

    [Fact]
    public void FD0026_AlphaDropoutNoiseShapeInvalid()
        => Expect("""
            using FastDense;
            [Model(Inputs = 2, Loss = Loss.MeanSquaredError)]
            [Dense(3, Activation.Selu)]
            [AlphaDropout(0.2, NoiseShape = [|new[] { 1, 1, 0 }|])]
            [Dense(1)]
            public partial class Net;
            """, "FD0026", "Layer 1: AlphaDropout NoiseShape must have two entries, each 0 (Keras's None: a draw per entry along that axis) or 1 (one draw shared along it), but is [1, 1, 0]");
}
