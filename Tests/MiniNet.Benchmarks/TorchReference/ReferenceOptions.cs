using MiniNet.Samples;

namespace TorchReference;

/// <summary>The reference's command-line options: the MnistLite sample's names and defaults, plus the model and the optimizer.</summary>
public sealed record ReferenceOptions
{
    /// <summary>The text printed with every option error.</summary>
    public const string Usage = """
        usage: Tests/MiniNet.Benchmarks/TorchReference/run.sh [options]
          --model mlp|cnn|gpt mlp: 784-hidden-10 ReLU; cnn: Keras's simple MNIST convnet; gpt: the CharGpt sample's run (default mlp)
          --optimizer sgd|adam  momentum SGD or Adam (default sgd)
          --epochs N          training epochs (default 10)
          --batch N           batch size (default 64)
          --lr X              learning rate (default 0.1; with --optimizer adam 0.001, Keras's and PyTorch's default)
          --momentum X        momentum in [0,1), SGD only (default 0.9)
          --hidden A,B,...    hidden layer widths of the mlp (default 128)
          --seed N            seed for weights, dropout and shuffling (default 13)
          --threads N         libtorch's threads (default: all cores)
          --train PATH        training data: CSV (label,p0..p783; .gz ok) or IDX images file (default data/mnist-lite/train.csv.gz)
          --test PATH         test data, same formats (default data/mnist-lite/test.csv.gz)
          --json PATH         write the JSON summary there instead of to standard output
          --iterations N      gpt: training iterations (default 2000)
          --eval-every N      gpt: iterations between validation losses (default 200)
          --text PATH         gpt: the book (default data/pride-and-prejudice/pride-and-prejudice.txt)
          --gemm              instead of training, print libtorch's matmul GFLOP/s at the MLP's shapes and 1024^3, 1 and 2 threads
        """;

    /// <summary>"mlp", "cnn" or "gpt".</summary>
    public string Model { get; init; } = "mlp";

    /// <summary>"sgd" or "adam".</summary>
    public string Optimizer { get; init; } = "sgd";

    /// <summary>Training epochs.</summary>
    public int Epochs { get; init; } = 10;

    /// <summary>Batch size.</summary>
    public int Batch { get; init; } = 64;

    /// <summary>The learning rate given, or null for the optimizer's default (see <see cref="LearningRate"/>).</summary>
    public double? GivenLearningRate { get; init; }

    /// <summary>The learning rate: the one given, else 0.1 for SGD (the sample's) and 0.001 for Adam.</summary>
    public double LearningRate => GivenLearningRate ?? (Optimizer == "adam" ? 0.001 : 0.1);

    /// <summary>Momentum coefficient of SGD.</summary>
    public double Momentum { get; init; } = 0.9;

    /// <summary>Hidden layer widths of the MLP.</summary>
    public int[] Hidden { get; init; } = [128];

    /// <summary>Seed for the initial weights, dropout and the shuffle.</summary>
    public int Seed { get; init; } = 13;

    /// <summary>libtorch's intra-op threads.</summary>
    public int Threads { get; init; } = Environment.ProcessorCount;

    /// <summary>Training data path, or null for the shipped MNIST-lite file.</summary>
    public string? Train { get; init; }

    /// <summary>Test data path, or null for the shipped MNIST-lite file.</summary>
    public string? Test { get; init; }

    /// <summary>Where to write the JSON summary, or null for standard output.</summary>
    public string? Json { get; init; }

    /// <summary>The gpt's training iterations.</summary>
    public int Iterations { get; init; } = 2000;

    /// <summary>The gpt's iterations between validation losses.</summary>
    public int EvalEvery { get; init; } = 200;

    /// <summary>The gpt's text, or null for the shipped book.</summary>
    public string? Text { get; init; }

    /// <summary>Whether to measure matmul speed instead of training.</summary>
    public bool Gemm { get; init; }

    /// <summary>Parses the arguments; throws <see cref="FormatException"/> with a one-line message on a bad option or value.</summary>
    public static ReferenceOptions Parse(string[] args)
    {
        var options = new ReferenceOptions();
        for (int i = 0; i < args.Length; i++)
        {
            string name = args[i];
            string Value() => i + 1 < args.Length ? args[++i] : throw new FormatException($"option {name} needs a value");
            options = name switch
            {
                "--model" => options with { Model = OneOf(name, Value(), "mlp", "cnn", "gpt") },
                "--optimizer" => options with { Optimizer = OneOf(name, Value(), "sgd", "adam") },
                "--epochs" => options with { Epochs = OptionValues.Positive(name, Value()) },
                "--batch" => options with { Batch = OptionValues.Positive(name, Value()) },
                "--lr" => options with { GivenLearningRate = OptionValues.Number(name, Value(), min: 0, maxExclusive: double.PositiveInfinity) },
                "--momentum" => options with { Momentum = OptionValues.Number(name, Value(), min: 0, maxExclusive: 1) },
                "--hidden" => options with { Hidden = Value().Split(',').Select(width => OptionValues.Positive(name, width)).ToArray() },
                "--seed" => options with { Seed = OptionValues.Integer(name, Value()) },
                "--threads" => options with { Threads = OptionValues.Positive(name, Value()) },
                "--train" => options with { Train = Value() },
                "--test" => options with { Test = Value() },
                "--json" => options with { Json = Value() },
                "--iterations" => options with { Iterations = OptionValues.Positive(name, Value()) },
                "--eval-every" => options with { EvalEvery = OptionValues.Positive(name, Value()) },
                "--text" => options with { Text = Value() },
                "--gemm" => options with { Gemm = true },
                _ => throw new FormatException($"unknown option '{name}'"),
            };
        }
        return options;
    }

    private static string OneOf(string name, string text, params string[] allowed) =>
        allowed.Contains(text) ? text : throw new FormatException($"option {name}: '{text}' is not one of {string.Join(", ", allowed)}");
}
