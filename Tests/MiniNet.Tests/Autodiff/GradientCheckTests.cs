using MiniNet.Autodiff;
using MiniNet.Ops;
using MiniNet.Tensors;

namespace MiniNet.Tests.Autodiff;

public class GradientCheckTests
{
    // x² with a backward that forgets the factor 2: the analytic derivative is x, the true one 2x.
    private static readonly Func<Tensor, Tensor> SquareMissingFactorTwo =
        CustomOp.Create("bad_square", x => x * x, (x, y, dy) => dy * x);

    [Test]
    public void Run_BuiltInOpsWithMatrixOutput_Passes()
    {
        var a = new Tensor([0.5, -1.0, 2.0, 0.3, 1.5, -0.7], 2, 3);
        var b = new Tensor([0.2, -0.4, 1.1, 0.6, -0.9, 0.8], 3, 2);

        var result = GradientCheck.Run(t => (t[0].MatMul(t[1]).Tanh() + t[0].Sum()).Sigmoid(), a, b);

        Assert.That(result.Passed, Is.True, result.ToString());
        Assert.That(result.WorstError, Is.LessThan(1e-8));
    }

    [Test]
    public void Run_CubeAtTwo_NumericDerivativeIsTwelve()
    {
        var x = new Tensor([2.0], 1);

        var result = GradientCheck.Run(t => (t[0] * t[0] * t[0]).Sum(), x);

        Assert.That(result.Numeric, Is.EqualTo(12).Within(1e-8));
        Assert.That(result.Analytic, Is.EqualTo(12).Within(1e-12));
    }

    [Test]
    public void Run_WrongBackward_FailsAndReportsTheWorstElement()
    {
        var correct = new Tensor([1.0, -2.0], 2);
        var checkedByWrongOp = new Tensor([0.2, 0.4, 0.3], 1, 3);

        var result = GradientCheck.Run(t => t[0].Square().Sum() + SquareMissingFactorTwo(t[1]).Sum(), correct, checkedByWrongOp);

        // Error |x − 2x| / max(1, |x|, |2x|) = x for these x below 0.5, largest at x = 0.4.
        Assert.That(result.Passed, Is.False);
        Assert.That(result.WorstError, Is.EqualTo(0.4).Within(1e-8));
        Assert.That(result.InputIndex, Is.EqualTo(1));
        Assert.That(result.ElementIndex, Is.EqualTo(new[] { 0, 1 }));
        Assert.That(result.FlatIndex, Is.EqualTo(1));
        Assert.That(result.Analytic, Is.EqualTo(0.4).Within(1e-12));
        Assert.That(result.Numeric, Is.EqualTo(0.8).Within(1e-8));
        Assert.That(result.ToString(), Does.StartWith("gradient check FAILED: worst error 0.4 at input 1, element [0, 1]"));
    }

    [Test]
    public void Run_BackwardWrongOnlyForUnequalOutputGradients_Fails()
    {
        // The sum of a softmax is always 1, so its plain sum has gradient 0 and a backward returning 0 would look right.
        var softmaxWithZeroBackward = CustomOp.Create("bad_softmax", x => x.Softmax(), (x, y, dy) => dy * 0.0);
        var x = new Tensor([0.1, 0.7, -0.3], 3);

        var result = GradientCheck.Run(t => softmaxWithZeroBackward(t[0]), x);

        Assert.That(result.Passed, Is.False);
        Assert.That(result.WorstError, Is.GreaterThan(1e-3));
    }

    [Test]
    public void Run_NaNDerivative_CountsAsInfiniteError()
    {
        var nanBackward = CustomOp.Create("nan_grad", x => x * 1.0, (x, y, dy) => dy * double.NaN);

        var result = GradientCheck.Run(t => nanBackward(t[0]).Sum(), new Tensor([1.0], 1));

        Assert.That(result.WorstError, Is.EqualTo(double.PositiveInfinity));
        Assert.That(result.Passed, Is.False);
    }

    [Test]
    public void Run_Float32Input_IsCheckedInFloat64AndLeftUnchanged()
    {
        var x = new Tensor([0.5f, -1.25f], 2);

        var result = GradientCheck.Run(t =>
        {
            Assert.That(t[0].DType, Is.EqualTo(DType.Float64));
            return t[0].Exp().Sum();
        }, x);

        Assert.That(result.Passed, Is.True, result.ToString());
        Assert.That(x.ToArray<float>(), Is.EqualTo(new[] { 0.5f, -1.25f }));
    }

    [Test]
    public void Run_Float64VariableReachedThroughClosure_IsCheckedAndRestoredExactly()
    {
        double[] start = [0.1, 0.2, 0.30000000000000004];
        var w = new Variable(new Tensor((double[])start.Clone(), 3), "w");
        var data = new Tensor([1.0, -2.0, 3.0], 3);

        var result = GradientCheck.Run(_ => (w * data).Tanh().Sum(), w);

        Assert.That(result.Passed, Is.True, result.ToString());
        Assert.That(w.ToArray<double>(), Is.EqualTo(start));
    }

    [Test]
    public void Run_FunctionReturningFloat32_Throws()
    {
        var float32 = new Tensor([1f], 1);

        Assert.That(() => GradientCheck.Run(_ => float32.Square(), new Tensor([1.0], 1)),
            Throws.InvalidOperationException.With.Message.Contains("float32"));
    }

    [Test]
    public void Run_NoInputs_Throws()
    {
        Assert.That(() => GradientCheck.Run(t => t[0]), Throws.ArgumentException);
    }
}
