using MiniNet.Tensors;

namespace MiniNet.Layers;

/// <summary>
/// The Elman recurrent layer, as Keras's SimpleRNN and PyTorch's RNN: h_t = activation(x_t·W_ihᵀ + b_ih + h_{t-1}·W_hhᵀ + b_hh),
/// with tanh by default, over sequences (batch, time, features). One gate: the weights are (features, units) and
/// (units, units). See <see cref="Recurrent"/> for the weights, the initial state and backpropagation through time.
/// </summary>
public sealed class SimpleRNN : Recurrent
{
    /// <summary>Describes the layer; its weights are created when a model builds it.</summary>
    /// <param name="units">The hidden state's width; must be positive.</param>
    /// <param name="activation">Default tanh (PyTorch's <c>nonlinearity</c>: tanh or relu).</param>
    /// <param name="returnSequences">Output every step's state, (batch, time, units), instead of the last, (batch, units).</param>
    public SimpleRNN(int units, Activation? activation = null, bool returnSequences = false) : base(units, returnSequences, gates: 1) =>
        Activation = activation ?? Activation.Tanh;

    /// <summary>The function applied to the sum of the two contributions.</summary>
    public Activation Activation { get; }

    /// <inheritdoc />
    protected override RecurrentState Step(Tensor inputGates, RecurrentState previous) =>
        previous with { Hidden = Activation.Apply(inputGates + RecurrentGates(previous.Hidden)) };
}
