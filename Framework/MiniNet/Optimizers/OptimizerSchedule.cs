using MiniNet.Optimizers.Schedules;

namespace MiniNet.Optimizers;

// Where a changing learning rate comes from: the schedule asked before each step.
public abstract partial class Optimizer
{
    /// <summary>
    /// Where the learning rate comes from, Keras style: before each step the optimizer asks the schedule for the rate at step
    /// <see cref="Iterations"/> (0 for the first step) and passes it to <see cref="UpdateStep{T}"/>; the update rules never see
    /// the schedule. Null (the default) uses the fixed <see cref="LearningRate"/>.
    /// </summary>
    public LearningRateSchedule? Schedule { get; set; }
}
