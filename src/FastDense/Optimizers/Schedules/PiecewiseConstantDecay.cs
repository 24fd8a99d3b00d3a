using System.Collections.ObjectModel;
using System.Globalization;

namespace FastDense;

/// <summary>
/// A piecewise constant rate, as Keras 3's <c>PiecewiseConstantDecay</c>
/// (keras/src/optimizers/schedules/learning_rate_schedule.py): <c>values[0]</c> while <c>step ≤ boundaries[0]</c>,
/// <c>values[i]</c> while <c>boundaries[i-1] &lt; step ≤ boundaries[i]</c>, and the last value after the last boundary.
/// A boundary belongs to the interval below it: with boundaries [100] the rate changes at step 101, the 102nd update.
/// </summary>
public sealed class PiecewiseConstantDecay : LearningRateSchedule
{
    private readonly long[] _boundaries;
    private readonly double[] _values;

    /// <summary>Creates the schedule.</summary>
    /// <param name="boundaries">The steps where the rate changes, strictly increasing (Keras documents this; its
    /// sum of interval indicators gives no meaningful rate otherwise). Steps are integers, as Keras casts the
    /// boundaries to the step's integer type.</param>
    /// <param name="values">The rate in each interval: one more than <paramref name="boundaries"/>; finite, not negative.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="values"/> is not one longer than <paramref name="boundaries"/> (Keras's condition), or the boundaries do not increase.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A value is negative, NaN or infinite.</exception>
    public PiecewiseConstantDecay(IReadOnlyList<long> boundaries, IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(boundaries);
        ArgumentNullException.ThrowIfNull(values);
        if (boundaries.Count != values.Count - 1)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"There must be one more value than boundaries: {boundaries.Count} boundaries need {boundaries.Count + 1} values, not {values.Count}."), nameof(values));
        }
        _boundaries = [.. boundaries];
        _values = [.. values];
        for (int i = 1; i < _boundaries.Length; i++)
        {
            if (_boundaries[i] <= _boundaries[i - 1])
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                    $"The boundaries must increase strictly; boundary {i} is {_boundaries[i]} after {_boundaries[i - 1]}."), nameof(boundaries));
            }
        }
        for (int i = 0; i < _values.Length; i++) CheckRate(_values[i], $"{nameof(values)}[{i}]");
        Boundaries = new ReadOnlyCollection<long>(_boundaries);
        Values = new ReadOnlyCollection<double>(_values);
    }

    /// <summary>The steps where the rate changes (each belongs to the interval below it).</summary>
    public IReadOnlyList<long> Boundaries { get; }

    /// <summary>The rate in each interval.</summary>
    public IReadOnlyList<double> Values { get; }

    /// <inheritdoc />
    public override double GetLearningRate(long step)
    {
        // The first boundary at or above the step closes the step's interval; none means the last interval.
        int index = Array.BinarySearch(_boundaries, step);
        return _values[index >= 0 ? index : ~index];
    }

    /// <inheritdoc />
    protected override void DescribeParameters(ICollection<KeyValuePair<string, string>> parameters)
    {
        parameters.Add(new("boundaries", string.Join(',', _boundaries.Select(b => b.ToString(CultureInfo.InvariantCulture)))));
        parameters.Add(new("values", string.Join(',', _values.Select(Text))));
    }
}
