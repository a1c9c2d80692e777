using MiniNet.Data;
using MiniNet.Models;
using MiniNet.Text;

namespace MiniNet.Checkpoints;

/// <summary>A model rebuilt from a file by <see cref="Checkpoint.LoadModel(string)"/>, with the data encoding saved beside
/// it (null if none was): <c>var (model, encoding) = Checkpoint.LoadModel("mpg.model");</c></summary>
/// <param name="Model">The model, its architecture and weights as saved.</param>
/// <param name="Encoding">How raw table rows become the model's inputs, or null.</param>
public sealed record SavedModel(Sequential Model, TabularEncoding? Encoding)
{
    /// <summary>The characters of a character model's token ids, saved with it, or null.</summary>
    public CharacterVocabulary? Vocabulary { get; init; }
}
