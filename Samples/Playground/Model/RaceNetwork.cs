using MiniNet.Autodiff;
using MiniNet.Ops;
using MiniNet.Layers;
using MiniNet.Tensors;

namespace Playground.Model;

/// <summary>
/// A race's two networks as one, so that a batch goes forward and back once for both racers: each layer is one
/// <see cref="RacersDenseOp"/> over both racers' own kernels and biases, its outputs (racers, batch, units) racer after
/// racer; the first layer reads the features both racers share. The tape hands each racer the gradients of its own
/// variables, and its own optimizer steps them.
/// <para>The numbers are bit for bit a lone run's: a racer's part of each layer is its layer alone, by the same kernels
/// (<see cref="RacersDenseOp"/>), and the loss is twice the mean over both racers' outputs, 2·batch of them, so each
/// output's gradient is 2 · 1/(2·batch), exactly the lone run's 1/batch (scaling by 2 is exact in binary floating point).</para>
/// </summary>
internal sealed class RaceNetwork
{
    private const int Racers = 2;
    private readonly PlaygroundRun[] _racers;
    private readonly Tensor[][] _layerWeights;
    private readonly FusibleActivation?[] _activations;
    private readonly Variable[] _variables;

    /// <summary>Stacks two runs with the same points, batches and layer sizes (a <see cref="Race"/>'s).</summary>
    public RaceNetwork(PlaygroundRun first, PlaygroundRun second)
    {
        _racers = [first, second];
        var racerLayers = _racers.Select(racer => racer.Model.Layers.Cast<Dense>().ToArray()).ToArray();
        _layerWeights = [.. Enumerable.Range(0, racerLayers[0].Length).Select(layer =>
            racerLayers.SelectMany(layers => new Tensor[] { layers[layer].Kernel, layers[layer].Bias! }).ToArray())];
        _activations = [.. racerLayers[0].Select(layer => Fusible(layer.Activation))];
        _variables = [.. _racers.SelectMany(racer => racer.Model.TrainableVariables)];
    }

    /// <summary>One optimizer step of each racer on the epoch's next batch, which both racers share.</summary>
    public void Step()
    {
        using var scope = new TensorScope();
        var (features, targets) = _racers[0].NextBatch();
        _racers[1].NextBatch();
        Tensor?[] gradients;
        using (var tape = new GradientTape())
        {
            var outputs = LayerOutputs(features)[^1];
            gradients = tape.Gradient(_racers[0].LossFunction.Call(Twice(targets), outputs) * 2.0, _variables);
        }
        int first = 0;
        foreach (var racer in _racers)
        {
            int count = racer.Model.TrainableVariables.Count;
            racer.ApplyGradients(new ArraySegment<Tensor?>(gradients, first, count));
            first += count;
        }
    }

    /// <summary>Records each racer's losses over the training and the test points, from one pass over each set.</summary>
    public void RecordLosses()
    {
        using var scope = new TensorScope();
        var train = LayerOutputs(_racers[0].TrainSet.Features)[^1];
        var test = LayerOutputs(_racers[0].TestSet.Features)[^1];
        for (int racer = 0; racer < Racers; racer++)
        {
            var run = _racers[racer];
            run.RecordLosses(run.Loss(run.TrainSet.Targets, PlaygroundRun.RacerPart(train, racer)),
                run.Loss(run.TestSet.Targets, PlaygroundRun.RacerPart(test, racer)));
        }
    }

    /// <summary>The first racer's <see cref="PlaygroundRun.Picture(int, int)"/> and the second's boundary (its
    /// <see cref="NetworkPicture.Output"/>), from one forward pass over the grid.</summary>
    public (NetworkPicture First, float[] SecondBoundary) Pictures(int resolution, int neuronStride)
    {
        PlaygroundRun.CheckPicture(resolution, neuronStride);
        var grid = _racers[0].GridPoints(resolution);
        using var scope = new TensorScope();
        var outputs = LayerOutputs(grid);
        return (_racers[0].Picture(resolution, neuronStride, outputs, racer: 0), _racers[1].OutputColours(outputs[^1], racer: 1));
    }

    // The inputs (points, features), then each layer's outputs, (racers, points, units).
    private List<Tensor> LayerOutputs(Tensor inputs)
    {
        var outputs = new List<Tensor> { inputs };
        for (int layer = 0; layer < _layerWeights.Length; layer++)
            outputs.Add(RacersDenseOp.Apply(outputs[^1], _layerWeights[layer], _activations[layer]));
        return outputs;
    }

    // The activation a racers' layer applies after its bias: what Dense fuses, or none for a linear layer.
    private static FusibleActivation? Fusible(Activation activation) =>
        activation == Activation.Relu ? FusibleActivation.Relu
        : activation == Activation.Sigmoid ? FusibleActivation.Sigmoid
        : activation == Activation.Tanh ? FusibleActivation.Tanh
        : activation == Activation.Linear ? null
        : throw new ArgumentException($"a race has no {activation.Name} layers", nameof(activation));

    // The targets once per racer, (racers, batch, 1).
    private static Tensor Twice(Tensor targets)
    {
        var values = targets.AsSpan<float>();
        var twice = new float[Racers * values.Length];
        for (int racer = 0; racer < Racers; racer++) values.CopyTo(twice.AsSpan(racer * values.Length));
        return new Tensor(twice, Racers, values.Length, 1);
    }
}
