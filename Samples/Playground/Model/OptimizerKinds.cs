using MiniNet.Optimizers;

namespace Playground.Model;

/// <summary>What each <see cref="OptimizerKind"/> is called, the rule it applies, and the library optimizer that applies it.</summary>
public static class OptimizerKinds
{
    /// <summary>Every kind, in the order the page lists them.</summary>
    public static IReadOnlyList<OptimizerKind> All { get; } = Enum.GetValues<OptimizerKind>();

    /// <summary>The kind's name for a menu or a legend, e.g. "momentum (PyTorch form)".</summary>
    public static string Label(OptimizerKind kind) => kind switch
    {
        OptimizerKind.Sgd => "SGD",
        OptimizerKind.MomentumPyTorch => "momentum (PyTorch form)",
        OptimizerKind.MomentumKeras => "momentum (Keras form)",
        OptimizerKind.Nesterov => "Nesterov",
        OptimizerKind.Adam => "Adam",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "not an optimizer kind"),
    };

    /// <summary>Whether the kind reads the momentum setting (the momentum and Nesterov rules; SGD and Adam ignore it).</summary>
    public static bool UsesMomentum(OptimizerKind kind) =>
        kind is OptimizerKind.MomentumPyTorch or OptimizerKind.MomentumKeras or OptimizerKind.Nesterov;

    /// <summary>The update rule with gradient g, momentum m and learning rate lr, e.g. "v = m·v + g;  w = w − lr·v".</summary>
    public static string Rule(OptimizerKind kind) => kind switch
    {
        OptimizerKind.Sgd => "w = w − lr·g",
        OptimizerKind.MomentumPyTorch => "v = m·v + g;  w = w − lr·v",
        OptimizerKind.MomentumKeras => "v = m·v − lr·g;  w = w + v",
        OptimizerKind.Nesterov => "v = m·v + g;  w = w − lr·(g + m·v)",
        OptimizerKind.Adam => "m₁ = β₁m₁ + (1−β₁)g;  m₂ = β₂m₂ + (1−β₂)g²;  w = w − lr·m̂₁/(√m̂₂ + ε)",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "not an optimizer kind"),
    };

    /// <summary>A new library optimizer of this kind. <paramref name="momentum"/> is ignored by SGD and Adam;
    /// <paramref name="weightDecay"/> adds weightDecay·w to every gradient (L2 regularisation, PyTorch's weight_decay).</summary>
    public static Optimizer Create(OptimizerKind kind, double learningRate, double momentum, double weightDecay = 0) => kind switch
    {
        OptimizerKind.Sgd => new Sgd(learningRate, weightDecay: weightDecay),
        OptimizerKind.MomentumPyTorch => new Sgd(learningRate, momentum, weightDecay: weightDecay),
        OptimizerKind.MomentumKeras => new Sgd(learningRate, momentum, weightDecay: weightDecay, form: MomentumForm.Keras),
        OptimizerKind.Nesterov => new Sgd(learningRate, momentum, nesterov: true, weightDecay: weightDecay),
        OptimizerKind.Adam => new Adam(learningRate, weightDecay: weightDecay),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "not an optimizer kind"),
    };
}
