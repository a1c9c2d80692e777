using MiniNet.Autodiff;
using MiniNet.Data;
using MiniNet.Layers;
using MiniNet.Losses;
using MiniNet.Models;
using MiniNet.Ops;
using MiniNet.Optimizers;
using MiniNet.Tensors;
using MiniNet.Training;

namespace MiniNet.Tests.Docs;

/// <summary>
/// Runs the C# blocks of docs/guide.md, copied here word for word (<see cref="EveryCodeBlockOfTheGuide_IsCopiedIntoThisFile"/>
/// checks the copies), and checks that they do what the guide says.
/// </summary>
public class GuideExamplesTests
{
    [Test]
    public void TrainingStep_LearnsXor()
    {
        var x = new Tensor([0f, 0f, 0f, 1f, 1f, 0f, 1f, 1f], 4, 2);     // 4 examples × 2 features
        var y = new Tensor([0f, 1f, 1f, 0f], 4, 1);
        var model = new Sequential(2, [new Dense(8, Activation.Tanh), new Dense(1)], seed: 7);
        var lossFunction = new BinaryCrossEntropy(fromLogits: true);
        var optimizer = new Sgd(learningRate: 0.1, momentum: 0.9);
        for (int epoch = 0; epoch < 500; epoch++)
        {
            using var tape = new GradientTape();                            // records the ops below
            var loss = lossFunction.Call(y, model.Call(x));                 // a scalar tensor
            var gradients = tape.Gradient(loss, model.TrainableVariables);  // one per variable, same shapes
            optimizer.ApplyGradients(gradients.Zip(model.TrainableVariables));
        }

        Assert.That(lossFunction.Call(y, model.Call(x)).Item(), Is.LessThan(0.05));
    }

    [Test]
    public void Fit_ClassifiesTwoSeparatedClusters()
    {
        var train = Clusters(count: 400, seed: 1);
        var test = Clusters(count: 200, seed: 2);
        var model = new Sequential(2, [new Dense(8, Activation.Relu), new Dense(2)], seed: 3);

        var history = model.Fit(train, new SparseCategoricalCrossEntropy(), new Sgd(learningRate: 0.1, momentum: 0.9),
            epochs: 5, batchSize: 64, seed: 42, validation: test);
        var evaluation = model.Evaluate(test, new SparseCategoricalCrossEntropy());
        Console.WriteLine($"val_accuracy {history["val_accuracy"][^1]:P1}, test accuracy {evaluation.Accuracy:P1}");

        Assert.That(history.Epochs, Has.Count.EqualTo(5));
        Assert.That(evaluation.Accuracy, Is.GreaterThan(0.95));
    }

    [Test]
    public void ScaleShift_InAModel_NamesItsVariablesAfterItsPosition()
    {
        var model = new Sequential(784, [new Dense(128, Activation.Relu), new ScaleShift(), new Dense(10)], seed: 42);
        // variables: dense_0/kernel, dense_0/bias, scaleshift_1/scale, scaleshift_1/shift, dense_2/kernel, dense_2/bias

        Assert.That(model.TrainableVariables.Select(variable => variable.Name), Is.EqualTo(new[]
            { "dense_0/kernel", "dense_0/bias", "scaleshift_1/scale", "scaleshift_1/shift", "dense_2/kernel", "dense_2/bias" }));
        Assert.That(model.Layers[1].TrainableVariables.Select(variable => variable.Shape), Is.EqualTo(new[] { new[] { 128 }, new[] { 128 } }));
    }

    [Test]
    public void ScaleShift_StartsAsTheIdentity()
    {
        var model = new Sequential(3, [new ScaleShift()]);
        var x = new Tensor([1f, -2f, 3.5f, 0f, 4f, -1f], 2, 3);

        Assert.That(model.Call(x).ToArray<float>(), Is.EqualTo(x.ToArray<float>()));
    }

    [Test]
    public void ScaleShift_TrainedWithSgd_LearnsTheLineItIsShown()
    {
        // y = 3x - 2 is exactly a scale of 3 and a shift of -2, which mean squared error reaches at its minimum, 0.
        float[] inputs = [.. Enumerable.Range(0, 16).Select(i => -1f + i / 7.5f)];
        var x = new Tensor(inputs, 16, 1);
        var y = new Tensor([.. inputs.Select(value => 3 * value - 2)], 16, 1);
        var layer = new ScaleShift();
        var model = new Sequential(1, [layer]);
        var lossFunction = new MeanSquaredError();
        var optimizer = new Sgd(learningRate: 0.1, momentum: 0.9);

        for (int step = 0; step < 300; step++)
        {
            using var tape = new GradientTape();
            var loss = lossFunction.Call(y, model.Call(x));
            optimizer.ApplyGradients(tape.Gradient(loss, model.TrainableVariables).Zip(model.TrainableVariables));
        }

        Assert.That(layer.Scale[0], Is.EqualTo(3).Within(1e-3));
        Assert.That(layer.Shift[0], Is.EqualTo(-2).Within(1e-3));
    }

    [Test]
    public void Adagrad_FirstStep_MovesEachWeightByTheLearningRateAgainstItsGradient()
    {
        // accumulator = g², so the step is lr·g/(|g| + ε) = ±lr, whatever the gradient's size.
        var w = new Variable(new Tensor([1f, 1f], 2), "w");
        var adagrad = new Adagrad(learningRate: 0.1);

        adagrad.ApplyGradients([(new Tensor([0.5f, -4f], 2), w)]);

        Assert.That(w.ToArray<float>(), Is.EqualTo(new[] { 0.9f, 1.1f }).Within(1e-6));
        Assert.That(adagrad.SlotsOf(w)["accumulator"].ToArray<float>(), Is.EqualTo(new[] { 0.25f, 16f }));
    }

    [Test]
    public void Adagrad_SecondStep_IsSmallerAsTheSquaredGradientsAddUp()
    {
        // g = 1 twice: w = 1 - 0.1/√1 - 0.1/√2 = 0.8292893...
        var w = new Variable(new Tensor([1.0], 1), "w");
        var adagrad = new Adagrad(learningRate: 0.1, epsilon: 1e-12);

        adagrad.ApplyGradients([(new Tensor([1.0], 1), w)]);
        adagrad.ApplyGradients([(new Tensor([1.0], 1), w)]);

        Assert.That(w[0], Is.EqualTo(1 - 0.1 - 0.1 / Math.Sqrt(2)).Within(1e-12));
        Assert.That(adagrad.Iterations, Is.EqualTo(2));
    }

    [Test]
    public void Adagrad_TrainsXor()
    {
        var x = new Tensor([0f, 0f, 0f, 1f, 1f, 0f, 1f, 1f], 4, 2);
        var y = new Tensor([0f, 1f, 1f, 0f], 4, 1);
        var model = new Sequential(2, [new Dense(8, Activation.Tanh), new Dense(1)], seed: 7);
        var lossFunction = new BinaryCrossEntropy(fromLogits: true);
        var optimizer = new Adagrad(learningRate: 0.5);

        for (int epoch = 0; epoch < 500; epoch++)
        {
            using var tape = new GradientTape();
            var loss = lossFunction.Call(y, model.Call(x));
            optimizer.ApplyGradients(tape.Gradient(loss, model.TrainableVariables).Zip(model.TrainableVariables));
        }

        Assert.That(lossFunction.Call(y, model.Call(x)).Item(), Is.LessThan(0.05));
    }

    [TestCase(0.0)]
    [TestCase(-1e-7)]
    [TestCase(double.NaN)]
    [TestCase(double.PositiveInfinity)]
    public void Adagrad_EpsilonNotAPositiveNumber_IsRejectedNamingTheValue(double epsilon)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new Adagrad(epsilon: epsilon));

        Assert.That(error!.ParamName, Is.EqualTo("epsilon"));
        Assert.That(error.Message, Does.Contain($"got {epsilon}"));
    }

    [Test]
    public void Softplus_ComputesLogOnePlusExp_AndItsGradientIsTheSigmoid()
    {
        var softplus = CustomOp.Create("softplus",
            forward: x => (x.Exp() + 1.0).Log(),           // y = log(1 + eˣ)
            backward: (x, y, dy) => dy * x.Sigmoid());     // dx = dy · σ(x)
        double[] inputs = [-2, 0, 3];
        var input = new Tensor(inputs, 3);
        var tape = new GradientTape();
        Tensor output;
        using (tape)
        {
            tape.Watch(input);
            output = softplus(input);
        }

        var gradient = tape.Gradient(output, [input])[0]!;

        Assert.That(output.ToArray<double>(), Is.EqualTo(inputs.Select(v => Math.Log(1 + Math.Exp(v)))).Within(1e-12));
        Assert.That(gradient.ToArray<double>(), Is.EqualTo(inputs.Select(v => 1 / (1 + Math.Exp(-v)))).Within(1e-12));
    }

    /// <summary>
    /// Every ```csharp block of docs/guide.md must appear in this file, line for line (indentation and blank lines aside),
    /// so the tests above run what the guide shows. Blocks after the marker "&lt;!-- checkpoint API: confirm names --&gt;",
    /// up to the next heading, are left out while the checkpoint API they use is being built; once the marker goes, their
    /// blocks must be copied here like the others.
    /// </summary>
    [Test]
    public void EveryCodeBlockOfTheGuide_IsCopiedIntoThisFile()
    {
        string[] guide = File.ReadAllLines(Path.Combine(RepositoryRoot.Path, "docs", "guide.md"));
        var thisFile = Normalize(File.ReadAllLines(Path.Combine(RepositoryRoot.Path, "Tests", "MiniNet.Tests", "Docs", "GuideExamplesTests.cs")));

        var blocks = CodeBlocks(guide);

        Assert.That(blocks, Has.Count.GreaterThanOrEqualTo(6));
        foreach (var block in blocks)
            Assert.That(ContainsRun(thisFile, Normalize(block)), Is.True,
                $"this block of docs/guide.md is not in GuideExamplesTests.cs:{Environment.NewLine}{string.Join(Environment.NewLine, block)}");
    }

    private static List<string[]> CodeBlocks(string[] markdown)
    {
        var blocks = new List<string[]>();
        List<string>? block = null;
        bool awaitingApi = false;
        foreach (string line in markdown)
        {
            if (block is not null)
            {
                if (line.Trim() == "```")
                {
                    if (!awaitingApi) blocks.Add([.. block]);
                    block = null;
                }
                else block.Add(line);
            }
            else if (line.Trim() == "```csharp") block = [];
            else if (line.StartsWith('#')) awaitingApi = false;
            else if (line.Trim() == "<!-- checkpoint API: confirm names -->") awaitingApi = true;
        }
        return blocks;
    }

    private static string[] Normalize(IEnumerable<string> lines) =>
        [.. lines.Select(line => line.Trim()).Where(line => line.Length > 0)];

    private static bool ContainsRun(string[] lines, string[] run) =>
        Enumerable.Range(0, Math.Max(0, lines.Length - run.Length + 1)).Any(start => lines.AsSpan(start, run.Length).SequenceEqual(run));

    /// <summary>Two classes of 2-feature points: class 0 around (-1, -1), class 1 around (1, 1), spread 0.3.</summary>
    private static Dataset Clusters(int count, int seed)
    {
        var random = new Random(seed);
        var features = new float[count * 2];
        var labels = new int[count];
        for (int i = 0; i < count; i++)
        {
            labels[i] = i % 2;
            float center = labels[i] == 0 ? -1f : 1f;
            features[2 * i] = center + 0.3f * (float)(random.NextDouble() * 2 - 1);
            features[2 * i + 1] = center + 0.3f * (float)(random.NextDouble() * 2 - 1);
        }
        return new Dataset(features, labels, featureCount: 2);
    }
}

/// <summary>y = x · scale + shift, with a learned scale and shift per feature (both of shape (features)), starting at 1
/// and 0, so the layer starts as the identity.</summary>
public sealed class ScaleShift : Layer
{
    /// <summary>The per-feature factor, (InputSize).</summary>
    public Variable Scale { get; private set; } = null!;

    /// <summary>The per-feature offset, (InputSize).</summary>
    public Variable Shift { get; private set; } = null!;

    /// <inheritdoc />
    public override int OutputSize => InputSize;

    /// <inheritdoc />
    public override Tensor Call(Tensor inputs) => inputs * Scale + Shift;

    /// <inheritdoc />
    protected override void CreateVariables(int inputSize, Random random, DType dtype)
    {
        Scale = AddVariable("scale", Tensor.Ones([inputSize], dtype));
        Shift = AddVariable("shift", Tensor.Zeros([inputSize], dtype));
    }
}

/// <summary>
/// Adagrad (Duchi, Hazan and Singer, 2011): each weight's step shrinks as its squared gradients add up.
/// accumulator ← accumulator + g²;  w ← w − lr · g / (√accumulator + ε).
/// </summary>
public sealed class Adagrad : Optimizer
{
    /// <summary>Creates the optimizer.</summary>
    /// <param name="learningRate">Step size lr, finite and ≥ 0.</param>
    /// <param name="epsilon">ε, which keeps the step finite while the accumulator is tiny; finite and &gt; 0.</param>
    public Adagrad(double learningRate = 0.01, double epsilon = 1e-7) : base(learningRate)
    {
        if (!(epsilon > 0) || double.IsInfinity(epsilon))
            throw new ArgumentOutOfRangeException(nameof(epsilon), epsilon, $"adagrad: epsilon must be a finite number > 0, got {epsilon}");
        Epsilon = epsilon;
    }

    /// <summary>ε of the update rule.</summary>
    public double Epsilon { get; }

    /// <inheritdoc />
    protected override void UpdateStep(Tensor gradient, Variable variable, double learningRate)
    {
        var accumulator = Slot(variable, "accumulator");
        if (variable.DType == DType.Float32)
            Update(variable.AsSpan<float>(), accumulator.AsSpan<float>(), gradient.AsSpan<float>(), (float)learningRate, (float)Epsilon);
        else
            Update(variable.AsSpan<double>(), accumulator.AsSpan<double>(), gradient.AsSpan<double>(), learningRate, Epsilon);
    }

    private static void Update<T>(Span<T> w, Span<T> accumulator, ReadOnlySpan<T> g, T learningRate, T epsilon)
        where T : System.Numerics.IFloatingPointIeee754<T>
    {
        for (int i = 0; i < w.Length; i++)
        {
            accumulator[i] += g[i] * g[i];
            w[i] -= learningRate * g[i] / (T.Sqrt(accumulator[i]) + epsilon);
        }
    }
}
