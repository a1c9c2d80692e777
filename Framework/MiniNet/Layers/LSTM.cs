using MiniNet.Tensors;

namespace MiniNet.Layers;

/// <summary>
/// Long short-term memory with PyTorch's equations and gate order (i, f, g, o), over sequences (batch, time, features):
/// <code>
/// i = σ(x·W_iiᵀ + b_ii + h·W_hiᵀ + b_hi)      input gate
/// f = σ(x·W_ifᵀ + b_if + h·W_hfᵀ + b_hf)      forget gate
/// g = tanh(x·W_igᵀ + b_ig + h·W_hgᵀ + b_hg)   candidate cell
/// o = σ(x·W_ioᵀ + b_io + h·W_hoᵀ + b_ho)      output gate
/// c' = f ⊙ c + i ⊙ g,  h' = o ⊙ tanh(c')
/// </code>
/// The weights are (features, 4·units) and (units, 4·units); the output is h, the cell state c stays inside. See
/// <see cref="Recurrent"/>.
/// </summary>
public sealed class LSTM : Recurrent
{
    /// <summary>Describes the layer; its weights are created when a model builds it.</summary>
    /// <param name="units">The width of the hidden and cell states; must be positive.</param>
    /// <param name="returnSequences">Output every step's hidden state, (batch, time, units), instead of the last, (batch, units).</param>
    public LSTM(int units, bool returnSequences = false) : base(units, returnSequences, gates: 4) { }

    /// <inheritdoc />
    protected override RecurrentState Step(Tensor inputGates, RecurrentState previous)
    {
        var gates = inputGates + RecurrentGates(previous.Hidden);
        var input = Gate(gates, 0).Sigmoid();
        var forget = Gate(gates, 1).Sigmoid();
        var candidate = Gate(gates, 2).Tanh();
        var output = Gate(gates, 3).Sigmoid();
        var cell = forget * previous.Cell + input * candidate;
        return new RecurrentState(output * cell.Tanh(), cell);
    }
}
