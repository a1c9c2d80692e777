namespace Playground.Drawing;

/// <summary>
/// Maps an interval of data values (the domain) linearly onto an interval of SVG user units (the range), as d3's scaleLinear:
/// the domain's ends land on the range's ends. A range may run backwards (e.g. height → 0 for a y axis that grows upwards).
/// </summary>
public sealed class LinearScale
{
    /// <summary>A scale from [<paramref name="domainMin"/>, <paramref name="domainMax"/>] onto [<paramref name="rangeStart"/>, <paramref name="rangeEnd"/>].</summary>
    /// <exception cref="ArgumentException">The domain is empty (its ends are equal) or not finite.</exception>
    public LinearScale(double domainMin, double domainMax, double rangeStart, double rangeEnd)
    {
        if (!double.IsFinite(domainMin) || !double.IsFinite(domainMax) || !(domainMax > domainMin))
            throw new ArgumentException($"scale: the domain must be finite with max > min, got [{domainMin}, {domainMax}]", nameof(domainMax));
        (DomainMin, DomainMax, RangeStart, RangeEnd) = (domainMin, domainMax, rangeStart, rangeEnd);
    }

    /// <summary>The smallest data value, drawn at <see cref="RangeStart"/>.</summary>
    public double DomainMin { get; }

    /// <summary>The largest data value, drawn at <see cref="RangeEnd"/>.</summary>
    public double DomainMax { get; }

    /// <summary>Where <see cref="DomainMin"/> is drawn, in SVG user units.</summary>
    public double RangeStart { get; }

    /// <summary>Where <see cref="DomainMax"/> is drawn, in SVG user units.</summary>
    public double RangeEnd { get; }

    /// <summary>The position of a data value; values outside the domain map outside the range.</summary>
    public double Map(double value) => RangeStart + (value - DomainMin) / (DomainMax - DomainMin) * (RangeEnd - RangeStart);

    /// <summary>
    /// About <paramref name="count"/> round values inside the domain for axis ticks: multiples of 1, 2 or 5 × 10ᵏ, the step
    /// chosen as the round number nearest (DomainMax − DomainMin) / count; e.g. [0, 0.7] with 4 gives 0, 0.2, 0.4, 0.6.
    /// </summary>
    public IReadOnlyList<double> Ticks(int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        double rawStep = (DomainMax - DomainMin) / count;
        double power = Math.Pow(10, Math.Floor(Math.Log10(rawStep)));
        double fraction = rawStep / power;
        double step = power * (fraction < 1.5 ? 1 : fraction < 3.5 ? 2 : fraction < 7.5 ? 5 : 10);
        var ticks = new List<double>();
        for (double index = Math.Ceiling(DomainMin / step); index * step <= DomainMax + step * 1e-9; index++)
            ticks.Add(Math.Round(index * step, 12));
        return ticks;
    }
}
