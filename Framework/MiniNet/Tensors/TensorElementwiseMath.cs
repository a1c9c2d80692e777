using MiniNet.Ops;

namespace MiniNet.Tensors;

// Element-wise functions (exp, log, activations, clipping) and softmax, each one op.
public partial class Tensor
{
    /// <summary>Element-wise eˣ.</summary>
    public Tensor Exp() => ExpOp.Apply(this);

    /// <summary>Element-wise natural logarithm.</summary>
    public Tensor Log() => LogOp.Apply(this);

    /// <summary>Element-wise x².</summary>
    public Tensor Square() => SquareOp.Apply(this);

    /// <summary>Element-wise square root.</summary>
    public Tensor Sqrt() => SqrtOp.Apply(this);

    /// <summary>Element-wise max(x, 0).</summary>
    public Tensor Relu() => ReluOp.Apply(this);

    /// <summary>Element-wise logistic sigmoid 1 / (1 + e⁻ˣ).</summary>
    public Tensor Sigmoid() => SigmoidOp.Apply(this);

    /// <summary>Element-wise hyperbolic tangent.</summary>
    public Tensor Tanh() => TanhOp.Apply(this);

    /// <summary>Element-wise GELU, x·Φ(x): exact, or tanh-approximate when <paramref name="approximate"/>.</summary>
    public Tensor Gelu(bool approximate = false) => GeluOp.Apply(this, approximate);

    /// <summary>Element-wise clamp to [<paramref name="low"/>, <paramref name="high"/>]; no gradient flows where a value was clipped.</summary>
    public Tensor Clip(double low, double high) => ClipOp.Apply(this, low, high);

    /// <summary>Softmax along <paramref name="axis"/> (default the last): non-negative values summing to 1, computed stably.</summary>
    public Tensor Softmax(int axis = -1) => SoftmaxOp.Softmax(this, axis);

    /// <summary>Log of the softmax along <paramref name="axis"/> (default the last), computed without overflow or log(0).</summary>
    public Tensor LogSoftmax(int axis = -1) => SoftmaxOp.LogSoftmax(this, axis);
}
