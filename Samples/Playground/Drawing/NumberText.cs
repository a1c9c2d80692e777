using System.Globalization;

namespace Playground.Drawing;

/// <summary>Every number the playground shows, written in the invariant culture (a point for decimals, no digit grouping),
/// so the page reads the same in every browser locale and the end-to-end tests can parse it.</summary>
public static class NumberText
{
    /// <summary>A fixed number of decimals: <c>Fixed(0.04562, 3)</c> is "0.046".</summary>
    public static string Fixed(double value, int decimals) => value.ToString("F" + decimals, CultureInfo.InvariantCulture);

    /// <summary>A reading such as a loss, in full however small: three decimals from 0.01 up ("0.047", "12.345"), two or
    /// three significant digits in exponent form below ("1.2e-4", "3.45e-3"); zero is "0.000".</summary>
    public static string Reading(double value) => Math.Abs(value) >= 0.01 || value == 0 || !double.IsFinite(value)
        ? Fixed(value + 0.0, 3)
        : value.ToString("0.0#e-0", CultureInfo.InvariantCulture);

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
