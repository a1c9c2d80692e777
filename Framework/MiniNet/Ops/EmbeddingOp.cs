using MiniNet.Tensors;
using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;

namespace MiniNet.Ops;

/// <summary>
/// Looks up rows of a table by token id (Keras's Embedding, PyTorch's <c>F.embedding</c>): y[..., :] = table[id[...], :], so
/// ids shaped (batch) or (batch, time) give (batch, width) or (batch, time, width). Backward scatters: dtable[id, :] += dy[...,
/// :] for every position, so an id used twice receives both rows. The ids get no gradient.
/// <para>The ids travel as float values that are whole numbers (exact below 2²⁴), as a <c>Dataset</c> holds features and as
/// Keras's Embedding casts its inputs; they are checked once, here, to lie in [0, vocabulary).</para>
/// </summary>
public sealed class EmbeddingOp : Op
{
    private const string OpName = "embedding";
    private readonly int _width;

    private EmbeddingOp(Tensor ids, Tensor table) : base(OpName, ids, table) => _width = table.Shape[1];

    /// <summary>The rows of <paramref name="table"/> (vocabulary, width) named by <paramref name="ids"/> (any shape of at
    /// least one dimension); the result is shaped (...ids' shape, width).</summary>
    /// <exception cref="ArgumentException">The table is not rank 2, the ids are rank 0 or of another dtype than the table, or an
    /// id is not a whole number in [0, vocabulary) (the message gives the id and where it is).</exception>
    public static Tensor Apply(Tensor ids, Tensor table)
    {
        ArgumentNullException.ThrowIfNull(ids);
        ArgumentNullException.ThrowIfNull(table);
        if (table.Rank != 2)
            throw new ArgumentException($"{OpName}: the table must be (vocabulary, width), got {ShapeMath.Format(table.ShapeArray)}");
        if (ids.Rank == 0)
            throw new ArgumentException($"{OpName}: ids must be shaped (batch) or (batch, time), got a scalar");
        if (ids.DType == DType.Int32)
            throw new ArgumentException($"{OpName}: ids travel as float values (whole numbers) of the table's dtype, {Tensor.DTypeName(table.DType)}, not as int32 class labels");
        RequireTokenIds(ids, table.Shape[0]);
        return new EmbeddingOp(ids, table).Run([.. ids.ShapeArray, table.Shape[1]]);
    }

    /// <inheritdoc />
    private protected override void CheckReplayedInputs() => RequireTokenIds(Inputs[0], Inputs[1].Shape[0]);

    /// <inheritdoc />
    protected override void Forward<T>()
    {
        var ids = Inputs[0].AsSpan<T>();
        var table = Inputs[1].AsSpan<T>();
        var y = Output.AsSpan<T>();
        for (int i = 0; i < ids.Length; i++)
            table.Slice(int.CreateTruncating(ids[i]) * _width, _width).CopyTo(y.Slice(i * _width, _width));
    }

    /// <inheritdoc />
    protected override void Backward<T>(ReadOnlySpan<T> outputGradient, IGradientSink gradients)
    {
        if (!gradients.TryGetGradient<T>(Inputs[1], out var dtable)) return;
        var ids = Inputs[0].AsSpan<T>();
        for (int i = 0; i < ids.Length; i++)
        {
            var row = dtable.Slice(int.CreateTruncating(ids[i]) * _width, _width);
            TensorPrimitives.Add(row, outputGradient.Slice(i * _width, _width), row);
        }
    }

    private static void RequireTokenIds(Tensor ids, int vocabulary)
    {
        for (int i = 0; i < ids.Length; i++)
        {
            double id = ids.GetFlat(i);
            if (id < 0 || id >= vocabulary || id != Math.Floor(id))
                throw new ArgumentException($"{OpName}: id {id} at {Position(i, ids.ShapeArray)} is not a token id in [0, {vocabulary}) (the table's rows)");
        }
    }

    private static string Position(int flat, int[] shape)
    {
        var index = new int[shape.Length];
        for (int axis = shape.Length - 1; axis >= 0; axis--) (index[axis], flat) = (flat % shape[axis], flat / shape[axis]);
        return ShapeMath.Format(index);
    }
}
