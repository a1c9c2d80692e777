using MiniNet.Layers;
using MiniNet.Losses;
using MiniNet.Models;
using MiniNet.Tests.Training;
using MiniNet.Training;

namespace MiniNet.Tests.Training;

public class EvaluateErrorTests
{
    [Test]
    public void Evaluate_DataOfAnotherWidth_SaysEvaluateNotFit()
    {
        var model = new Sequential(3, [new Dense(2)], seed: 0);

        Assert.That(() => model.Evaluate(TrainingData.Blobs(8, seed: 1), new SparseCategoricalCrossEntropy()),
            Throws.ArgumentException.With.Message.StartsWith("evaluate: data's examples have features of shape (2) but the model takes inputs of shape (3)"));
    }
}
