using MiniNet.Autodiff;
using MiniNet.Tensors;

namespace MiniNet.Training;

/// <summary>
/// One training step, Keras's <c>train_step</c>: README's loop, plus the epoch's bookkeeping. <c>Fit</c> runs it once per
/// batch; to change what a step does (a penalty on the weights, two optimizers, gradient accumulation), subclass it,
/// override <see cref="Run"/>, and give it to <c>Fit(..., step:)</c>.
/// </summary>
public class TrainStep
{
    /// <summary>Trains <see cref="FitState.Model"/> on one batch and returns the batch's mean loss: the forward pass and the
    /// loss recorded on a tape (so the model runs in training mode), the gradient of every trainable variable, a stop if the
    /// loss or a gradient is not finite (<see cref="FitState.CheckFinite"/>), the update, then the batch added to the
    /// epoch's mean loss and metrics.</summary>
    /// <param name="state">The run: model, loss, optimizer, metrics.</param>
    /// <param name="x">The batch's features (batch, ...input shape).</param>
    /// <param name="y">The batch's targets, as the dataset gives them.</param>
    /// <exception cref="TrainingDivergedException">The loss or a gradient is NaN or infinite, and the state checks.</exception>
    public virtual double Run(FitState state, Tensor x, Tensor y)
    {
        var variables = state.Model.TrainableVariables;
        Tensor predictions, loss;
        var tape = new GradientTape();
        using (tape)
        {
            predictions = state.Model.Call(x);
            loss = state.Loss.Call(y, predictions);
        }
        return Update(state, y, predictions, loss, tape.Gradient(loss, variables));
    }

    /// <summary>The step once the gradients are known: the stop if not finite, the update, the batch added to the epoch's
    /// mean loss and metrics. Returns the batch's mean loss.</summary>
    protected static double Update(FitState state, Tensor y, Tensor predictions, Tensor loss, IReadOnlyList<Tensor?> gradients)
    {
        double value = loss.Item();
        if (state.CheckFinite) TrainingDivergedException.ThrowIfNotFinite(state, value, gradients);
        state.Optimizer.ApplyGradients(gradients, state.Model.TrainableVariables);

        state.MeanLoss.Add(value, y.Shape[0]);
        for (int i = 0; i < state.Metrics.Count; i++) state.Metrics[i].Update(y, predictions);
        return value;
    }
}
