using MiniNet.Layers;
using MiniNet.Models;
using MiniNet.Tensors;

namespace MiniNet.Tests.Layers;

public class DenseTests
{
    private static Dense BuiltDense(int inputSize, int units, Activation? activation = null, bool useBias = true)
    {
        var dense = new Dense(units, activation, useBias: useBias);
        _ = new Sequential(inputSize, [dense], seed: 1, dtype: DType.Float64);
        return dense;
    }

    [Test]
    public void Build_Kernel_IsInputSizeByUnits()
    {
        Assert.That(BuiltDense(3, 5).Kernel.Shape, Is.EqualTo(new[] { 3, 5 }));
    }

    [Test]
    public void Build_Bias_IsUnitsLongAndStartsAtZero()
    {
        var bias = BuiltDense(3, 5).Bias!;

        Assert.That(bias.Shape, Is.EqualTo(new[] { 5 }));
        Assert.That(bias.ToArray<double>(), Is.All.EqualTo(0));
    }

    [Test]
    public void Build_WithoutBias_CreatesOnlyTheKernel()
    {
        var dense = BuiltDense(3, 5, useBias: false);

        Assert.That(dense.Bias, Is.Null);
        Assert.That(dense.TrainableVariables, Is.EqualTo(new[] { dense.Kernel }));
    }

    [Test]
    public void Build_DefaultKernel_IsGlorotUniformWithinItsBoundAndSpreadAcrossIt()
    {
        // Glorot uniform: U(-l, l) with l = √(6 / (fanIn + fanOut)) = √(6 / 500); its standard deviation is l / √3.
        double limit = Math.Sqrt(6.0 / (300 + 200));
        var weights = BuiltDense(300, 200).Kernel.ToArray<double>();

        Assert.That(weights, Is.All.InRange(-limit, limit));
        Assert.That(weights.Min(), Is.LessThan(-0.99 * limit));
        Assert.That(weights.Max(), Is.GreaterThan(0.99 * limit));
        Assert.That(Statistics.Mean(weights), Is.EqualTo(0).Within(0.01 * limit));
        Assert.That(Statistics.StandardDeviation(weights), Is.EqualTo(limit / Math.Sqrt(3)).Within(3).Percent);
    }

    [Test]
    public void Call_ComputesTheActivationOfInputsTimesKernelPlusBias()
    {
        // Row 0: [1, 0, -1]·K = [1 - 5, 2 - 6] = [-4, -4]; + b = [1, -1]; relu -> [1, 0].
        // Row 1: [0, 1, 1]·K  = [3 + 5, 4 + 6] = [8, 10]; + b = [13, 13]; relu -> [13, 13].
        var dense = BuiltDense(3, 2, Activation.Relu);
        dense.Kernel.Assign(new Tensor([1.0, 2, 3, 4, 5, 6], 3, 2));
        dense.Bias!.Assign(new Tensor([5.0, 3], 2));

        var outputs = dense.Call(new Tensor([1.0, 0, -1, 0, 1, 1], 2, 3));

        Assert.That(outputs.Shape, Is.EqualTo(new[] { 2, 2 }));
        Assert.That(outputs.ToArray<double>(), Is.EqualTo(new[] { 1.0, 0, 13, 13 }));
    }

    [TestCase(0)]
    [TestCase(-3)]
    public void Constructor_NonPositiveUnits_ThrowsNamingTheValue(int units)
    {
        Assert.That(() => new Dense(units),
            Throws.TypeOf<ArgumentOutOfRangeException>().With.Message.StartsWith($"dense: units must be positive, got {units}"));
    }
}
