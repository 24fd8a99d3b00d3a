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

/// <summary>Widths 1 to 16, one type each.</summary>
internal readonly struct Units1 : IUnitCount { public static int Value => 1; }
internal readonly struct Units2 : IUnitCount { public static int Value => 2; }
internal readonly struct Units3 : IUnitCount { public static int Value => 3; }
internal readonly struct Units4 : IUnitCount { public static int Value => 4; }
internal readonly struct Units5 : IUnitCount { public static int Value => 5; }
internal readonly struct Units6 : IUnitCount { public static int Value => 6; }
internal readonly struct Units7 : IUnitCount { public static int Value => 7; }
internal readonly struct Units8 : IUnitCount { public static int Value => 8; }
internal readonly struct Units9 : IUnitCount { public static int Value => 9; }
internal readonly struct Units10 : IUnitCount { public static int Value => 10; }
internal readonly struct Units11 : IUnitCount { public static int Value => 11; }
internal readonly struct Units12 : IUnitCount { public static int Value => 12; }
internal readonly struct Units13 : IUnitCount { public static int Value => 13; }
internal readonly struct Units14 : IUnitCount { public static int Value => 14; }
internal readonly struct Units15 : IUnitCount { public static int Value => 15; }
internal readonly struct Units16 : IUnitCount { public static int Value => 16; }
