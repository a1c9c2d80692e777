using MiniNet.Samples;

namespace Penguins;

/// <summary>The sample's command-line options, with the sample's recipe as defaults.</summary>
public sealed record PenguinsOptions
{
    /// <summary>The text printed with every option error.</summary>
    public const string Usage = """
        usage: dotnet run -c Release --project Samples/Penguins -- [options]
          --epochs N        training epochs (default 100)
          --seed N          seed for the train/test split, the weights and the shuffle (default 0)
          --data PATH       the penguins table (default data/penguins/penguins.csv, found from any folder in the repository)
          --accept-extreme-values  keep numbers far outside the rest of their column (an error otherwise)
          --json PATH       write a JSON summary of the run
        """;

    /// <summary>Training epochs.</summary>
    public int Epochs { get; init; } = 100;

    /// <summary>Seed for the split, the initial weights and the shuffle.</summary>
    public int Seed { get; init; }

    /// <summary>The penguins CSV file, or null for the shipped one.</summary>
    public string? Data { get; init; }

    /// <summary>Whether numbers far outside the rest of their column (<see cref="MiniNet.Data.ExtremeValue"/>) are kept rather
    /// than an error.</summary>
    public bool AcceptExtremeValues { get; init; }

    /// <summary>Where to write the JSON summary, if anywhere.</summary>
    public string? Json { get; init; }

    /// <summary>Parses the arguments; throws <see cref="FormatException"/> with a one-line message on a bad option or value.</summary>
    public static PenguinsOptions Parse(string[] args)
    {
        var options = new PenguinsOptions();
        for (int i = 0; i < args.Length; i++)
        {
            string name = args[i];
            string Value() => i + 1 < args.Length ? args[++i] : throw new FormatException($"option {name} needs a value");
            options = name switch
            {
                "--epochs" => options with { Epochs = OptionValues.Positive(name, Value()) },
                "--seed" => options with { Seed = OptionValues.Integer(name, Value()) },
                "--data" => options with { Data = Value() },
                "--accept-extreme-values" => options with { AcceptExtremeValues = true },
                "--json" => options with { Json = Value() },
                _ => throw new FormatException($"unknown option '{name}'"),
            };
        }
        return options;
    }
}
