using MiniNet.Ops;
using MiniNet.Tensors;

namespace MiniNet.Layers;

/// <summary>A named element-wise (or, for softmax, row-wise) function applied to a layer's output.</summary>
public sealed class Activation
{
    private readonly Func<Tensor, Tensor> _function;
    private readonly Func<Tensor, Tensor, Tensor>? _withBias;

    private Activation(string name, Func<Tensor, Tensor> function, FusibleActivation? fusible = null, Func<Tensor, Tensor, Tensor>? withBias = null) =>
        (Name, _function, Fusible, _withBias) = (name, function, fusible, withBias);

    /// <summary>The identity: the layer outputs its affine map (logits).</summary>
    public static Activation Linear { get; } = new("linear", x => x);

    /// <summary>max(x, 0).</summary>
    public static Activation Relu { get; } = new("relu", x => x.Relu(), FusibleActivation.Relu);

    /// <summary>1 / (1 + e⁻ˣ).</summary>
    public static Activation Sigmoid { get; } = new("sigmoid", x => x.Sigmoid(), FusibleActivation.Sigmoid);

    /// <summary>tanh x.</summary>
    public static Activation Tanh { get; } = new("tanh", x => x.Tanh(), FusibleActivation.Tanh);

    /// <summary>x·Φ(x), Φ the standard normal distribution function (exact, via erf), as PyTorch's <c>nn.GELU()</c> and
    /// Keras's "gelu".</summary>
    public static Activation Gelu { get; } = new("gelu", x => x.Gelu(), withBias: (x, bias) => BiasGeluOp.Apply(x, bias));

    /// <summary>GELU with Φ approximated by tanh (GPT-2's), as PyTorch's <c>nn.GELU(approximate="tanh")</c>.</summary>
    public static Activation GeluTanh { get; } = new("gelu_tanh", x => x.Gelu(approximate: true),
        withBias: (x, bias) => BiasGeluOp.Apply(x, bias, approximate: true));

    /// <summary>Softmax over the last axis (each row becomes a probability distribution).</summary>
    public static Activation Softmax { get; } = new("softmax", x => x.Softmax());

    /// <summary>The Keras name: "linear", "relu", "sigmoid", "tanh", "softmax", "gelu" or "gelu_tanh".</summary>
    public string Name { get; }

    /// <summary>The element-wise function a <see cref="Dense"/> layer runs together with its bias add, or null when it cannot
    /// (linear needs no op; softmax is not element-wise).</summary>
    internal FusibleActivation? Fusible { get; }

    /// <summary>Applies the activation.</summary>
    public Tensor Apply(Tensor x) => _function(x);

    /// <summary>activation(x + bias), the bias added to every row: one op for the GELUs (<see cref="BiasGeluOp"/>), an add
    /// and the activation for the others (the ones <see cref="Fusible"/> names go to <see cref="BiasActivationOp"/> instead).</summary>
    internal Tensor ApplyWithBias(Tensor x, Tensor bias) => _withBias?.Invoke(x, bias) ?? _function(x + bias);

    /// <summary>The activation with the given Keras name (case-insensitive).</summary>
    /// <exception cref="ArgumentException">The name is not one of the known activations; the message lists them.</exception>
    public static Activation FromName(string name)
    {
        var known = new[] { Linear, Relu, Sigmoid, Tanh, Softmax, Gelu, GeluTanh };
        return known.FirstOrDefault(a => string.Equals(a.Name, name, StringComparison.OrdinalIgnoreCase))
            ?? throw new ArgumentException($"activation: unknown name '{name}'; known: {string.Join(", ", known.Select(a => a.Name))}", nameof(name));
    }

    /// <summary>The name.</summary>
    public override string ToString() => Name;
}
