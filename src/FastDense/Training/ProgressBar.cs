using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace FastDense.Training;

/// <summary>
/// Keras 2's progress output (tf_keras/utils/generic_utils.py Progbar), line for line:
/// <code>
/// Epoch 3/10
/// 36/36 [==============================] - 0s 1ms/step - loss: 0.3615 - accuracy: 0.8842 - val_loss: 0.3589 - val_accuracy: 0.8785
/// </code>
/// Verbose 1 on a terminal redraws the bar in place (<c>\r</c>) at most every 50 ms; redirected, it writes only the
/// finished line of each epoch, where Keras would write every redraw as a new line. Verbose 2 writes
/// <c>36/36 - 0s - loss: ... - 254ms/epoch - 7ms/step</c> once per epoch.
/// Lines are built in one reused <see cref="StringBuilder"/>, so redraws allocate nothing.
/// </summary>
internal sealed class ProgressBar
{
    private const int Width = 30;
    private static readonly long RedrawInterval = Stopwatch.Frequency / 20; // 50 ms, Keras's interval

    private readonly TextWriter _output;
    private readonly int _verbose;
    private readonly bool _dynamic;
    private readonly int _epochs;
    private readonly int _steps;
    private readonly int _stepDigits; // Keras right-aligns the step count to the width of the total
    private readonly StringBuilder _line = new(256);
    private long _epochStart, _afterFirstStep, _lastDraw;
    private int _previousWidth;

    public ProgressBar(TextWriter output, int verbose, bool dynamic, int epochs, int steps)
    {
        _output = output;
        _verbose = verbose;
        _dynamic = dynamic;
        _epochs = epochs;
        _steps = steps;
        _stepDigits = steps.ToString(CultureInfo.InvariantCulture).Length;
    }

    public void EpochBegin(int epoch)
    {
        _epochStart = Stopwatch.GetTimestamp();
        _afterFirstStep = 0;
        _lastDraw = 0;
        _previousWidth = 0;
        // Keras prints the epoch header only when there is more than one.
        if (_verbose > 0 && _epochs > 1)
        {
            _line.Clear();
            _line.Append(CultureInfo.InvariantCulture, $"Epoch {epoch + 1}/{_epochs}").Append(_output.NewLine);
            _output.Write(_line);
        }
    }

    /// <summary>After step <paramref name="step"/> (from 1) with the epoch's running means.</summary>
    public void StepEnd(int step, Logs logs)
    {
        long now = Stopwatch.GetTimestamp();
        if (step == 1) _afterFirstStep = now;
        if (_verbose != 1 || !_dynamic || step == _steps) return; // the finished line is written by EpochEnd
        if (_lastDraw != 0 && now - _lastDraw < RedrawInterval) return;
        _lastDraw = now;

        _line.Clear();
        _line.Append('\r');
        AppendBar(step);
        double perStep = SecondsPerStep(step, now);
        AppendEta(perStep * (_steps - step));
        AppendLogs(logs);
        Pad();
        _output.Write(_line);
        _output.Flush();
    }

    /// <summary>
    /// Writes the epoch's finished line after <paramref name="steps"/> steps (fewer than the epoch's when training was
    /// stopped in the middle of it). Validation values are NaN when there is no validation data.
    /// </summary>
    public void EpochEnd(int steps, Logs logs)
    {
        if (_verbose == 0) return;
        long now = Stopwatch.GetTimestamp();
        double elapsed = Stopwatch.GetElapsedTime(_epochStart, now).TotalSeconds;
        double perStep = SecondsPerStep(steps, now);

        _line.Clear();
        if (_verbose == 1)
        {
            if (_dynamic) _line.Append('\r');
            AppendBar(steps);
            _line.Append(CultureInfo.InvariantCulture, $" - {elapsed:F0}s");
            AppendTime(perStep, "step");
        }
        else
        {
            _line.Append(CultureInfo.InvariantCulture, $"{steps}/{_steps} - {elapsed:F0}s");
        }
        AppendLogs(logs);
        if (_verbose == 2)
        {
            _line.Append(" -");
            AppendTime(elapsed, "epoch");
            _line.Append(" -");
            AppendTime(elapsed / Math.Max(steps, 1), "step");
        }
        if (_verbose == 1) Pad();
        _line.Append(_output.NewLine);
        _output.Write(_line);
        _output.Flush();
        _previousWidth = 0;   // the line is finished: nothing to blank or end
    }

    /// <summary>
    /// Writes <paramref name="message"/> on a line of its own, whatever the verbosity (as Keras's callbacks print
    /// their messages), ending a bar that is being redrawn in place first.
    /// </summary>
    public void Message(string message)
    {
        if (_dynamic && _verbose == 1 && _previousWidth > 0) _output.Write(_output.NewLine);
        _previousWidth = 0;
        _output.Write(message);
        _output.Write(_output.NewLine);
        _output.Flush();
    }

    // Keras ignores the first step (it includes compilation) once there is a second.
    private double SecondsPerStep(int step, long now) => step > 1 && _afterFirstStep != 0
        ? Stopwatch.GetElapsedTime(_afterFirstStep, now).TotalSeconds / (step - 1)
        : Stopwatch.GetElapsedTime(_epochStart, now).TotalSeconds / Math.Max(step, 1);

    private void AppendBar(int step)
    {
        int digits = 1;
        for (int rest = step; rest >= 10; rest /= 10) digits++;
        _line.Append(' ', _stepDigits - digits).Append(CultureInfo.InvariantCulture, $"{step}/{_steps} [");
        int filled = (int)(Width * (double)step / _steps);
        if (filled > 0)
        {
            _line.Append('=', filled - 1);
            _line.Append(step < _steps ? '>' : '=');
        }
        _line.Append('.', Width - filled);
        _line.Append(']');
    }

    private void AppendEta(double seconds)
    {
        int eta = (int)seconds;
        if (eta > 3600) _line.Append(CultureInfo.InvariantCulture, $" - ETA: {eta / 3600}:{eta % 3600 / 60:D2}:{eta % 60:D2}");
        else if (eta > 60) _line.Append(CultureInfo.InvariantCulture, $" - ETA: {eta / 60}:{eta % 60:D2}");
        else _line.Append(CultureInfo.InvariantCulture, $" - ETA: {eta}s");
    }

    private void AppendTime(double seconds, string unit)
    {
        if (seconds >= 1 || seconds == 0) _line.Append(CultureInfo.InvariantCulture, $" {seconds:F0}s/{unit}");
        else if (seconds >= 1e-3) _line.Append(CultureInfo.InvariantCulture, $" {seconds * 1e3:F0}ms/{unit}");
        else _line.Append(CultureInfo.InvariantCulture, $" {seconds * 1e6:F0}us/{unit}");
    }

    // Keras's order: loss, the metrics, then the val_ entries; the logs hold them in that order.
    private void AppendLogs(Logs logs)
    {
        for (int i = 0; i < logs.KeyCount; i++)
        {
            (string key, bool present, double value) = logs.At(i);
            if (present) AppendMetric(key, value);
        }
    }

    private void AppendMetric(string name, double value)
    {
        _line.Append(" - ").Append(name).Append(':');
        if (Math.Abs(value) > 1e-3) _line.Append(CultureInfo.InvariantCulture, $" {value:F4}");
        else _line.Append(CultureInfo.InvariantCulture, $" {value:0.0000e+00}");
    }

    // A redrawn line shorter than the last must blank the rest of it.
    private void Pad()
    {
        int width = _line.Length;
        if (width < _previousWidth) _line.Append(' ', _previousWidth - width);
        _previousWidth = width;
    }
}
