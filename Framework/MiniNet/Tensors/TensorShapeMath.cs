using MiniNet.Ops;

namespace MiniNet.Tensors;

// Reshaping and transposing, recorded like any other op.
public partial class Tensor
{
    /// <summary>Permutes the axes (output dimension d is input dimension axes[d]); with none given (or null), reverses them (the matrix transpose).</summary>
    public Tensor Transpose(params int[]? axes) => TransposeOp.Apply(this, axes is null or [] ? null : axes);

    /// <summary>The same elements under a new shape; one dimension may be -1 and is then inferred.</summary>
    public Tensor Reshape(params int[] shape) => ReshapeOp.Apply(this, shape);
}
