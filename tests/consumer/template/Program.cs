// The consumer test's program (tests/consumer/run.sh): what a NuGet user of FastDense does, checked. It runs twice,
// on the JIT and as a NativeAOT binary, and prints one "PASS name" or "FAIL name: why" line per check, or
// "SKIP name: why" for one that cannot run there by design (Keras files under NativeAOT).
//
//   Consumer <restored FastDense package folder> <plot path> <expected kernel width: 128, 256 or 512, or "any">
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using FastDense;
using FastDense.Data;
using FastDense.Interop;
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

// The same for FastDense.Interop, restored beside FastDense in the package folder (<packages>/<id>/<version>).
string interopXml = Path.Combine(packageFolder, "..", "..", "fastdense.interop", Path.GetFileName(packageFolder), "lib", "net10.0", "FastDense.Interop.xml");
Check("interop-xml-docs-in-package", File.Exists(interopXml) && File.ReadAllText(interopXml).Contains("T:FastDense.Interop.OnnxExport", StringComparison.Ordinal),
    $"{interopXml} is missing or does not document FastDense.Interop.OnnxExport");

// FastDense.Plotting draws from the package too (SkiaSharp and its native library come with it).
File.Delete(plotPath);
HistoryPlot.Save(history, plotPath, HistoryPlotOptions.Lesson);
byte[] png = File.Exists(plotPath) ? File.ReadAllBytes(plotPath) : [];
Check("plot-written", png.Length > 1000 && png.AsSpan(0, 8).SequenceEqual(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }),
    $"{plotPath} is not a PNG ({png.Length} bytes)");

// FastDense.Interop from the package: the trained model goes out as ONNX, Keras weights and a PyTorch state_dict, and
// the two weights files come back into the model bit for bit. The files go to a folder of this run, removed after.
string interopFolder = Directory.CreateTempSubdirectory("fastdense-consumer-interop-").FullName;
try
{
    float[] trained = model.Predict(xTest);

    // No ONNX Runtime here (its native library is a dependency a user chooses): the file must exist and begin as
    // every file of ours does, a ModelProto whose field 1 is ir_version 8 (tag 0x08, varint 8), then field 2,
    // producer_name, length-delimited (tag 0x12), 9 bytes: "FastDense".
    string onnxPath = Path.Combine(interopFolder, "consumer.onnx");
    try
    {
        model.ExportOnnx(onnxPath);
        byte[] onnx = File.Exists(onnxPath) ? File.ReadAllBytes(onnxPath) : [];
        byte[] onnxStart = [0x08, 0x08, 0x12, 0x09, .. "FastDense"u8];
        Check("onnx-export", onnx.Length > onnxStart.Length && onnx.AsSpan(0, onnxStart.Length).SequenceEqual(onnxStart),
            $"{onnxPath} ({onnx.Length} bytes) does not start with ir_version 8 and producer_name \"FastDense\"");
    }
    catch (Exception e)
    {
        Check("onnx-export", false, $"{e.GetType().Name}: {e.Message}");
    }

    // Saved, the weights overwritten by a fresh initialization (so a load that did nothing would fail), loaded back:
    // Predict must give the trained model's outputs bit for bit.
    void RoundTrip(string name, string fileName, Action<string> save, Action<string> load)
    {
        string path = Path.Combine(interopFolder, fileName);
        try
        {
            save(path);
            model.Reinitialize(seed: 1);
            bool changed = !MemoryMarshal.AsBytes(model.Predict(xTest).AsSpan()).SequenceEqual(MemoryMarshal.AsBytes(trained.AsSpan()));
            load(path);
            float[] loaded = model.Predict(xTest);
            bool same = MemoryMarshal.AsBytes(loaded.AsSpan()).SequenceEqual(MemoryMarshal.AsBytes(trained.AsSpan()));
            Check(name, changed && same, !changed
                ? "Reinitialize(seed: 1) left the predictions as trained, so the load proves nothing"
                : $"after {fileName} ({new FileInfo(path).Length} bytes) was loaded, Predict differs from the trained model's");
        }
        catch (Exception e)
        {
            Check(name, false, $"{e.GetType().Name}: {e.Message}");
        }
    }
    if (RuntimeFeature.IsDynamicCodeSupported)
    {
        RoundTrip("keras-weights-round-trip", "consumer.weights.h5", path => model.SaveKerasWeights(path), path => model.LoadKerasWeights(path));
    }
    else
    {
        // NativeAOT: PureHDF, which writes the HDF5, makes generic methods at run time (MakeGenericMethod over value
        // types), and the binary has no code for them, so Keras files need the JIT (the package's PACKAGE.md says so)
        // and each Keras method says so with a PlatformNotSupportedException before PureHDF runs. The save is still
        // tried: the failure must be that one.
        try
        {
            model.SaveKerasWeights(Path.Combine(interopFolder, "consumer.weights.h5"));
            Check("keras-weights-round-trip", false,
                "SaveKerasWeights worked under NativeAOT, which PACKAGE.md and docs/packaging.md deny: update them and this check");
        }
        catch (PlatformNotSupportedException e)
        {
            Console.WriteLine($"SKIP keras-weights-round-trip: under NativeAOT, as documented: {e.Message}");
        }
        catch (Exception e)
        {
            Check("keras-weights-round-trip", false, $"under NativeAOT, expected the Keras methods' PlatformNotSupportedException, got {e.GetType().Name}: {e.Message}");
        }
    }
    RoundTrip("pytorch-state-dict-round-trip", "consumer.safetensors", path => model.SavePyTorchStateDict(path), path => model.LoadPyTorchStateDict(path));
}
finally
{
    Directory.Delete(interopFolder, recursive: true);
}

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
