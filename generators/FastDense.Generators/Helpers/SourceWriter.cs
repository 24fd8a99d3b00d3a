using System;
using System.Text;

namespace FastDense.Generators.Helpers;

/// <summary>
/// Writes C# source line by line with the current indentation, so the emitter reads as the code it produces.
/// Multi-line fragments are re-indented line by line. <see cref="ToString"/> asserts that every block was closed.
/// </summary>
internal sealed class SourceWriter
{
    private const string IndentUnit = "    ";
    private readonly StringBuilder _builder = new();
    private int _indentation;

    /// <summary>Writes one line (or each line of a multi-line fragment) at the current indentation.</summary>
    public void WriteLine(string text)
    {
        foreach (string line in text.Replace("\r\n", "\n").Split('\n'))
        {
            if (line.Length > 0)
            {
                for (int i = 0; i < _indentation; i++) _builder.Append(IndentUnit);
                _builder.Append(line);
            }
            _builder.Append('\n');
        }
    }

    /// <summary>Writes an empty line.</summary>
    public void WriteLine() => _builder.Append('\n');

    /// <summary>Writes <c>{</c> and indents what follows.</summary>
    public void OpenBlock()
    {
        WriteLine("{");
        _indentation++;
    }

    /// <summary>Unindents and writes <c>}</c> (plus an optional suffix such as <c>;</c>).</summary>
    public void CloseBlock(string suffix = "")
    {
        if (_indentation == 0) throw new InvalidOperationException("CloseBlock without a matching OpenBlock.");
        _indentation--;
        WriteLine("}" + suffix);
    }

    public override string ToString()
    {
        if (_indentation != 0) throw new InvalidOperationException($"Unclosed blocks remain (indentation {_indentation}).");
        return _builder.ToString();
    }
}
