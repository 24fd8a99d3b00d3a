using System.Diagnostics;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Text;

namespace FastDense.Tests.Training.Callbacks;

// BackupAndRestore when the process dies: tests/FastDense.CrashResume (Fit of a Dropout model with Adam and
// BackupAndRestore, built with this project through a ProjectReference) runs as a child process, blocks at a known step
// after a backup, in the middle of an epoch, and is killed there (Process.Kill: SIGKILL, no finally, no OnTrainEnd, no
// flush); run again on the same folder it resumes from the backup on disk. BackupAndRestoreTests covers the in-process
// interruption (an exception from a callback); this covers what survives a dead process: only the file.
//
// Synchronization: the child prints a line after each backup it sees land and one when it blocks, then waits on its
// stdin, which the test never writes to; the test reads those lines and kills it only then. So the kill always lands at
// the same step, with the backup whole on disk and the batches since then lost with the process. No sleeps, no timing:
// the timeout below only turns a hung child into a failure.
public sealed class CrashResumeTests : IDisposable
{
    private const string ProjectName = "FastDense.CrashResume";

    // Far above the ~1 s a child needs; reached only when a child hangs or never prints what the test waits for.
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private readonly string _folder = Directory.CreateTempSubdirectory("fastdense-crash-resume-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task KilledMidEpoch_AfterAnEpochEndBackup_RunAgain_EndsWithTheUninterruptedBits()
    {
        // 57 steps an epoch (1797 rows in batches of 32). The 2nd backup, at epoch 1's end, records 2 finished epochs
        // (step 114); the child then trains 25 batches of epoch 2 and is killed after step 139.
        // The uninterrupted run trains while the other child runs and is killed (2 cores: about half the wall time).
        Task<Finished> wholeRun = RunToEnd(Path.Combine(_folder, "whole"), "fit", "epoch");

        string work = Path.Combine(_folder, "crashed");
        Killed killed = await RunUntilBlockedThenKill(work, "fit", "epoch", "2", "25");
        Assert.Equal("backup 2 iterations=114 epoch=2 at 1:end", killed.LastBackup);
        Assert.Equal("blocked at 2:24 iterations=139", killed.Blocked);
        AssertOnlyTheBackupSurvived(work);

        Finished resumed = await RunToEnd(work, "fit", "epoch");
        Assert.Equal("resumed epoch=2 seed=11", resumed.Lines[0]);
        Finished whole = await wholeRun;
        // Epochs 2 and 3 again: the same shuffles, Dropout masks, moments and steps, so the same losses and weights.
        Assert.Equal(EpochLines(whole, from: 2), EpochLines(resumed, from: 0));
        Assert.Equal("done iterations=228", resumed.Lines[^1]);
        AssertSameBits(whole.Weights, resumed.Weights);
        Assert.False(Directory.Exists(Path.Combine(work, "backup")), "the finished fit did not delete its backup");
    }

    [Fact]
    public async Task KilledMidEpoch_AfterAMidEpochBackup_RunAgain_RestartsThatEpochFromTheBackup_AsKeras()
    {
        // saveFreq 20: backups after steps 20, 40, 60, 80 (Keras counts batches across epochs). The 4th lands after
        // epoch 1's batch 22 and records 1 finished epoch; the child trains 10 batches more and is killed after step 90.
        // Keras's rule for such a backup: the resumed run starts epoch 1 again, from the weights and moments of step 80.
        // The reference does that without any file: Fit stopped after step 80, then Fit from InitialEpoch 1.
        Task<Finished> referenceRun = RunToEnd(Path.Combine(_folder, "reference"), "reference", "80", "1");
        Task<Finished> wholeRun = RunToEnd(Path.Combine(_folder, "whole"), "fit", "20");
        string work = Path.Combine(_folder, "crashed");
        Killed killed = await RunUntilBlockedThenKill(work, "fit", "20", "4", "10");
        Assert.Equal("backup 4 iterations=80 epoch=1 at 1:22", killed.LastBackup);
        Assert.Equal("blocked at 1:32 iterations=90", killed.Blocked);
        AssertOnlyTheBackupSurvived(work);

        Finished resumed = await RunToEnd(work, "fit", "20");
        Assert.Equal("resumed epoch=1 seed=11", resumed.Lines[0]);
        Finished reference = await referenceRun;
        Assert.Equal(EpochLines(reference, from: 0), EpochLines(resumed, from: 0));
        Assert.Equal("done iterations=251", resumed.Lines[^1]);   // 80 steps, then 3 whole epochs of 57
        AssertSameBits(reference.Weights, resumed.Weights);

        // And not the uninterrupted run's: the part of epoch 1 before the backup was trained twice.
        Finished whole = await wholeRun;
        Assert.NotEqual(whole.Weights, resumed.Weights);
    }

    /// <summary>The killed run wrote no result, and its backup is one whole file (atomic replacement: no temporary file remains).</summary>
    private static void AssertOnlyTheBackupSurvived(string work)
    {
        Assert.False(File.Exists(Path.Combine(work, "final.bin")), "the killed run got to write its result");
        Assert.Equal([BackupAndRestore.CheckpointFileName], Directory.GetFiles(Path.Combine(work, "backup")).Select(Path.GetFileName));
    }

    private static void AssertSameBits(byte[] expected, byte[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        // The parameters as float32 bits: (64*64 + 64) + (64*10 + 10) = 4810 of them.
        uint[] e = MemoryMarshal.Cast<byte, uint>(expected).ToArray(), a = MemoryMarshal.Cast<byte, uint>(actual).ToArray();
        Assert.Equal(4810, e.Length);
        int differing = e.Zip(a).Count(p => p.First != p.Second);
        Assert.True(differing == 0, $"{differing} of {e.Length} parameters differ in their bits");
    }

    /// <summary>The "epoch e loss=L" lines of a run from its <paramref name="from"/>-th one, without the epoch numbers' offset.</summary>
    private static string[] EpochLines(Finished run, int from)
        => run.Lines.Where(l => l.StartsWith("epoch ", StringComparison.Ordinal)).Skip(from).ToArray();

    private sealed record Finished(string[] Lines, byte[] Weights);

    private sealed record Killed(string LastBackup, string Blocked);

    /// <summary>Runs the program to its end; it must succeed and leave its weights.</summary>
    private static async Task<Finished> RunToEnd(string work, params string[] arguments)
    {
        using var child = new Child(work, arguments);
        using var timeout = new CancellationTokenSource(Timeout);
        string output = await child.Process.StandardOutput.ReadToEndAsync(timeout.Token);
        await child.Process.WaitForExitAsync(timeout.Token);
        Assert.True(child.Process.ExitCode == 0, $"{ProjectName} {string.Join(' ', arguments)} exited with {child.Process.ExitCode}: {child.Errors}");
        return new Finished(output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), File.ReadAllBytes(Path.Combine(work, "final.bin")));
    }

    /// <summary>Starts the program, reads its lines until it says it is blocked, and kills it there.</summary>
    private static async Task<Killed> RunUntilBlockedThenKill(string work, params string[] arguments)
    {
        using var child = new Child(work, arguments);
        using var timeout = new CancellationTokenSource(Timeout);
        string? lastBackup = null;
        while (await child.Process.StandardOutput.ReadLineAsync(timeout.Token) is string line)
        {
            if (line.StartsWith("backup ", StringComparison.Ordinal)) lastBackup = line;
            if (!line.StartsWith("blocked ", StringComparison.Ordinal)) continue;

            // The child is waiting on its stdin, after the step the line names: kill it there.
            child.Process.Kill(entireProcessTree: true);
            await child.Process.WaitForExitAsync(timeout.Token);
            Assert.NotEqual(0, child.Process.ExitCode);
            Assert.NotNull(lastBackup);
            return new Killed(lastBackup, line);
        }
        await child.Process.WaitForExitAsync(timeout.Token);
        Assert.Fail($"{ProjectName} {string.Join(' ', arguments)} ended (exit code {child.Process.ExitCode}) without blocking: {child.Errors}");
        return null!;
    }

    /// <summary>The program as a child process (`dotnet FastDense.CrashResume.dll workDir arguments...`), killed on dispose if still running.</summary>
    private sealed class Child : IDisposable
    {
        private readonly StringBuilder _errors = new();

        public Child(string work, string[] arguments)
        {
            var start = new ProcessStartInfo(DotNet())
            {
                RedirectStandardInput = true,   // never written: the blocked child waits on it until killed
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            start.ArgumentList.Add(ProgramPath());
            start.ArgumentList.Add(work);
            foreach (string argument in arguments) start.ArgumentList.Add(argument);
            Process = Process.Start(start) ?? throw new InvalidOperationException($"{ProjectName} did not start");
            Process.ErrorDataReceived += (_, e) =>
            {
                lock (_errors) _errors.AppendLine(e.Data);
            };
            Process.BeginErrorReadLine();
        }

        public Process Process { get; }

        public string Errors
        {
            get
            {
                lock (_errors) return _errors.ToString();
            }
        }

        public void Dispose()
        {
            // A failed or timed-out test must not leave a child blocked forever.
            if (!Process.HasExited) Process.Kill(entireProcessTree: true);
            Process.Dispose();
        }
    }

    /// <summary>The dotnet host running this test (the program is a framework-dependent dll).</summary>
    private static string DotNet()
        => Environment.ProcessPath is string self && Path.GetFileNameWithoutExtension(self) == "dotnet"
            ? self
            : Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";

    /// <summary>
    /// tests/FastDense.CrashResume/bin/{this build's configuration}/{framework}/FastDense.CrashResume.dll, which this
    /// project's ProjectReference (ReferenceOutputAssembly false) builds first.
    /// </summary>
    private static string ProgramPath()
    {
        string configuration = typeof(CrashResumeTests).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()!.Configuration;
        string framework = new DirectoryInfo(AppContext.BaseDirectory).Name;   // net10.0
        string path = Path.Combine(RepositoryRoot(), "tests", ProjectName, "bin", configuration, framework, ProjectName + ".dll");
        return File.Exists(path) ? path : throw new FileNotFoundException($"{path} is not built: build tests/FastDense.Tests, which builds it.", path);
    }

    private static string RepositoryRoot([System.Runtime.CompilerServices.CallerFilePath] string thisFile = "")
        => Path.GetFullPath(Path.Combine(Path.GetDirectoryName(thisFile)!, "..", "..", "..", ".."));
}
