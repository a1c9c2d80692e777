using MiniNet.Tensors;

namespace MiniNet.Ops;

/// <summary>y = min(max(x, low), high); the gradient passes where low ≤ x ≤ high and is zero where x was clipped.</summary>
public sealed class ClipOp : Op
{
    private readonly double _low, _high;

    private ClipOp(Tensor x, double low, double high) : base("clip", x)
    {
        if (!(low <= high)) throw new ArgumentException($"clip: low {low} must not exceed high {high}");
        (_low, _high) = (low, high);
    }

    /// <summary>Clips <paramref name="x"/> to [<paramref name="low"/>, <paramref name="high"/>].</summary>
    public static Tensor Apply(Tensor x, double low, double high) => new ClipOp(x, low, high).Run(x.ShapeArray);

    /// <inheritdoc />
    protected override void Forward<T>()
    {
        T low = T.CreateChecked(_low), high = T.CreateChecked(_high);
        var x = Inputs[0].AsSpan<T>();
        var y = Output.AsSpan<T>();
        for (int i = 0; i < y.Length; i++) y[i] = T.Clamp(x[i], low, high);
    }

    /// <inheritdoc />
    protected override void Backward<T>(ReadOnlySpan<T> outputGradient, IGradientSink gradients)
    {
        if (!gradients.TryGetGradient<T>(Inputs[0], out var dx)) return;
        T low = T.CreateChecked(_low), high = T.CreateChecked(_high);
        var x = Inputs[0].AsSpan<T>();
        for (int i = 0; i < dx.Length; i++)
            if (x[i] >= low && x[i] <= high) dx[i] += outputGradient[i];
    }
}
