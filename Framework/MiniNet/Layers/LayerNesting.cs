namespace MiniNet.Layers;

// A layer made of layers (a residual block): the inner layers' variables become the outer layer's own.
public abstract partial class Layer
{
    /// <summary>Builds <paramref name="inner"/> for <paramref name="inputShape"/>, named "{this layer}/{kind}_{index}", and
    /// adopts its variables, so a model, a tape and a checkpoint see them as this layer's.</summary>
    private protected void BuildInner(Layer inner, int index, IReadOnlyList<int> inputShape, Random random, Tensors.DType dtype)
    {
        inner.Name = $"{Name}/{inner.GetType().Name.ToLowerInvariant()}_{index}";
        inner.Build(inputShape, random, dtype);
        _variables.AddRange(inner.Variables);
    }
}
