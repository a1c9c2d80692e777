namespace MiniNet.Autodiff;

/// <summary>What <see cref="GradientTape.Gradient"/> returns for a source the target does not depend on (as TensorFlow's option of the same name).</summary>
public enum UnconnectedGradients
{
    /// <summary>Null: the default, as in TensorFlow; optimizers skip variables whose gradient is null.</summary>
    None,

    /// <summary>A tensor of zeros shaped like the source.</summary>
    Zero,
}
