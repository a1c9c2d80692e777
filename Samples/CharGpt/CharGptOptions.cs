using MiniNet.Samples;

namespace CharGpt;

/// <summary>The sample's command-line options, with nanoGPT's CPU recipe as defaults.</summary>
public sealed record CharGptOptions
{
    /// <summary>The text printed with every option error.</summary>
    public const string Usage = """
        usage: dotnet run -c Release --project Samples/CharGpt -- [options]
          --iterations N      training iterations (batches of 12 windows of 64 characters) in all (default 2000)
          --seed N            seed for the split, the weights, the batches and the generated text (default 1337)
          --data PATH         a plain text file (default data/pride-and-prejudice/pride-and-prejudice.txt, found from any folder)
          --eval-every N      measure the validation loss every N iterations (default 200)
          --eval-batches N    batches of 12 validation windows the loss is averaged over (default 20)
          --generate N        characters to generate at the end (default 500)
          --save PATH         write a checkpoint (weights, optimizer state, iteration) at every validation
          --resume PATH       continue the run saved in PATH; --iterations is the total
          --json PATH         write a JSON summary of the run
          --threads N         kernel threads (default: every core)
          --profile           print where the training iterations' time went, op by op (all but the first iteration;
                              validation passes between them count as time before ops)
          --profile-shapes    the same, each op kind's rows told apart by their shapes (matmul (12,64,128) x ...)
          --eager             build every iteration's step anew (model, loss, tape) instead of replaying the captured one
                              (the same numbers; for stepping through the code)
        """;

    /// <summary>Training iterations in all.</summary>
    public int Iterations { get; init; } = 2000;

    /// <summary>Seed for the split, the initial weights, the batches and the generated text.</summary>
    public int Seed { get; init; } = 1337;

    /// <summary>The text file, or null for the shipped book.</summary>
    public string? Data { get; init; }

    /// <summary>Iterations between validation losses.</summary>
    public int EvalEvery { get; init; } = 200;

    /// <summary>Validation batches per validation loss.</summary>
    public int EvalBatches { get; init; } = 20;

    /// <summary>Characters generated at the end.</summary>
    public int Generate { get; init; } = 500;

    /// <summary>Where to write checkpoints, if anywhere.</summary>
    public string? Save { get; init; }

    /// <summary>The checkpoint to resume from, if any.</summary>
    public string? Resume { get; init; }

    /// <summary>Where to write the JSON summary, if anywhere.</summary>
    public string? Json { get; init; }

    /// <summary>Kernel threads, or null for every core.</summary>
    public int? Threads { get; init; }

    /// <summary>Whether to print the iterations' profile (MiniNet.Diagnostics.Profiler).</summary>
    public bool Profile { get; init; }

    /// <summary>Whether the profile's rows are grouped by the ops' shapes too (implies <see cref="Profile"/>).</summary>
    public bool ProfileShapes { get; init; }

    /// <summary>Whether every iteration's step is built anew instead of replayed (MiniNet.Autodiff.CapturedStep).</summary>
    public bool Eager { get; init; }

    /// <summary>Parses the arguments; throws <see cref="FormatException"/> with a one-line message on a bad option or value.</summary>
    public static CharGptOptions Parse(string[] args)
    {
        var options = new CharGptOptions();
        for (int i = 0; i < args.Length; i++)
        {
            string name = args[i];
            string Value() => i + 1 < args.Length ? args[++i] : throw new FormatException($"option {name} needs a value");
            options = name switch
            {
                "--iterations" => options with { Iterations = OptionValues.Positive(name, Value()) },
                "--seed" => options with { Seed = OptionValues.Integer(name, Value()) },
                "--data" => options with { Data = Value() },
                "--eval-every" => options with { EvalEvery = OptionValues.Positive(name, Value()) },
                "--eval-batches" => options with { EvalBatches = OptionValues.Positive(name, Value()) },
                "--generate" => options with { Generate = OptionValues.Integer(name, Value()) is >= 0 and var count ? count
                    : throw new FormatException($"option --generate: must be 0 or more") },
                "--save" => options with { Save = Value() },
                "--resume" => options with { Resume = Value() },
                "--json" => options with { Json = Value() },
                "--threads" => options with { Threads = OptionValues.Positive(name, Value()) },
                "--profile" => options with { Profile = true },
                "--profile-shapes" => options with { Profile = true, ProfileShapes = true },
                "--eager" => options with { Eager = true },
                _ => throw new FormatException($"unknown option '{name}'"),
            };
        }
        return options;
    }
}
