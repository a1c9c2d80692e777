using MiniNet.Autodiff;
using MiniNet.Tensors;

namespace MiniNet.Training;

/// <summary>
/// <see cref="TrainStep"/>'s step, captured once and replayed on every later batch of the same shape (<see cref="CapturedStep"/>),
/// so that after the first batches it allocates nothing: <c>Fit</c>'s default, as Keras's <c>fit</c> traces its
/// <c>train_step</c> into a graph unless told <c>run_eagerly</c>. The step's own input tensors lend their buffers to each
/// batch's while it runs (nothing is copied, so each core reads the part of the batch it gathered); a
/// batch of another shape (an epoch's last, partial one) runs as <see cref="TrainStep"/> does, and so does every batch of a
/// model whose step cannot be replayed (dropout, batch normalization). The numbers are <see cref="TrainStep"/>'s, bit for bit.
/// </summary>
public sealed class CapturedTrainStep : TrainStep
{
    private CapturedStep? _step;
    private FitState? _state;
    private Tensor _x = null!, _y = null!;
    private Tensor? _predictions;

    /// <summary>Why the step runs eagerly (<see cref="CapturedStep.EagerBecause"/>), or null while it is replayed.</summary>
    public string? EagerBecause => _step?.EagerBecause;

    /// <inheritdoc />
    public override double Run(FitState state, Tensor x, Tensor y)
    {
        // Inputs shaped as the first batch, or as the next while the step has run only eagerly (a run resumed at an
        // epoch's last, partial batch would otherwise keep that batch's shape).
        if (_step == null || _state != state || !_step.CaptureTried && !(Fits(x, _x) && Fits(y, _y))) Prepare(state, x, y);
        if (_step!.EagerBecause != null || !Fits(x, _x) || !Fits(y, _y)) return base.Run(state, x, y);
        Lend(x, y);
        try
        {
            var gradients = _step.Run();
            return Update(state, _y, _predictions!, _step.Loss!, gradients);
        }
        finally
        {
            Lend(x, y); // (the second exchange gives the buffers back)
        }
    }

    // The step's inputs and the batch exchange buffers.
    private void Lend(Tensor x, Tensor y)
    {
        _x.ExchangeStorage(x);
        _y.ExchangeStorage(y);
    }

    // The step's inputs, shaped as this batch; the model's and loss's call on them is what the step captures.
    private void Prepare(FitState state, Tensor x, Tensor y)
    {
        _state = state;
        _x = Tensor.Zeros(x.ShapeArray, x.DType);
        _y = y is ClassLabels labels ? new ClassLabels(new int[labels.Length], labels.ShapeArray, labels.ClassCount, labels.IgnoreIndex) : Tensor.Zeros(y.ShapeArray, y.DType);
        _step = new CapturedStep(() => state.Loss.Call(_y, _predictions = state.Model.Call(_x)), state.Model.TrainableVariables);
    }

    private static bool Fits(Tensor batch, Tensor input) =>
        batch.DType == input.DType && batch.ShapeArray.AsSpan().SequenceEqual(input.ShapeArray)
        && (batch is not ClassLabels labels || input is ClassLabels held && labels.ClassCount == held.ClassCount && labels.IgnoreIndex == held.IgnoreIndex);
}
