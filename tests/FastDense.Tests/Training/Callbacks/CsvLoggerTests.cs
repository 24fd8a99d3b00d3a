using System.Text;
using FastDense.Data;
using FastDense.Tests.Models;
using static FastDense.Training.PythonFormat;

namespace FastDense.Tests.Training.Callbacks;

// CsvLogger against Keras 3's keras/src/callbacks/csv_logger.py, written through Python's csv.DictWriter (excel
// dialect: "\r\n" line ends, minimal quoting; floats as repr).
public sealed class CsvLoggerTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("fastdense-csvlogger-").FullName;
    private readonly float[] _x, _y;

    public CsvLoggerTests()
    {
        Dataset digits = Datasets.LoadDigits();
        _x = digits.Features[..(200 * 64)];
        _y = OneHot.Encode(digits.Labels()[..200], 10);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Rows_AreKerasHeaderAndPythonReprs()
    {
        string path = Path.Combine(_folder, "log.csv");
        History history = new DigitsNet(seed: 1).Fit(_x, _y, new FitOptions
        {
            Epochs = 3, BatchSize = 50, ValidationSplit = 0.25, Verbose = 0, Callbacks = [new CsvLogger(path)],
        });
        var expected = new StringBuilder("epoch,accuracy,loss,val_accuracy,val_loss\r\n");
        for (int e = 0; e < 3; e++)
        {
            expected.Append($"{e},{Repr(history.Accuracy[e])},{Repr(history.Loss[e])},{Repr(history.ValidationAccuracy[e])},{Repr(history.ValidationLoss[e])}\r\n");
        }
        Assert.Equal(expected.ToString(), File.ReadAllText(path));
        Assert.Equal(Encoding.UTF8.GetByteCount(expected.ToString()), new FileInfo(path).Length);   // no byte-order mark
    }

    [Fact]
    public void FirstEpochWithoutValidation_AppendsTheValKeys_AndWritesNA()
    {
        // Keras: keys = sorted(first epoch's keys); none starts with val_, so val_ + each is appended (not re-sorted):
        // a metric "zeta" sorts after "val_..." only in the second form.
        string path = Path.Combine(_folder, "freq.csv");
        var zeta = new ScriptedMetric("zeta", MetricDirection.Down, 0.5);
        History history = new DigitsNet(seed: 1).Fit(_x, _y, new FitOptions
        {
            Epochs = 2, BatchSize = 50, ValidationSplit = 0.25, ValidationFrequency = 2, Verbose = 0, Metrics = [zeta], Callbacks = [new CsvLogger(path)],
        });
        string[] lines = File.ReadAllText(path).Split("\r\n");
        Assert.Equal("epoch,loss,zeta,val_loss,val_zeta", lines[0]);
        Assert.Equal($"0,{Repr(history.Loss[0])},0.5,NA,NA", lines[1]);
        Assert.Equal($"1,{Repr(history.Loss[1])},0.5,{Repr(history.ValidationLoss[0])},{Repr(history["val_zeta"][0])}", lines[2]);
        Assert.Equal("", lines[3]);

        // Validated from the first epoch: all keys sorted together.
        string sorted = Path.Combine(_folder, "sorted.csv");
        new DigitsNet(seed: 1).Fit(_x, _y, new FitOptions
        {
            Epochs = 1, BatchSize = 50, ValidationSplit = 0.25, Verbose = 0, Metrics = [new ScriptedMetric("zeta", null, 0.5)], Callbacks = [new CsvLogger(sorted)],
        });
        Assert.StartsWith("epoch,loss,val_loss,val_zeta,zeta\r\n", File.ReadAllText(sorted));
    }

    [Fact]
    public void Append_AddsRowsWithoutASecondHeader_ElseTheFileIsReplaced()
    {
        string path = Path.Combine(_folder, "append.csv");
        var options = new FitOptions { Epochs = 2, BatchSize = 50, Verbose = 0, Callbacks = [new CsvLogger(path, append: true)] };
        var model = new DigitsNet(seed: 1);
        model.Fit(_x, _y, options);
        model.Fit(_x, _y, options);
        string[] lines = File.ReadAllText(path).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        // No val_ key in a fit without validation: Keras appends val_ + each key all the same (their fields stay NA).
        Assert.Equal(["epoch,accuracy,loss,val_accuracy,val_loss", "0", "1", "0", "1"], lines.Select(l => l.Split(',')[0] == "epoch" ? l : l.Split(',')[0]));

        model.Fit(_x, _y, new FitOptions { Epochs = 2, BatchSize = 50, Verbose = 0, Callbacks = [new CsvLogger(path)] });
        Assert.Equal(3, File.ReadAllText(path).Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public void Separator_AndQuotingOfFieldsThatHoldIt()
    {
        string path = Path.Combine(_folder, "semi.csv");
        var logger = new CsvLogger(path, separator: ";");
        var fit = new FakeFit();
        logger.OnTrainBegin(fit);
        logger.OnEpochEnd(fit, 0, FakeFit.LogsOf(("loss", 0.25), ("a;b", 1.0), ("q\"x", 2.0)));
        logger.OnTrainEnd(fit, FakeFit.LogsOf());
        // Sorted: a;b, loss, q"x; then val_ + each. Fields holding the separator or a quote are quoted, quotes doubled.
        Assert.Equal("epoch;\"a;b\";loss;\"q\"\"x\";\"val_a;b\";val_loss;\"val_q\"\"x\"\r\n0;1.0;0.25;2.0;NA;NA;NA\r\n", File.ReadAllText(path));
    }

    [Fact]
    public void BadArguments_AreNamed()
    {
        var error = Assert.Throws<ArgumentException>(() => new CsvLogger("x.csv", separator: "::"));
        Assert.Equal("separator", error.ParamName);
        Assert.Contains("\"::\"", error.Message);
        Assert.Equal("separator", Assert.Throws<ArgumentException>(() => new CsvLogger("x.csv", separator: "\"")).ParamName);
        Assert.Equal("filename", Assert.Throws<ArgumentException>(() => new CsvLogger("")).ParamName);
    }
}
