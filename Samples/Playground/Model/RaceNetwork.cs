using MiniNet.Autodiff;
using MiniNet.Layers;
using MiniNet.Tensors;

namespace Playground.Model;

/// <summary>
/// A race's two networks as one, so that a batch goes forward and back once for both racers: each layer's kernels are
/// stacked, (racers, inputs, units), and so are its biases, (racers, 1, units), and its outputs, (racers, batch, units),
/// racer after racer; the first layer reads the features both racers share. Each racer keeps its own network and optimizer:
/// before every pass the racers' weights are copied in, and after it each racer's gradients are cut out and handed to its
/// own optimizer.
/// <para>The numbers are bit for bit a lone run's: a racer's products are its own rows times its own kernel
/// (<see cref="RacersMatMulOp"/>), its bias and activation are element by element, and the loss is twice the mean over
/// both racers' outputs, 2·batch of them, so each output's gradient is 2 · 1/(2·batch), exactly the lone run's 1/batch
/// (scaling by 2 is exact in binary floating point).</para>
/// </summary>
internal sealed class RaceNetwork
{
    private const int Racers = 2;
    private readonly PlaygroundRun[] _racers;
    private readonly Dense[][] _racerLayers;
    private readonly Variable[] _kernels, _biases;
    private readonly Variable[] _variables;
    private readonly Activation[] _activations;

    /// <summary>Stacks two runs with the same points, batches and layer sizes (a <see cref="Race"/>'s).</summary>
    public RaceNetwork(PlaygroundRun first, PlaygroundRun second)
    {
        _racers = [first, second];
        _racerLayers = [.. _racers.Select(racer => racer.Model.Layers.Cast<Dense>().ToArray())];
        var layers = _racerLayers[0];
        _kernels = [.. layers.Select((layer, index) => new Variable(Tensor.Zeros([Racers, layer.InputSize, layer.Units]), $"racers_kernel_{index}"))];
        _biases = [.. layers.Select((layer, index) => new Variable(Tensor.Zeros([Racers, 1, layer.Units]), $"racers_bias_{index}"))];
        _activations = [.. layers.Select(layer => layer.Activation)];
        _variables = [.. _kernels.Zip(_biases).SelectMany(layer => new[] { layer.First, layer.Second })];
    }

    /// <summary>One optimizer step of each racer on the epoch's next batch, which both racers share.</summary>
    public void Step()
    {
        using var scope = new TensorScope();
        var (features, targets) = _racers[0].NextBatch();
        _racers[1].NextBatch();
        CopyWeightsIn();
        IReadOnlyList<Tensor?> gradients;
        using (var tape = new GradientTape())
        {
            var outputs = LayerOutputs(features)[^1];
            gradients = tape.Gradient(_racers[0].LossFunction.Call(Twice(targets), outputs) * 2.0, _variables);
        }
        for (int racer = 0; racer < Racers; racer++) _racers[racer].ApplyGradients(CutOut(gradients, racer));
    }

    /// <summary>Records each racer's losses over the training and the test points, from one pass over each set.</summary>
    public void RecordLosses()
    {
        using var scope = new TensorScope();
        CopyWeightsIn();
        var train = LayerOutputs(_racers[0].TrainSet.Features)[^1];
        var test = LayerOutputs(_racers[0].TestSet.Features)[^1];
        for (int racer = 0; racer < Racers; racer++)
        {
            var run = _racers[racer];
            run.RecordLosses(run.Loss(run.TrainSet.Targets, PlaygroundRun.RacerPart(train, racer)),
                run.Loss(run.TestSet.Targets, PlaygroundRun.RacerPart(test, racer)));
        }
    }

    /// <summary>Each racer's <see cref="PlaygroundRun.Picture(int, int)"/>, from one forward pass over the grid.</summary>
    public (NetworkPicture First, NetworkPicture Second) Pictures(int resolution, int neuronStride)
    {
        PlaygroundRun.CheckPicture(resolution, neuronStride);
        var grid = _racers[0].GridPoints(resolution);
        using var scope = new TensorScope();
        CopyWeightsIn();
        var outputs = LayerOutputs(grid);
        return (_racers[0].Picture(resolution, neuronStride, outputs, racer: 0), _racers[1].Picture(resolution, neuronStride, outputs, racer: 1));
    }

    // The inputs (points, features), then each layer's outputs, (racers, points, units).
    private List<Tensor> LayerOutputs(Tensor inputs)
    {
        var outputs = new List<Tensor> { inputs };
        for (int layer = 0; layer < _kernels.Length; layer++)
            outputs.Add(_activations[layer].Apply(RacersMatMulOp.Apply(outputs[^1], _kernels[layer]) + _biases[layer]));
        return outputs;
    }

    // Each racer's kernels and biases into its part of the stacks.
    private void CopyWeightsIn()
    {
        for (int layer = 0; layer < _kernels.Length; layer++)
        for (int racer = 0; racer < Racers; racer++)
        {
            var own = _racerLayers[racer][layer];
            own.Kernel.AsSpan<float>().CopyTo(_kernels[layer].AsSpan<float>()[(racer * own.Kernel.Length)..]);
            own.Bias!.AsSpan<float>().CopyTo(_biases[layer].AsSpan<float>()[(racer * own.Units)..]);
        }
    }

    // The racer's gradients, in its own variables' order, cut out of the stacked ones (kernel and bias of each layer in
    // turn, as _variables).
    private Tensor?[] CutOut(IReadOnlyList<Tensor?> stacked, int racer)
    {
        var ownVariables = _racers[racer].Model.TrainableVariables;
        var gradients = new Tensor?[ownVariables.Count];
        for (int layer = 0; layer < _kernels.Length; layer++)
        {
            var own = _racerLayers[racer][layer];
            gradients[IndexOf(ownVariables, own.Kernel)] = RacerPart(stacked[2 * layer]!, racer, [.. own.Kernel.Shape]);
            gradients[IndexOf(ownVariables, own.Bias!)] = RacerPart(stacked[2 * layer + 1]!, racer, [.. own.Bias!.Shape]);
        }
        return gradients;
    }

    // The racer's part of a stacked gradient, shaped like the racer's own variable.
    private static Tensor RacerPart(Tensor stacked, int racer, int[] shape)
    {
        int length = stacked.Length / Racers;
        return new Tensor(stacked.AsSpan<float>().Slice(racer * length, length).ToArray(), shape);
    }

    // The targets once per racer, (racers, batch, 1).
    private static Tensor Twice(Tensor targets)
    {
        var values = targets.AsSpan<float>();
        var twice = new float[Racers * values.Length];
        for (int racer = 0; racer < Racers; racer++) values.CopyTo(twice.AsSpan(racer * values.Length));
        return new Tensor(twice, Racers, values.Length, 1);
    }

    private static int IndexOf(IReadOnlyList<Variable> variables, Variable variable)
    {
        for (int index = 0; index < variables.Count; index++)
            if (ReferenceEquals(variables[index], variable)) return index;
        throw new ArgumentException("not one of the racer's variables", nameof(variable));
    }
}
