using System.Globalization;

namespace Playground.Drawing;

/// <summary>Every number the playground shows, written in the invariant culture (a point for decimals, no digit grouping),
/// so the page reads the same in every browser locale and the end-to-end tests can parse it.</summary>
public static class NumberText
{
    /// <summary>A fixed number of decimals: <c>Fixed(0.04562, 3)</c> is "0.046".</summary>
    public static string Fixed(double value, int decimals) => value.ToString("F" + decimals, CultureInfo.InvariantCulture);

    /// <summary>Four significant digits, switching to exponent form for very small or large values: "0.3162", "1.25E-05";
    /// zero is "0" whatever its sign (adding +0 turns −0 into +0).</summary>
    public static string Short(double value) => (value + 0.0).ToString("G4", CultureInfo.InvariantCulture);

    /// <summary>A setting's value in plain decimal form without an exponent or trailing zeros: 0.00001 is "0.00001", 10 is "10".
    /// Used as the value of a &lt;select&gt; option and parsed back with <see cref="ParseSetting"/>.</summary>
    public static string Setting(double value) => value.ToString("0.##########", CultureInfo.InvariantCulture);

    /// <summary>An integer, digits only: 1200 is "1200".</summary>
    public static string Count(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>Reads a number typed into an input (invariant culture); null when the text is not a finite number.</summary>
    public static double? ParseSetting(object? text) =>
        double.TryParse(text?.ToString(), NumberStyles.Float, CultureInfo.InvariantCulture, out double value) && double.IsFinite(value) ? value : null;
}
