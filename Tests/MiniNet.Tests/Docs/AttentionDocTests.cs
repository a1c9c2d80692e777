using System.Globalization;
using MiniNet.Autodiff;
using MiniNet.Ops;
using MiniNet.Tensors;

namespace MiniNet.Tests.Docs;

/// <summary>docs/attention.md's worked example, computed with MiniNet's attention ops and tape: every number the page prints
/// (rounded to 5 decimals) is checked against the ops, and must appear on the page.</summary>
public class AttentionDocTests
{
    private static readonly string Page = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "docs", "attention.md"));

    /// <summary>One causal head: q, k, v (1, 1, 2, 2); L = Σ O ⊙ dO with dO = ((0, 1), (1, 0)).</summary>
    private static (double[] P, double[] O, double Loss, double[] DQ, double[] DK, double[] DV) Example(double scale)
    {
        var q = new Tensor([1.0, 0, 0, 2], 1, 1, 2, 2);
        var k = new Tensor([1.0, 0, 1, 1], 1, 1, 2, 2);
        var v = new Tensor([1.0, 0, 0, 1], 1, 1, 2, 2);
        var upstream = new Tensor([0.0, 1, 1, 0], 1, 1, 2, 2);
        using var tape = new GradientTape();
        tape.Watch(q);
        tape.Watch(k);
        tape.Watch(v);
        var p = MaskedSoftmaxOp.Apply(BatchedMatMulOp.Apply(q, k, transposeB: true), scale, causal: true);
        var o = p.MatMul(v);
        var loss = (o * upstream).Sum();
        var gradients = tape.Gradient(loss, [q, k, v]);
        return (p.ToArray<double>(), o.ToArray<double>(), loss.Item(), gradients[0]!.ToArray<double>(),
            gradients[1]!.ToArray<double>(), gradients[2]!.ToArray<double>());
    }

    private static string Pair(double a, double b) => $"({Number(a)}, {Number(b)})";

    private static string Number(double value) =>
        (Math.Round(value, 5) == 0 ? "0" : Math.Round(value, 5) == Math.Round(value) ? ((int)Math.Round(value)).ToString(CultureInfo.InvariantCulture)
            : value.ToString("F5", CultureInfo.InvariantCulture)).Replace("-", "−");

    [Test]
    public void WorkedExample_EveryNumberOnThePageIsWhatTheOpsCompute()
    {
        var (p, o, loss, dq, dk, dv) = Example(1 / Math.Sqrt(2));

        Assert.That(p, Is.EqualTo(new[] { 1, 0, 0.19557, 0.80443 }).Within(5e-6));
        Assert.That(Page, Does.Contain($"**{Pair(p[2], p[3])}**"));
        Assert.That(Page, Does.Contain($"O₁ = 0.19557·v₀ + 0.80443·v₁ = **{Pair(o[2], o[3])}**"));
        Assert.That(Page, Does.Contain($"L = 0 + {Number(loss)}"));
        Assert.That(Page, Does.Contain($"dv₀ = 1·(0, 1) + 0.19557·(1, 0) = **{Pair(dv[0], dv[1])}**"));
        Assert.That(Page, Does.Contain($"dv₁ = 0·(0, 1) + 0.80443·(1, 0) = **{Pair(dv[2], dv[3])}**"));
        Assert.That(dq.Take(2), Is.EqualTo(new[] { 0.0, 0 }), "row 0 sees only itself: no gradient reaches q₀");
        Assert.That(Page, Does.Contain($"dq₁ = (0.15732·k₀ − 0.15732·k₁)/√2 = **{Pair(dq[2], dq[3])}**"));
        Assert.That(Page, Does.Contain($"dk₀ = 0.15732·q₁/√2 = **{Pair(dk[0], dk[1])}**"));
        Assert.That(Page, Does.Contain($"dk₁ = −0.15732·q₁/√2 = **{Pair(dk[2], dk[3])}**"));
        double dz = -dq[3] * Math.Sqrt(2); // dq₁ = dZ₁,₀·(k₀ − k₁)/√2 with k₀ − k₁ = (0, −1)
        Assert.That(Page, Does.Contain($"**{Pair(dz, -dz)}**, summing to 0"));
    }

    [Test]
    public void ClassicMistake_ScalingByTheModelWidth_GivesThePagesFlatterWeightsAndSmallerGradients()
    {
        var (p, _, loss, dq, dk, _) = Example(1 / Math.Sqrt(8));

        Assert.That(Page, Does.Contain($"P₁ = **{Pair(p[2], p[3])}** instead of (0.19557, 0.80443), the loss {Number(loss)} instead of 0.19557"));
        Assert.That(Page, Does.Contain($"dq₁ = **{Pair(dq[2], dq[3])}** instead of (0, −0.11124), dk₀ = **{Pair(dk[0], dk[1])}**"));
    }
}
