namespace FastDense.Kernels;

/// <summary>
/// A layer width as a type, so that a kernel generic over it sees the width as a constant: the JIT compiles
/// <see cref="SoftmaxLayerInLanes"/> once per width, with exactly that many accumulators and no branch on the width.
/// </summary>
internal interface IUnitCount
{
    /// <summary>The count.</summary>
    static abstract int Value { get; }
}

/// <summary>1 unit.</summary>
internal readonly struct Units1 : IUnitCount { public static int Value => 1; }
/// <summary>2 units.</summary>
internal readonly struct Units2 : IUnitCount { public static int Value => 2; }
/// <summary>3 units.</summary>
internal readonly struct Units3 : IUnitCount { public static int Value => 3; }
/// <summary>4 units.</summary>
internal readonly struct Units4 : IUnitCount { public static int Value => 4; }
/// <summary>5 units.</summary>
internal readonly struct Units5 : IUnitCount { public static int Value => 5; }
/// <summary>6 units.</summary>
internal readonly struct Units6 : IUnitCount { public static int Value => 6; }
/// <summary>7 units.</summary>
internal readonly struct Units7 : IUnitCount { public static int Value => 7; }
/// <summary>8 units.</summary>
internal readonly struct Units8 : IUnitCount { public static int Value => 8; }
/// <summary>9 units.</summary>
internal readonly struct Units9 : IUnitCount { public static int Value => 9; }
/// <summary>10 units.</summary>
internal readonly struct Units10 : IUnitCount { public static int Value => 10; }
/// <summary>11 units.</summary>
internal readonly struct Units11 : IUnitCount { public static int Value => 11; }
/// <summary>12 units.</summary>
internal readonly struct Units12 : IUnitCount { public static int Value => 12; }
/// <summary>13 units.</summary>
internal readonly struct Units13 : IUnitCount { public static int Value => 13; }
/// <summary>14 units.</summary>
internal readonly struct Units14 : IUnitCount { public static int Value => 14; }
/// <summary>15 units.</summary>
internal readonly struct Units15 : IUnitCount { public static int Value => 15; }
/// <summary>16 units.</summary>
internal readonly struct Units16 : IUnitCount { public static int Value => 16; }
