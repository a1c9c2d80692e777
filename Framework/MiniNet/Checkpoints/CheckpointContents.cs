using MiniNet.Optimizers;
using MiniNet.Tensors;
using MiniNet.Training;

namespace MiniNet.Checkpoints;

/// <summary>Everything a checkpoint file holds, read and checked but not yet applied to a model.</summary>
/// <param name="Position">Where the run stood.</param>
/// <param name="Weights">The model's variables by name, in the file's order.</param>
/// <param name="Optimizer">The optimizer's state.</param>
/// <param name="Attachments">Named texts saved with the model, such as its data encoding.</param>
internal sealed record CheckpointContents(TrainingPosition Position, IReadOnlyList<(string Name, Tensor Value)> Weights, OptimizerState Optimizer,
    IReadOnlyDictionary<string, string> Attachments);
