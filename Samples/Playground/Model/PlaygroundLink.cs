using System.Globalization;
using Playground.Drawing;

namespace Playground.Model;

/// <summary>
/// Every setting of the classifier as a URL query, and back: a teacher prepares one link per step of a lesson, and opening
/// it rebuilds that exact run (same seed, same numbers). <see cref="Query"/> writes every setting, defaults included, so a
/// link keeps its meaning if the page's defaults change; <see cref="Parse"/> reads what it finds, keeps the default for
/// anything missing, and names each value it could not use.
/// </summary>
public static class PlaygroundLink
{
    /// <summary>"?data=xor&amp;noise=0&amp;…" for <paramref name="settings"/>, with the second racer's settings when
    /// <paramref name="racer"/> is not null.</summary>
    public static string Query(PlaygroundSettings settings, Racer? racer)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var pairs = new List<(string Key, string Value)>
        {
            ("data", Name(settings.Shape)),
            ("noise", NumberText.Count((int)Math.Round(settings.Noise * 100))),
            ("train", NumberText.Count((int)Math.Round(settings.TrainFraction * 100))),
            ("points", NumberText.Count(settings.PointCount)),
            ("seed", NumberText.Count(settings.Seed)),
            ("features", string.Join(',', settings.Features.Select(Name))),
            ("layers", settings.HiddenWidths.Count == 0 ? "none" : string.Join(',', settings.HiddenWidths.Select(NumberText.Count))),
            ("activation", Name(settings.Activation)),
            ("optimizer", Name(settings.Optimizer)),
            ("lr", NumberText.Setting(settings.LearningRate)),
            ("momentum", NumberText.Setting(settings.Momentum)),
            ("batch", NumberText.Count(settings.BatchSize)),
            ("l1", NumberText.Setting(settings.L1)),
            ("l2", NumberText.Setting(settings.L2)),
        };
        if (racer is not null)
        {
            pairs.Add(("race", Name(racer.Optimizer)));
            pairs.Add(("race-lr", NumberText.Setting(racer.LearningRate)));
            pairs.Add(("race-momentum", NumberText.Setting(racer.Momentum)));
        }
        // Commas may stand in a query as they are, and lists read better without %2C.
        return "?" + string.Join('&', pairs.Select(pair => pair.Key + "=" + Uri.EscapeDataString(pair.Value).Replace("%2C", ",")));
    }

    /// <summary>The settings a query (with or without its leading '?') describes. Keys the page does not know (such as
    /// <c>benchmark</c>) are ignored; a missing key keeps the default.</summary>
    /// <returns>The settings, the racer (null without <c>race=</c>), and one sentence per value that could not be used
    /// (e.g. "lr=fast is not a learning rate the page offers; 0.03 is used"), empty when the link was read whole.</returns>
    public static (PlaygroundSettings Settings, Racer? Racer, IReadOnlyList<string> Problems) Parse(string? query)
    {
        var values = (query ?? "").TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2))
            .GroupBy(parts => Uri.UnescapeDataString(parts[0]).ToLowerInvariant())
            .ToDictionary(group => group.Key, group => Uri.UnescapeDataString(group.Last().ElementAtOrDefault(1) ?? ""));
        var problems = new List<string>();
        var defaults = new PlaygroundSettings();
        var settings = defaults with
        {
            Shape = Read("data", defaults.Shape, ParseEnum<DataShape>, "a data set"),
            Noise = Read("noise", defaults.Noise, text => Percent(text, 0, 50), "a noise between 0 and 50"),
            TrainFraction = Read("train", defaults.TrainFraction, text => Percent(text, 10, 90), "a training share between 10 and 90"),
            PointCount = Read("points", defaults.PointCount, text => Whole(text, 10, 10_000), "a point count between 10 and 10000"),
            Seed = Read("seed", defaults.Seed, text => Whole(text, int.MinValue, int.MaxValue), "a whole-number seed"),
            Features = Read<IReadOnlyList<InputFeature>>("features", defaults.Features, ParseFeatures, "a list of input features such as x,y,xy"),
            HiddenWidths = Read<IReadOnlyList<int>>("layers", defaults.HiddenWidths, ParseWidths,
                $"'none' or up to {PlaygroundSettings.MaxHiddenLayers} widths from 1 to {PlaygroundSettings.MaxWidth}, such as 4,4"),
            Activation = Read("activation", defaults.Activation, ParseEnum<HiddenActivation>, "an activation"),
            Optimizer = Read("optimizer", defaults.Optimizer, ParseEnum<OptimizerKind>, "an optimizer"),
            LearningRate = Read("lr", defaults.LearningRate, text => Offered(text, PlaygroundSettings.LearningRates), "a learning rate the page offers"),
            Momentum = Read("momentum", defaults.Momentum, Momentum, "a momentum from 0 to 0.99"),
            BatchSize = Read("batch", defaults.BatchSize, text => Whole(text, 1, 100), "a batch size from 1 to 100"),
            L1 = Read("l1", defaults.L1, text => Offered(text, PlaygroundSettings.RegularizationRates), "an L1 rate the page offers"),
            L2 = Read("l2", defaults.L2, text => Offered(text, PlaygroundSettings.RegularizationRates), "an L2 rate the page offers"),
        };
        Racer? racer = null;
        if (values.ContainsKey("race"))
            racer = new Racer(
                Read("race", OptimizerKind.Adam, ParseEnum<OptimizerKind>, "an optimizer"),
                Read("race-lr", settings.LearningRate, text => Offered(text, PlaygroundSettings.LearningRates), "a learning rate the page offers"),
                Read("race-momentum", settings.Momentum, Momentum, "a momentum from 0 to 0.99"));
        return (settings, racer, problems);

        T Read<T>(string key, T fallback, Func<string, object?> parse, string expected)
        {
            if (!values.TryGetValue(key, out var text)) return fallback;
            if (parse(text) is T value) return value;
            problems.Add($"{key}={text} is not {expected}; {Describe(fallback)} is used");
            return fallback;
        }
    }

    /// <summary>The name a link uses for an enum value: its C# name in lower case ("xor", "momentumpytorch").</summary>
    private static string Name<T>(T value) where T : struct, Enum => value.ToString().ToLowerInvariant();

    private static string Describe(object? value) => value switch
    {
        double number => NumberText.Setting(number),
        int number => NumberText.Count(number),
        IEnumerable<int> widths => widths.Any() ? string.Join(',', widths.Select(NumberText.Count)) : "none",
        IEnumerable<InputFeature> features => string.Join(',', features.Select(Name)),
        Enum kind => kind.ToString().ToLowerInvariant(),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };

    // Each reader gives the value, or null when the text is not one.
    private static object? ParseEnum<T>(string text) where T : struct, Enum =>
        !int.TryParse(text, out _) && Enum.TryParse<T>(text, ignoreCase: true, out var value) && Enum.IsDefined(value) ? value : null;

    private static object? Whole(string text, int low, int high) =>
        int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int value) && value >= low && value <= high ? value : null;

    private static object? Percent(string text, int low, int high) => Whole(text, low, high) is int percent ? percent / 100.0 : null;

    private static object? Offered(string text, IReadOnlyList<double> offered) =>
        NumberText.ParseSetting(text) is { } value && offered.Contains(value) ? value : null;

    private static object? Momentum(string text) => NumberText.ParseSetting(text) is { } value && value is >= 0 and <= 0.99 ? value : null;

    private static object? ParseWidths(string text)
    {
        if (text == "none") return Array.Empty<int>();
        var widths = text.Split(',').Select(width => Whole(width, 1, PlaygroundSettings.MaxWidth)).ToArray();
        return widths.Length <= PlaygroundSettings.MaxHiddenLayers && widths.All(width => width is int) ? widths.Cast<int>().ToArray() : null;
    }

    private static object? ParseFeatures(string text)
    {
        var features = text.Split(',').Select(ParseEnum<InputFeature>).ToArray();
        return features.Length > 0 && features.All(feature => feature is InputFeature)
            ? features.Cast<InputFeature>().Distinct().Order().ToArray()
            : null;
    }
}
