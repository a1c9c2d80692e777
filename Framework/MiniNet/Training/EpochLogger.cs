using System.Globalization;

namespace MiniNet.Training;

/// <summary>Writes one line per epoch: its number, every logged metric and the training time, e.g.
/// "epoch 3/10  loss 0.1234  accuracy 0.9650  val_loss 0.1402  val_accuracy 0.9585  (0.21 s)".</summary>
/// <param name="output">Where to write; standard output by default.</param>
public sealed class EpochLogger(TextWriter? output = null) : Callback
{
    private readonly TextWriter _output = output ?? Console.Out;

    /// <inheritdoc />
    public override void OnEpochEnd(FitState state, EpochResult epoch) => _output.WriteLine(Format(state, epoch));

    /// <summary>The line written for an epoch.</summary>
    public static string Format(FitState state, EpochResult epoch)
    {
        var metrics = epoch.Logs.Select(kv => string.Create(CultureInfo.InvariantCulture, $"{kv.Key} {kv.Value:F4}"));
        return string.Create(CultureInfo.InvariantCulture, $"epoch {epoch.Epoch}/{state.Epochs}  {string.Join("  ", metrics)}  ({epoch.TrainSeconds:F2} s)");
    }
}
