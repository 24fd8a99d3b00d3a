using FastDense.Data;
using FastDense.Tests.Models;

namespace FastDense.Tests.Training;

/// <summary>
/// Every kind of bad input gets a specific exception naming the argument, and leaves the model as it was.
/// </summary>
public class BadInputTests
{
    private static (float[] X, float[] Y) Data(int rows)
    {
        var x = new float[rows * 64];
        var y = new float[rows * 10];
        for (int r = 0; r < rows; r++)
        {
            x[r * 64 + r % 64] = 1;
            y[r * 10 + r % 10] = 1;
        }
        return (x, y);
    }

    /// <summary>Runs a failing Fit and checks the model's weights and optimizer were not touched.</summary>
    private static TException FitFails<TException>(float[] x, float[] y, FitOptions? options = null, (float[], float[])? validation = null)
        where TException : Exception
    {
        var model = new DigitsNet(seed: 4);
        float[] before = model.Parameters.ToArray();
        var error = Assert.Throws<TException>(() => model.Fit(x, y, options ?? new FitOptions { Verbose = 0 }, validation));
        Assert.Equal(before, model.Parameters.ToArray());
        Assert.Equal(0, model.Optimizer.Iterations);
        return error;
    }

    [Fact]
    public void Fit_XNotWholeRows_Throws()
    {
        (float[] x, float[] y) = Data(3);
        var error = FitFails<ArgumentException>(x[..100], y);
        Assert.Equal("x", error.ParamName);
        Assert.Contains("100 values", error.Message);
        Assert.Contains("rows of 64", error.Message);
    }

    [Fact]
    public void Fit_RowCountsDiffer_Throws()
    {
        (float[] x, _) = Data(3);
        (_, float[] y) = Data(4);
        var error = FitFails<ArgumentException>(x, y);
        Assert.Equal("y", error.ParamName);
        Assert.Contains("40 values but x has 3 rows", error.Message);
    }

    [Fact]
    public void Fit_Empty_Throws()
    {
        var error = FitFails<ArgumentException>([], []);
        Assert.Equal("x", error.ParamName);
        Assert.Contains("empty", error.Message);
    }

    [Fact]
    public void Fit_Null_Throws()
    {
        var model = new DigitsNet();
        Assert.Equal("x", Assert.Throws<ArgumentNullException>(() => model.Fit(null!, new float[10])).ParamName);
        Assert.Equal("y", Assert.Throws<ArgumentNullException>(() => model.Fit(new float[64], (float[])null!)).ParamName);
        Assert.Equal("labels", Assert.Throws<ArgumentNullException>(() => new SparseDigitsNet().Fit(new float[64], (int[])null!)).ParamName);
    }

    [Theory]
    [InlineData(float.NaN)]
    [InlineData(float.PositiveInfinity)]
    [InlineData(float.NegativeInfinity)]
    public void Fit_NonFiniteX_ThrowsWithPosition(float bad)
    {
        (float[] x, float[] y) = Data(3);
        x[2 * 64 + 5] = bad;
        var error = FitFails<ArgumentException>(x, y);
        Assert.Equal("x", error.ParamName);
        Assert.Contains("[row 2, column 5]", error.Message);
    }

    [Fact]
    public void Fit_NaNInY_Throws()
    {
        (float[] x, float[] y) = Data(3);
        y[13] = float.NaN;
        var error = FitFails<ArgumentException>(x, y);
        Assert.Equal("y", error.ParamName);
        Assert.Contains("[row 1, column 3]", error.Message);
    }

    [Fact]
    public void Fit_TargetOutsideProbabilityRange_Throws()
    {
        (float[] x, float[] y) = Data(3);
        y[0] = 3; // a label where a one-hot row was expected
        var error = FitFails<ArgumentException>(x, y);
        Assert.Contains("[0, 1]", error.Message);
        Assert.Contains("OneHot.Encode", error.Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    public void Fit_BatchSizeNotPositive_Throws(int batchSize)
    {
        (float[] x, float[] y) = Data(3);
        var error = FitFails<ArgumentOutOfRangeException>(x, y, new FitOptions { BatchSize = batchSize, Verbose = 0 });
        Assert.Contains("BatchSize", error.Message);
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.0)]
    [InlineData(1.5)]
    [InlineData(double.NaN)]
    public void Fit_ValidationSplitOutsideRange_Throws(double split)
    {
        (float[] x, float[] y) = Data(10);
        var error = FitFails<ArgumentOutOfRangeException>(x, y, new FitOptions { ValidationSplit = split, Verbose = 0 });
        Assert.Contains("ValidationSplit", error.Message);
        Assert.Contains("[0, 1)", error.Message);
    }

    [Fact]
    public void Fit_ValidationSplitLeavingNoTrainingRows_Throws()
    {
        (float[] x, float[] y) = Data(1);
        // floor(1 · 0.5) = 0 training rows; Keras raises too.
        var error = FitFails<ArgumentException>(x, y, new FitOptions { ValidationSplit = 0.5, Verbose = 0 });
        Assert.Contains("leaves 0 training and 1 validation rows", error.Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void Fit_EpochsBelowOne_Throws(int epochs)
    {
        (float[] x, float[] y) = Data(3);
        FitFails<ArgumentOutOfRangeException>(x, y, new FitOptions { Epochs = epochs, Verbose = 0 });
    }

    [Fact]
    public void Fit_VerboseNotAVerbosity_Throws()
    {
        (float[] x, float[] y) = Data(3);
        var error = FitFails<ArgumentOutOfRangeException>(x, y, new FitOptions { Verbose = (Verbosity)7 });
        Assert.Contains("Verbosity", error.Message);
    }

    [Theory]
    [InlineData(0, null)]
    [InlineData(-1, null)]
    [InlineData(1, 0)]
    [InlineData(1, -5)]
    public void Fit_ValidationFrequencyOrBatchSizeOutOfRange_Throws(int frequency, int? batchSize)
    {
        (float[] x, float[] y) = Data(3);
        var error = FitFails<ArgumentOutOfRangeException>(x, y, new FitOptions { Verbose = 0, ValidationFrequency = frequency, ValidationBatchSize = batchSize });
        Assert.Contains(frequency < 1 ? "ValidationFrequency" : "ValidationBatchSize", error.Message);
    }

    [Fact]
    public void Fit_BadValidationData_Throws()
    {
        (float[] x, float[] y) = Data(3);
        (float[] vx, float[] vy) = Data(2);
        var error = FitFails<ArgumentException>(x, y, validation: (vx, vy[..10]));
        Assert.Equal("validationData.Y", error.ParamName);
    }

    [Fact]
    public void Fit_TwoDimensionalWrongColumns_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => new DigitsNet().Fit(new float[2, 63], new float[2, 10]));
        Assert.Equal("x", error.ParamName);
        Assert.Contains("63 columns", error.Message);
    }

    [Fact]
    public void Evaluate_And_CreateTrainer_BatchSizeNotPositive_Throw()
    {
        (float[] x, float[] y) = Data(3);
        var model = new DigitsNet();
        Assert.Equal("batchSize", Assert.Throws<ArgumentOutOfRangeException>(() => model.Evaluate(x, y, batchSize: 0)).ParamName);
        Assert.Equal("batchSize", Assert.Throws<ArgumentOutOfRangeException>(() => model.CreateTrainer(0)).ParamName);
    }

    [Fact]
    public void Predict_WrongDestinationLength_Throws()
    {
        var model = new DigitsNet();
        var error = Assert.Throws<ArgumentException>(() => model.Predict(new float[128], new float[10]));
        Assert.Equal("destination", error.ParamName);
        Assert.Contains("expected 2 × 10 = 20", error.Message);
    }

    [Fact]
    public void Predict_NaN_Throws()
    {
        var x = new float[64];
        x[3] = float.NaN;
        Assert.Equal("x", Assert.Throws<ArgumentException>(() => new DigitsNet().Predict(x)).ParamName);
    }

    [Fact]
    public void TrainStep_RowsOutOfRange_Throws()
    {
        Trainer<DigitsNet.Kernel, float> trainer = new DigitsNet().CreateTrainer(4);
        Assert.Equal("rows", Assert.Throws<ArgumentOutOfRangeException>(() => trainer.TrainStep(new float[5 * 64], new float[50], 5)).ParamName);
        Assert.Equal("x", Assert.Throws<ArgumentException>(() => trainer.TrainStep(new float[64], new float[20], 2)).ParamName);
    }

    [Fact]
    public void OneHot_LabelOutOfRange_Throws()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => OneHot.Encode([0, 3, 10], 10));
        Assert.Equal("labels", error.ParamName);
        Assert.Contains("labels[2] is 10", error.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => OneHot.Encode([-1], 10));
    }

    [Fact]
    public void Optimizer_SetNull_Throws()
        => Assert.Throws<ArgumentNullException>(() => new DigitsNet().Optimizer = null!);
    [Theory]
    [InlineData(new float[] { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 }, "sums to 0")]
    [InlineData(new float[] { 1, 1, 1, 0, 0, 0, 0, 0, 0, 0 }, "sums to 3")]
    [InlineData(new float[] { 0.5f, 0.4f, 0, 0, 0, 0, 0, 0, 0, 0 }, "sums to 0.9")]
    public void Fit_CategoricalTargetsNotProbabilityRows_NameTheRow(float[] badRow, string seen)
    {
        (float[] x, float[] y) = Data(4);
        badRow.CopyTo(y, 2 * 10);
        (float[] x9, float[] y9) = Data(9);   // rows 0-7 are checked four at a time, row 8 alone: a bad row in each part
        badRow.CopyTo(y9, 6 * 10);
        Assert.Contains("y[row 6]", FitFails<ArgumentException>(x9, y9).Message);
        badRow.CopyTo(y9, 8 * 10);
        Data(9).Y.AsSpan(60, 10).CopyTo(y9.AsSpan(60, 10));
        Assert.Contains("y[row 8]", FitFails<ArgumentException>(x9, y9).Message);
        var error = FitFails<ArgumentException>(x, y);
        Assert.Equal("y", error.ParamName);
        Assert.Contains("y[row 2]", error.Message);
        Assert.Contains(seen, error.Message);
        Assert.Contains("summing to 1", error.Message);
        var evaluate = Assert.Throws<ArgumentException>(() => new DigitsNet().Evaluate(x, y));
        Assert.Contains("y[row 2]", evaluate.Message);
    }

    [Fact]
    public void Fit_SoftLabelsSummingToOne_AreAccepted()
    {
        // Label smoothing 0.1 over 10 classes: 0.91 for the class, 0.01 elsewhere; sums to 1 up to float rounding.
        (float[] x, float[] y) = Data(4);
        for (int i = 0; i < y.Length; i++) y[i] = y[i] == 1 ? 0.91f : 0.01f;
        new DigitsNet().Fit(x, y, new FitOptions { Verbose = 0 });
    }
}
