using MiniNet.Tests;
using MiniNet.Data;
using MiniNet.Initializers;
using MiniNet.Layers;
using MiniNet.Losses;
using MiniNet.Models;
using MiniNet.Optimizers;
using MiniNet.Tensors;
using MiniNet.Training;
using Onnx;

namespace MiniNet.Onnx.Tests;

/// <summary>
/// Exports models with <see cref="OnnxExport"/>, runs the files with ONNX Runtime, and checks that ONNX Runtime computes
/// what <see cref="Sequential.Call"/> computes on real MNIST-lite digits.
/// </summary>
public partial class OnnxExportTests
{
    // float32 outputs of ~1 agree to a few units in the last place (2^-23 ≈ 1.2e-7) after 784-term sums computed in another
    // order; float64 ones to a few units of 2^-52 ≈ 2.2e-16, so 1e-12 leaves room for summation order and nothing more.
    private const double Float32Tolerance = 1e-5;
    private const double Float64Tolerance = 1e-12;

    private static readonly Lazy<Dataset> TestDigits = new(() => MnistLite("test.csv.gz"));

    [Test]
    public void TrainedMnistModel_OnnxRuntimeOutputs_MatchCall()
    {
        var train = MnistLite("train.csv.gz");
        var model = new Sequential(784, [new Dense(128, Activation.Relu), new Dense(10)], seed: 42);
        var loss = new SparseCategoricalCrossEntropy();
        model.Fit(train, loss, new Sgd(learningRate: 0.1, momentum: 0.9), epochs: 1, batchSize: 64, seed: 42);
        Assert.That(model.Evaluate(TestDigits.Value, loss).Accuracy, Is.GreaterThan(0.85), "the model should be trained before it is exported");

        AssertOnnxRuntimeMatchesCall(model, Digits(count: 500));
    }

    [TestCase("relu")]
    [TestCase("sigmoid")]
    [TestCase("tanh")]
    [TestCase("linear")]
    public void HiddenActivation_OnnxRuntimeOutputs_MatchCall(string activation)
    {
        var model = new Sequential(784, [RandomBias(32, Activation.FromName(activation)), RandomBias(10)], seed: 3);

        AssertOnnxRuntimeMatchesCall(model, Digits(count: 200));
    }

    [TestCase("sigmoid")]
    [TestCase("tanh")]
    [TestCase("softmax")]
    [TestCase("relu")]
    public void OutputActivation_OnnxRuntimeOutputs_MatchCall(string activation)
    {
        var model = new Sequential(784, [RandomBias(32, Activation.Tanh), RandomBias(10, Activation.FromName(activation))], seed: 4);

        AssertOnnxRuntimeMatchesCall(model, Digits(count: 200));
    }

    [Test]
    public void DenseWithoutBias_OnnxRuntimeOutputs_MatchCall()
    {
        var model = new Sequential(784, [new Dense(32, Activation.Relu, useBias: false), new Dense(10, useBias: false)], seed: 5);

        AssertOnnxRuntimeMatchesCall(model, Digits(count: 200));
    }

    [Test]
    public void Float64Model_OnnxRuntimeOutputs_MatchCall()
    {
        var model = new Sequential(784, [RandomBias(32, Activation.Sigmoid), RandomBias(10, Activation.Softmax)], seed: 6, dtype: DType.Float64);

        AssertOnnxRuntimeMatchesCall(model, Digits(count: 200).To(DType.Float64), tolerance: Float64Tolerance);
    }

    // TensorFlow's Auto MPG network behind its Normalization layer: the exported file takes the raw table rows (weights in
    // pounds, years as 1970...), as Predict does, and gives the same miles per gallon.
    [Test]
    public void NormalizedAutoMpgModel_OnRawRows_OnnxRuntimeMatchesPredict()
    {
        var schema = new TabularSchema(target: ["Miles_per_Gallon"], categorical: ["Origin"], missing: MissingValues.DropRow,
            numeric: ["Cylinders", "Displacement", "Horsepower", "Weight_in_lbs", "Acceleration", "Year"]);
        var (cars, _) = TabularCsv.Load(Path.Combine(RepositoryRoot.Path, "data", "auto-mpg", "cars.csv"), schema);
        var normalization = new Normalization();
        normalization.Adapt(cars);
        var model = new Sequential(cars.FeatureCount, [normalization, new Dense(64, Activation.Relu), new Dense(64, Activation.Relu), new Dense(1)], seed: 12);
        model.Fit(cars, new MeanSquaredError(), new Adam(0.001), epochs: 5, batchSize: 32, seed: 12, verbose: false);
        using var folder = new TempFolder();
        string path = folder.File("auto-mpg.onnx");

        OnnxExport.Save(model, path);

        var raw = new Tensor(cars.Features.ToArray(), cars.Count, cars.FeatureCount);
        Assert.That(raw.ToArray<float>().Max(), Is.GreaterThan(1000), "the rows should be raw, e.g. weights in pounds");
        double[] want = [.. model.Predict(cars).ToArray<float>().Select(value => (double)value)];
        double[] got = [.. OnnxRuntimeRunner.Run(path, raw).ToArray<float>().Select(value => (double)value)];
        double maxDifference = want.Zip(got, (a, b) => Math.Abs(a - b)).Max();
        TestContext.Out.WriteLine($"max |onnxruntime - Predict| = {maxDifference:E2} over {want.Length} cars (largest |output| {want.Max(Math.Abs):G4})");
        Assert.That(got, Has.Length.EqualTo(cars.Count));
        Assert.That(maxDifference, Is.LessThanOrEqualTo(Float32Tolerance));
    }

    // A feature that is constant in the adapted data has variance 0: both MiniNet and the export divide by 1e-7, not by 0.
    [Test]
    public void Normalization_WithAConstantFeature_Float64_OnnxRuntimeOutputs_MatchCall()
    {
        float[] features = [1, 5, 2, 5, 3, 5, 4, 5];
        var data = Dataset.FromValues(features, [2], new float[4], [1]);
        var normalization = new Normalization();
        normalization.Adapt(data);
        var model = new Sequential(2, [normalization, RandomBias(3, Activation.Tanh)], seed: 13, dtype: DType.Float64);
        var x = new Tensor(new double[] { 2.5, 5, 0, 5 + 1e-8, 4, 4.9999999 }, 3, 2);

        AssertOnnxRuntimeMatchesCall(model, x, tolerance: Float64Tolerance);
    }

    [Test]
    public void ExportedNormalization_IsSubThenDiv_WithTheMeanAndTheStandardDeviation()
    {
        var data = Dataset.FromValues([1, 10, 3, 30], [2], new float[2], [1]);
        var normalization = new Normalization();
        normalization.Adapt(data);
        var model = new Sequential(2, [normalization, new Dense(1)], seed: 14);

        var graph = OnnxExport.ToModelProto(model).Graph;

        Assert.That(graph.Node.Select(node => node.OpType), Is.EqualTo(new[] { "Sub", "Div", "Gemm" }));
        var initializers = graph.Initializer.ToDictionary(tensor => tensor.Name);
        Assert.That(initializers["normalization_0/mean"].FloatData, Is.EqualTo(new[] { 2f, 20f }));
        // population standard deviations of (1, 3) and (10, 30): 1 and 10
        Assert.That(initializers["normalization_0/standard_deviation"].FloatData, Is.EqualTo(new[] { 1f, 10f }));
    }

    [Test]
    public void ExportedModel_RunsOnAnyBatchSize()
    {
        var model = new Sequential(784, [new Dense(16, Activation.Relu), new Dense(10)], seed: 7);
        using var folder = new TempFolder();
        string path = folder.File("model.onnx");

        OnnxExport.Save(model, path);

        var (dimensions, symbolic) = OnnxRuntimeRunner.InputShape(path, "input");
        Assert.That(dimensions, Is.EqualTo(new[] { -1, 784 }));
        Assert.That(symbolic[0], Is.EqualTo("batch"));
        foreach (int batch in new[] { 1, 3 })
            Assert.That(OnnxRuntimeRunner.Run(path, Digits(batch)).Shape, Is.EqualTo(new[] { batch, 10 }));
    }

    [Test]
    public void TrainedConvnet_WithPoolingDropoutAndBatchNormalization_OnnxRuntimeOutputs_MatchCall()
    {
        var train = MnistLite("train.csv.gz").Take(1000).Reshape(28, 28, 1);
        var model = new Sequential([28, 28, 1],
        [
            new Conv2D(8, 3, Activation.Relu, padding: MiniNet.Ops.Padding.Same), new BatchNormalization(momentum: 0.9), new MaxPooling2D(),
            new Conv2D(16, 3, Activation.Relu, strides: 2), new AveragePooling2D(2, padding: MiniNet.Ops.Padding.Same),
            new Flatten(), new Dropout(0.5), new Dense(10),
        ], seed: 4);
        var loss = new SparseCategoricalCrossEntropy();
        model.Fit(train, loss, new Sgd(learningRate: 0.05, momentum: 0.9), epochs: 3, batchSize: 64, seed: 4, verbose: false);
        Assert.That(model.Evaluate(train, loss).Accuracy, Is.GreaterThan(0.5), "the model should be trained before it is exported");

        AssertOnnxRuntimeMatchesCall(model, Digits(count: 200).Reshape([200, 28, 28, 1]));
    }

    [Test]
    public void ConvnetEndingInAnImageLayer_OnnxRuntimeOutputs_MatchCall_ChannelsLast()
    {
        var model = new Sequential([28, 28, 1], [new Conv2D(4, 5, Activation.Tanh, strides: 2, padding: MiniNet.Ops.Padding.Same,
            biasInitializer: new GlorotUniform()), new MaxPooling2D(3, strides: 2, padding: MiniNet.Ops.Padding.Same)], seed: 6);

        AssertOnnxRuntimeMatchesCall(model, Digits(count: 20).Reshape([20, 28, 28, 1]));
    }

    [Test]
    public void ExportedGraph_HasNamedInputOutputAndOneInitializerPerVariable()
    {
        var model = new Sequential(784, [new Dense(16, Activation.Relu), new Dense(10, Activation.Softmax)], seed: 8);
        using var folder = new TempFolder();
        string path = folder.File("model.onnx");

        OnnxExport.Save(model, path);

        var onnxModel = ModelProto.Parser.ParseFrom(File.ReadAllBytes(path));
        Assert.That(onnxModel.OpsetImport.Single().Version, Is.EqualTo(17));
        var graph = onnxModel.Graph;
        Assert.That(graph.Input.Select(input => input.Name), Is.EqualTo(new[] { "input" }));
        Assert.That(graph.Output.Select(output => output.Name), Is.EqualTo(new[] { "output" }));
        Assert.That(graph.Node.Select(node => node.OpType), Is.EqualTo(new[] { "Gemm", "Relu", "Gemm", "Softmax" }));
        Assert.That(graph.Initializer.Select(tensor => tensor.Name), Is.EqualTo(new[] { "dense_0/kernel", "dense_0/bias", "dense_1/kernel", "dense_1/bias" }));
        Assert.That(graph.Initializer.Select(tensor => string.Join("x", tensor.Dims)), Is.EqualTo(new[] { "784x16", "16", "16x10", "10" }));
    }

    [Test]
    public void Save_ReplacesAnExistingFileAndLeavesNoTemporaryFile()
    {
        using var folder = new TempFolder();
        string path = folder.File("model.onnx");
        File.WriteAllText(path, "an older file");
        var model = new Sequential(784, [new Dense(10)], seed: 9);

        OnnxExport.Save(model, path);

        Assert.That(Directory.GetFiles(folder.Path).Select(Path.GetFileName), Is.EqualTo(new[] { "model.onnx" }));
        AssertOnnxRuntimeMatchesCall(model, Digits(count: 5), path);
    }

    [Test]
    public void Save_CreatesAMissingFolder()
    {
        using var folder = new TempFolder();
        string path = Path.Combine(folder.Path, "models", "digits.onnx");

        OnnxExport.Save(new Sequential(784, [new Dense(10)], seed: 10), path);

        Assert.That(File.Exists(path));
    }

    [Test]
    public void UnsupportedLayer_ThrowsNamingTheLayer_AndLeavesAnExistingFileUntouched()
    {
        using var folder = new TempFolder();
        string path = folder.File("model.onnx");
        File.WriteAllText(path, "an older file");
        var model = new Sequential(784, [new Dense(8, Activation.Relu), new Scale()], seed: 11);

        var error = Assert.Throws<NotSupportedException>(() => OnnxExport.Save(model, path));

        Assert.That(error!.Message, Does.Contain("'scale_1'").And.Contain(typeof(Scale).FullName));
        Assert.That(File.ReadAllText(path), Is.EqualTo("an older file"));
        Assert.That(Directory.GetFiles(folder.Path), Has.Length.EqualTo(1));
    }

    /// <summary>Exports <paramref name="model"/>, runs the file on <paramref name="x"/> with ONNX Runtime, and compares.</summary>
    private static void AssertOnnxRuntimeMatchesCall(Sequential model, Tensor x, string? existingPath = null, double tolerance = Float32Tolerance)
    {
        using var folder = new TempFolder();
        string path = existingPath ?? folder.File("model.onnx");
        if (existingPath is null) OnnxExport.Save(model, path);

        var expected = model.Call(x);
        var actual = OnnxRuntimeRunner.Run(path, x);

        Assert.That(actual.Shape, Is.EqualTo(expected.Shape));
        double[] want = expected.To(DType.Float64).ToArray<double>(), got = actual.To(DType.Float64).ToArray<double>();
        double maxDifference = want.Zip(got, (a, b) => Math.Abs(a - b)).Max();
        TestContext.Out.WriteLine($"max |onnxruntime - Call| = {maxDifference:E2} over {want.Length} outputs (largest |output| {want.Max(Math.Abs):G4})");
        Assert.That(maxDifference, Is.LessThanOrEqualTo(tolerance));
    }

    /// <summary>A Dense layer whose bias starts random rather than zero, so an export that dropped the bias would show.</summary>
    private static Dense RandomBias(int units, Activation? activation = null) => new(units, activation, biasInitializer: new GlorotUniform());

    /// <summary>The first <paramref name="count"/> MNIST-lite test digits, (count, 784), pixels in [0, 1].</summary>
    private static Tensor Digits(int count) =>
        new(TestDigits.Value.Features[..(count * 784)].ToArray(), count, 784);

    private static Dataset MnistLite(string file) =>
        CsvLoader.Load(Path.Combine(RepositoryRoot.Path, "data", "mnist-lite", file), "label", 1f / 255, 10);

    /// <summary>A layer ONNX export does not know: multiplies each feature by a trainable factor.</summary>
    private sealed class Scale : Layer
    {
        private Variable _factors = null!;

        public override int OutputSize => InputSize;

        public override Tensor Call(Tensor inputs) => inputs * _factors;

        protected override void CreateVariables(int inputSize, Random random, DType dtype) =>
            _factors = AddVariable("factors", Tensor.Ones([inputSize], dtype));
    }
}
