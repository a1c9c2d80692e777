using MiniNet.Layers;
using static MiniNet.Tests.Layers.RecurrentReference;

namespace MiniNet.Tests.Layers;

public class SimpleRNNTests
{
    [Test]
    public void EveryStep_MatchesPyTorchsEquations()
    {
        var rnn = new SimpleRNN(3, returnSequences: true);
        _ = Model(rnn, steps: 4, features: 2);
        var x = TestTensors.Uniform(5, -1, 1, 2, 4, 2);

        var expected = Run(rnn, x, (gi, gh, h, c) => ([.. gi.Zip(gh, (input, hidden) => Math.Tanh(input + hidden))], c));

        Assert.That(rnn.Call(x).ToArray<double>(), Is.EqualTo(expected.Cast<double>()).Within(1e-14));
    }

    [Test]
    public void WithRelu_EveryStep_MatchesPyTorchsEquations()
    {
        var rnn = new SimpleRNN(3, Activation.Relu, returnSequences: true);
        _ = Model(rnn, steps: 4, features: 2);
        var x = TestTensors.Uniform(6, -1, 1, 2, 4, 2);

        var expected = Run(rnn, x, (gi, gh, h, c) => ([.. gi.Zip(gh, (input, hidden) => Math.Max(0, input + hidden))], c));

        Assert.That(rnn.Call(x).ToArray<double>(), Is.EqualTo(expected.Cast<double>()).Within(1e-14));
    }

    [Test]
    public void Gradients_OfInputsAndEveryWeight_MatchFiniteDifferences()
    {
        var rnn = new SimpleRNN(3, returnSequences: true);
        var model = Model(rnn, steps: 3, features: 2);

        GradientChecking.AssertMatchesFiniteDifferences(inputs => rnn.Call(inputs[0]),
            [TestTensors.Uniform(7, -1, 1, 2, 3, 2), .. model.Variables]);
    }
}
