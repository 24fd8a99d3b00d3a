// The first-Fit probe (bench/first-fit.sh runs it in fresh processes; bench/README.md). It does what the digits
// lesson does up to its training, silently: loads the embedded digits, one-hot encodes, splits (test 0.2, seed 42),
// builds the model and calls Fit(Epochs = 10, BatchSize = 32, ValidationSplit = 0.2, Verbose = 0); then it fits a
// new model the same way again, up to `fits` times in all (default 10), so the same work is timed cold and warm.
// It prints one line of key=value pairs, all in milliseconds:
//   load     loading, encoding and splitting the data
//   build    constructing the first model (its generated type's first use)
//   fit1     the first Fit; fit2 the second; fitN the last (fit10 by default)
//   jit1     of fit1, the time the JIT spent compiling (System.Runtime.JitInfo, all threads), and methods1 the number
//            of methods it compiled (0 under NativeAOT)
//   main     the first line of Main to the end of the last Fit (the script times the whole process from outside:
//            the OS records a process's start only to 10 ms)
// and mode=jit or mode=aot (whether code is compiled at run time), so the script can tell the variants apart.
using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using System.Runtime.CompilerServices;
using FastDense;
using FastDense.Data;
using FastDense.FirstFit;

long mainStart = Stopwatch.GetTimestamp();
int fits = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 10;
if (fits < 1) throw new ArgumentOutOfRangeException(nameof(args), "The number of fits must be at least 1.");

var clock = Stopwatch.StartNew();
Dataset digits = Datasets.LoadDigits();
float[] y = OneHot.Encode(digits.Labels(), classCount: 10);
var (xTrain, _, yTrain, _) = TrainTestSplit.Split(digits.Features, y, digits.Rows, testSize: 0.2, seed: 42);
double loadMs = clock.Elapsed.TotalMilliseconds;

var options = new FitOptions { Epochs = 10, BatchSize = 32, ValidationSplit = 0.2, Verbose = Verbosity.Silent };
var fitMs = new double[fits];
double buildMs = 0;
double firstFitJitMs = 0;
long firstFitMethods = 0;
History? history = null;
for (int i = 0; i < fits; i++)
{
    clock.Restart();
    var model = new LessonNet(seed: 0);
    if (i == 0) buildMs = clock.Elapsed.TotalMilliseconds;
    TimeSpan jitBefore = JitInfo.GetCompilationTime();
    long methodsBefore = JitInfo.GetCompiledMethodCount();
    clock.Restart();
    history = model.Fit(xTrain, yTrain, options);
    fitMs[i] = clock.Elapsed.TotalMilliseconds;
    if (i == 0)
    {
        firstFitJitMs = (JitInfo.GetCompilationTime() - jitBefore).TotalMilliseconds;
        firstFitMethods = JitInfo.GetCompiledMethodCount() - methodsBefore;
    }
}
double mainMs = Stopwatch.GetElapsedTime(mainStart).TotalMilliseconds;

// The last val_accuracy shows the fits trained (the lesson reaches about 0.95); it is not a timing.
double valAccuracy = history!["val_accuracy"][^1];
var line = new List<string>
{
    $"mode={(RuntimeFeature.IsDynamicCodeCompiled ? "jit" : "aot")}",
    Field("load", loadMs),
    Field("build", buildMs),
};
for (int i = 0; i < fits; i++)
{
    // Every fit's time, so the script can take any; fit1, fit2 and the last are the ones it reports.
    line.Add(Field($"fit{i + 1}", fitMs[i]));
}
line.Add(Field("jit1", firstFitJitMs));
line.Add($"methods1={firstFitMethods.ToString(CultureInfo.InvariantCulture)}");
line.Add(Field("main", mainMs));
line.Add($"val_accuracy={valAccuracy.ToString("F4", CultureInfo.InvariantCulture)}");
Console.WriteLine(string.Join(' ', line));
return 0;

static string Field(string key, double milliseconds) => $"{key}={milliseconds.ToString("F3", CultureInfo.InvariantCulture)}";
