namespace MiniNet.Models;

// Rebuilding a saved model from its file.
public sealed partial class Sequential
{
    /// <summary>Rebuilds a model saved by <c>Checkpoint.SaveModel</c>, from the architecture and weights in the file, as
    /// Keras's <c>load_model</c>: <c>var model = Sequential.Load("mpg.model");</c>. <c>Checkpoint.LoadModel(path)</c>
    /// returns the data encoding saved with it too.</summary>
    /// <exception cref="FileNotFoundException">There is no file at <paramref name="path"/>.</exception>
    /// <exception cref="Checkpoints.CheckpointException">The file is damaged or holds no architecture.</exception>
    public static Sequential Load(string path) => Checkpoints.Checkpoint.LoadModel(path).Model;
}
