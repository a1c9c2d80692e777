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
            text.Append(Coordinate(x)).Append(',').Append(Coordinate(y));
        }
        return text.ToString();
    }

    /// <summary>One coordinate for an SVG attribute (x, cy, width…), to 0.01 of a unit, invariant culture; a value that rounds
    /// to zero is "0", never "-0" (adding +0 turns the −0 that rounding leaves into +0).</summary>
    public static string Coordinate(double value) => (Math.Round(value, 2) + 0.0).ToString("0.##", CultureInfo.InvariantCulture);
}
