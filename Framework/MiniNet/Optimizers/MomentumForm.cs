namespace MiniNet.Optimizers;

/// <summary>The two ways of writing momentum SGD. They give identical weights while the learning rate is constant and differ
/// once it changes, because the Keras form bakes past learning rates into the velocity.</summary>
public enum MomentumForm
{
    /// <summary>PyTorch (and MiniNet's default): v = m·v + g; w = w - lr·v.</summary>
    PyTorch,

    /// <summary>Keras: v = m·v - lr·g; w = w + v.</summary>
    Keras,
}
