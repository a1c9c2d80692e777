using MiniNet.Tensors;

namespace MiniNet.Optimizers;

// TensorFlow's form of a step, optimizer.apply_gradients(zip(grads, vars)), as README's loop writes it.
public abstract partial class Optimizer
{
    /// <summary>As <see cref="ApplyGradients(IReadOnlyList{Tensor}, IReadOnlyList{Variable})"/>, from each variable paired
    /// with its gradient (or null for none): <c>optimizer.ApplyGradients(gradients.Zip(model.TrainableVariables))</c>.</summary>
    /// <exception cref="ArgumentException">A gradient's shape or dtype differs from its variable's, or a variable is not trainable.</exception>
    public void ApplyGradients(IEnumerable<(Tensor? Gradient, Variable Variable)> gradientsAndVariables)
    {
        ArgumentNullException.ThrowIfNull(gradientsAndVariables);
        var pairs = gradientsAndVariables.ToList();
        ApplyGradients(pairs.ConvertAll(pair => pair.Gradient), pairs.ConvertAll(pair => pair.Variable));
    }
}
