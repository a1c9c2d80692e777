using MiniNet.Tensors;

namespace MiniNet.Layers;

/// <summary>
/// The gated recurrent unit with PyTorch's equations and gate order (r, z, n), over sequences (batch, time, features):
/// <code>
/// r = σ(x·W_irᵀ + b_ir + h·W_hrᵀ + b_hr)            reset gate
/// z = σ(x·W_izᵀ + b_iz + h·W_hzᵀ + b_hz)            update gate
/// n = tanh(x·W_inᵀ + b_in + r ⊙ (h·W_hnᵀ + b_hn))   candidate
/// h' = (1 - z) ⊙ n + z ⊙ h
/// </code>
/// The reset gate multiplies the hidden contribution after its product (Keras's <c>reset_after=True</c>, ONNX's
/// <c>linear_before_reset=1</c>). The weights are (features, 3·units) and (units, 3·units); see <see cref="Recurrent"/>.
/// </summary>
public sealed class GRU : Recurrent
{
    /// <summary>Describes the layer; its weights are created when a model builds it.</summary>
    /// <param name="units">The hidden state's width; must be positive.</param>
    /// <param name="returnSequences">Output every step's state, (batch, time, units), instead of the last, (batch, units).</param>
    public GRU(int units, bool returnSequences = false) : base(units, returnSequences, gates: 3) { }

    /// <inheritdoc />
    protected override RecurrentState Step(Tensor inputGates, RecurrentState previous)
    {
        var hiddenGates = RecurrentGates(previous.Hidden);
        var reset = (Gate(inputGates, 0) + Gate(hiddenGates, 0)).Sigmoid();
        var update = (Gate(inputGates, 1) + Gate(hiddenGates, 1)).Sigmoid();
        var candidate = (Gate(inputGates, 2) + reset * Gate(hiddenGates, 2)).Tanh();
        return previous with { Hidden = (1 - update) * candidate + update * previous.Hidden };
    }
}
