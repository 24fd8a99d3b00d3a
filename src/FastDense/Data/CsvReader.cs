using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;

namespace FastDense.Data;

/// <summary>
/// The reader behind <see cref="Datasets.ReadCsv"/>: the text's UTF-8 bytes are split into lines and fields in place
/// (no string a line or a field), plain integers are converted without <c>float.Parse</c>, and the rows go straight into
/// the arrays the <see cref="Dataset"/> keeps. Everything else (values, messages, line numbers, which error comes first)
/// is what the StreamReader and <c>float.TryParse</c> reader it replaced gave; the tests keep that reader
/// (tests/FastDense.Tests/Data/ReferenceCsv.cs) and compare the two.
/// </summary>
internal static class CsvReader
{
    /// <summary>The read buffer's first size; it doubles for a line longer than it.</summary>
    private const int BufferBytes = 64 * 1024;

    /// <summary>Values (features and targets) allocated for at the first row when the caller does not know the row count.</summary>
    private const int InitialValues = 16 * 1024;

    /// <summary>
    /// Integers of up to this many digits are below 2^24, so exactly a float: the conversion is then float.Parse's
    /// correctly rounded result. Longer ones go to float.TryParse, which rounds.
    /// </summary>
    private const int MaxExactDigits = 7;

    /// <summary>Reads the CSV (see <see cref="Datasets.ReadCsv"/>) and disposes <paramref name="stream"/>.</summary>
    /// <param name="stream">The text, uncompressed.</param>
    /// <param name="name">The data set's name, used in messages.</param>
    /// <param name="featureCount">Numbers per line before the target.</param>
    /// <param name="skipHeader">Whether the first line is a header to skip.</param>
    /// <param name="classNames">The class names when targets are labels 0..n-1 (each is then checked), null for regression.</param>
    /// <param name="expectedRows">Rows to allocate for at once (the embedded sets know theirs), 0 when unknown.</param>
    public static Dataset Read(Stream stream, string name, int featureCount, bool skipHeader, IReadOnlyList<string>? classNames, int expectedRows)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(featureCount);
        var rows = new Rows(name, featureCount, classNames, expectedRows);
        if (!stream.CanRead)
        {
            // StreamReader's exception and message, as when the reader opened one first.
            ReadChars(new StreamReader(stream), rows, skipHeader);
        }
        using (stream)
        {
            var lines = new Utf8Lines(stream);
            if (lines.StartAsStreamReader()) ReadBytes(lines, rows, skipHeader);
            else ReadChars(new StreamReader(lines.UnreadThenRest()), rows, skipHeader);
        }
        return rows.ToDataset();
    }

    /// <summary>The lines of UTF-8 text: the header skipped if asked, empty lines counted and skipped.</summary>
    private static void ReadBytes(Utf8Lines lines, Rows rows, bool skipHeader)
    {
        int lineNumber = 0;
        if (skipHeader)
        {
            lineNumber++;
            if (!lines.TryRead(out _)) throw rows.Error("the file is empty (expected a header line).");
        }
        while (lines.TryRead(out ReadOnlySpan<byte> line))
        {
            lineNumber++;
            if (!line.IsEmpty) rows.Add(line, lineNumber);
        }
    }

    /// <summary>
    /// The lines as the reader before read them all, through a StreamReader: for text it decodes otherwise than as
    /// UTF-8 (see <see cref="Utf8Lines.StartAsStreamReader"/>), and for a stream it rejects.
    /// </summary>
    private static void ReadChars(StreamReader reader, Rows rows, bool skipHeader)
    {
        using (reader)
        {
            int lineNumber = 0;
            if (skipHeader)
            {
                lineNumber++;
                if (reader.ReadLine() is null) throw rows.Error("the file is empty (expected a header line).");
            }
            while (reader.ReadLine() is string line)
            {
                lineNumber++;
                if (line.Length != 0) rows.Add(line, lineNumber);
            }
        }
    }

    /// <summary>
    /// The rows read so far: features (rows, featureCount) row-major and one target a row, in arrays allocated at the
    /// first row for the expected row count (else for <see cref="InitialValues"/>), doubled when full, and trimmed
    /// at the end if they are larger.
    /// </summary>
    private sealed class Rows(string name, int featureCount, IReadOnlyList<string>? classNames, int expectedRows)
    {
        private float[] _features = [];
        private float[] _targets = [];
        private int _count;

        /// <summary>Parses one line of UTF-8 (not empty, no line end) into the next row.</summary>
        // Compiled optimized at its first call: a data set is read once per process, one call a line, so under tiered
        // compilation the whole read would run in tier-0 code (no inlining of TryParseInteger, no loop optimization),
        // never reaching tier 1 before it ends. There is no steady state whose profile-guided code this gives up.
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Add(ReadOnlySpan<byte> line, int lineNumber)
        {
            int fieldCount = line.Count((byte)',') + 1;
            if (fieldCount != featureCount + 1) throw WrongFieldCount(lineNumber, fieldCount);
            MakeRoom();
            Span<float> features = _features.AsSpan(_count * featureCount, featureCount);
            int at = 0;
            for (int i = 0; i < features.Length; i++)
            {
                features[i] = TryParseInteger(line, ref at, out float value) ? value : ParseOther(line, ref at, i, lineNumber);
            }
            _targets[_count] = TryParseInteger(line, ref at, out float target) ? target : ParseOther(line, ref at, featureCount, lineNumber);
            CheckLabel(lineNumber);
            _count++;
        }

        /// <summary>Parses one line of chars (not empty, no line end) into the next row, as the reader before did.</summary>
        public void Add(ReadOnlySpan<char> line, int lineNumber)
        {
            int fieldCount = line.Count(',') + 1;
            if (fieldCount != featureCount + 1) throw WrongFieldCount(lineNumber, fieldCount);
            MakeRoom();
            ReadOnlySpan<char> rest = line;
            for (int i = 0; i <= featureCount; i++)
            {
                int comma = rest.IndexOf(',');
                ReadOnlySpan<char> field = comma < 0 ? rest : rest[..comma];
                rest = comma < 0 ? default : rest[(comma + 1)..];
                if (!float.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out float value) || !float.IsFinite(value))
                {
                    throw NotAFiniteNumber(lineNumber, i, field.ToString());
                }
                if (i < featureCount) _features[_count * featureCount + i] = value;
                else _targets[_count] = value;
            }
            CheckLabel(lineNumber);
            _count++;
        }

        /// <summary>The dataset, or the error of a file without rows.</summary>
        public Dataset ToDataset()
        {
            if (_count == 0) throw Error("no data rows.");
            float[] features = _count == _targets.Length ? _features : _features.AsSpan(0, _count * featureCount).ToArray();
            float[] targets = _count == _targets.Length ? _targets : _targets.AsSpan(0, _count).ToArray();
            return new Dataset(name, features, targets, featureCount, classNames);
        }

        /// <summary>An error about the whole file: its message starts with the data set's name.</summary>
        public InvalidDataException Error(string what) => new($"{name}: {what}");

        /// <summary>
        /// The fast path: the field at <paramref name="at"/> is an optional sign and 1..<see cref="MaxExactDigits"/>
        /// digits (every field of the digits set), ended by a comma or the line's end; then moves <paramref name="at"/>
        /// past that comma. False (and <paramref name="at"/> unchanged) for anything else.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static bool TryParseInteger(ReadOnlySpan<byte> line, ref int at, out float value)
        {
            int p = at;
            bool negative = false;
            if (p < line.Length && line[p] is (byte)'-' or (byte)'+')
            {
                negative = line[p] == '-';
                p++;
            }
            int digitsStart = p;
            int limit = Math.Min(line.Length, digitsStart + MaxExactDigits);
            int integer = 0;
            while (p < limit)
            {
                uint digit = (uint)(line[p] - '0');
                if (digit > 9) break;
                integer = integer * 10 + (int)digit;
                p++;
            }
            if (p == digitsStart)
            {
                value = 0;
                return false;
            }
            if (p < line.Length && line[p] != ',')
            {
                value = 0;
                return false;
            }
            at = p + 1;
            // -(float)0 is -0, as float.Parse("-0") gives.
            value = negative ? -(float)integer : integer;
            return true;
        }

        /// <summary>
        /// Any other field (decimals, exponents, white space, long integers, not a number), from <paramref name="at"/>
        /// to the next comma or the line's end, through float.TryParse; moves <paramref name="at"/> past that comma.
        /// </summary>
        [MethodImpl(MethodImplOptions.NoInlining)]
        private float ParseOther(ReadOnlySpan<byte> line, ref int at, int field, int lineNumber)
        {
            int comma = line[at..].IndexOf((byte)',');
            int end = comma < 0 ? line.Length : at + comma;
            ReadOnlySpan<byte> text = line[at..end];
            at = end + 1;
            if (!TryParse(text, out float value) || !float.IsFinite(value))
            {
                // As the char reader saw it: UTF-8 decoded, a byte that is not UTF-8 as U+FFFD.
                throw NotAFiniteNumber(lineNumber, field, Encoding.UTF8.GetString(text));
            }
            return value;
        }

        /// <summary>
        /// float.TryParse of the field's UTF-8 bytes; a field with bytes past ASCII is decoded first and parsed as
        /// chars, so that it is the char parser's answer whatever the UTF-8 parser makes of such bytes.
        /// </summary>
        private static bool TryParse(ReadOnlySpan<byte> text, out float value)
            => Ascii.IsValid(text)
                ? float.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value)
                : float.TryParse(Encoding.UTF8.GetString(text), NumberStyles.Float, CultureInfo.InvariantCulture, out value);

        private void MakeRoom()
        {
            if (_count < _targets.Length) return;
            long rows = _count > 0 ? 2L * _count
                : expectedRows > 0 ? expectedRows
                : Math.Max(1, InitialValues / (featureCount + 1L));
            rows = Math.Min(rows, Array.MaxLength / featureCount);
            if (rows <= _count) throw new OutOfMemoryException($"{name}: more rows than an array of {featureCount} features each can hold.");
            Array.Resize(ref _features, (int)rows * featureCount);
            Array.Resize(ref _targets, (int)rows);
        }

        private void CheckLabel(int lineNumber)
        {
            if (classNames is null) return;
            float label = _targets[_count];
            if (label != MathF.Floor(label) || label < 0 || label >= classNames.Count)
            {
                throw new InvalidDataException($"{name}, line {lineNumber}: label {label} is not a class index in [0, {classNames.Count}).");
            }
        }

        private InvalidDataException WrongFieldCount(int lineNumber, int fieldCount)
            => new($"{name}, line {lineNumber}: expected {featureCount + 1} comma-separated values ({featureCount} features and a target), found {fieldCount}.");

        private InvalidDataException NotAFiniteNumber(int lineNumber, int field, string text)
            => new($"{name}, line {lineNumber}, field {field + 1}: '{text}' is not a finite number.");
    }

    /// <summary>
    /// The stream's lines as UTF-8 bytes, ended as StreamReader.ReadLine ends them (LF, CR, or CR LF), read through one
    /// buffer: bytes [_start, _end) are read and not yet returned. A line is returned once its end is in the buffer,
    /// so every whole line before a stream error is returned before the error, as ReadLine did.
    /// </summary>
    private sealed class Utf8Lines(Stream stream)
    {
        /// <summary>The byte buffer of <c>new StreamReader(stream)</c>: the size of its reads.</summary>
        private const int StreamReaderBytes = 1024;

        private byte[] _buffer = new byte[BufferBytes];
        private int _start;
        private int _end;
        private bool _streamEnded;

        /// <summary>The sizes of the reads <see cref="StartAsStreamReader"/> made, for <see cref="UnreadThenRest"/>.</summary>
        private readonly List<int> _firstReads = [];

        /// <summary>
        /// Reads the first bytes as <c>new StreamReader(stream)</c> would (its requests, its check for a UTF-8 mark,
        /// then its byte-order-mark detection on what it holds) and returns whether that settles the text as UTF-8 from
        /// here on; a UTF-8 mark StreamReader would skip is skipped. False when StreamReader would switch to UTF-16 or
        /// UTF-32, and when its first buffer is too short to settle anything (one or two bytes: StreamReader then
        /// looks for a mark again at the start of its next read, inside the text): the text is then read by a
        /// StreamReader, over <see cref="UnreadThenRest"/>.
        /// </summary>
        public bool StartAsStreamReader()
        {
            ReadOnlySpan<byte> utf8Mark = [0xEF, 0xBB, 0xBF];
            while (true)
            {
                // While the bytes it holds match the mark so far, StreamReader reads on after them.
                int read = ReadAtEnd(StreamReaderBytes - _end);
                if (read == 0) return true;
                _firstReads.Add(read);
                ReadOnlySpan<byte> held = _buffer.AsSpan(0, _end);
                if (utf8Mark.StartsWith(held[..Math.Min(held.Length, utf8Mark.Length)]))
                {
                    if (held.Length < utf8Mark.Length) continue;
                    _start = utf8Mark.Length;
                    return true;
                }
                return held.Length > 2 && held is not ([0xFE, 0xFF, ..] or [0xFF, 0xFE, ..] or [0, 0, 0xFE, 0xFF, ..]);
            }
        }

        /// <summary>The next line, without its end; false after the last.</summary>
        public bool TryRead(out ReadOnlySpan<byte> line)
        {
            int searched = 0;
            while (true)
            {
                ReadOnlySpan<byte> pending = _buffer.AsSpan(_start, _end - _start);
                int end = pending[searched..].IndexOfAny((byte)'\r', (byte)'\n');
                if (end >= 0)
                {
                    end += searched;
                    int next = end + 1;
                    if (pending[end] == '\r')
                    {
                        // A CR ends the line; an LF right after it is part of that end, so a CR last in the buffer
                        // waits for the next byte (as ReadLine reads on to see it).
                        if (next == pending.Length && !_streamEnded)
                        {
                            searched = end;
                            Fill();
                            continue;
                        }
                        if (next < pending.Length && pending[next] == '\n') next++;
                    }
                    line = pending[..end];
                    _start += next;
                    return true;
                }
                if (_streamEnded)
                {
                    // The last line has no line end, or there is none.
                    line = pending;
                    _start = _end;
                    return !pending.IsEmpty;
                }
                searched = pending.Length;
                Fill();
            }
        }

        /// <summary>
        /// The bytes read so far, handed out in the reads that brought them (so that a StreamReader sees what it would
        /// have seen), then the rest of the stream. Only after <see cref="StartAsStreamReader"/>, which reads no further.
        /// </summary>
        public Stream UnreadThenRest() => new ReplayStream(_buffer.AsMemory(0, _end), _firstReads, stream);

        /// <summary>Moves the unreturned bytes to the buffer's start and reads more.</summary>
        private void Fill()
        {
            int pending = _end - _start;
            if (_start > 0) _buffer.AsSpan(_start, pending).CopyTo(_buffer);
            _start = 0;
            _end = pending;
            ReadAtEnd(int.MaxValue);
        }

        /// <summary>
        /// Reads up to <paramref name="limit"/> bytes after <c>_end</c>, as many as the buffer holds (doubled first if
        /// it is full); 0 at the stream's end.
        /// </summary>
        private int ReadAtEnd(int limit)
        {
            if (_end == _buffer.Length) Array.Resize(ref _buffer, checked(_buffer.Length * 2));
            int read = stream.Read(_buffer, _end, Math.Min(limit, _buffer.Length - _end));
            if (read == 0) _streamEnded = true;
            _end += read;
            return read;
        }
    }

    /// <summary>A read-only stream: <c>prefix</c> in reads of the sizes <c>reads</c>, then <c>rest</c> (disposed with it).</summary>
    private sealed class ReplayStream(ReadOnlyMemory<byte> prefix, List<int> reads, Stream rest) : Stream
    {
        private ReadOnlyMemory<byte> _prefix = prefix;
        private int _read;
        private int _offset;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            if (_prefix.IsEmpty) return rest.Read(buffer);
            // The rest of the next recorded read (all of it, for a reader that asks what StreamReader asks).
            int count = Math.Min(buffer.Length, reads[_read] - _offset);
            _prefix.Span[..count].CopyTo(buffer);
            _prefix = _prefix[count..];
            _offset += count;
            if (_offset == reads[_read])
            {
                _read++;
                _offset = 0;
            }
            return count;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing) rest.Dispose();
            base.Dispose(disposing);
        }
    }
}
