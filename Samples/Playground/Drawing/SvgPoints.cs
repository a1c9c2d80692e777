using System.Globalization;
using System.Text;

namespace Playground.Drawing;

/// <summary>The <c>points</c> attribute of an SVG &lt;polyline&gt;: "x,y x,y …" in user units, invariant culture.</summary>
public static class SvgPoints
{
    /// <summary>Joins the positions as "x,y" pairs separated by spaces, each coordinate to 0.01 of a unit; positions with a
    /// non-finite coordinate (a diverged loss) are left out, since one would make the browser drop the whole polyline.</summary>
    public static string Format(IEnumerable<(double X, double Y)> positions)
    {
        var text = new StringBuilder();
        foreach (var (x, y) in positions)
        {
            if (!double.IsFinite(x) || !double.IsFinite(y)) continue;
            if (text.Length > 0) text.Append(' ');
            AppendCoordinate(text, x);
            AppendCoordinate(text, y, comma: true);
        }
        return text.ToString();
    }

    /// <summary>One coordinate for an SVG attribute (x, cy, width…), to 0.01 of a unit, invariant culture; a value that rounds
    /// to zero is "0", never "-0".</summary>
    public static string Coordinate(double value) => AppendCoordinate(new StringBuilder(8), value).ToString();

    /// <summary>Appends <paramref name="value"/> rounded to hundredths (half to even, as <see cref="Math.Round(double, int)"/>)
    /// with no trailing zeros, as <c>ToString("0.##", InvariantCulture)</c> writes it (which writes values beyond ±10⁹), after a comma when asked. Written out
    /// by hand because a loss chart formats thousands of them per drawing, and in the browser's interpreter the general
    /// number formatting cost about 3 µs each.</summary>
    private static StringBuilder AppendCoordinate(StringBuilder text, double value, bool comma = false)
    {
        if (comma) text.Append(',');
        if (!(Math.Abs(value) < 1e9)) // far off the chart (a weight gone wild, a diverged loss): the general formatting
            return text.Append((Math.Round(value, 2) + 0.0).ToString("0.##", CultureInfo.InvariantCulture));
        long hundredths = (long)Math.Round(value * 100);
        if (hundredths < 0) text.Append('-');
        ulong magnitude = (ulong)Math.Abs(hundredths);
        text.Append(magnitude / 100);
        int fraction = (int)(magnitude % 100);
        if (fraction != 0)
        {
            text.Append('.').Append((char)('0' + fraction / 10));
            if (fraction % 10 != 0) text.Append((char)('0' + fraction % 10));
        }
        return text;
    }
}
