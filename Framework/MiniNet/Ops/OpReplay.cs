using MiniNet.Tensors;

namespace MiniNet.Ops;

// Running an op again on the same tensors, as a captured step's replay does (Autodiff/CapturedStep.cs).
public abstract partial class Op
{
    // The ops whose forward pass reads nothing but their inputs' values and what their constructor derived from the inputs'
    // shapes and the arguments, so that running it again on the same tensors computes what a new op would; and a layer's
    // dropout, which counts its steps itself (DropoutOp). Left out: dropout at a step fixed when made (the same mask again),
    // batch normalization (it updates its moving statistics), and a custom op (any code at all).
    private static readonly HashSet<Type> s_replayable =
    [
        typeof(AddOp), typeof(SubtractOp), typeof(MultiplyOp), typeof(DivideOp), typeof(NegateOp), typeof(ExpOp), typeof(LogOp),
        typeof(SqrtOp), typeof(SquareOp), typeof(ClipOp), typeof(ReluOp), typeof(SigmoidOp), typeof(TanhOp), typeof(GeluOp),
        typeof(MatMulOp), typeof(BatchedMatMulOp), typeof(BiasActivationOp), typeof(BiasGeluOp), typeof(SumOp), typeof(MaxOp),
        typeof(ReshapeOp), typeof(TransposeOp), typeof(SliceOp), typeof(ConcatenateOp), typeof(SoftmaxOp), typeof(MaskedSoftmaxOp),
        typeof(SoftmaxCrossEntropyOp), typeof(SigmoidCrossEntropyOp), typeof(EmbeddingOp), typeof(LayerNormalizationOp),
        typeof(SplitHeadsOp), typeof(MergeHeadsOp), typeof(AttentionOp), typeof(Conv2DOp), typeof(Conv2DBiasReluOp),
        typeof(Conv2DBiasReluMaxPoolOp), typeof(MaxPooling2DOp), typeof(AveragePooling2DOp),
    ];

    /// <summary>Whether running this op again on the same tensors (<see cref="Replay"/>) computes what a new op would.</summary>
    internal virtual bool Replayable => s_replayable.Contains(GetType());

    /// <summary>Runs the forward pass again on the inputs' current values, into the same output tensor (which a captured
    /// step's log hands back), and shows the op to the observers as <see cref="Run"/> does.</summary>
    internal void Replay()
    {
        var output = Output;
        CheckReplayedInputs();
        Run(output.ShapeArray);
        if (!ReferenceEquals(Output, output))
            throw new InvalidOperationException($"captured step: the replay of {this} made another output tensor than its capture");
    }

    /// <summary>Checks the inputs' values as the op's door checks them when it is made (an embedding's ids); shapes need no
    /// check, being the captured ones.</summary>
    private protected virtual void CheckReplayedInputs() { }
}
