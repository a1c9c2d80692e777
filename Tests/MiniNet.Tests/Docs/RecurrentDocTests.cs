using MiniNet.Autodiff;
using MiniNet.Layers;
using MiniNet.Models;
using MiniNet.Tensors;

namespace MiniNet.Tests.Docs;

/// <summary>docs/recurrent.md's three-step program, copied word for word, prints the tape listing the page shows.</summary>
public class RecurrentDocTests
{
    [Test]
    public void ThreeStepRnn_PrintsThePagesTapeListing()
    {
        var rnn = new SimpleRNN(units: 2);
        var model = new Sequential([3, 1], [rnn], seed: 1);     // sequences of 3 steps, one feature per step
        var x = new Tensor([1f, 0f, 0f], 1, 3, 1);              // one sequence: a pulse, then nothing
        var tape = new GradientTape { TraceGradients = true };
        Tensor loss;
        using (tape) loss = model.Call(x).Sum();               // the last step's hidden state, summed
        tape.Gradient(loss, model.TrainableVariables);

        Assert.That(tape.ToString().ReplaceLineEndings("\n").TrimEnd(), Is.EqualTo(TextBlock("docs/recurrent.md")));
    }

    private static string TextBlock(string page)
    {
        var lines = File.ReadAllLines(Path.Combine(RepositoryRoot.Path, page));
        int start = Array.IndexOf(lines, "```text") + 1;
        return string.Join("\n", lines[start..Array.IndexOf(lines, "```", start)]);
    }
}
