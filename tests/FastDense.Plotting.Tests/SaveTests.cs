using SkiaSharp;

namespace FastDense.Plotting.Tests;

/// <summary>Saving to a file: the format follows the extension and the file is replaced atomically or not at all.</summary>
public sealed class SaveTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "fastdense-plot-" + Guid.NewGuid().ToString("N"));

    public SaveTests() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Png_ByExtension_WritesOnlyThatFile()
    {
        string path = Path.Combine(_folder, "history.png");
        HistoryPlot.Save(Histories.Classifier, path);

        using SKBitmap image = Pixels.Decode(File.ReadAllBytes(path));
        Assert.Equal((640, 480), (image.Width, image.Height));
        Assert.Equal([path], Directory.GetFiles(_folder));   // no temporary file left
    }

    [Fact]
    public void Svg_ByExtension_AnyCase()
    {
        string path = Path.Combine(_folder, "history.SVG");
        HistoryPlot.Save(Histories.Classifier, path);
        Assert.Equal("svg", System.Xml.Linq.XDocument.Load(path).Root!.Name.LocalName);
    }

    [Fact]
    public void ExistingFile_IsReplaced()
    {
        string path = Path.Combine(_folder, "history.png");
        File.WriteAllText(path, "an older file");
        HistoryPlot.Save(Histories.Classifier, path);

        using SKBitmap image = Pixels.Decode(File.ReadAllBytes(path));
        Assert.Equal(640, image.Width);
        Assert.Equal([path], Directory.GetFiles(_folder));
    }

    [Theory]
    [InlineData("history.jpg", "'.jpg'")]
    [InlineData("history", "no extension")]
    public void OtherExtension_IsRefused_NamingIt(string name, string named)
    {
        string path = Path.Combine(_folder, name);
        var error = Assert.Throws<ArgumentException>(() => HistoryPlot.Save(Histories.Classifier, path));
        Assert.Contains(named, error.Message);
        Assert.Empty(Directory.GetFileSystemEntries(_folder));
    }

    [Fact]
    public void MissingFolder_Throws_AndLeavesNothing()
    {
        string missing = Path.Combine(_folder, "missing");
        Assert.Throws<DirectoryNotFoundException>(() => HistoryPlot.Save(Histories.Classifier, Path.Combine(missing, "history.png")));
        Assert.False(Directory.Exists(missing));
        Assert.Empty(Directory.GetFileSystemEntries(_folder));
    }

    [Fact]
    public void FailedMove_DeletesTheTemporaryFile_AndLeavesTheTargetAsItWas()
    {
        // A folder where the file should go: the image is written, then the move over it fails.
        string path = Path.Combine(_folder, "history.png");
        Directory.CreateDirectory(path);
        File.WriteAllText(Path.Combine(path, "inside.txt"), "kept");

        Assert.ThrowsAny<IOException>(() => HistoryPlot.Save(Histories.Classifier, path));
        Assert.Equal([path], Directory.GetFileSystemEntries(_folder));
        Assert.Equal("kept", File.ReadAllText(Path.Combine(path, "inside.txt")));
    }

    [Fact]
    public void RefusedInput_LeavesAnExistingFileUntouched()
    {
        string path = Path.Combine(_folder, "history.png");
        File.WriteAllText(path, "an older file");
        Assert.Throws<HistoryKeyNotFoundException>(() =>
            HistoryPlot.Save(Histories.Classifier, path, new HistoryPlotOptions { Keys = ["val_acc"] }));
        Assert.Equal("an older file", File.ReadAllText(path));
        Assert.Equal([path], Directory.GetFiles(_folder));
    }

    [Fact]
    public void Stream_IsLeftOpen_AndMustBeWritable()
    {
        using var stream = new MemoryStream();
        HistoryPlot.Save(Histories.Classifier, stream, PlotFormat.Png);
        Assert.True(stream.CanWrite);
        Assert.True(stream.Length > 0);

        using var readOnly = new MemoryStream(new byte[16], writable: false);
        Assert.Throws<ArgumentException>(() => HistoryPlot.Save(Histories.Classifier, readOnly, PlotFormat.Png));
    }
}
