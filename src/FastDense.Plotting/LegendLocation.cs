namespace FastDense.Plotting;

/// <summary>
/// Where the legend goes inside the data area, named as matplotlib's <c>plt.legend(loc=...)</c> strings are
/// (<c>'lower right'</c> is <see cref="LowerRight"/>).
/// </summary>
public enum LegendLocation
{
    /// <summary>
    /// matplotlib's <c>'best'</c>: of the other locations, in matplotlib's order (upper right first), the first one whose
    /// legend box covers the fewest line vertices and crosses the fewest line segments.
    /// </summary>
    Best,

    /// <summary><c>'upper right'</c>.</summary>
    UpperRight,

    /// <summary><c>'upper left'</c>.</summary>
    UpperLeft,

    /// <summary><c>'lower left'</c>.</summary>
    LowerLeft,

    /// <summary><c>'lower right'</c>, as the Keras lesson asks.</summary>
    LowerRight,

    /// <summary><c>'right'</c>: the same place as <see cref="CenterRight"/>, as in matplotlib.</summary>
    Right,

    /// <summary><c>'center left'</c>.</summary>
    CenterLeft,

    /// <summary><c>'center right'</c>.</summary>
    CenterRight,

    /// <summary><c>'lower center'</c>.</summary>
    LowerCenter,

    /// <summary><c>'upper center'</c>.</summary>
    UpperCenter,

    /// <summary><c>'center'</c>.</summary>
    Center,
}
