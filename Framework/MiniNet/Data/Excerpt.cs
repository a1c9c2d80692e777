using System.Globalization;
using System.Text;

namespace MiniNet.Data;

/// <summary>Quotes text read from a data file inside an error message: at most <see cref="MaxLength"/> characters, cut with
/// "…" and the full length, with quotes, backslashes and non-printable characters escaped (<c>\n</c>, <c>\t</c>,
/// <c>\u0000</c>, <c>\uFFFD</c> for bytes that are not UTF-8), so a binary file's first line cannot flood a message or a
/// terminal.</summary>
internal static class Excerpt
{
    /// <summary>The most characters of the text a message shows.</summary>
    public const int MaxLength = 40;

    /// <summary>The text in double quotes, e.g. <c>"abc"</c>, or <c>"the first 40 characters…" (1234 characters)</c>.</summary>
    public static string Quote(string text)
    {
        var quoted = new StringBuilder("\"");
        int end = Math.Min(text.Length, MaxLength);
        for (int i = 0; i < end; i++)
        {
            char c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < end && char.IsLowSurrogate(text[i + 1]))
                quoted.Append(c).Append(text[++i]);
            else if (c is '"' or '\\') quoted.Append('\\').Append(c);
            else if (c == '\n') quoted.Append("\\n");
            else if (c == '\r') quoted.Append("\\r");
            else if (c == '\t') quoted.Append("\\t");
            else if (IsPrintable(c)) quoted.Append(c);
            else quoted.Append($"\\u{(int)c:X4}");
        }
        quoted.Append(text.Length > MaxLength ? "…\"" : "\"");
        if (text.Length > MaxLength) quoted.Append($" ({text.Length} characters)");
        return quoted.ToString();
    }

    private static bool IsPrintable(char c) => c != '\uFFFD' && CharUnicodeInfo.GetUnicodeCategory(c) is not
        (UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate or UnicodeCategory.PrivateUse
         or UnicodeCategory.OtherNotAssigned or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator);
}
