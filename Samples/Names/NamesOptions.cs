using MiniNet.Samples;

namespace Names;

/// <summary>The sample's command-line options, with the sample's recipe as defaults.</summary>
public sealed record NamesOptions
{
    /// <summary>The models of makemore's ladder this sample trains.</summary>
    public static readonly string[] Models = ["bigram", "mlp", "rnn", "gru", "transformer"];

    /// <summary>The text printed with every option error.</summary>
    public const string Usage = """
        usage: dotnet run -c Release --project Samples/Names -- [options]
          --model NAME      bigram (counts, smoothed by 1), mlp (embedding 10, block 3, hidden 200 tanh), rnn or gru
                            (embedding 16, block 8, a SimpleRNN or GRU of 64 units), transformer (a GPT of 4 blocks,
                            4 heads, width 64, each name one sequence) (default bigram)
          --epochs N        training epochs over the training names' examples (default 30 for mlp, 3 for rnn and gru)
          --steps N         training steps of 32 names for the transformer (default 20000)
          --seed N          seed for the 80/10/10 split, the weights, the shuffle and the generated names (default 42)
          --data PATH       one name per line (default data/names/names.txt, found from any folder in the repository)
          --json PATH       write a JSON summary of the run
        """;

    /// <summary>Which model to train.</summary>
    public string Model { get; init; } = "bigram";

    /// <summary>The training epochs, or null for the model's default.</summary>
    public int? Epochs { get; init; }

    /// <summary>The transformer's training steps, or null for its default.</summary>
    public int? Steps { get; init; }

    /// <summary>Seed for the split, the initial weights, the shuffle and the generated names.</summary>
    public int Seed { get; init; } = 42;

    /// <summary>The names file, or null for the shipped one.</summary>
    public string? Data { get; init; }

    /// <summary>Where to write the JSON summary, if anywhere.</summary>
    public string? Json { get; init; }

    /// <summary>Parses the arguments; throws <see cref="FormatException"/> with a one-line message on a bad option or value.</summary>
    public static NamesOptions Parse(string[] args)
    {
        var options = new NamesOptions();
        for (int i = 0; i < args.Length; i++)
        {
            string name = args[i];
            string Value() => i + 1 < args.Length ? args[++i] : throw new FormatException($"option {name} needs a value");
            options = name switch
            {
                "--model" => options with { Model = Value() is var model && Models.Contains(model) ? model
                    : throw new FormatException($"option --model: '{model}' is not one of {string.Join(", ", Models)}") },
                "--epochs" => options with { Epochs = OptionValues.Positive(name, Value()) },
                "--steps" => options with { Steps = OptionValues.Positive(name, Value()) },
                "--seed" => options with { Seed = OptionValues.Integer(name, Value()) },
                "--data" => options with { Data = Value() },
                "--json" => options with { Json = Value() },
                _ => throw new FormatException($"unknown option '{name}'"),
            };
        }
        if (options.Model == "transformer" ? options.Epochs != null : options.Steps != null)
            throw new FormatException(options.Model == "transformer" ? "option --epochs: the transformer trains for --steps"
                : $"option --steps: only the transformer trains by steps; {options.Model} takes --epochs");
        return options;
    }
}
