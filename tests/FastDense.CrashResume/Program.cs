// A training run for CrashResumeTests (tests/FastDense.Tests/Training/Callbacks/CrashResumeTests.cs) to kill and run
// again. Every run trains the same CrashNet (model seed 5, Adam) on all 1797 digits rows (pixels / 16), 4 epochs of
// batch 32 (57 steps an epoch, the last of 5 rows), Fit seed 11, and writes its final parameters to <workDir>/final.bin.
//
//   dotnet FastDense.CrashResume.dll <workDir> fit <saveFreq> [<blockAfterBackup> <thenBatches>]
//       Fit with BackupAndRestore(<workDir>/backup, saveFreq: "epoch" or a number of batches). With the last two
//       arguments (both >= 1), after the k-th backup has landed and <thenBatches> more batches have trained, the run
//       prints "blocked ..." and waits on stdin, which the test never writes to: it kills the process there. Run again
//       with the same <workDir> (and no block), the fit resumes from the backup.
//   dotnet FastDense.CrashResume.dll <workDir> reference <stopAfterStep> <resumeAtEpoch>
//       No backup, no file: Fit stopped after optimizer step <stopAfterStep>, then Fit again from InitialEpoch
//       <resumeAtEpoch> with the same model, optimizer and seed. What resuming from a backup taken after that step,
//       recording that many finished epochs, must give (Keras: a mid-epoch backup restarts its epoch).
//
// Lines on stdout, one per event (Console.Out flushes each line): "fresh" or "resumed epoch=E seed=S" when Fit starts;
// "backup K iterations=I epoch=E at e:b" when the K-th backup this run wrote is seen (I, E: the file's step count and
// finished epochs; e:b the epoch and batch, from 0, or e:end); "blocked at e:b iterations=I"; "epoch e loss=L" at each
// epoch's end (L round-trip); "done iterations=I" after final.bin is written. Exit code 0, or 2 for bad arguments, 3
// when stdin ends or is written to while blocked (the block must end only by the kill).
using System.Buffers.Binary;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using FastDense;
using FastDense.CrashResume;
using FastDense.Data;

if (args.Length < 3) return Usage();
string workDir = args[0];
Directory.CreateDirectory(workDir);

Dataset digits = Datasets.LoadDigits();
// (1797, 64) pixel counts 0..16, scaled to [0, 1] as a user would.
float[] x = [.. digits.Features.Select(v => v / 16f)];
float[] y = OneHot.Encode(digits.Labels(), classCount: 10);     // (1797, 10)
var model = new CrashNet(seed: 5) { Optimizer = new Adam() };
var printer = new Printer();

switch (args[1])
{
    case "fit" when args.Length is 3 or 5:
    {
        SaveFrequency saveFreq = args[2] == "epoch" ? SaveFrequency.Epoch : SaveFrequency.EveryBatches(Int(args[2]));
        var backup = new BackupAndRestore(Path.Combine(workDir, "backup"), saveFreq);
        (int blockAfter, int thenBatches) = args.Length == 5 ? (Int(args[3]), Int(args[4])) : (0, 0);
        if (args.Length == 5 && (blockAfter < 1 || thenBatches < 1)) return Usage();
        var watch = new BackupWatch(backup, blockAfter, thenBatches);
        // The watch after the backup: it sees each backup once BackupAndRestore has written it.
        model.Fit(x, y, Options([backup, watch, printer]));
        break;
    }
    case "reference" when args.Length == 4:
    {
        long stopAfterStep = Int(args[2]);
        model.Fit(x, y, Options([new StopAfterStep(stopAfterStep)]));
        if (model.Optimizer.Iterations != stopAfterStep) throw new InvalidOperationException($"stopped at step {model.Optimizer.Iterations}");
        model.Fit(x, y, Options([printer], initialEpoch: Int(args[3])));
        break;
    }
    default:
        return Usage();
}

// The parameters' bits, little-endian float32 in the model's order: what the test compares.
File.WriteAllBytes(Path.Combine(workDir, "final.bin"), MemoryMarshal.AsBytes(model.Parameters).ToArray());
Console.WriteLine($"done iterations={model.Optimizer.Iterations}");
return 0;

static FitOptions Options(Callback[] callbacks, int initialEpoch = 0)
    => new() { Epochs = 4, InitialEpoch = initialEpoch, BatchSize = 32, Seed = 11, Verbose = 0, Callbacks = callbacks };

static int Int(string text) => int.Parse(text, CultureInfo.InvariantCulture);

static int Usage()
{
    Console.Error.WriteLine("usage: FastDense.CrashResume <workDir> fit <epoch|batches> [<blockAfterBackup> <thenBatches>] | <workDir> reference <stopAfterStep> <resumeAtEpoch>");
    return 2;
}

namespace FastDense.CrashResume
{
    /// <summary>Prints each epoch's loss.</summary>
    internal sealed class Printer : Callback
    {
        /// <inheritdoc />
        public override void OnEpochEnd(IFitControl fit, int epoch, Logs logs)
            => Console.WriteLine($"epoch {epoch} loss={logs["loss"].ToString("R", CultureInfo.InvariantCulture)}");
    }

    /// <summary>
    /// Watches the backup file after each batch and epoch: a new optimizer step count in its metadata is a new backup.
    /// After the <c>blockAfter</c>-th one and <c>thenBatches</c> more batches it blocks on stdin (0: never blocks).
    /// </summary>
    internal sealed class BackupWatch(BackupAndRestore backup, int blockAfter, int thenBatches) : Callback
    {
        private long _lastIterations = -1;
        private int _backups, _batchesSinceBlockingBackup = -1;
        private int _epoch;

        /// <inheritdoc />
        public override void OnTrainBegin(IFitControl fit)
        {
            Console.WriteLine(backup.ResumedFrom is CheckpointInfo info ? $"resumed epoch={info.Epoch} seed={info.Seed}" : "fresh");
            // BackupAndRestore, earlier in the list, has resumed (or not) by now; the backup it resumed from is not one
            // this run wrote.
            if (File.Exists(backup.CheckpointPath)) _lastIterations = ReadIterations();
        }

        /// <inheritdoc />
        public override void OnEpochBegin(IFitControl fit, int epoch) => _epoch = epoch;

        /// <inheritdoc />
        public override void OnBatchEnd(IFitControl fit, int batch, Logs logs)
        {
            // Counted before looking for a new backup, so that the batch a backup is seen after is not one of thenBatches.
            if (_batchesSinceBlockingBackup >= 0 && ++_batchesSinceBlockingBackup == thenBatches)
            {
                Console.WriteLine($"blocked at {_epoch}:{batch} iterations={fit!.Optimizer.Iterations}");
                // The test kills the process here; nothing else may end the wait.
                Console.In.ReadLine();
                Console.Error.WriteLine("stdin ended or was written to while blocked: only a kill should end the block");
                Environment.Exit(3);
            }
            See($"{_epoch}:{batch}");
        }

        /// <inheritdoc />
        public override void OnEpochEnd(IFitControl fit, int epoch, Logs logs) => See($"{epoch}:end");

        private void See(string where)
        {
            if (!File.Exists(backup.CheckpointPath)) return;
            long iterations = ReadIterations();
            if (iterations == _lastIterations) return;
            _lastIterations = iterations;
            _backups++;
            Console.WriteLine($"backup {_backups} iterations={iterations} epoch={Metadata()["epoch"]} at {where}");
            if (_backups == blockAfter) _batchesSinceBlockingBackup = 0;
        }

        private long ReadIterations() => long.Parse(Metadata()["iterations"], CultureInfo.InvariantCulture);

        /// <summary>The backup's safetensors metadata: an 8-byte little-endian header length, then the JSON header.</summary>
        private Dictionary<string, string> Metadata()
        {
            using FileStream file = File.OpenRead(backup.CheckpointPath);
            Span<byte> length = stackalloc byte[8];
            file.ReadExactly(length);
            byte[] header = new byte[checked((int)BinaryPrimitives.ReadUInt64LittleEndian(length))];
            file.ReadExactly(header);
            using JsonDocument json = JsonDocument.Parse(header);
            return json.RootElement.GetProperty("__metadata__").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!);
        }
    }

    /// <summary>Stops Fit after the given optimizer step (Keras's stop_training after a batch).</summary>
    internal sealed class StopAfterStep(long step) : Callback
    {
        /// <inheritdoc />
        public override void OnBatchEnd(IFitControl fit, int batch, Logs logs)
        {
            if (fit!.Optimizer.Iterations == step) fit.StopTraining = true;
        }
    }
}
