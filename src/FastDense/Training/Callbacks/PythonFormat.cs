using System.Globalization;
using System.Numerics;
using System.Text;

namespace FastDense.Training;

/// <summary>
/// Numbers written as Python writes them, for the callbacks' file names, CSV rows and messages to read as Keras's:
/// <c>repr(float)</c> (<see cref="Repr"/>) and the format-spec mini-language of <c>format(value, spec)</c>
/// (<see cref="Format(double, string)"/>, <see cref="Format(long, string)"/>): fill and align, sign, <c>0</c>, width,
/// precision and the types <c>d e E f F g G %</c> or none. Digits are exact: the double's binary value rounded half to
/// even, as CPython's <c>dtoa</c> does (<c>format(0.125, '.2f')</c> is <c>0.12</c>). Not supported (refused by
/// <see cref="Parse"/>): <c>#</c>, <c>z</c>, grouping (<c>,</c> <c>_</c>) and the types <c>b c n o x X s</c>.
/// </summary>
internal static class PythonFormat
{
    /// <summary>A parsed format spec.</summary>
    internal readonly record struct Spec(char Fill, char Align, char Sign, int Width, int Precision, char Type);

    /// <summary>Python's <c>repr(value)</c>: <c>0.1</c>, <c>1e-05</c>, <c>100.0</c>, <c>1e+16</c>, <c>nan</c>, <c>-inf</c>.</summary>
    public static string Repr(double value) => Format(value, new Spec(' ', '\0', '-', -1, -1, '\0'));

    /// <summary><c>format(value, spec)</c> for a Python float.</summary>
    /// <exception cref="FormatException">The spec is not one this class supports.</exception>
    public static string Format(double value, string spec) => Format(value, Parse(spec));

    /// <summary><c>format(value, spec)</c> for a Python int.</summary>
    /// <exception cref="FormatException">The spec is not one this class supports.</exception>
    public static string Format(long value, string spec) => Format(value, Parse(spec));

    /// <summary>Parses <c>[[fill]align][sign][0][width][.precision][type]</c>.</summary>
    /// <exception cref="FormatException">Anything else.</exception>
    public static Spec Parse(string spec)
    {
        char fill = ' ', align = '\0', sign = '-', type = '\0';
        int width = -1, precision = -1, i = 0;
        if (spec.Length >= 2 && IsAlign(spec[1]))
        {
            fill = spec[0];
            align = spec[1];
            i = 2;
        }
        else if (spec.Length >= 1 && IsAlign(spec[0]))
        {
            align = spec[0];
            i = 1;
        }
        if (i < spec.Length && spec[i] is '+' or '-' or ' ') sign = spec[i++];
        if (i < spec.Length && spec[i] is 'z' or '#') throw new FormatException($"The format spec '{spec}' uses '{spec[i]}', which is not supported.");
        if (i < spec.Length && spec[i] == '0')
        {
            // Python: a leading 0 without an explicit alignment pads with zeros after the sign.
            if (align == '\0')
            {
                fill = '0';
                align = '=';
            }
            i++;
        }
        int start = i;
        while (i < spec.Length && char.IsAsciiDigit(spec[i])) i++;
        if (i > start) width = int.Parse(spec.AsSpan(start, i - start), CultureInfo.InvariantCulture);
        if (i < spec.Length && spec[i] is ',' or '_') throw new FormatException($"The format spec '{spec}' groups digits, which is not supported.");
        if (i < spec.Length && spec[i] == '.')
        {
            start = ++i;
            while (i < spec.Length && char.IsAsciiDigit(spec[i])) i++;
            if (i == start) throw new FormatException($"The format spec '{spec}' has a '.' without a precision.");
            precision = int.Parse(spec.AsSpan(start, i - start), CultureInfo.InvariantCulture);
        }
        if (i < spec.Length)
        {
            type = spec[i++];
            if (type is not ('d' or 'e' or 'E' or 'f' or 'F' or 'g' or 'G' or '%'))
            {
                throw new FormatException($"The format spec '{spec}' has the type '{type}'; supported: d, e, E, f, F, g, G, %, or none.");
            }
        }
        if (i < spec.Length) throw new FormatException($"The format spec '{spec}' is not valid.");
        return new Spec(fill, align, sign, width, precision, type);
    }

    /// <summary>An int: <c>d</c> or none as digits; a float type formats it as a float, as Python does.</summary>
    /// <exception cref="FormatException">A precision with <c>d</c> or none (Python refuses it).</exception>
    public static string Format(long value, Spec spec)
    {
        if (spec.Type is not ('\0' or 'd')) return Format((double)value, spec);
        if (spec.Precision >= 0) throw new FormatException("Precision not allowed in integer format specifier.");
        string digits = Math.Abs((decimal)value).ToString(CultureInfo.InvariantCulture);
        return Pad(value < 0, digits, spec);
    }

    /// <summary>A float under <paramref name="spec"/>.</summary>
    /// <exception cref="FormatException">The type <c>d</c> (Python: "Unknown format code 'd' for object of type 'float'").</exception>
    public static string Format(double value, Spec spec)
    {
        char type = spec.Type;
        if (type == 'd') throw new FormatException("Unknown format code 'd' for object of type 'float'.");
        bool upper = type is 'E' or 'F' or 'G';
        char code = char.ToLowerInvariant(type);
        int precision = spec.Precision;
        bool addDot0 = false, percent = false;
        if (code == '\0')
        {
            // No type: repr without a precision, else 'g' that keeps one digit after the point.
            addDot0 = true;
            code = precision < 0 ? 'r' : 'g';
        }
        if (code == '%')
        {
            code = 'f';
            value *= 100;
            percent = true;
        }
        if (precision < 0) precision = 6;
        bool negative = double.IsNegative(value) && !double.IsNaN(value);
        string body;
        if (double.IsNaN(value)) body = "nan";
        else if (double.IsInfinity(value)) body = "inf";
        else body = Finite(Math.Abs(value), code, precision, addDot0);
        if (upper) body = body.ToUpperInvariant();
        if (percent) body += "%";
        return Pad(negative, body, spec);
    }

    /// <summary>CPython's <c>format_float_short</c> for a finite non-negative value.</summary>
    private static string Finite(double value, char code, int precision, bool addDot0)
    {
        string digits;
        int decpt;
        switch (code)
        {
            case 'r':
                (digits, decpt) = Shortest(value);
                break;
            case 'e':
                (digits, decpt) = Significant(value, precision + 1);
                break;
            case 'f':
                (digits, decpt) = Fixed(value, precision);
                break;
            default: // 'g'
                if (precision == 0) precision = 1;
                (digits, decpt) = Significant(value, precision);
                break;
        }

        bool useExponent = false;
        int exponent = 0;
        int end = digits.Length;   // the end of the digits to write, zeros beyond the string's
        switch (code)
        {
            case 'e':
                useExponent = true;
                end = precision + 1;
                break;
            case 'f':
                end = decpt + precision;
                break;
            case 'g':
                useExponent = decpt <= -4 || decpt > (addDot0 ? precision - 1 : precision);
                break;
            default: // 'r': exponent from 1e16 on
                useExponent = decpt <= -4 || decpt > 16;
                break;
        }
        if (useExponent)
        {
            exponent = decpt - 1;
            decpt = 1;
        }
        int begin = decpt <= 0 ? decpt - 1 : 0;
        end = !useExponent && addDot0 ? Math.Max(end, decpt + 1) : Math.Max(end, decpt);

        var text = new StringBuilder(end - begin + 8);
        for (int i = begin; i < end; i++)
        {
            if (i == decpt) text.Append('.');
            text.Append(i >= 0 && i < digits.Length ? digits[i] : '0');
        }
        if (text.Length > 0 && text[^1] == '.') text.Length--;
        if (useExponent)
        {
            text.Append('e').Append(exponent < 0 ? '-' : '+');
            text.Append(Math.Abs(exponent).ToString("00", CultureInfo.InvariantCulture));
        }
        return text.ToString();
    }

    /// <summary>The shortest digits that read back as <paramref name="value"/> (dtoa mode 0), and the point's position.</summary>
    private static (string Digits, int DecimalPoint) Shortest(double value)
    {
        if (value == 0) return ("0", 1);
        string text = value.ToString("R", CultureInfo.InvariantCulture);   // shortest round-trip: "1E-05", "123.45"
        int e = text.IndexOf('E');
        int exponent = e < 0 ? 0 : int.Parse(text.AsSpan(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        string mantissa = e < 0 ? text : text[..e];
        int point = mantissa.IndexOf('.');
        int integerDigits = point < 0 ? mantissa.Length : point;
        string all = mantissa.Replace(".", "", StringComparison.Ordinal);
        int leadingZeros = all.Length - all.TrimStart('0').Length;
        string digits = all.Trim('0');
        return (digits, integerDigits - leadingZeros + exponent);
    }

    /// <summary><paramref name="count"/> significant digits, rounded half to even, trailing zeros removed (dtoa mode 2).</summary>
    private static (string Digits, int DecimalPoint) Significant(double value, int count)
    {
        if (value == 0) return ("0", 1);
        (BigInteger mantissa, int scale) = Exact(value);   // value = mantissa · 10^-scale
        string all = mantissa.ToString(CultureInfo.InvariantCulture);
        int decpt = all.Length - scale;
        int drop = all.Length - count;
        if (drop <= 0) return (all.TrimEnd('0'), decpt);
        BigInteger rounded = RoundHalfEven(mantissa, drop);
        string digits = rounded.ToString(CultureInfo.InvariantCulture);
        if (digits.Length > count) decpt++;   // 9.99 → 10.0: one more integer digit
        return (digits.TrimEnd('0'), decpt);
    }

    /// <summary>The digits to <paramref name="places"/> places after the point, rounded half to even, trailing zeros removed (dtoa mode 3).</summary>
    private static (string Digits, int DecimalPoint) Fixed(double value, int places)
    {
        if (value == 0) return ("0", 1);
        (BigInteger mantissa, int scale) = Exact(value);
        BigInteger scaled = scale > places ? RoundHalfEven(mantissa, scale - places) : mantissa * BigInteger.Pow(10, places - scale);
        if (scaled.IsZero) return ("", -places);
        string all = scaled.ToString(CultureInfo.InvariantCulture);
        return (all.TrimEnd('0'), all.Length - places);
    }

    /// <summary>The exact decimal value of a finite positive double: mantissa · 10^-scale.</summary>
    private static (BigInteger Mantissa, int Scale) Exact(double value)
    {
        long bits = BitConverter.DoubleToInt64Bits(value);
        int biased = (int)((bits >> 52) & 0x7FF);
        long fraction = bits & 0xF_FFFF_FFFF_FFFFL;
        long significand = biased == 0 ? fraction : fraction | (1L << 52);
        int exponent = (biased == 0 ? 1 : biased) - 1075;   // value = significand · 2^exponent
        if (exponent >= 0) return (new BigInteger(significand) << exponent, 0);
        // significand / 2^k = significand · 5^k / 10^k
        return (new BigInteger(significand) * BigInteger.Pow(5, -exponent), -exponent);
    }

    /// <summary><paramref name="value"/> / 10^<paramref name="digits"/>, rounded half to even.</summary>
    private static BigInteger RoundHalfEven(BigInteger value, int digits)
    {
        BigInteger divisor = BigInteger.Pow(10, digits);
        BigInteger quotient = BigInteger.DivRem(value, divisor, out BigInteger remainder);
        int compare = (remainder * 2).CompareTo(divisor);
        if (compare > 0 || (compare == 0 && !quotient.IsEven)) quotient++;
        return quotient;
    }

    /// <summary>The sign, then fill and alignment to the width.</summary>
    private static string Pad(bool negative, string body, Spec spec)
    {
        string sign = negative ? "-" : spec.Sign switch { '+' => "+", ' ' => " ", _ => "" };
        int length = sign.Length + body.Length;
        if (spec.Width <= length) return sign + body;
        var padding = new string(spec.Fill, spec.Width - length);
        return spec.Align switch
        {
            '<' => sign + body + padding,
            '^' => new string(spec.Fill, (spec.Width - length) / 2) + sign + body + new string(spec.Fill, spec.Width - length - (spec.Width - length) / 2),
            '=' => sign + padding + body,
            _ => padding + sign + body,   // numbers align right by default
        };
    }

    private static bool IsAlign(char c) => c is '<' or '>' or '^' or '=';
}
