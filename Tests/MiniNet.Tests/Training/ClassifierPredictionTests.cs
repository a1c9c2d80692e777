using MiniNet.Data;
using MiniNet.Layers;
using MiniNet.Models;
using MiniNet.Tensors;
using MiniNet.Tests.Data;
using MiniNet.Training;

namespace MiniNet.Tests.Training;

public class ClassifierPredictionTests
{
    // One Dense layer with fixed weights: its logits for an input x are (x, 2x, 0).
    private static Sequential ThreeClassLogits()
    {
        var model = new Sequential(1, [new Dense(3)], seed: 0);
        model.Variables[0].Assign(new Tensor([1f, 2f, 0f], 1, 3));
        return model;
    }

    [Test]
    public void PredictProbabilities_OfLogits_IsTheirSoftmax()
    {
        var probabilities = ThreeClassLogits().PredictProbabilities(new Tensor([1f], 1, 1)).ToArray<float>();

        double sum = Math.E + Math.E * Math.E + 1; // softmax of (1, 2, 0), by hand
        Assert.That(probabilities, Is.EqualTo(new[] { Math.E / sum, Math.E * Math.E / sum, 1 / sum }).Within(1e-6));
    }

    [Test]
    public void PredictProbabilities_OfOneLogit_IsItsSigmoid_AndOfASoftmaxLayer_IsItsOutput()
    {
        var binary = new Sequential(1, [new Dense(1)], seed: 0);
        binary.Variables[0].Assign(new Tensor([2f], 1, 1));
        var softmax = new Sequential(1, [new Dense(3, Activation.Softmax)], seed: 0);
        var input = new Tensor([0.5f], 1, 1);

        Assert.That(binary.PredictProbabilities(input).ToArray<float>()[0], Is.EqualTo(1 / (1 + Math.Exp(-1))).Within(1e-6));
        Assert.That(softmax.PredictProbabilities(input).ToArray<float>(), Is.EqualTo(softmax.Predict(input).ToArray<float>()));
    }

    [Test]
    public void PredictClasses_NamesTheMostProbableClassThroughTheEncoding()
    {
        using var folder = new TempFolder();
        var schema = new TabularSchema(target: ["Species"], numeric: ["x"], targetKind: TabularTarget.Categories);
        var (_, encoding) = TabularCsv.Load(folder.Write("birds.csv", "x,Species\n1,Crow\n2,Jay\n3,Wren\n"), schema);

        var names = ThreeClassLogits().PredictClasses(encoding, [new Dictionary<string, string> { ["x"] = "1" }, new Dictionary<string, string> { ["x"] = "-1" }]);

        Assert.That(names, Is.EqualTo(new[] { "Jay", "Wren" }), "logits (1, 2, 0) and (-1, -2, 0); classes sorted: Crow, Jay, Wren");
    }

    [Test]
    public void PredictClasses_WithAnEncodingOfValues_ThrowsSayingItHasNoClassNames()
    {
        using var folder = new TempFolder();
        var (_, encoding) = TabularCsv.Load(folder.Write("y.csv", "x,y\n1,2\n2,3\n"), new TabularSchema(target: ["y"], numeric: ["x"]));

        Assert.That(() => ThreeClassLogits().PredictClasses(encoding, []), Throws.ArgumentException.With.Message.Contains("has no class names"));
    }
}
