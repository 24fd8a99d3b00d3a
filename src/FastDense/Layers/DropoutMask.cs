using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace FastDense.Layers;

/// <summary>
/// Dropout's masks, drawn by a counter-based generator: the value for row <c>r</c>, column <c>j</c> of a step is a
/// hash of (step key, layer key, r, j), so any slice of the batch draws its rows' masks without the others', and a
/// batch split over any number of threads draws the same masks. Kept inputs are scaled by <c>1 / (1 - rate)</c>, as
/// <c>tf.nn.dropout</c> does (keras/src/backend/tensorflow/random.py, <c>dropout</c>).
/// </summary>
internal static class DropoutMask
{
    /// <summary>
    /// mask (rows, width) = 1 / (1 - rate) where the draw keeps the input, else 0; output = input ⊙ mask. A 32-bit
    /// draw <c>u</c> keeps its input when <c>u ≥ rate · 2³²</c>, so a column is dropped with probability
    /// <c>rate</c> to within 2⁻³².
    /// </summary>
    public static void Forward<T>(ReadOnlySpan<T> input, Span<T> output, Span<T> mask, int rows, int width, double rate, ulong layerKey, in ForwardMode mode,
        bool sameForEveryRow = false, bool sameForEveryColumn = false)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        int count = rows * width;
        if (!mode.IsTraining || rate == 0)
        {
            input.Slice(0, count).CopyTo(output);
            // Backward after an inference pass is not defined, but a mask of ones keeps it harmless.
            mask.Slice(0, count).Fill(T.One);
            return;
        }
        DrawMask(mask, rows, width, rate, T.CreateTruncating(1.0 / (1.0 - rate)), layerKey, mode, sameForEveryRow, sameForEveryColumn);
        // output = input ⊙ mask: the same multiplication Backward applies to the gradient.
        System.Numerics.Tensors.TensorPrimitives.Multiply(input.Slice(0, count), mask.Slice(0, count), output.Slice(0, count));
    }

    /// <summary>
    /// mask (rows, width) = <paramref name="kept"/> where the training draw keeps the input, else 0: Dropout's draws (and
    /// AlphaDropout's, which keep with another value). With Keras's <c>noise_shape</c>, a shared row draws with row 0's key
    /// and a shared column takes the row's first draw.
    /// </summary>
    internal static void DrawMask<T>(Span<T> mask, int rows, int width, double rate, T kept, ulong layerKey, in ForwardMode mode,
        bool sameForEveryRow, bool sameForEveryColumn)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        uint threshold = Threshold(rate);
        for (int r = 0; r < rows; r++)
        {
            uint rowKey = RowKey(mode.NoiseKey, layerKey, sameForEveryRow ? 0 : mode.FirstRow + r);
            if (sameForEveryColumn) mask.Slice(r * width, width).Fill(Draw(rowKey, 0) >= threshold ? kept : T.Zero);
            else DrawRow(rowKey, threshold, kept, mask.Slice(r * width, width));
        }
    }

    /// <summary>delta (rows, width) ⊙= mask: the gradient reaches only the inputs that were kept, scaled as they were.</summary>
    public static void Backward<T>(ReadOnlySpan<T> mask, Span<T> delta, int rows, int width)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        int count = rows * width;
        System.Numerics.Tensors.TensorPrimitives.Multiply(delta.Slice(0, count), mask.Slice(0, count), delta.Slice(0, count));
    }

    /// <summary>The draw below which an input is dropped: <c>rate · 2³²</c>, rounded.</summary>
    internal static uint Threshold(double rate) => (uint)Math.Min(Math.Round(rate * 4294967296.0), uint.MaxValue);

    /// <summary>The 32-bit key of one row's draws: the step's key, the layer's key and the row's index in the batch, mixed.</summary>
    internal static uint RowKey(ulong noiseKey, ulong layerKey, int row)
        => (uint)(StepNoise.Mix64(noiseKey ^ StepNoise.Mix64(layerKey + 0x9E3779B97F4A7C15UL * (ulong)(uint)row)) >> 32);

    /// <summary>The draw for column <paramref name="column"/> of a row: Wellons's lowbias32 hash of the row key plus the column.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static uint Draw(uint rowKey, int column)
    {
        uint x = rowKey + (uint)column;
        x ^= x >> 16;
        x *= 0x7FEB352DU;
        x ^= x >> 15;
        x *= 0x846CA68BU;
        x ^= x >> 16;
        return x;
    }

    private static void DrawRow<T>(uint rowKey, uint threshold, T scale, Span<T> mask)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        int j = 0;
        if (Vector.IsHardwareAccelerated && Vector<uint>.Count == Vector<T>.Count && mask.Length >= Vector<T>.Count)
        {
            // float: one lane of the draw per lane of the mask; the same hash as Draw, lane by lane.
            var columns = Vector<uint>.Indices;
            var step = new Vector<uint>((uint)Vector<uint>.Count);
            var key = new Vector<uint>(rowKey);
            var limit = new Vector<uint>(threshold);
            var scales = new Vector<T>(scale);
            ref T target = ref MemoryMarshal.GetReference(mask);
            for (; j <= mask.Length - Vector<T>.Count; j += Vector<T>.Count)
            {
                Vector<uint> x = key + columns;
                x ^= Vector.ShiftRightLogical(x, 16);
                x *= 0x7FEB352DU;
                x ^= Vector.ShiftRightLogical(x, 15);
                x *= 0x846CA68BU;
                x ^= Vector.ShiftRightLogical(x, 16);
                Vector<T> keep = Vector.GreaterThanOrEqual(x, limit).As<uint, T>();
                Vector.BitwiseAnd(keep, scales).StoreUnsafe(ref target, (nuint)j);
                columns += step;
            }
        }
        for (; j < mask.Length; j++)
        {
            mask[j] = Draw(rowKey, j) >= threshold ? scale : T.Zero;
        }
    }
}
