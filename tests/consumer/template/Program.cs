// The consumer test's program (tests/consumer/run.sh): what a NuGet user of FastDense does, checked. It runs twice,
// on the JIT and as a NativeAOT binary, and prints one "PASS name" or "FAIL name: why" line per check.
//
//   Consumer <restored FastDense package folder> <plot path> <expected kernel width: 128, 256 or 512, or "any">
using System.Runtime.Intrinsics;
using FastDense;
using FastDense.Data;
using FastDense.Plotting;

if (args.Length != 3)
{
    Console.Error.WriteLine("usage: Consumer <package folder> <plot path> <expected vector width|any>");
    return 2;
}
string packageFolder = args[0], plotPath = args[1], expectedWidth = args[2];
int failed = 0;

void Check(string name, bool ok, string why)
{
    Console.WriteLine(ok ? $"PASS {name}" : $"FAIL {name}: {why}");
    if (!ok) failed++;
}

// The generator ran from the package: ConsumerNet's constructor, Fit and Evaluate exist only if it wrote them.
Dataset digits = Datasets.LoadDigits();
float[] y = OneHot.Encode(digits.Labels(), classCount: 10);
var (xTrain, xTest, yTrain, yTest) = TrainTestSplit.Split(digits.Features, y, digits.Rows, testSize: 0.2, seed: 42);
var model = new ConsumerNet(seed: 0);
History history = model.Fit(xTrain, yTrain, new FitOptions { Epochs = 10, BatchSize = 32, ValidationSplit = 0.2, Verbose = 0 });
EvaluationResult test = model.Evaluate(xTest, yTest);
double accuracy = test.Accuracy ?? double.NaN;
Console.WriteLine($"test accuracy {accuracy:F4}, test loss {test.Loss:F4}");
// The same bound the repository asserts for this model and split (FitTests).
Check("digits-accuracy", accuracy >= 0.93, $"test accuracy {accuracy:F4} < 0.93");

// A user's IDE shows the API's documentation only if the package carries the XML file next to the assembly.
string xml = Path.Combine(packageFolder, "lib", "net10.0", "FastDense.xml");
Check("xml-docs-in-package", File.Exists(xml) && File.ReadAllText(xml).Contains("T:FastDense.FitOptions", StringComparison.Ordinal),
    $"{xml} is missing or does not document FastDense.FitOptions");

// FastDense.Plotting draws from the package too (ScottPlot and SkiaSharp's native library come with it).
File.Delete(plotPath);
HistoryPlot.Save(history, plotPath, HistoryPlotOptions.Lesson);
byte[] png = File.Exists(plotPath) ? File.ReadAllBytes(plotPath) : [];
Check("plot-written", png.Length > 1000 && png.AsSpan(0, 8).SequenceEqual(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }),
    $"{plotPath} is not a PNG ({png.Length} bytes)");

// Which register width the kernels can use in this process. For the NativeAOT binary it shows the instruction set that
// the package's buildTransitive targets chose; without one, a NativeAOT binary has no 256-bit vectors and no FMA.
int width = Vector512.IsHardwareAccelerated ? 512 : Vector256.IsHardwareAccelerated ? 256 : Vector128.IsHardwareAccelerated ? 128 : 0;
Console.WriteLine($"widest accelerated vector: {width} bits, FMA: {System.Runtime.Intrinsics.X86.Fma.IsSupported || System.Runtime.Intrinsics.Arm.AdvSimd.IsSupported}");
Check("vector-width", expectedWidth == "any" || expectedWidth == width.ToString(System.Globalization.CultureInfo.InvariantCulture),
    $"expected {expectedWidth}-bit vectors, the process has {width}");

return failed == 0 ? 0 : 1;

[Model(Inputs = 64, Loss = Loss.CategoricalCrossentropy)]
[Dense(64, Activation.Relu)]
[Dense(10, Activation.Softmax)]
public partial class ConsumerNet;
