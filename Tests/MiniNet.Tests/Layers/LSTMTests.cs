using MiniNet.Layers;
using static MiniNet.Tests.Layers.RecurrentReference;

namespace MiniNet.Tests.Layers;

public class LSTMTests
{
    [Test]
    public void EveryStep_MatchesPyTorchsEquations()
    {
        var lstm = new LSTM(3, returnSequences: true);
        _ = Model(lstm, steps: 4, features: 2);
        var x = TestTensors.Uniform(3, -1, 1, 2, 4, 2);

        var expected = Run(lstm, x, (gi, gh, h, c) =>
        {
            double[] hidden = new double[3], cell = new double[3];
            for (int u = 0; u < 3; u++)
            {
                double i = Sigmoid(gi[u] + gh[u]);
                double f = Sigmoid(gi[3 + u] + gh[3 + u]);
                double g = Math.Tanh(gi[6 + u] + gh[6 + u]);
                double o = Sigmoid(gi[9 + u] + gh[9 + u]);
                cell[u] = f * c[u] + i * g;
                hidden[u] = o * Math.Tanh(cell[u]);
            }
            return (hidden, cell);
        });

        Assert.That(lstm.Call(x).ToArray<double>(), Is.EqualTo(expected.Cast<double>()).Within(1e-14));
    }

    [Test]
    public void Gradients_OfInputsAndEveryWeight_MatchFiniteDifferences()
    {
        var lstm = new LSTM(3, returnSequences: true);
        var model = Model(lstm, steps: 3, features: 2);

        GradientChecking.AssertMatchesFiniteDifferences(inputs => lstm.Call(inputs[0]),
            [TestTensors.Uniform(4, -1, 1, 2, 3, 2), .. model.Variables]);
    }
}
