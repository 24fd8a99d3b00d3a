using FastDense.Training;

namespace FastDense.Tests.Training.Callbacks;

// The callbacks write numbers as Python does (file names of ModelCheckpoint, CSVLogger's rows, the messages of
// ReduceLROnPlateau and LearningRateScheduler). Every expected string below was printed by CPython 3 (repr(v),
// format(v, spec), str.format), which keras/src/callbacks/model_checkpoint.py (_get_file_path) and csv_logger.py use.
public class PythonFormatTests
{
    [Theory]
    [InlineData(0.1, "0.1")]
    [InlineData(1e-05, "1e-05")]
    [InlineData(100.0, "100.0")]
    [InlineData(1e16, "1e+16")]
    [InlineData(1e15, "1000000000000000.0")]
    [InlineData(-0.0, "-0.0")]
    [InlineData(double.NaN, "nan")]
    [InlineData(double.PositiveInfinity, "inf")]
    [InlineData(double.NegativeInfinity, "-inf")]
    [InlineData(0.0001, "0.0001")]
    [InlineData(123456789.123, "123456789.123")]
    [InlineData(0.6931471824645996, "0.6931471824645996")]
    [InlineData(2.5e-07, "2.5e-07")]
    [InlineData(0.00010000000474974513, "0.00010000000474974513")]
    [InlineData(5e-324, "5e-324")]
    [InlineData(1.7976931348623157e308, "1.7976931348623157e+308")]
    [InlineData(2.0 / 3, "0.6666666666666666")]
    [InlineData(123456789012345678.0, "1.2345678901234568e+17")]
    public void Repr_IsPythons(double value, string expected) => Assert.Equal(expected, PythonFormat.Repr(value));

    [Theory]
    [InlineData(0.125, ".2f", "0.12")]   // half to even on the exact binary value
    [InlineData(0.375, ".2f", "0.38")]
    [InlineData(2.675, ".2f", "2.67")]   // 2.67499999...
    [InlineData(0.5, ".0f", "0")]
    [InlineData(1.5, ".0f", "2")]
    [InlineData(2.5, ".0f", "2")]
    [InlineData(0.001, ".2f", "0.00")]
    [InlineData(123.456, ".4e", "1.2346e+02")]
    [InlineData(0.0, "e", "0.000000e+00")]
    [InlineData(1234567.0, "g", "1.23457e+06")]
    [InlineData(1.234e-05, "g", "1.234e-05")]
    [InlineData(12.0, ".2", "1.2e+01")]   // no type: 'g' keeping a digit after the point
    [InlineData(12.0, ".3", "12.0")]
    [InlineData(1.0, ".3", "1.0")]
    [InlineData(123.0, ".2", "1.2e+02")]
    [InlineData(0.25, "%", "25.000000%")]
    [InlineData(0.25, ".1%", "25.0%")]
    [InlineData(3.14159, "8.3f", "   3.142")]
    [InlineData(3.14159, "<8.2f", "3.14    ")]
    [InlineData(3.14159, "^9.2f", "  3.14   ")]
    [InlineData(-3.14159, "08.2f", "-0003.14")]
    [InlineData(3.14159, "+.2f", "+3.14")]
    [InlineData(3.14159, " .2f", " 3.14")]
    [InlineData(3.14159, "*>10.3f", "*****3.142")]
    [InlineData(double.NaN, ".2f", "nan")]
    [InlineData(double.PositiveInfinity, "E", "INF")]
    [InlineData(9.9999, ".3g", "10")]
    [InlineData(9.9999, ".2e", "1.00e+01")]
    [InlineData(0.5, ".0e", "5e-01")]
    [InlineData(1e-05, ".3", "1e-05")]
    [InlineData(0.6931471824645996, ".5f", "0.69315")]
    [InlineData(1e22, "f", "10000000000000000000000.000000")]
    [InlineData(0.1, ".20f", "0.10000000000000000555")]
    [InlineData(5e-324, ".3e", "4.941e-324")]
    [InlineData(-0.0, ".2f", "-0.00")]
    [InlineData(99.5, ".0f", "100")]
    [InlineData(0.0, "g", "0")]
    [InlineData(0.0, ".3", "0.0")]
    public void FloatFormat_IsPythons(double value, string spec, string expected) => Assert.Equal(expected, PythonFormat.Format(value, spec));

    [Theory]
    [InlineData(1, "02d", "01")]
    [InlineData(12, "02d", "12")]
    [InlineData(123, "02d", "123")]
    [InlineData(5, "", "5")]
    [InlineData(5, "d", "5")]
    [InlineData(-5, "04d", "-005")]
    [InlineData(5, ".2f", "5.00")]
    [InlineData(5, ">4", "   5")]
    [InlineData(5, "<4d", "5   ")]
    [InlineData(3, "e", "3.000000e+00")]
    [InlineData(7, "%", "700.000000%")]
    public void IntFormat_IsPythons(long value, string spec, string expected) => Assert.Equal(expected, PythonFormat.Format(value, spec));

    [Theory]
    [InlineData(",.2f")]
    [InlineData("#.2f")]
    [InlineData("x")]
    [InlineData(".f")]
    [InlineData(".2fx")]
    public void UnsupportedSpecs_AreRefused(string spec) => Assert.Throws<FormatException>(() => PythonFormat.Parse(spec));

    [Fact]
    public void FloatWithIntType_IsRefused_AsPythonDoes()
    {
        // format(0.5, "02d"): ValueError: Unknown format code 'd' for object of type 'float'
        var error = Assert.Throws<FormatException>(() => PythonFormat.Format(0.5, "02d"));
        Assert.Contains("Unknown format code 'd'", error.Message);
    }

    [Fact]
    public void FilePath_IsFilledAsKerasFillsIt()
    {
        // Keras's docstring example: "{epoch:02d}-{val_loss:.2f}.keras".format(epoch=epoch + 1, **logs).
        var template = new FilePathTemplate("{epoch:02d}-{val_loss:.2f}.safetensors", "filepath");
        Logs logs = FakeFit.LogsOf(("loss", 0.5), ("val_loss", 0.123456));
        Assert.Equal("03-0.12.safetensors", template.Fill(epoch: 2, batch: null, logs));
        Assert.Equal(["epoch", "val_loss"], template.Names);

        var withBatch = new FilePathTemplate("e{epoch}-b{batch:03d}-{loss}{{x}}.bin", "filepath");
        Assert.Equal("e1-b008-0.5{x}.bin", withBatch.Fill(epoch: 0, batch: 7, logs));
    }

    [Fact]
    public void FilePath_MissingKey_IsKerasKeyError()
    {
        var template = new FilePathTemplate("w-{val_accuracy:.3f}.safetensors", "filepath");
        var error = Assert.Throws<KeyNotFoundException>(() => template.Fill(0, null, FakeFit.LogsOf(("loss", 1.0))));
        Assert.Contains("Failed to format this callback filepath", error.Message);
        Assert.Contains("'val_accuracy'", error.Message);
        // {batch} is filled only when saving every N batches.
        Assert.Throws<KeyNotFoundException>(() => new FilePathTemplate("{batch}.bin", "filepath").Fill(0, null, FakeFit.LogsOf(("loss", 1.0))));
    }

    [Theory]
    [InlineData("{}.bin")]
    [InlineData("{0}.bin")]
    [InlineData("{epoch!r}.bin")]
    [InlineData("{logs.loss}.bin")]
    [InlineData("{loss[0]}.bin")]
    [InlineData("{epoch:,d}.bin")]
    [InlineData("{epoch.bin")]
    [InlineData("epoch}.bin")]
    [InlineData("{epoch:{w}}.bin")]
    public void FilePath_ThatCannotBeFilled_IsRefusedUpFront(string path)
    {
        var error = Assert.Throws<ArgumentException>(() => new FilePathTemplate(path, "filepath"));
        Assert.Equal("filepath", error.ParamName);
        Assert.Contains(path, error.Message);
    }
}
