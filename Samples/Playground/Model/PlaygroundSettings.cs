namespace Playground.Model;

/// <summary>
/// Everything that decides a run: the data, the network, the optimizer and the seed. Two runs from equal settings produce
/// the same numbers step for step. The defaults are TensorFlow Playground's (XOR, two hidden layers of four tanh units,
/// batch 10, learning rate 0.03), with the optimizer MiniNet is built around, momentum SGD.
/// </summary>
public sealed record PlaygroundSettings
{
    /// <summary>The most hidden layers the page lets a network have.</summary>
    public const int MaxHiddenLayers = 6;

    /// <summary>The most units a hidden layer may have.</summary>
    public const int MaxWidth = 8;

    /// <summary>The learning rates the page offers (TensorFlow Playground's list).</summary>
    public static IReadOnlyList<double> LearningRates { get; } = [0.00001, 0.0001, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3, 10];

    /// <summary>The L1 and L2 rates the page offers, 0 meaning none.</summary>
    public static IReadOnlyList<double> RegularizationRates { get; } = [0, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3, 10];

    /// <summary>Which data set to draw.</summary>
    public DataShape Shape { get; init; } = DataShape.Xor;

    /// <summary>Whether <see cref="Shape"/> is a regression set (a target value per point, squared error) rather than a
    /// classification set (a class per point, binary cross-entropy).</summary>
    public bool IsRegression => Shape is DataShape.Plane or DataShape.MultiGaussian;

    /// <summary>What the network is fed about each point, in order; x and y by default.</summary>
    public IReadOnlyList<InputFeature> Features { get; init; } = [InputFeature.X, InputFeature.Y];

    /// <summary>How much the points are jittered, 0 to 0.5.</summary>
    public double Noise { get; init; }

    /// <summary>The share of the points used for training, 0.1 to 0.9; the rest are test points.</summary>
    public double TrainFraction { get; init; } = 0.5;

    /// <summary>How many points to draw, training and test together.</summary>
    public int PointCount { get; init; } = 500;

    /// <summary>The seed of the points, their split, the initial weights and the batch order.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>The width of each hidden layer, input side first; empty for a linear model.</summary>
    public IReadOnlyList<int> HiddenWidths { get; init; } = [4, 4];

    /// <summary>The activation of every hidden layer.</summary>
    public HiddenActivation Activation { get; init; } = HiddenActivation.Tanh;

    /// <summary>The optimizer's learning rate lr.</summary>
    public double LearningRate { get; init; } = 0.03;

    /// <summary>Training points per optimizer step.</summary>
    public int BatchSize { get; init; } = 10;

    /// <summary>L2 weight decay λ: the optimizer adds λ·w to every gradient (PyTorch's weight_decay), 0 for none.</summary>
    public double L2 { get; init; }

    /// <summary>L1 penalty λ: λ·sign(w) is added to the gradient of every kernel weight (TensorFlow Playground's L1,
    /// which spares the biases), pushing weights that do not earn their keep to exactly 0; 0 for none.</summary>
    public double L1 { get; init; }

    /// <summary>Which optimizer trains the network.</summary>
    public OptimizerKind Optimizer { get; init; } = OptimizerKind.MomentumPyTorch;

    /// <summary>The momentum m of the momentum and Nesterov optimizers, in [0, 1).</summary>
    public double Momentum { get; init; } = 0.9;

    /// <summary>Why settings that are each within range cannot train together, in words for the page to show beside the
    /// controls; null when they can. Nesterov at momentum 0 is the one such case (PyTorch refuses it too: its look-ahead
    /// is a momentum step).</summary>
    public string? Conflict => Optimizer == OptimizerKind.Nesterov && Momentum == 0
        ? "Nesterov needs a momentum above 0: its look-ahead is a momentum step. Raise the momentum or choose another optimizer."
        : null;

    /// <summary>A record compares lists by reference; two settings are the same run when every value is equal.</summary>
    public bool Equals(PlaygroundSettings? other) => other is not null && Shape == other.Shape && Noise == other.Noise &&
        TrainFraction == other.TrainFraction && PointCount == other.PointCount && Seed == other.Seed &&
        Features.SequenceEqual(other.Features) && HiddenWidths.SequenceEqual(other.HiddenWidths) && Activation == other.Activation &&
        LearningRate == other.LearningRate && BatchSize == other.BatchSize && L1 == other.L1 && L2 == other.L2 &&
        Optimizer == other.Optimizer && Momentum == other.Momentum;

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Shape, Seed, HiddenWidths.Count, Optimizer, LearningRate, Momentum);

    /// <summary>Checks every setting, naming the first one out of range.</summary>
    /// <exception cref="ArgumentException">A setting is out of range; the message names it, its value and the range.</exception>
    public void Validate()
    {
        if (Noise is < 0 or > 0.5) throw Invalid(nameof(Noise), Noise, "between 0 and 0.5");
        if (TrainFraction is < 0.1 or > 0.9) throw Invalid(nameof(TrainFraction), TrainFraction, "between 0.1 and 0.9");
        if (PointCount is < 10 or > 10_000) throw Invalid(nameof(PointCount), PointCount, "between 10 and 10000");
        if (HiddenWidths.Count > MaxHiddenLayers) throw Invalid(nameof(HiddenWidths), HiddenWidths.Count, $"at most {MaxHiddenLayers} hidden layers");
        for (int layer = 0; layer < HiddenWidths.Count; layer++)
            if (HiddenWidths[layer] is < 1 or > MaxWidth)
                throw Invalid(nameof(HiddenWidths), HiddenWidths[layer], $"a width between 1 and {MaxWidth} (hidden layer {layer + 1})");
        if (!(LearningRate > 0 && double.IsFinite(LearningRate))) throw Invalid(nameof(LearningRate), LearningRate, "a positive number");
        if (BatchSize is < 1 or > 100) throw Invalid(nameof(BatchSize), BatchSize, "between 1 and 100");
        if (!(L1 >= 0 && double.IsFinite(L1))) throw Invalid(nameof(L1), L1, "0 or a positive number");
        if (Features.Count == 0 || Features.Distinct().Count() != Features.Count || !Features.All(Enum.IsDefined))
            throw Invalid(nameof(Features), string.Join(",", Features), "one or more distinct input features");
        if (!(L2 >= 0 && double.IsFinite(L2))) throw Invalid(nameof(L2), L2, "0 or a positive number");
        if (Momentum is < 0 or >= 1 || double.IsNaN(Momentum)) throw Invalid(nameof(Momentum), Momentum, "in [0, 1)");
        if (Conflict is not null) throw Invalid(nameof(Momentum), Momentum, "above 0 for Nesterov");
        if (!Enum.IsDefined(Shape)) throw Invalid(nameof(Shape), Shape, "a data shape");
        if (!Enum.IsDefined(Activation)) throw Invalid(nameof(Activation), Activation, "an activation");
        if (!Enum.IsDefined(Optimizer)) throw Invalid(nameof(Optimizer), Optimizer, "an optimizer kind");
    }

    private static ArgumentException Invalid(string name, object value, string expected) =>
        new($"playground: {name} must be {expected}, got {Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)}", name);
}
