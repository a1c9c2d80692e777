using MiniNet.Data;
using MiniNet.Layers;
using MiniNet.Models;
using MiniNet.Tensors;
using MiniNet.Training;

namespace MiniNet.Tests.Training;

public class SequentialPredictionTests
{
    private static Sequential Model() => new(2, [new Dense(5, Activation.Relu), new Dense(3)], seed: 4, dtype: DType.Float64);

    // The model's output for each row alone, (count, 3).
    private static double[] RowByRow(Sequential model, Tensor inputs)
    {
        int count = inputs.Shape[0];
        var expected = new List<double>();
        for (int row = 0; row < count; row++)
            expected.AddRange(model.Call(new Tensor(new[] { inputs[row, 0], inputs[row, 1] }, 1, 2)).ToArray<double>());
        return [.. expected];
    }

    [Test]
    public void Predict_CountNotAMultipleOfBatchSize_EqualsCallRowByRow()
    {
        var model = Model();
        var inputs = TestTensors.Uniform(1, -2, 2, 7, 2);

        var predictions = model.Predict(inputs, batchSize: 3);

        Assert.That(predictions.Shape, Is.EqualTo(new[] { 7, 3 }));
        Assert.That(predictions.ToArray<double>(), Is.EqualTo(RowByRow(model, inputs)).Within(1e-12));
    }

    [Test]
    public void Predict_Dataset_EqualsCallRowByRowOnItsFeatures()
    {
        var model = new Sequential(2, [new Dense(5, Activation.Relu), new Dense(3)], seed: 4);
        var data = TrainingData.Blobs(11, seed: 2);

        var predictions = model.Predict(data, batchSize: 4);

        var expected = Enumerable.Range(0, 11).SelectMany(row =>
            model.Call(new Tensor(new[] { data.Features[2 * row], data.Features[2 * row + 1] }, 1, 2)).ToArray<float>());
        Assert.That(predictions.ToArray<float>(), Is.EqualTo(expected).Within(1e-5));
    }

    [Test]
    public void Predict_WrongWidth_ThrowsNamingBothShapes()
    {
        Assert.That(() => Model().Predict(Tensor.Zeros([4, 3], DType.Float64)),
            Throws.ArgumentException.With.Property("ParamName").EqualTo("inputs")
                .And.Message.StartsWith("predict: inputs (4,3) do not match the model, which expects (count,2)"));
    }

    [Test]
    public void Predict_DatasetOfWrongWidth_ThrowsNamingBoth()
    {
        var data = Dataset.FromValues(new float[6], [3], new float[2], [1]);

        Assert.That(() => Model().Predict(data),
            Throws.ArgumentException.With.Message.StartsWith("predict: the data's features have shape (3) but the model takes inputs of shape (2)"));
    }

    [Test]
    public void Predict_InsideATensorScope_ResultSurvivesTheScope()
    {
        var model = Model();
        var inputs = TestTensors.Uniform(3, -2, 2, 6, 2);
        var expected = RowByRow(model, inputs);

        Tensor predictions;
        using (new TensorScope()) predictions = model.Predict(inputs, batchSize: 4);
        // Recycled buffers of the same sizes are handed out again here: a result owned by the ended scope would be overwritten.
        using (new TensorScope()) model.Predict(TestTensors.Uniform(4, 5, 9, 6, 2), batchSize: 4);

        Assert.That(predictions.ToArray<double>(), Is.EqualTo(expected).Within(1e-12));
    }
}
