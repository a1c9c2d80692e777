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
/// <see cref="Sequential"/> of dense layers (2 inputs, the hidden layers, 1 logit), binary cross-entropy on the logit, the
/// chosen optimizer, and the training points shuffled anew each epoch from the seed. The page only draws what it reports.
/// Everything comes from <see cref="Settings"/>: equal settings give equal runs, number for number.
/// </summary>
public sealed class PlaygroundRun
{
    private readonly BinaryCrossEntropy _lossFunction = new(fromLogits: true);
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

        var activation = settings.Activation switch
        {
            HiddenActivation.Relu => Activation.Relu,
            HiddenActivation.Sigmoid => Activation.Sigmoid,
            HiddenActivation.Linear => Activation.Linear,
            _ => Activation.Tanh,
        };
        Model = new Sequential(2, [.. settings.HiddenWidths.Select(width => new Dense(width, activation)), new Dense(1)], settings.Seed);
        _optimizer = OptimizerKinds.Create(settings.Optimizer, settings.LearningRate, settings.Momentum, settings.L2);
        _batches = Dataset.FromValues(_train.Features.AsSpan<float>().ToArray(), [2], _train.Targets.AsSpan<float>().ToArray(), [1])
            .Shuffle(settings.Seed).Batch(settings.BatchSize);
        RecordLosses();
    }

    /// <summary>The settings the run was built from.</summary>
    public PlaygroundSettings Settings { get; }

    /// <summary>The network: 2 inputs, the hidden layers, 1 logit (P(label 1) = σ(logit)).</summary>
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

    /// <summary>The network's P(label 1) at the centres of a <paramref name="resolution"/> × <paramref name="resolution"/>
    /// grid over [−<see cref="PointSets.Extent"/>, <see cref="PointSets.Extent"/>]², row-major, row 0 at the top (y = +Extent).</summary>
    /// <exception cref="ArgumentOutOfRangeException">resolution is below 2.</exception>
    public float[] DecisionGrid(int resolution)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(resolution, 2);
        if (_grid?.Resolution != resolution) _grid = (resolution, GridPoints(resolution));
        using var scope = new TensorScope();
        var probabilities = Model.Call(_grid.Value.Points).Sigmoid();
        return [.. probabilities.AsSpan<float>()];
    }

    // One optimizer step on the next batch. Traced, the layers are called one by one so the trace can keep what each read
    // and wrote; the ops are the same as Model.Call's, so the numbers are too.
    private void TakeStep(bool traced)
    {
        using var scope = new TensorScope();
        _epochBatches ??= _batches.GetEnumerator();
        _epochBatches.MoveNext();
        var (features, targets) = _epochBatches.Current;
        var variables = Model.TrainableVariables;
        if (!traced)
        {
            using var tape = new GradientTape();
            var loss = _lossFunction.Call(targets, Model.Call(features, training: true));
            _optimizer.ApplyGradients(tape.Gradient(loss, variables).Zip(variables));
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
            _optimizer.ApplyGradients(gradients[..variables.Count].Zip(variables));
        }
        StepCount++;
        if (++_batchesDone == _batches.Count)
        {
            _epochBatches.MoveNext(); // lets the pipeline close its epoch
            _epochBatches = null;
            _batchesDone = 0;
            Epoch++;
        }
    }

    private static int IndexOf(IReadOnlyList<Variable> variables, Variable variable) =>
        variables.Select((candidate, index) => (candidate, index)).First(pair => ReferenceEquals(pair.candidate, variable)).index;

    private void RecordLosses() => _history.Add(new LossPoint(Epoch, StepCount, Loss(_train), Loss(_test)));

    private double Loss((Tensor Features, Tensor Targets) set)
    {
        using var scope = new TensorScope();
        return _lossFunction.Call(set.Targets, Model.Call(set.Features)).Item();
    }

    private static (Tensor Features, Tensor Targets) ToTensors(IReadOnlyList<LabeledPoint> points) => (
        new Tensor([.. points.SelectMany(p => new[] { (float)p.X, (float)p.Y })], points.Count, 2),
        new Tensor([.. points.Select(p => (float)p.Label)], points.Count, 1));

    private static Tensor GridPoints(int resolution)
    {
        var coordinates = new float[resolution * resolution * 2];
        double cell = 2 * PointSets.Extent / resolution;
        for (int row = 0; row < resolution; row++)
        for (int column = 0; column < resolution; column++)
        {
            coordinates[(row * resolution + column) * 2] = (float)(-PointSets.Extent + (column + 0.5) * cell);
            coordinates[(row * resolution + column) * 2 + 1] = (float)(PointSets.Extent - (row + 0.5) * cell);
        }
        return new Tensor(coordinates, resolution * resolution, 2);
    }
}
