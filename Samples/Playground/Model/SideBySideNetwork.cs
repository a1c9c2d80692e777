using MiniNet.Autodiff;
using MiniNet.Initializers;
using MiniNet.Layers;
using MiniNet.Models;
using MiniNet.Tensors;

namespace Playground.Model;

/// <summary>
/// A race's two networks as one network twice as wide, so that a batch goes forward and back once for both racers: the
/// first layer's kernel is the racers' kernels side by side, (features, 2·units), since both read the same features; each
/// later kernel holds them on its diagonal, (2·inputs, 2·units), with zeros where one racer's units would feed the other's;
/// the biases are laid end to end and the output has one column per racer. Each racer keeps its own network and optimizer:
/// before every pass the racers' weights are copied in, and after it each racer's gradients are cut out of the wide ones
/// and handed to its own optimizer.
/// <para>The numbers are bit for bit a lone run's. A racer's outputs are sums over its own units in the same order, plus
/// products with the zeros, which add nothing; the wide loss averages over both columns, 2·batch elements, so every
/// gradient is exactly half the lone run's (halving is exact in binary floating point) and is doubled back when cut out.</para>
/// </summary>
internal sealed class SideBySideNetwork
{
    private readonly PlaygroundRun[] _racers;
    private readonly Dense[][] _racerLayers;
    private readonly Dense[] _layers;
    private readonly Sequential _model;
    private readonly Variable[] _variables;

    /// <summary>Builds the wide network for two runs with the same points, batches and layer sizes (a <see cref="Race"/>'s).</summary>
    public SideBySideNetwork(PlaygroundRun first, PlaygroundRun second)
    {
        _racers = [first, second];
        _racerLayers = [.. _racers.Select(racer => racer.Model.Layers.Cast<Dense>().ToArray())];
        _layers = [.. _racerLayers[0].Select(layer => new Dense(2 * layer.Units, layer.Activation, kernelInitializer: new Zeros()))];
        _model = new Sequential(first.Settings.Features.Count, _layers);
        _variables = [.. _layers.SelectMany(layer => new[] { layer.Kernel, layer.Bias! })];
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
            var outputs = _model.Call(features, training: true);
            gradients = tape.Gradient(_racers[0].LossFunction.Call(Twice(targets), outputs), _variables);
        }
        for (int racer = 0; racer < 2; racer++) _racers[racer].ApplyGradients(CutOut(gradients, racer));
    }

    /// <summary>Records each racer's losses over the training and the test points, from one pass over each set.</summary>
    public void RecordLosses()
    {
        using var scope = new TensorScope();
        CopyWeightsIn();
        var train = _model.Call(_racers[0].TrainSet.Features);
        var test = _model.Call(_racers[0].TestSet.Features);
        for (int racer = 0; racer < 2; racer++)
        {
            var run = _racers[racer];
            run.RecordLosses(run.Loss(run.TrainSet.Targets, PlaygroundRun.Column(train, racer)), run.Loss(run.TestSet.Targets, PlaygroundRun.Column(test, racer)));
        }
    }

    /// <summary>Each racer's <see cref="PlaygroundRun.Picture(int, int)"/>, from one forward pass over the grid.</summary>
    public (NetworkPicture First, NetworkPicture Second) Pictures(int resolution, int neuronStride)
    {
        PlaygroundRun.CheckPicture(resolution, neuronStride);
        var grid = _racers[0].GridPoints(resolution);
        using var scope = new TensorScope();
        CopyWeightsIn();
        var outputs = PlaygroundRun.LayerOutputs(_layers, grid);
        return (_racers[0].Picture(resolution, neuronStride, outputs, racer: 0), _racers[1].Picture(resolution, neuronStride, outputs, racer: 1));
    }

    // Each racer's kernels and biases into its blocks; the blocks off the diagonal stay zero.
    private void CopyWeightsIn()
    {
        for (int layer = 0; layer < _layers.Length; layer++)
        for (int racer = 0; racer < 2; racer++)
        {
            var own = _racerLayers[racer][layer];
            int units = own.Units, firstRow = RowOffset(layer, racer, own.InputSize);
            var kernel = _layers[layer].Kernel.AsSpan<float>();
            var ownKernel = own.Kernel.AsSpan<float>();
            for (int row = 0; row < own.InputSize; row++)
                ownKernel.Slice(row * units, units).CopyTo(kernel.Slice((firstRow + row) * 2 * units + racer * units, units));
            own.Bias!.AsSpan<float>().CopyTo(_layers[layer].Bias!.AsSpan<float>().Slice(racer * units, units));
        }
    }

    // The racer's gradients, in its own variables' order, cut out of the wide network's (kernel and bias of each layer in
    // turn, as _variables) and doubled (see the class summary).
    private Tensor?[] CutOut(IReadOnlyList<Tensor?> wideGradients, int racer)
    {
        var ownVariables = _racers[racer].Model.TrainableVariables;
        var gradients = new Tensor?[ownVariables.Count];
        for (int layer = 0; layer < _layers.Length; layer++)
        {
            var own = _racerLayers[racer][layer];
            int units = own.Units, firstRow = RowOffset(layer, racer, own.InputSize);
            var wideKernel = wideGradients[2 * layer]!.AsSpan<float>();
            var kernel = new float[own.InputSize * units];
            for (int row = 0; row < own.InputSize; row++)
            for (int unit = 0; unit < units; unit++)
                kernel[row * units + unit] = 2 * wideKernel[(firstRow + row) * 2 * units + racer * units + unit];
            var wideBias = wideGradients[2 * layer + 1]!.AsSpan<float>();
            var bias = new float[units];
            for (int unit = 0; unit < units; unit++) bias[unit] = 2 * wideBias[racer * units + unit];
            gradients[IndexOf(ownVariables, own.Kernel)] = new Tensor(kernel, own.InputSize, units);
            gradients[IndexOf(ownVariables, own.Bias!)] = new Tensor(bias, units);
        }
        return gradients;
    }

    // The first layer reads the features both racers share; each later layer reads the racer's own half of the units below.
    private static int RowOffset(int layer, int racer, int inputSize) => layer == 0 ? 0 : racer * inputSize;

    // The targets once per output column, (batch, 2).
    private static Tensor Twice(Tensor targets)
    {
        var values = targets.AsSpan<float>();
        var twice = new float[2 * values.Length];
        for (int point = 0; point < values.Length; point++) twice[2 * point] = twice[2 * point + 1] = values[point];
        return new Tensor(twice, values.Length, 2);
    }

    private static int IndexOf(IReadOnlyList<Variable> variables, Variable variable)
    {
        for (int index = 0; index < variables.Count; index++)
            if (ReferenceEquals(variables[index], variable)) return index;
        throw new ArgumentException("not one of the racer's variables", nameof(variable));
    }
}
