namespace Playground.Drawing;

/// <summary>Text that must fit a fixed-width SVG box (SVG text does not wrap or clip by itself).</summary>
public static class SvgText
{
    /// <summary>The text itself when it has at most <paramref name="maxCharacters"/> characters, otherwise its start and "…",
    /// <paramref name="maxCharacters"/> characters in all.</summary>
    public static string Fit(string text, int maxCharacters)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxCharacters, 1);
        return text.Length <= maxCharacters ? text : text[..(maxCharacters - 1)] + "…";
    }
}
