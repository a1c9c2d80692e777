using MiniNet.Tensors;

namespace MiniNet.Optimizers;

/// <summary>
/// Everything an optimizer carries from one step to the next, keyed by names so it can be saved and restored into a new
/// optimizer for a new model of the same shape (PyTorch's <c>optimizer.state_dict()</c>). Made by
/// <see cref="Optimizer.ExportState"/>, restored by <see cref="Optimizer.ImportState"/>.
/// </summary>
/// <param name="HyperParameters">The configuration, which a restoring optimizer must share: its type ("type" → "Sgd"),
/// every constructor-fixed public property ("Momentum" → "0.9") and the schedule's ("Schedule" → "CosineDecay",
/// "Schedule.DecaySteps" → "1000"), as invariant-culture text that round-trips.</param>
/// <param name="Iterations">The step count, which is also the learning-rate schedule's position.</param>
/// <param name="LearningRate">The fixed learning rate (used when no schedule is set; it may have been changed during training).</param>
/// <param name="ClipNorm">Clipping by global norm, or null.</param>
/// <param name="ClipValue">Clipping by value, or null.</param>
/// <param name="Slots">Every slot of every variable the optimizer has updated, e.g. ("dense_0/kernel", "velocity", its tensor).</param>
public sealed record OptimizerState(
    IReadOnlyDictionary<string, string> HyperParameters,
    long Iterations,
    double LearningRate,
    double? ClipNorm,
    double? ClipValue,
    IReadOnlyList<(string Variable, string Slot, Tensor Value)> Slots);
