namespace MiniNet.Autodiff;

/// <summary>What a tensor in a <see cref="TapeGraph"/> is.</summary>
public enum TapeNodeKind
{
    /// <summary>The output of a recorded op, labelled with the op's name.</summary>
    Op,

    /// <summary>A <see cref="Tensors.Variable"/>, labelled with its name (a layer's weights).</summary>
    Variable,

    /// <summary>A tensor the tape was told to watch with <see cref="GradientTape.Watch"/>: gradients flow to it.</summary>
    Watched,

    /// <summary>A tensor the tape does not track, such as a batch of data, labels, or the 2 in <c>x * 2.0</c>: no gradient
    /// flows to it.</summary>
    Constant,
}
