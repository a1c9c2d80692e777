using MiniNet.Tensors;

namespace MiniNet.Ops;

// The check every op's inputs pass: one float dtype, or class labels last for a classification loss's op.
public abstract partial class Op
{
    /// <summary>As <see cref="Op(string, Tensor[])"/>; with <paramref name="takesClassLabels"/>, the last input is
    /// <see cref="ClassLabels"/> (int32, no gradient), as a classification loss's op takes them.</summary>
    private protected Op(string name, bool takesClassLabels, params Tensor[] inputs)
    {
        Name = name;
        Inputs = inputs;
        for (int i = 0; i < inputs.Length; i++)
        {
            var input = inputs[i];
            ArgumentNullException.ThrowIfNull(input);
            if (takesClassLabels && i == inputs.Length - 1) continue;
            if (input.DType == DType.Int32)
                throw new ArgumentException($"{name}: an int32 tensor holds class indices, which only a classification loss or metric reads; ops compute on float32 or float64");
            if (input.DType != inputs[0].DType)
                throw new ArgumentException($"{name}: dtypes {Tensor.DTypeName(inputs[0].DType)} and {Tensor.DTypeName(input.DType)} differ");
        }
    }
}
