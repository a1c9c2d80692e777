using MiniNet.Data;
using MiniNet.Layers;
using MiniNet.Models;
using MiniNet.Tensors;

namespace MiniNet.Tests.Layers;

public class NormalizationTests
{
    // Rows (1, 4), (2, 8), (6, 0): means 3 and 4; population variances (4 + 1 + 9) / 3 = 14/3 and (0 + 16 + 16) / 3 = 32/3.
    private static Dataset Tiny() => Dataset.FromValues([1, 4, 2, 8, 6, 0], [2], [0, 0, 0], [1]);

    private static readonly double[] TinyMean = [3, 4];
    private static readonly double[] TinyVariance = [14.0 / 3, 32.0 / 3];

    [Test]
    public void Adapt_BeforeBuild_LearnsMeanAndPopulationVariance()
    {
        var normalization = new Normalization();
        normalization.Adapt(Tiny());

        _ = new Sequential(2, [normalization], dtype: DType.Float64);

        Assert.That(normalization.Mean.ToArray<double>(), Is.EqualTo(TinyMean).Within(1e-12));
        Assert.That(normalization.Variance.ToArray<double>(), Is.EqualTo(TinyVariance).Within(1e-12));
    }

    [Test]
    public void Adapt_AfterBuild_LearnsTheSameMeanAndVariance()
    {
        var normalization = new Normalization();
        _ = new Sequential(2, [normalization], dtype: DType.Float64);

        normalization.Adapt(Tiny());

        Assert.That(normalization.Mean.ToArray<double>(), Is.EqualTo(TinyMean).Within(1e-12));
        Assert.That(normalization.Variance.ToArray<double>(), Is.EqualTo(TinyVariance).Within(1e-12));
    }

    [Test]
    public void Call_OnTheAdaptedData_GivesEachFeatureMeanZeroAndVarianceOne()
    {
        var random = new Random(3);
        var features = Enumerable.Range(0, 200).Select(i => (float)(i % 2 == 0 ? 5 + 3 * random.NextDouble() : -100 * random.NextDouble())).ToArray();
        var data = Dataset.FromValues(features, [2], new float[100], [1]);
        var normalization = new Normalization();
        normalization.Adapt(data);
        var model = new Sequential(2, [normalization], dtype: DType.Float64);

        var outputs = model.Call(new Tensor(features.Select(v => (double)v).ToArray(), 100, 2)).ToArray<double>();

        for (int column = 0; column < 2; column++)
        {
            var values = Enumerable.Range(0, 100).Select(row => outputs[row * 2 + column]).ToArray();
            double mean = values.Average();
            Assert.That(mean, Is.EqualTo(0).Within(1e-6), $"feature {column}'s mean");
            Assert.That(values.Select(v => (v - mean) * (v - mean)).Average(), Is.EqualTo(1).Within(1e-6), $"feature {column}'s variance");
        }
    }

    [Test]
    public void Call_ConstantFeature_MapsToZeroNotNaN()
    {
        var normalization = new Normalization();
        normalization.Adapt(Dataset.FromValues([1, 7, 2, 7, 3, 7], [2], [0, 0, 0], [1]));
        var model = new Sequential(2, [normalization]);

        var outputs = model.Call(new Tensor(new float[] { 1, 7, 3, 7 }, 2, 2)).ToArray<float>();

        Assert.That(new[] { outputs[1], outputs[3] }, Is.EqualTo(new[] { 0f, 0f }));
    }

    [Test]
    public void Variables_AreNonTrainable_InTheModelsVariablesButNotItsTrainableOnes()
    {
        var normalization = new Normalization();
        var model = new Sequential(2, [normalization, new Dense(1)], seed: 1);

        Assert.That(model.Variables.Select(v => v.Name), Is.SupersetOf(new[] { "normalization_0/mean", "normalization_0/variance" }));
        Assert.That(model.TrainableVariables.Select(v => v.Name), Is.EqualTo(new[] { "dense_1/kernel", "dense_1/bias" }));
        Assert.That(normalization.NonTrainableVariables, Is.EqualTo(new[] { normalization.Mean, normalization.Variance }));
    }

    [Test]
    public void Adapt_AfterBuild_OtherWidth_ThrowsNamingBothWidths()
    {
        var normalization = new Normalization();
        _ = new Sequential(3, [normalization]);

        Assert.That(() => normalization.Adapt(Tiny()),
            Throws.ArgumentException.With.Property("ParamName").EqualTo("data")
                .And.Message.StartsWith("normalization 'normalization_0': the data has 2 features per example, the layer's input width is 3"));
    }

    [Test]
    public void Build_AfterAdaptingToOtherWidth_ThrowsNamingBothWidths()
    {
        var normalization = new Normalization();
        normalization.Adapt(Tiny());

        Assert.That(() => new Sequential(3, [normalization]),
            Throws.ArgumentException.With.Message.StartsWith("normalization: adapted to 2 features, but the model gives it inputs of width 3"));
    }

    [Test]
    public void Gradient_ThroughAdaptedNormalizationAndDense_MatchesFiniteDifferences()
    {
        var normalization = new Normalization();
        normalization.Adapt(Tiny());
        var model = new Sequential(2, [normalization, new Dense(3, Activation.Tanh)], seed: 2, dtype: DType.Float64);

        GradientChecking.AssertMatchesFiniteDifferences(model.Call, TestTensors.Uniform(5, -2, 8, 4, 2));
    }
}
