namespace FastDense.Layers;

/// <summary>
/// The keys of training's random draws: one per step, from the fit's seed and the step's number, so that a run
/// resumed at an epoch draws what the uninterrupted run drew there, and a step's draws do not depend on the steps
/// before it.
/// </summary>
internal static class StepNoise
{
    /// <summary>The key of step <paramref name="step"/> (counted from the first epoch) of a fit seeded with <paramref name="seed"/>.</summary>
    public static ulong StepKey(ulong seed, long step) => Mix64(Mix64(seed ^ 0x6A09E667F3BCC909UL) + 0x9E3779B97F4A7C15UL * (ulong)step);

    /// <summary>SplitMix64's finalizer: a bijective 64-bit mix.</summary>
    public static ulong Mix64(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
