using System.Globalization;

namespace MiniNet.Training;

/// <summary>
/// Shows progress within each epoch: on a terminal, one line redrawn in place (a bar, the batch count, the mean loss so far and
/// samples per second), at most ten times a second; when output is redirected (CI, a pipe), plain lines at each quarter of an epoch.
/// </summary>
/// <param name="output">Where to write; standard output by default.</param>
/// <param name="interactive">Redraw one line in place; by default, when standard output is a terminal.</param>
public sealed class ProgressDisplay(TextWriter? output = null, bool? interactive = null) : Callback
{
    private const int BarWidth = 24;
    private readonly TextWriter _output = output ?? Console.Out;
    private readonly bool _interactive = interactive ?? !Console.IsOutputRedirected;
    private double _lastDrawnSeconds;
    private int _lastQuarter;

    /// <inheritdoc />
    public override void OnEpochBegin(FitState state)
    {
        _lastDrawnSeconds = double.NegativeInfinity;
        _lastQuarter = 0;
    }

    /// <inheritdoc />
    public override void OnBatchEnd(FitState state, BatchResult batch)
    {
        int done = batch.Batch + 1;
        if (_interactive)
        {
            if (batch.Seconds - _lastDrawnSeconds < 0.1 && done < state.BatchesPerEpoch) return;
            _lastDrawnSeconds = batch.Seconds;
            int filled = state.BatchesPerEpoch == 0 ? BarWidth : done * BarWidth / state.BatchesPerEpoch;
            _output.Write($"\r{Describe(state, batch, done)} [{new string('=', filled)}{new string(' ', BarWidth - filled)}]");
            if (done == state.BatchesPerEpoch) _output.Write('\r' + new string(' ', 100) + '\r');
            return;
        }
        int quarter = state.BatchesPerEpoch == 0 ? 4 : done * 4 / state.BatchesPerEpoch;
        if (quarter <= _lastQuarter) return;
        _lastQuarter = quarter;
        _output.WriteLine(Describe(state, batch, done));
    }

    private static string Describe(FitState state, BatchResult batch, int done)
    {
        double rate = batch.Seconds > 0 ? batch.SamplesSeen / batch.Seconds : 0;
        return string.Create(CultureInfo.InvariantCulture,
            $"epoch {state.Epoch}/{state.Epochs}  batch {done}/{state.BatchesPerEpoch}  loss {batch.MeanLoss:F4}  {rate:N0} samples/s");
    }
}
