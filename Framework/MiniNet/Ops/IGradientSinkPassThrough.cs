using MiniNet.Tensors;

namespace MiniNet.Ops;

// An output gradient that reaches an input unchanged (an add's), which the sink may hand over instead of copying.
public partial interface IGradientSink
{
    /// <summary>gradient(<paramref name="input"/>) += gradient(<paramref name="output"/>), the two shaped alike: what an op
    /// whose output's gradient passes to an input unchanged (an add) contributes. The output's gradient buffer may become the
    /// input's, written once instead of copied, when nothing reads the output's gradient after this op.</summary>
    void AddOutputGradient(Tensor input, Tensor output);
}
