using MiniNet.Ops;
using MiniNet.Tensors;

namespace MiniNet.Layers;

/// <summary>
/// Randomly zeroes a fraction <see cref="Rate"/> of its inputs while training and scales the rest by 1 / (1 − rate)
/// (inverted dropout, as Keras's <c>layers.Dropout</c>); at inference it passes inputs through unchanged. Each training-mode
/// call draws a fresh mask from (seed, step) with a counter-based generator and advances the step. Both are non-trainable
/// variables ("dropout_2/seed", "dropout_2/step"), as Keras keeps a seed generator's state: they are saved in checkpoints, so
/// a resumed run draws exactly the masks an uninterrupted one would, even in a model built from another seed. Any example
/// shape is accepted.
/// </summary>
public sealed class Dropout : Layer
{
    private readonly int? _seed;

    /// <summary>Describes the layer.</summary>
    /// <param name="rate">The fraction of inputs dropped, in [0, 1).</param>
    /// <param name="seed">Seeds the masks; null draws one from the model's seed when the model is built, so the same model
    /// seed still gives the same masks.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="rate"/> is not in [0, 1).</exception>
    public Dropout(double rate, int? seed = null)
    {
        DropoutOp.RequireRate(rate);
        Rate = rate;
        _seed = seed;
    }

    /// <summary>The fraction of inputs dropped while training.</summary>
    public double Rate { get; }

    /// <summary>The masks' seed: the one given, or, if none was, the one drawn when the model was built; a float64 scalar
    /// holding an integer, non-trainable, saved and restored with the model.</summary>
    public Variable Seed { get; private set; } = null!;

    /// <summary>How many training-mode calls have drawn a mask: a float64 scalar (exact to 2⁵³ steps whatever the model's
    /// dtype), non-trainable, saved and restored with the model.</summary>
    public Variable Step { get; private set; } = null!;

    /// <inheritdoc />
    public override int OutputSize => InputSize;

    /// <inheritdoc />
    public override IReadOnlyList<int> OutputShape => InputShape;

    /// <summary>Inference: returns <paramref name="inputs"/> unchanged.</summary>
    public override Tensor Call(Tensor inputs) => inputs;

    /// <summary>In training mode, drops inputs with the mask of the current step (one "dropout" op) and advances the step;
    /// otherwise returns <paramref name="inputs"/> unchanged.</summary>
    public override Tensor Call(Tensor inputs, bool training)
    {
        if (!training || Rate == 0) return inputs;
        return DropoutOp.Apply(inputs, Rate, Seed, Step);
    }

    /// <inheritdoc />
    protected override void CreateVariables(IReadOnlyList<int> inputShape, Random random, DType dtype)
    {
        Seed = AddVariable("seed", Tensor.Scalar(_seed ?? random.Next(), DType.Float64), trainable: false);
        Step = AddVariable("step", Tensor.Zeros([], DType.Float64), trainable: false);
    }
}
