namespace Playground.Model;

/// <summary>The activation every hidden layer applies (the output layer is always linear: one logit).</summary>
public enum HiddenActivation
{
    /// <summary>tanh(z), slope 1 − tanh²(z).</summary>
    Tanh,

    /// <summary>max(0, z), slope 1 where z &gt; 0 and 0 elsewhere.</summary>
    Relu,

    /// <summary>1 / (1 + e^−z), slope σ(z)(1 − σ(z)).</summary>
    Sigmoid,

    /// <summary>z itself, slope 1.</summary>
    Linear,
}
