using MathNet.Numerics.Distributions;
using MiniNet.Ops;
using MiniNet.Tensors;

namespace MiniNet.Layers;

/// <summary>
/// A recurrent layer over sequences (batch, time, features): the base of <see cref="SimpleRNN"/>, <see cref="GRU"/> and
/// <see cref="LSTM"/>. It unrolls the sequence in time with ordinary ops (matmul, add, sigmoid, tanh, multiply, and
/// <see cref="SliceOp"/> to take a step or a gate), so the tape records every step and backpropagation through time is the
/// tape's ordinary backward pass: no recurrent layer has a backward of its own. The weights are PyTorch's, transposed as
/// Keras stores a kernel: <see cref="Kernel"/> (features, gates·units) is W_ih, <see cref="RecurrentKernel"/>
/// (units, gates·units) is W_hh, with the two biases b_ih and b_hh, gates side by side in PyTorch's order; all drawn from
/// U(-1/√units, 1/√units), as PyTorch does. The state starts at zero for every batch.
/// </summary>
public abstract class Recurrent : Layer
{
    private readonly int _gates;

    /// <summary>Checks the settings; <paramref name="gates"/> is how many units-wide blocks each weight holds.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="units"/> is not positive.</exception>
    private protected Recurrent(int units, bool returnSequences, int gates)
    {
        if (units <= 0) throw new ArgumentOutOfRangeException(nameof(units), units, $"{GetType().Name}: units must be positive, got {units}");
        (Units, ReturnSequences, _gates) = (units, returnSequences, gates);
    }

    /// <summary>The width of the hidden state, which is the output's width.</summary>
    public int Units { get; }

    /// <summary>Whether the layer outputs the hidden state of every step, (batch, time, units), or only the last,
    /// (batch, units), as Keras's <c>return_sequences</c>.</summary>
    public bool ReturnSequences { get; }

    /// <summary>W_ihᵀ: the input's contribution to every gate, (features, gates·units).</summary>
    public Variable Kernel { get; private set; } = null!;

    /// <summary>W_hhᵀ: the previous hidden state's contribution to every gate, (units, gates·units).</summary>
    public Variable RecurrentKernel { get; private set; } = null!;

    /// <summary>b_ih, added to the input's contribution, (gates·units).</summary>
    public Variable Bias { get; private set; } = null!;

    /// <summary>b_hh, added to the hidden state's contribution, (gates·units).</summary>
    public Variable RecurrentBias { get; private set; } = null!;

    /// <summary>The number of time steps, known once built.</summary>
    public int Steps => InputShape[0];

    /// <inheritdoc />
    public override int OutputSize => ReturnSequences ? Steps * Units : Units;

    /// <inheritdoc />
    public override IReadOnlyList<int> OutputShape => ReturnSequences ? [Steps, Units] : [Units];

    /// <summary>Runs the sequence (batch, time, features) from a zero state, step by step.</summary>
    public override Tensor Call(Tensor inputs)
    {
        int batch = inputs.Shape[0], features = InputShape[1];
        // Every step's input contribution in one product, (batch·time, features)·(features, gates·units): it does not depend on the state.
        var inputGates = (inputs.Reshape(batch * Steps, features).MatMul(Kernel) + Bias).Reshape(batch, Steps, _gates * Units);
        var zeros = Tensor.Zeros([batch, Units], inputs.DType);
        var state = new RecurrentState(zeros, zeros);
        var hiddenStates = new Tensor[Steps];
        for (int t = 0; t < Steps; t++)
        {
            state = Step(SliceOp.Select(inputGates, 1, t), state);
            hiddenStates[t] = state.Hidden;
        }
        return ReturnSequences ? ConcatenateOp.Stack(hiddenStates, axis: 1) : hiddenStates[^1];
    }

    /// <summary>One step: the new state from this step's input contribution x·W_ihᵀ + b_ih, (batch, gates·units), and the
    /// previous state.</summary>
    protected abstract RecurrentState Step(Tensor inputGates, RecurrentState previous);

    /// <summary>h·W_hhᵀ + b_hh, (batch, gates·units): the previous hidden state's contribution to every gate.</summary>
    protected Tensor RecurrentGates(Tensor hidden) => hidden.MatMul(RecurrentKernel) + RecurrentBias;

    /// <summary>Gate <paramref name="index"/>'s block of units, (batch, units), out of (batch, gates·units).</summary>
    protected Tensor Gate(Tensor gates, int index) => SliceOp.Narrow(gates, 1, index * Units, Units);

    /// <summary>Takes sequences (time, features) per example.</summary>
    /// <exception cref="ArgumentException">The input examples are not (time, features).</exception>
    protected override void CreateVariables(IReadOnlyList<int> inputShape, Random random, DType dtype)
    {
        if (inputShape.Count != 2)
            throw new ArgumentException($"layer '{Name}' ({GetType().Name}) takes sequences (time, features), but its input examples are {ShapeMath.Format([.. inputShape])}");
        double limit = 1 / Math.Sqrt(Units);
        Tensor Uniform(params int[] shape)
        {
            var values = new double[ShapeMath.ElementCount(shape)];
            for (int i = 0; i < values.Length; i++) values[i] = ContinuousUniform.Sample(random, -limit, limit);
            return new Tensor(values, shape).To(dtype);
        }
        Kernel = AddVariable("kernel", Uniform(inputShape[1], _gates * Units));
        RecurrentKernel = AddVariable("recurrent_kernel", Uniform(Units, _gates * Units));
        Bias = AddVariable("bias", Uniform(_gates * Units));
        RecurrentBias = AddVariable("recurrent_bias", Uniform(_gates * Units));
    }

    /// <summary>What a recurrent layer carries from one step to the next: the hidden state h, (batch, units), and, for an
    /// LSTM, the cell state c.</summary>
    protected readonly record struct RecurrentState(Tensor Hidden, Tensor Cell);
}
