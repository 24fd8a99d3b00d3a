using FastDense.Tests.Models;

namespace FastDense.Tests.GradientChecks;

/// <summary>
/// Every activation (in a hidden layer and as an output) and every loss with the outputs it accepts, through the
/// real generated Backward, against central differences in double.
/// </summary>
public class GradientCheckTests
{
    private const int Rows = 5;

    [Fact]
    public void ReluTanhHidden_SoftmaxCategoricalCrossentropy_MatchesFiniteDifferences()
        => GradientChecker.Check<SoftmaxNet64.Kernel>(Rows, seed: 1, (r, n) => GradientChecker.OneHotTargets(r, n, SoftmaxNet64.OutputSize));

    [Fact]
    public void SigmoidLinearHidden_SigmoidBinaryCrossentropy_MatchesFiniteDifferences()
        => GradientChecker.Check<SigmoidNet64.Kernel>(Rows, seed: 2, GradientChecker.BinaryTargets);

    [Fact]
    public void BinaryCrossentropy_SoftTargets_MatchesFiniteDifferences()
        => GradientChecker.Check<SigmoidNet64.Kernel>(Rows, seed: 3, (r, n) => Enumerable.Range(0, n).Select(_ => r.NextDouble()).ToArray());

    [Fact]
    public void TanhHidden_LinearMeanSquaredError_MatchesFiniteDifferences()
        => GradientChecker.Check<LinearMseNet64.Kernel>(Rows, seed: 4, GradientChecker.RealTargets);

    [Fact]
    public void ReluHidden_TanhMeanSquaredError_MatchesFiniteDifferences()
        => GradientChecker.Check<TanhMseNet64.Kernel>(Rows, seed: 5, GradientChecker.RealTargets);

    [Fact]
    public void LinearHidden_SigmoidMeanSquaredError_MatchesFiniteDifferences()
        => GradientChecker.Check<SigmoidMseNet64.Kernel>(Rows, seed: 6, GradientChecker.RealTargets);

    [Fact]
    public void SigmoidHidden_ReluMeanSquaredError_MatchesFiniteDifferences()
        => GradientChecker.Check<ReluMseNet64.Kernel>(Rows, seed: 7, GradientChecker.RealTargets);

    [Fact]
    public void SingleLayer_SoftmaxCategoricalCrossentropy_MatchesFiniteDifferences()
        => GradientChecker.Check<SingleLayerNet64.Kernel>(Rows, seed: 8, (r, n) => GradientChecker.OneHotTargets(r, n, SingleLayerNet64.OutputSize));

    [Fact]
    public void OneRowBatch_MatchesFiniteDifferences()
        => GradientChecker.Check<SoftmaxNet64.Kernel>(rows: 1, seed: 9, (r, n) => GradientChecker.OneHotTargets(r, n, SoftmaxNet64.OutputSize));

    [Fact]
    public void Checker_WrongGradient_IsCaught()
    {
        // The comparison must be able to fail: the true gradient of one parameter passes the relative-error bound,
        // and the same value with its sign flipped does not.
        var p = new double[LinearMseNet64.ParameterCount];
        LinearMseNet64.Kernel.Initialize(p, [], 1);
        var x = new double[] { 0.3, -0.2, 0.5 };
        var y = new double[] { 0.1, -0.4 };
        var workspace = new double[LinearMseNet64.WorkspacePerRow];
        var g = new double[p.Length];
        LinearMseNet64.Kernel.Forward(p, [], x, 1, workspace, GradientChecker.Mode);
        LinearMseNet64.Kernel.Backward(p, [], x, y, default, 1, workspace, g);
        int i = 3;
        double saved = p[i];
        p[i] = saved + GradientChecker.Step;
        double plus = GradientChecker.MeanLoss<LinearMseNet64.Kernel>(p, [], x, y, 1, workspace);
        p[i] = saved - GradientChecker.Step;
        double minus = GradientChecker.MeanLoss<LinearMseNet64.Kernel>(p, [], x, y, 1, workspace);
        double numeric = (plus - minus) / (2 * GradientChecker.Step);
        Assert.True(Math.Abs(numeric) > 1e-6, "the chosen parameter must have a non-trivial gradient");
        Assert.True(Math.Abs(g[i] - numeric) / Math.Abs(numeric) < GradientChecker.MaxRelativeError);
        Assert.False(Math.Abs(-g[i] - numeric) / Math.Abs(numeric) < GradientChecker.MaxRelativeError);
    }
}
