using MiniNet.Tensors;

namespace MiniNet.Kernels;

/// <summary>
/// Maps the rows of a broadcast result (every dimension but the last) to where each row's data starts in one operand.
/// An operand either supplies a whole row (its last dimension equals the result's) or one value per row (its last dimension is 1,
/// or it is a scalar). Dimensions of size 1 and missing leading dimensions are broadcast (stride 0).
/// </summary>
public sealed class RowBroadcast
{
    // The last mappings planned on this thread, each with its two shapes: a step asks for the same few again and again.
    [ThreadStatic] private static (int[] Result, int[] Operand, RowBroadcast Rows)[]? t_planned;
    [ThreadStatic] private static int t_nextSlot;

    private readonly int[] _resultRowDims;
    private readonly int[] _operandRowStrides;
    private readonly bool _contiguous;

    /// <summary>The mapping from a result of <paramref name="resultShape"/> to an operand of <paramref name="operandShape"/>,
    /// planned once for the last 32 pairs of shapes on this thread (so a training step's ops allocate none after its first).</summary>
    public static RowBroadcast For(ReadOnlySpan<int> resultShape, ReadOnlySpan<int> operandShape)
    {
        var planned = t_planned ??= new (int[], int[], RowBroadcast)[32];
        foreach (var (result, operand, rows) in planned)
            if (rows != null && resultShape.SequenceEqual(result) && operandShape.SequenceEqual(operand)) return rows;
        var made = new RowBroadcast(resultShape, operandShape);
        planned[t_nextSlot] = (resultShape.ToArray(), operandShape.ToArray(), made);
        t_nextSlot = (t_nextSlot + 1) % planned.Length;
        return made;
    }

    /// <summary>Plans the mapping from a result of <paramref name="resultShape"/> to an operand of <paramref name="operandShape"/>.</summary>
    public RowBroadcast(ReadOnlySpan<int> resultShape, ReadOnlySpan<int> operandShape)
    {
        int rank = resultShape.Length;
        RowLength = rank == 0 ? 1 : resultShape[^1];
        int operandLast = operandShape.Length == 0 ? 1 : operandShape[^1];
        FullRows = operandLast == RowLength && operandShape.Length > 0;
        _contiguous = resultShape.SequenceEqual(operandShape);

        int rowRank = Math.Max(rank - 1, 0);
        _resultRowDims = resultShape[..rowRank].ToArray();
        _operandRowStrides = new int[rowRank];
        var operandStrides = ShapeMath.Strides(operandShape);
        int shift = rank - operandShape.Length;
        Rows = 1;
        for (int d = 0; d < rowRank; d++)
        {
            Rows *= _resultRowDims[d];
            int od = d - shift;
            _operandRowStrides[d] = od < 0 || operandShape[od] == 1 ? 0 : operandStrides[od];
        }
        Period = FullRows ? RepeatPeriod() : 0;
    }

    /// <summary>The rows after which the operand's rows repeat, when they do: its whole rows are the result's last rows,
    /// repeated along the leading dimensions (an operand shaped like the result, a bias, a position table), so row r starts
    /// at (r mod Period)·RowLength. 0 for any other operand.</summary>
    public int Period { get; }

    private int RepeatPeriod()
    {
        int period = 1;
        bool repeating = false;
        for (int d = _resultRowDims.Length - 1; d >= 0; d--)
        {
            if (_resultRowDims[d] == 1) continue;
            if (!repeating && _operandRowStrides[d] == period * RowLength) period *= _resultRowDims[d];
            else if (_operandRowStrides[d] == 0) repeating = true;
            else return 0;
        }
        return period;
    }

    /// <summary>How many rows the result has (the product of all its dimensions but the last).</summary>
    public int Rows { get; }

    /// <summary>The length of one result row (the result's last dimension, 1 for a scalar).</summary>
    public int RowLength { get; }

    /// <summary>True when the operand supplies a whole row; false when it supplies one value repeated along the row.</summary>
    public bool FullRows { get; }

    /// <summary>Where result row <paramref name="row"/>'s data starts in the operand's storage.</summary>
    public int Offset(int row)
    {
        if (_contiguous) return row * RowLength;
        int offset = 0;
        for (int d = _resultRowDims.Length - 1; d >= 0; d--)
        {
            int dim = _resultRowDims[d];
            offset += row % dim * _operandRowStrides[d];
            row /= dim;
        }
        return offset;
    }
}
