using System.Globalization;
using MiniNet.Tensors;

namespace MiniNet.Autodiff;

/// <summary>One tensor of a <see cref="TapeGraph"/>: what it is, its shape, where it came from and how much gradient reached it.</summary>
/// <param name="Id">Its position in the graph, from 0; an op node's inputs always have smaller ids.</param>
/// <param name="Kind">Whether it is an op's output, a variable, a watched tensor or a constant.</param>
/// <param name="Name">The op's name for an op node (e.g. "matmul"), the variable's name for a variable (e.g. "dense_0/kernel"),
/// null for watched and constant tensors.</param>
/// <param name="Shape">The tensor's dimensions, outermost first; empty for a scalar.</param>
/// <param name="DType">The tensor's element type.</param>
/// <param name="Inputs">For an op node, the ids of the nodes the op read, in argument order (an id repeats when the op read a
/// tensor twice, as in <c>x * x</c>); empty for the other kinds.</param>
/// <param name="GradientNorm">The L2 norm √(Σ gᵢ²) of the gradient g of the differentiated target with respect to this
/// tensor, from the last <see cref="GradientTape.Gradient"/> call of a tape with <see cref="GradientTape.TraceGradients"/>;
/// null when nothing was traced or no gradient reached the tensor (constants, and ops the target does not depend on).</param>
/// <param name="FirstValues">The tensor's first elements in row-major order when the graph was built (at most
/// <see cref="FirstValueCount"/>), so a step can be shown with its numbers.</param>
public sealed record TapeNode(int Id, TapeNodeKind Kind, string? Name, IReadOnlyList<int> Shape, DType DType, IReadOnlyList<int> Inputs, double? GradientNorm,
    IReadOnlyList<double> FirstValues)
{
    /// <summary>The most elements <see cref="FirstValues"/> keeps of one tensor.</summary>
    public const int FirstValueCount = 6;

    /// <summary>What the tensor is, without its shape: "matmul(#0, #1)", "variable dense_0/kernel", "watched", "constant".</summary>
    public string Description => Kind switch
    {
        TapeNodeKind.Op => $"{Name}({string.Join(", ", Inputs.Select(i => $"#{i}"))})",
        TapeNodeKind.Variable => $"variable {Name}",
        TapeNodeKind.Watched => "watched",
        _ => "constant",
    };

    /// <summary>The gradient norm with 4 significant digits, e.g. "0.3162", or "" when there is none.</summary>
    public string FormattedGradientNorm => GradientNorm is { } norm ? norm.ToString("G4", CultureInfo.InvariantCulture) : "";

    /// <summary>One line of the tape listing, e.g. "#2 matmul(#0, #1) (4,8) ‖grad‖ 0.3162".</summary>
    public override string ToString() =>
        $"#{Id} {Description} {ShapeMath.Format(Shape.ToArray())}" + (GradientNorm is null ? "" : $" ‖grad‖ {FormattedGradientNorm}");
}
