using FastDense.JitCost;

/// <summary>
/// The runtime calls <see cref="Initialize"/> before the app's <c>Main</c> when this assembly is named in
/// <c>DOTNET_STARTUP_HOOKS</c>; the type must be called <c>StartupHook</c> and sit outside any namespace.
/// </summary>
internal static class StartupHook
{
    private static JitListener? s_listener;

    /// <summary>Starts listening to the JIT's events and writes the report when the process exits.</summary>
    public static void Initialize()
    {
        s_listener = new JitListener();
        string path = Environment.GetEnvironmentVariable("FASTDENSE_JITCOST_OUT") ?? "jitcost.txt";
        AppDomain.CurrentDomain.ProcessExit += (_, _) => File.WriteAllText(path, s_listener.Report());
    }
}
