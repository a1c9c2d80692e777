using MiniNet.Samples;

namespace MnistLite;

/// <summary>The sample's command-line options, with the recipe of the issue as defaults.</summary>
public sealed record MnistOptions
{
    /// <summary>The text printed with every option error.</summary>
    public const string Usage = """
        usage: dotnet run -c Release --project Samples/MnistLite -- [options]
          --model mlp|cnn     the 784-128-10 MLP, or Keras's simple MNIST convnet on 28x28x1 images (default mlp)
          --epochs N          training epochs (default 10; cnn: 15)
          --batch N           batch size (default 64)
          --lr X              learning rate (default 0.1; cnn: 0.05)
          --momentum X        momentum in [0,1) (default 0.9)
          --nesterov          use Nesterov momentum
          --optimizer sgd|adam  momentum SGD (default) or Adam (its default lr 0.001; --momentum and --nesterov do not apply)
          --hidden A,B,...    hidden layer widths (default 128)
          --seed N            seed for weights and shuffling (default 13)
          --validation-split X  validate on the last X of the training file, as Keras (default 0.1; 0: no validation)
          --threads N         threads for the kernels (default: all cores)
          --train PATH        training data: CSV (label,p0..p783; .gz ok) or IDX images file (default data/mnist-lite/train.csv.gz)
          --test PATH         test data, same formats (default data/mnist-lite/test.csv.gz)
          --json PATH         write a JSON summary of the run
          --plot PATH         learning-curve PNG (default out/mnist-lite/learning-curves.png)
          --export-onnx PATH  after training, write the model as an ONNX file (input "input", output "output": logits)
          --save PATH         write a checkpoint (weights, optimizer state, data position) after every epoch
          --checkpoint-every N  also write it every N batches (needs --save)
          --resume PATH       continue the run saved in PATH; --epochs is the total (2 epochs, then --resume --epochs 3: the third)
          --no-check-finite   do not stop when the loss or a gradient turns NaN or infinite (a little faster)
          --profile           after every epoch, print where its time went: each op's forward and backward passes, the rest
          --profile-shapes    the same, each op kind's rows told apart by their shapes (matmul (64,784) x (784,128) -> ...)
          --distributed       train as one rank of an MPI job (mpiexec -n N ... --distributed): each rank trains on its part of
                              every batch of --batch examples, the gradients averaged over the ranks; needs MPICH
        """;

    /// <summary>Training epochs.</summary>
    public int Epochs => GivenEpochs ?? (Model == "cnn" ? 15 : 10);

    /// <summary>The epochs given with --epochs, if any.</summary>
    public int? GivenEpochs { get; init; }

    /// <summary>"mlp" (784-hidden-10 ReLU) or "cnn" (Keras's simple MNIST convnet: conv 3×3 ×32, max-pool, conv 3×3 ×64,
    /// max-pool, flatten, dropout 0.5, dense 10, on (28, 28, 1) images).</summary>
    public string Model { get; init; } = "mlp";

    /// <summary>Batch size.</summary>
    public int Batch { get; init; } = 64;

    /// <summary>Learning rate.</summary>
    public double LearningRate => GivenLearningRate ?? (Optimizer == "adam" ? 0.001 : Model == "cnn" ? 0.05 : 0.1);

    /// <summary>"sgd" (momentum SGD, the default) or "adam".</summary>
    public string Optimizer { get; init; } = "sgd";

    /// <summary>The learning rate given with --lr, if any.</summary>
    public double? GivenLearningRate { get; init; }

    /// <summary>Momentum coefficient.</summary>
    public double Momentum { get; init; } = 0.9;

    /// <summary>The fraction of the training file, its last examples, held out for validation (Keras's validation_split);
    /// 0 trains on all of it without validation, as the speed benchmark against libtorch does.</summary>
    public double ValidationSplit { get; init; } = 0.1;

    /// <summary>Whether to use Nesterov momentum.</summary>
    public bool Nesterov { get; init; }

    /// <summary>Hidden layer widths.</summary>
    public int[] Hidden { get; init; } = [128];

    /// <summary>Seed for the initial weights and the shuffle.</summary>
    public int Seed { get; init; } = 13;

    /// <summary>Kernel threads, or null for all cores.</summary>
    public int? Threads { get; init; }

    /// <summary>Training data path, or null for the shipped MNIST-lite file.</summary>
    public string? Train { get; init; }

    /// <summary>Test data path, or null for the shipped MNIST-lite file.</summary>
    public string? Test { get; init; }

    /// <summary>Where to write the JSON summary, if anywhere.</summary>
    public string? Json { get; init; }

    /// <summary>Where to write the learning-curve PNG.</summary>
    public string Plot { get; init; } = Path.Combine("out", "mnist-lite", "learning-curves.png");

    /// <summary>Where to write the trained model as an ONNX file, if anywhere.</summary>
    public string? ExportOnnx { get; init; }

    /// <summary>Where to write a checkpoint after every epoch, if anywhere.</summary>
    public string? Save { get; init; }

    /// <summary>Batches between extra checkpoints, or null for epoch ends only.</summary>
    public int? CheckpointEvery { get; init; }

    /// <summary>The checkpoint to resume from, if any.</summary>
    public string? Resume { get; init; }

    /// <summary>Whether training stops at the first NaN or infinite loss or gradient.</summary>
    public bool CheckFinite { get; init; } = true;

    /// <summary>Whether to print each epoch's profile (MiniNet.Diagnostics.Profiler).</summary>
    public bool Profile { get; init; }

    /// <summary>Whether the profile's rows are grouped by the ops' shapes too (implies <see cref="Profile"/>).</summary>
    public bool ProfileShapes { get; init; }

    /// <summary>Whether this process is one rank of an MPI job that trains data-parallel (--batch is then the global batch).</summary>
    public bool Distributed { get; init; }

    /// <summary>Parses the arguments; throws <see cref="FormatException"/> with a one-line message on a bad option or value.</summary>
    public static MnistOptions Parse(string[] args)
    {
        var options = new MnistOptions();
        for (int i = 0; i < args.Length; i++)
        {
            string name = args[i];
            string Value() => i + 1 < args.Length ? args[++i] : throw new FormatException($"option {name} needs a value");
            options = name switch
            {
                "--epochs" => options with { GivenEpochs = OptionValues.Positive(name, Value()) },
                "--model" => options with { Model = Value() is "mlp" or "cnn" ? args[i] : throw new FormatException($"option {name}: '{args[i]}' is not mlp or cnn") },
                "--batch" => options with { Batch = OptionValues.Positive(name, Value()) },
                "--lr" => options with { GivenLearningRate = OptionValues.Number(name, Value(), min: 0, maxExclusive: double.PositiveInfinity) },
                "--momentum" => options with { Momentum = OptionValues.Number(name, Value(), min: 0, maxExclusive: 1) },
                "--validation-split" => options with { ValidationSplit = OptionValues.Number(name, Value(), min: 0, maxExclusive: 1) },
                "--nesterov" => options with { Nesterov = true },
                "--optimizer" => options with { Optimizer = Value() is "sgd" or "adam" ? args[i] : throw new FormatException($"option {name}: '{args[i]}' is not sgd or adam") },
                "--hidden" => options with { Hidden = Value().Split(',').Select(width => OptionValues.Positive(name, width)).ToArray() },
                "--seed" => options with { Seed = OptionValues.Integer(name, Value()) },
                "--threads" => options with { Threads = OptionValues.Positive(name, Value()) },
                "--train" => options with { Train = Value() },
                "--test" => options with { Test = Value() },
                "--json" => options with { Json = Value() },
                "--plot" => options with { Plot = Value() },
                "--export-onnx" => options with { ExportOnnx = Value() },
                "--save" => options with { Save = Value() },
                "--checkpoint-every" => options with { CheckpointEvery = OptionValues.Positive(name, Value()) },
                "--resume" => options with { Resume = Value() },
                "--no-check-finite" => options with { CheckFinite = false },
                "--profile" => options with { Profile = true },
                "--profile-shapes" => options with { Profile = true, ProfileShapes = true },
                "--distributed" => options with { Distributed = true },
                _ => throw new FormatException($"unknown option '{name}'"),
            };
        }
        if (options.Nesterov && options.Momentum == 0) throw new FormatException("--nesterov needs --momentum > 0");
        if (options.CheckpointEvery != null && options.Save == null) throw new FormatException("--checkpoint-every needs --save");
        return options;
    }
}
