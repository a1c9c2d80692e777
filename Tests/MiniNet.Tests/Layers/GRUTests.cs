using MiniNet.Layers;
using static MiniNet.Tests.Layers.RecurrentReference;

namespace MiniNet.Tests.Layers;

public class GRUTests
{
    [Test]
    public void EveryStep_MatchesPyTorchsEquations()
    {
        var gru = new GRU(3, returnSequences: true);
        _ = Model(gru, steps: 4, features: 2);
        var x = TestTensors.Uniform(1, -1, 1, 2, 4, 2);

        var expected = Run(gru, x, (gi, gh, h, c) =>
        {
            var hidden = new double[3];
            for (int u = 0; u < 3; u++)
            {
                double r = Sigmoid(gi[u] + gh[u]);
                double z = Sigmoid(gi[3 + u] + gh[3 + u]);
                double n = Math.Tanh(gi[6 + u] + r * gh[6 + u]);
                hidden[u] = (1 - z) * n + z * h[u];
            }
            return (hidden, c);
        });

        Assert.That(gru.Call(x).ToArray<double>(), Is.EqualTo(expected.Cast<double>()).Within(1e-14));
    }

    [Test]
    public void Gradients_OfInputsAndEveryWeight_MatchFiniteDifferences()
    {
        var gru = new GRU(3, returnSequences: true);
        var model = Model(gru, steps: 3, features: 2);

        GradientChecking.AssertMatchesFiniteDifferences(inputs => gru.Call(inputs[0]),
            [TestTensors.Uniform(2, -1, 1, 2, 3, 2), .. model.Variables]);
    }
}
