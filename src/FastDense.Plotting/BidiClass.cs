namespace FastDense.Plotting;

/// <summary>
/// The bidirectional character types that <see cref="Bidi"/> resolves, named as in the Unicode Bidirectional Algorithm
/// (UAX #9, table 4). AL is folded into R, and the explicit and boundary-neutral types into others (<see cref="Bidi.ClassOf"/>).
/// </summary>
internal enum BidiClass : byte
{
    /// <summary>Left-to-right letter (Latin, Greek, Cyrillic, CJK, Indic...).</summary>
    L,
    /// <summary>Right-to-left letter (Hebrew, Arabic...).</summary>
    R,
    /// <summary>European digit (0-9 and their superscript, subscript and full-width forms).</summary>
    EN,
    /// <summary>Arabic-Indic digit (U+0660-U+0669) and the Arabic decimal and thousands separators.</summary>
    AN,
    /// <summary>Plus and minus signs.</summary>
    ES,
    /// <summary>Number terminators: currency, percent, degree, number sign.</summary>
    ET,
    /// <summary>Number separators: comma, full stop, slash, colon, no-break space.</summary>
    CS,
    /// <summary>Combining mark (and, here, invisible format control): takes the type of the character before it.</summary>
    NSM,
    /// <summary>Everything else: spaces, punctuation, symbols.</summary>
    ON,
}
