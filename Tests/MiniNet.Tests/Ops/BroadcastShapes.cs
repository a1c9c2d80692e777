using MiniNet.Tensors;

namespace MiniNet.Tests.Ops;

/// <summary>Operand shapes for the element-wise binary ops: equal shapes, a bias row (n) onto (b,n), a column (b,1) onto (b,n),
/// a scalar, and rank-3 cases, with the broadcast operand on either side and with both operands broadcast at once.</summary>
internal static class BroadcastShapes
{
    public static IEnumerable<TestCaseData> Pairs()
    {
        int[][][] pairs =
        [
            [[3, 4], [3, 4]],
            [[3, 4], [4]],
            [[4], [3, 4]],
            [[3, 4], [3, 1]],
            [[3, 1], [3, 4]],
            [[3, 4], []],
            [[], [3, 4]],
            [[2, 3, 4], [2, 3, 4]],
            [[2, 3, 4], [3, 4]],
            [[2, 3, 4], [2, 1, 4]],
            [[2, 3, 4], [3, 1]],
            [[1, 3, 1], [2, 3, 4]],
            [[2, 1, 4], [3, 1]],
        ];
        foreach (var pair in pairs)
            yield return new TestCaseData(pair[0], pair[1]).SetArgDisplayNames(ShapeMath.Format(pair[0]), ShapeMath.Format(pair[1]));
    }
}
