using MiniNet.Autodiff;
using MiniNet.Ops;
using MiniNet.Tensors;

namespace MiniNet.Tests.Ops;

public class CustomOpTests
{
    // softplus(x) = log(1 + eˣ), softplus'(x) = σ(x), the op walked through in docs/custom-op.md.
    private static readonly Func<Tensor, Tensor> Softplus = CustomOp.Create("softplus",
        forward: x => (x.Exp() + 1.0).Log(),
        backward: (x, y, dy) => dy * x.Sigmoid());

    private static readonly double[] Points = [-3.0, -0.5, 0.0, 0.8, 4.0];

    private static double Sigma(double x) => 1 / (1 + Math.Exp(-x));

    [Test]
    public void Softplus_Forward_EqualsClosedForm()
    {
        var y = Softplus(new Tensor((double[])Points.Clone(), 5));

        Assert.That(y.ToArray<double>(), Is.EqualTo(Points.Select(x => Math.Log(1 + Math.Exp(x)))).Within(1e-15));
    }

    [Test]
    public void Softplus_Float64Gradient_IsSigmoid()
    {
        var x = new Tensor((double[])Points.Clone(), 5);
        var tape = new GradientTape();
        Tensor loss;
        using (tape)
        {
            tape.Watch(x);
            loss = Softplus(x).Sum();
        }

        var dx = tape.Gradient(loss, [x])[0]!;

        Assert.That(dx.ToArray<double>(), Is.EqualTo(Points.Select(Sigma)).Within(1e-15));
    }

    [Test]
    public void Softplus_Float32Gradient_IsSigmoid()
    {
        var x = new Tensor(Points.Select(p => (float)p).ToArray(), 5);
        var tape = new GradientTape();
        Tensor loss;
        using (tape)
        {
            tape.Watch(x);
            loss = Softplus(x).Sum();
        }

        var dx = tape.Gradient(loss, [x])[0]!;

        Assert.That(dx.DType, Is.EqualTo(DType.Float32));
        Assert.That(dx.ToArray<float>(), Is.EqualTo(Points.Select(p => (float)Sigma(p))).Within(1e-6));
    }

    [Test]
    public void Softplus_PassesGradientCheck()
    {
        var x = new Tensor((double[])Points.Clone(), 5);

        var result = GradientCheck.Run(t => Softplus(t[0]), x);

        Assert.That(result.Passed, Is.True, result.ToString());
    }

    [Test]
    public void Softplus_TapeRecordsOneNamedOp_NotTheMathInside()
    {
        var x = new Tensor([1.0], 1);
        using var tape = new GradientTape();
        tape.Watch(x);

        _ = Softplus(x);

        Assert.That(tape.Operations.Select(op => op.Name), Is.EqualTo(new[] { "softplus" }));
    }

    [Test]
    public void Softplus_GradientWhileTapeStillRecording_BackwardMathIsNotRecorded()
    {
        var x = new Tensor([1.0, -1.0], 2);
        using var tape = new GradientTape(persistent: true);
        tape.Watch(x);
        var loss = Softplus(x).Sum();

        tape.Gradient(loss, [x]);

        Assert.That(tape.Operations.Select(op => op.Name), Is.EqualTo(new[] { "softplus", "sum" }));
    }

    [Test]
    public void Softplus_InputAlsoUsedElsewhere_GradientsAdd()
    {
        var x = new Tensor([0.5, -1.0], 2);
        var tape = new GradientTape();
        Tensor loss;
        using (tape)
        {
            tape.Watch(x);
            loss = (x * 3.0 + Softplus(x)).Sum();
        }

        var dx = tape.Gradient(loss, [x])[0]!;

        Assert.That(dx.ToArray<double>(), Is.EqualTo(new[] { 3 + Sigma(0.5), 3 + Sigma(-1.0) }).Within(1e-15));
    }

    [Test]
    public void Softplus_TrainedBySgd_FitsTarget()
    {
        // Minimise (softplus(w) - 2)²; the minimum is at w = log(e² - 1).
        var w = new Variable(new Tensor([0.0], 1), "w");
        for (int step = 0; step < 500; step++)
        {
            var tape = new GradientTape();
            Tensor loss;
            using (tape) loss = (Softplus(w) - 2.0).Square().Sum();
            var dw = tape.Gradient(loss, [w])[0]!;
            w.Assign(w - dw * 0.5);
        }

        Assert.That(w[0], Is.EqualTo(Math.Log(Math.Exp(2) - 1)).Within(1e-9));
    }

    [Test]
    public void BinaryOp_GradientsReachBothOperands()
    {
        var multiply = CustomOp.Create("my_multiply", (a, b) => a * b, (a, b, y, dy) => (dy * b, dy * a));
        var a = new Tensor([2.0, 3.0], 2);
        var b = new Tensor([5.0, 7.0], 2);
        var tape = new GradientTape();
        Tensor loss;
        using (tape)
        {
            tape.Watch(a);
            tape.Watch(b);
            loss = multiply(a, b).Sum();
        }

        var gradients = tape.Gradient(loss, [a, b]);

        Assert.That(gradients[0]!.ToArray<double>(), Is.EqualTo(new[] { 5.0, 7.0 }));
        Assert.That(gradients[1]!.ToArray<double>(), Is.EqualTo(new[] { 2.0, 3.0 }));
    }

    [Test]
    public void BinaryOp_NullGradient_LeavesThatOperandWithout()
    {
        var scale = CustomOp.Create("scale", (x, factor) => x * factor, (x, factor, y, dy) => (dy * factor, null));
        var x = new Tensor([2.0], 1);
        var factor = new Tensor([5.0], 1);
        var tape = new GradientTape();
        Tensor loss;
        using (tape)
        {
            tape.Watch(x);
            tape.Watch(factor);
            loss = scale(x, factor).Sum();
        }

        var gradients = tape.Gradient(loss, [x, factor]);

        Assert.That(gradients[0]!.ToArray<double>(), Is.EqualTo(new[] { 5.0 }));
        Assert.That(gradients[1], Is.Null);
    }

    [Test]
    public void Backward_ReturningWrongShape_ThrowsNamingTheOp()
    {
        var broken = CustomOp.Create("broken", x => x * 2.0, (x, y, dy) => dy.Sum());
        var x = new Tensor([1.0, 2.0], 2);
        var tape = new GradientTape();
        Tensor loss;
        using (tape)
        {
            tape.Watch(x);
            loss = broken(x).Sum();
        }

        Assert.That(() => tape.Gradient(loss, [x]),
            Throws.InvalidOperationException.With.Message.StartsWith("broken: backward returned a () float64 gradient for input 0, which is (2) float64"));
    }

    [Test]
    public void Forward_ChangingDType_Throws()
    {
        var toFloat32 = CustomOp.Create("to_float32", x => x.To(DType.Float32), (x, y, dy) => dy);

        Assert.That(() => toFloat32(new Tensor([1.0], 1)), Throws.InvalidOperationException.With.Message.Contains("to_float32"));
    }
}
