using MiniNet.Autodiff;
using MiniNet.Data;
using MiniNet.Layers;
using MiniNet.Losses;
using MiniNet.Models;
using MiniNet.Optimizers;
using MiniNet.Tensors;

namespace Playground.Model;

/// <summary>
/// One network training on one 2-D data set, a batch at a time, with the library doing all the work: a
/// <see cref="Sequential"/> of dense layers (the chosen input features, the hidden layers, 1 output), binary cross-entropy
/// on the output as a logit for a classification set or mean squared error for a regression set, the chosen optimizer,
/// and the training points shuffled anew each epoch from the seed. The page only draws what it reports.
/// Everything comes from <see cref="Settings"/>: equal settings give equal runs, number for number.
/// </summary>
public sealed class PlaygroundRun
{
    private readonly Loss _lossFunction;
    private readonly Optimizer _optimizer;
    private readonly BatchedDataset _batches;
    private readonly (Tensor Features, Tensor Targets) _train, _test;
    private readonly List<LossPoint> _history = [];
    private IEnumerator<(Tensor Features, Tensor Targets)>? _epochBatches;
    private int _batchesDone;
    private (int Resolution, Tensor Points)? _grid;

    /// <summary>Draws the points, splits them, builds the network from the seed and records the losses before training.</summary>
    /// <exception cref="ArgumentException">A setting is out of range (see <see cref="PlaygroundSettings.Validate"/>).</exception>
    public PlaygroundRun(PlaygroundSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        Settings = settings;
        var points = PointSets.Generate(settings.Shape, settings.PointCount, settings.Noise, settings.Seed);
        int trainCount = Math.Clamp((int)Math.Round(points.Length * settings.TrainFraction), 1, points.Length - 1);
        TrainPoints = points[..trainCount];
        TestPoints = points[trainCount..];
        _train = ToTensors(TrainPoints);
        _test = ToTensors(TestPoints);
        _lossFunction = settings.IsRegression ? new MeanSquaredError() : new BinaryCrossEntropy(fromLogits: true);

        var activation = settings.Activation switch
        {
            HiddenActivation.Relu => Activation.Relu,
            HiddenActivation.Sigmoid => Activation.Sigmoid,
            HiddenActivation.Linear => Activation.Linear,
            _ => Activation.Tanh,
        };
        Model = new Sequential(settings.Features.Count, [.. settings.HiddenWidths.Select(width => new Dense(width, activation)), new Dense(1)], settings.Seed);
        _optimizer = OptimizerKinds.Create(settings.Optimizer, settings.LearningRate, settings.Momentum, settings.L2);
        _batches = Dataset.FromValues(_train.Features.AsSpan<float>().ToArray(), [settings.Features.Count], _train.Targets.AsSpan<float>().ToArray(), [1])
            .Shuffle(settings.Seed).Batch(settings.BatchSize);
        RecordLosses();
    }

    /// <summary>The settings the run was built from.</summary>
    public PlaygroundSettings Settings { get; }

    /// <summary>The network: one input per feature, the hidden layers, 1 output (a logit, P(label 1) = σ(logit), for
    /// classification; the predicted target for regression).</summary>
    public Sequential Model { get; }

    /// <summary>The points the optimizer learns from.</summary>
    public IReadOnlyList<LabeledPoint> TrainPoints { get; }

    /// <summary>The held-out points, only ever evaluated.</summary>
    public IReadOnlyList<LabeledPoint> TestPoints { get; }

    /// <summary>Completed passes over the training points.</summary>
    public int Epoch { get; private set; }

    /// <summary>Optimizer steps taken, one per batch.</summary>
    public int StepCount { get; private set; }

    /// <summary>The mean loss over the training points at the current weights.</summary>
    public double TrainLoss => _history[^1].TrainLoss;

    /// <summary>The mean loss over the test points at the current weights.</summary>
    public double TestLoss => _history[^1].TestLoss;

    /// <summary>The losses before training and after every <see cref="Step"/> and <see cref="TrainEpoch"/> call.</summary>
    public IReadOnlyList<LossPoint> History => _history;

    /// <summary>The tape of the last <see cref="Step"/> call; null until the first.</summary>
    public StepTrace? LastTrace { get; private set; }

    /// <summary>Trains on one batch, keeping its tape in <see cref="LastTrace"/>, and records the losses.</summary>
    public void Step()
    {
        TakeStep(traced: true);
        RecordLosses();
    }

    /// <summary>Trains on the rest of the current epoch's batches (a whole epoch unless <see cref="Step"/> started it) and
    /// records the losses.</summary>
    public void TrainEpoch()
    {
        int epoch = Epoch;
        while (Epoch == epoch) TakeStep(traced: false);
        RecordLosses();
    }

    /// <summary>The network's output as a colour position at the centres of a <paramref name="resolution"/> ×
    /// <paramref name="resolution"/> grid over [−<see cref="PointSets.Extent"/>, <see cref="PointSets.Extent"/>]², row-major,
    /// row 0 at the top (y = +Extent): P(label 1) for classification, (prediction + 1) / 2 clamped to [0, 1] for regression.</summary>
    /// <exception cref="ArgumentOutOfRangeException">resolution is below 2.</exception>
    public float[] DecisionGrid(int resolution)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(resolution, 2);
        var grid = GridPoints(resolution);
        using var scope = new TensorScope();
        return OutputColours(Model.Call(grid));
    }

    /// <summary>
    /// The whole network over the plane from one batched forward pass: the layers are called one by one on every cell
    /// centre of a <paramref name="resolution"/>² grid (as <see cref="DecisionGrid"/>), and each layer's output is kept.
    /// </summary>
    /// <param name="resolution">The output's cells per side.</param>
    /// <param name="neuronStride">Each neuron's map keeps every neuronStride-th row and column of the grid (resolution must
    /// be a multiple of it).</param>
    /// <exception cref="ArgumentOutOfRangeException">resolution is below 2, or the stride is not a divisor of it.</exception>
    public NetworkPicture Picture(int resolution, int neuronStride)
    {
        CheckPicture(resolution, neuronStride);
        var grid = GridPoints(resolution);
        using var scope = new TensorScope();
        return Picture(resolution, neuronStride, LayerOutputs(Model.Layers, grid), racer: 0);
    }

    /// <summary>Throws unless <paramref name="resolution"/> and <paramref name="neuronStride"/> can make a <see cref="Picture(int, int)"/>.</summary>
    internal static void CheckPicture(int resolution, int neuronStride)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(resolution, 2);
        ArgumentOutOfRangeException.ThrowIfLessThan(neuronStride, 1);
        if (resolution % neuronStride != 0)
            throw new ArgumentOutOfRangeException(nameof(neuronStride), neuronStride, $"the neuron maps' stride must divide the resolution {resolution}");
    }

    /// <summary>The inputs, then each layer's outputs over them, the layers called one by one.</summary>
    internal static List<Tensor> LayerOutputs(IEnumerable<Layer> layers, Tensor inputs)
    {
        var outputs = new List<Tensor> { inputs };
        foreach (var layer in layers) outputs.Add(layer.Call(outputs[^1]));
        return outputs;
    }

    /// <summary>The picture drawn from <paramref name="outputs"/> over the grid (see <see cref="LayerOutputs"/>): this
    /// run's network's, or the part numbered <paramref name="racer"/> of a race's stacked network's, whose layer outputs
    /// are (racers, cells, units) (see <see cref="RaceNetwork"/>; the input features are shared).</summary>
    internal NetworkPicture Picture(int resolution, int neuronStride, IReadOnlyList<Tensor> outputs, int racer)
    {
        var layers = new List<IReadOnlyList<float[]>> { NeuronMaps(outputs[0], resolution, neuronStride, scaleToLargest: true) };
        for (int layer = 1; layer < outputs.Count - 1; layer++)
            layers.Add(NeuronMaps(RacerPart(outputs[layer], racer), resolution, neuronStride, scaleToLargest: false));
        float[] colours = OutputColours(outputs[^1], racer);
        int side = resolution / neuronStride;
        var outputMap = new float[side * side];
        for (int cell = 0; cell < outputMap.Length; cell++)
            outputMap[cell] = colours[(cell / side * neuronStride + neuronStride / 2) * resolution + cell % side * neuronStride + neuronStride / 2];
        layers.Add([outputMap]);
        return new NetworkPicture(resolution, colours, side, layers);
    }

    /// <summary>The racer's part (rows, columns) of a race's stacked (racers, rows, columns) tensor; a (rows, columns)
    /// tensor, one run's, as it is.</summary>
    internal static Tensor RacerPart(Tensor stacked, int racer)
    {
        if (stacked.Rank == 2) return stacked;
        int rows = stacked.Shape[1], columns = stacked.Shape[2];
        return new Tensor(stacked.AsSpan<float>().Slice(racer * rows * columns, rows * columns).ToArray(), rows, columns);
    }

    /// <summary>The output layer's values as colour positions (see <see cref="DecisionGrid"/>), from this run's outputs or
    /// from the part numbered <paramref name="racer"/> of a race's stacked outputs (see <see cref="RacerPart"/>).</summary>
    internal float[] OutputColours(Tensor outputs, int racer) => OutputColours(RacerPart(outputs, racer));

    // The output layer's values as colour positions: σ(logit), or (prediction + 1) / 2 clamped for regression.
    private float[] OutputColours(Tensor outputs)
    {
        float[] colours = [.. (Settings.IsRegression ? outputs : outputs.Sigmoid()).AsSpan<float>()];
        if (Settings.IsRegression)
            for (int index = 0; index < colours.Length; index++) colours[index] = (Math.Clamp(colours[index], -1, 1) + 1) / 2;
        return colours;
    }

    /// <summary>Sets one weight of the network, as a click on a link of the drawing does, and records the losses it gives.</summary>
    /// <param name="layer">The dense layer, 0 for the one reading the input features.</param>
    /// <param name="input">The unit (or feature) of the layer below the weight reads.</param>
    /// <param name="unit">The layer's unit the weight feeds.</param>
    /// <param name="value">The new weight.</param>
    /// <exception cref="ArgumentOutOfRangeException">No such weight, or the value is not finite.</exception>
    public void SetWeight(int layer, int input, int unit, double value)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(layer);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(layer, Model.Layers.Count);
        var dense = (Dense)Model.Layers[layer];
        ArgumentOutOfRangeException.ThrowIfNegative(input);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(input, dense.InputSize);
        ArgumentOutOfRangeException.ThrowIfNegative(unit);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(unit, dense.Units);
        if (!double.IsFinite(value)) throw new ArgumentOutOfRangeException(nameof(value), value, "a weight must be a finite number");
        dense.Kernel.AsSpan<float>()[input * dense.Units + unit] = (float)value;
        RecordLosses();
    }

    // Each column of a (cells, units) activation as a colour position in [0, 1] on the coarser grid: (a + 1) / 2 clamped,
    // so −1 is orange, 0 white and 1 blue; the input features are first divided by their largest size over the grid.
    private static IReadOnlyList<float[]> NeuronMaps(Tensor activations, int resolution, int stride, bool scaleToLargest)
    {
        var values = activations.AsSpan<float>();
        int units = activations.Shape[1], side = resolution / stride;
        var maps = new float[units][];
        for (int unit = 0; unit < units; unit++)
        {
            float largest = 1;
            if (scaleToLargest)
            {
                largest = 0;
                for (int cell = 0; cell < resolution * resolution; cell++) largest = Math.Max(largest, Math.Abs(values[cell * units + unit]));
                if (largest == 0) largest = 1;
            }
            var map = maps[unit] = new float[side * side];
            for (int row = 0; row < side; row++)
            for (int column = 0; column < side; column++)
            {
                int cell = (row * stride + stride / 2) * resolution + column * stride + stride / 2;
                map[row * side + column] = (Math.Clamp(values[cell * units + unit] / largest, -1, 1) + 1) / 2;
            }
        }
        return maps;
    }

    // One optimizer step on the next batch. Traced, the layers are called one by one so the trace can keep what each read
    // and wrote; the ops are the same as Model.Call's, so the numbers are too.
    private void TakeStep(bool traced)
    {
        using var scope = new TensorScope();
        var (features, targets) = NextBatch();
        var variables = Model.TrainableVariables;
        if (!traced)
        {
            using var tape = new GradientTape();
            var loss = _lossFunction.Call(targets, Model.Call(features, training: true));
            ApplyGradients(tape.Gradient(loss, variables));
        }
        else
        {
            var tracingTape = new GradientTape { TraceGradients = true };
            var inputs = new List<Tensor>();
            var outputs = new List<Tensor>();
            Tensor loss;
            using (tracingTape)
            {
                var activations = features;
                foreach (var layer in Model.Layers)
                {
                    inputs.Add(activations);
                    activations = layer.Call(activations, training: true);
                    outputs.Add(activations);
                }
                loss = _lossFunction.Call(targets, activations);
            }
            var gradients = tracingTape.Gradient(loss, [.. variables, .. outputs]);
            LastTrace = new StepTrace(tracingTape.Graph, loss.Item(), features.Shape[0],
                [.. Model.Layers.Cast<Dense>().Select((layer, index) => new StepTrace.LayerNumbers(
                    layer.InputSize, layer.Units, StepTrace.LayerNumbers.Copy(inputs[index]), StepTrace.LayerNumbers.Copy(outputs[index]),
                    StepTrace.LayerNumbers.Copy(gradients[variables.Count + index]!),
                    StepTrace.LayerNumbers.Copy(gradients[IndexOf(variables, layer.Kernel)]!),
                    index < Model.Layers.Count - 1 ? Settings.Activation : HiddenActivation.Linear))]);
            ApplyGradients(gradients[..variables.Count]);
        }
    }

    /// <summary>The epoch's next batch, (batch, features) and (batch, 1), a new epoch's first after the last one ended.
    /// <see cref="ApplyGradients"/> ends the step; the tensors belong to the caller's <see cref="TensorScope"/>.</summary>
    internal (Tensor Features, Tensor Targets) NextBatch()
    {
        _epochBatches ??= _batches.GetEnumerator();
        _epochBatches.MoveNext();
        return _epochBatches.Current;
    }

    /// <summary>Ends the step <see cref="NextBatch"/> began: the optimizer updates the weights from the batch's loss
    /// gradients (one per <see cref="Sequential.TrainableVariables"/>, in order; the L1 penalty is added here), and the
    /// step is counted, closing the epoch after its last batch.</summary>
    internal void ApplyGradients(IReadOnlyList<Tensor?> gradients)
    {
        _optimizer.ApplyGradients(WithL1(gradients).Zip(Model.TrainableVariables));
        StepCount++;
        if (++_batchesDone == _batches.Count)
        {
            _epochBatches!.MoveNext(); // lets the pipeline close its epoch
            _epochBatches = null;
            _batchesDone = 0;
            Epoch++;
        }
    }

    // The L1 penalty's gradient, λ·sign(w), added to each kernel's gradient; biases and a zero λ are left alone.
    private IReadOnlyList<Tensor?> WithL1(IReadOnlyList<Tensor?> gradients)
    {
        if (Settings.L1 == 0) return gradients;
        var kernels = Model.Layers.Cast<Dense>().Select(layer => layer.Kernel).ToHashSet();
        var variables = Model.TrainableVariables;
        var penalised = new Tensor?[gradients.Count];
        for (int index = 0; index < gradients.Count; index++)
        {
            if (gradients[index] is not { } gradient || !kernels.Contains(variables[index]))
            {
                penalised[index] = gradients[index];
                continue;
            }
            var weights = variables[index].AsSpan<float>();
            var sum = gradient.AsSpan<float>().ToArray();
            // sign(w) by comparison: Math.Sign throws on the NaN a diverged run's weights hold.
            for (int element = 0; element < sum.Length; element++)
                sum[element] += (float)Settings.L1 * ((weights[element] > 0 ? 1 : 0) - (weights[element] < 0 ? 1 : 0));
            penalised[index] = new Tensor(sum, [.. gradient.Shape]);
        }
        return penalised;
    }

    private static int IndexOf(IReadOnlyList<Variable> variables, Variable variable) =>
        variables.Select((candidate, index) => (candidate, index)).First(pair => ReferenceEquals(pair.candidate, variable)).index;

    private void RecordLosses() => RecordLosses(Loss(_train), Loss(_test));

    /// <summary>Records the losses at the current weights over the training and the test points, as computed by
    /// <see cref="Loss(Tensor, Tensor)"/> from the outputs over <see cref="TrainSet"/> and <see cref="TestSet"/>.</summary>
    internal void RecordLosses(double trainLoss, double testLoss) => _history.Add(new LossPoint(Epoch, StepCount, trainLoss, testLoss));

    /// <summary>The training points as the network reads them: (points, features) and their targets (points, 1).</summary>
    internal (Tensor Features, Tensor Targets) TrainSet => _train;

    /// <summary>The test points, as <see cref="TrainSet"/>.</summary>
    internal (Tensor Features, Tensor Targets) TestSet => _test;

    /// <summary>The loss the run trains on: binary cross-entropy on logits, or mean squared error for regression.</summary>
    internal Loss LossFunction => _lossFunction;

    /// <summary>The mean loss of <paramref name="outputs"/> (points, 1) against <paramref name="targets"/>.</summary>
    internal double Loss(Tensor targets, Tensor outputs) => _lossFunction.Call(targets, outputs).Item();

    private double Loss((Tensor Features, Tensor Targets) set)
    {
        using var scope = new TensorScope();
        return Loss(set.Targets, Model.Call(set.Features));
    }

    private (Tensor Features, Tensor Targets) ToTensors(IReadOnlyList<LabeledPoint> points) => (
        new Tensor(InputFeatures.Matrix(Settings.Features, points.Select(p => (p.X, p.Y))), points.Count, Settings.Features.Count),
        new Tensor([.. points.Select(p => (float)p.Label)], points.Count, 1));

    /// <summary>The centres of a <paramref name="resolution"/>² grid over the plane, row-major from the top left, as the
    /// network reads them (cells, features); kept for the next call at the same resolution, so made outside any
    /// <see cref="TensorScope"/>.</summary>
    internal Tensor GridPoints(int resolution)
    {
        if (_grid?.Resolution == resolution) return _grid.Value.Points;
        double cell = 2 * PointSets.Extent / resolution;
        var centres = Enumerable.Range(0, resolution * resolution).Select(index =>
            (-PointSets.Extent + (index % resolution + 0.5) * cell, PointSets.Extent - (index / resolution + 0.5) * cell));
        _grid = (resolution, new Tensor(InputFeatures.Matrix(Settings.Features, centres), resolution * resolution, Settings.Features.Count));
        return _grid.Value.Points;
    }
}
