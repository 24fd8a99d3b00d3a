namespace FastDense.__Internals;

/// <summary>Why this namespace exists: the text every <c>[Obsolete]</c> in it shows to a user who calls into it.</summary>
internal static class InternalsInfo
{
    public const string Message =
        "FastDense.__Internals is the seam between generated code and the runtime. It is public only so that " +
        "generated code can call it; its signatures change without notice. Use FastDense.Model<TKernel, T> instead.";
}
