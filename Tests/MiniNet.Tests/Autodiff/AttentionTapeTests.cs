using System.Text.RegularExpressions;
using MiniNet.Autodiff;
using MiniNet.Layers;
using MiniNet.Models;
using MiniNet.Tensors;

namespace MiniNet.Tests.Autodiff;

/// <summary>One attention step on a tape, as docs/reading-the-tape.md shows it: every op with its shapes, as text and as DOT.</summary>
public class AttentionTapeTests
{
    private static GradientTape AttentionStep()
    {
        var model = new Sequential([3, 4], [new MultiHeadAttention(heads: 2, causal: true)], seed: 1);
        var tape = new GradientTape { TraceGradients = true };
        Tensor loss;
        using (tape) loss = model.Call(new Tensor([.. Enumerable.Range(0, 12).Select(i => i / 12f)], 1, 3, 4)).Square().Mean();
        tape.Gradient(loss, model.TrainableVariables);
        return tape;
    }

    /// <summary>The listing, with the gradient norms cut off (they depend on the initial weights, not on the recording).</summary>
    [Test]
    public void ToString_ListsEveryOpOfTheAttentionStepWithItsShape()
    {
        var lines = AttentionStep().ToString().Split('\n').Skip(1).Select(line => Regex.Replace(line, @"\s+‖grad‖.*$", "").TrimEnd()).ToArray();

        Assert.That(lines, Is.EqualTo(new[]
        {
            "  #0   constant                                     (1,3,4)",
            "  #1   variable multiheadattention_0/qkv_kernel     (4,12)",
            "  #2   matmul(#0, #1)                               (1,3,12)",
            "  #3   variable multiheadattention_0/qkv_bias       (12)",
            "  #4   add(#2, #3)                                  (1,3,12)",
            "  #5   split_heads(#4)                              (1,2,3,2)",
            "  #6   split_heads(#4)                              (1,2,3,2)",
            "  #7   split_heads(#4)                              (1,2,3,2)",
            "  #8   attention(#5, #6, #7)                        (1,2,3,2)",
            "  #9   merge_heads(#8)                              (1,3,4)",
            "  #10  variable multiheadattention_0/output_kernel  (4,4)",
            "  #11  matmul(#9, #10)                              (1,3,4)",
            "  #12  variable multiheadattention_0/output_bias    (4)",
            "  #13  add(#11, #12)                                (1,3,4)",
            "  #14  square(#13)                                  (1,3,4)",
            "  #15  mean(#14)                                    ()",
        }));
    }

    [Test]
    public void ToDot_LabelsTheAttentionOpsWithTheirShapes()
    {
        string dot = GraphvizExport.ToDot(AttentionStep().Graph);

        Assert.That(dot, Does.Contain("n8 [label=\"#8 attention\\n(1,2,3,2)\\n‖grad‖"));
        Assert.That(dot, Does.Contain("n9 [label=\"#9 merge_heads\\n(1,3,4)\\n‖grad‖"));
        Assert.That(dot, Does.Contain("n5 -> n8 [label=\"0\"]"));
        Assert.That(dot, Does.Contain("n6 -> n8 [label=\"1\"]"));
        Assert.That(dot, Does.Contain("n7 -> n8 [label=\"2\"]"));
    }
}
