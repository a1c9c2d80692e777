using System.Globalization;

namespace MiniNet.Samples;

/// <summary>Reads the values of the samples' command-line options; a bad value is a <see cref="FormatException"/> whose
/// one-line message names the option, which each sample prints with its usage before exiting with 2. Linked into every
/// sample, so all of them say the same thing about the same mistake.</summary>
internal static class OptionValues
{
    /// <summary>An integer, e.g. "--seed 7".</summary>
    public static int Integer(string name, string text) =>
        int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int value)
            ? value : throw new FormatException($"option {name}: '{text}' is not an integer");

    /// <summary>An integer of at least 1, e.g. "--epochs 10".</summary>
    public static int Positive(string name, string text)
    {
        int value = Integer(name, text);
        return value > 0 ? value : throw new FormatException($"option {name}: {value} must be positive");
    }

    /// <summary>A finite number in [<paramref name="min"/>, <paramref name="maxExclusive"/>), e.g. "--momentum 0.9".</summary>
    public static double Number(string name, string text, double min, double maxExclusive)
    {
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || !double.IsFinite(value))
            throw new FormatException($"option {name}: '{text}' is not a number");
        return value >= min && value < maxExclusive ? value : throw new FormatException($"option {name}: {value} is outside [{min}, {maxExclusive})");
    }
}
