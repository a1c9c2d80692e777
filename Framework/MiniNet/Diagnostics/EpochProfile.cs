using System.Globalization;
using System.Text;

namespace MiniNet.Diagnostics;

/// <summary>Where one epoch's training time went, as a <see cref="Profiler"/> measured it: op kinds' forward and backward passes,
/// largest first, then the time outside ops. Validation after the epoch is not part of it.</summary>
/// <param name="Epoch">The epoch's number, from 1.</param>
/// <param name="Steps">Training steps (batches) in the epoch.</param>
/// <param name="Seconds">Wall time from the epoch's start to its last step's end.</param>
/// <param name="Rows">The rows; their seconds sum to <paramref name="Seconds"/>.</param>
public sealed record EpochProfile(int Epoch, int Steps, double Seconds, IReadOnlyList<ProfileRow> Rows)
{
    /// <summary>The profile as a table, one row per line, e.g.
    /// "conv2d   backward   125   412.3 ms   35.1 %   98.4 GFLOP/s", then the epoch's total: its steps, time, and every
    /// product's operations over the whole epoch's time.</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        var culture = CultureInfo.InvariantCulture;
        int width = Rows.Select(row => row.Name.Length).Append(36).Max(); // rows grouped by shape have longer names
        text.AppendLine(culture, $"profile of epoch {Epoch}: {Seconds:F3} s of training in {Steps} steps");
        text.AppendLine(culture, $"{"op".PadRight(width)} {"pass",-8} {"calls",7} {"total ms",10} {"share",7} {"GFLOP/s",8}");
        foreach (var row in Rows)
        {
            string pass = row.Pass == ProfilePass.Outside ? "" : row.Pass.ToString().ToLowerInvariant();
            string rate = row.GigaflopsPerSecond is { } gflops ? gflops.ToString("F1", culture) : "";
            text.AppendLine(culture, $"{row.Name.PadRight(width)} {pass,-8} {row.Calls,7} {row.Seconds * 1000,10:F1} {row.Share * 100,6:F1}% {rate,8}");
        }
        long flops = Rows.Sum(row => row.Flops ?? 0);
        string total = Seconds > 0 ? (flops / Seconds / 1e9).ToString("F1", culture) : "";
        text.AppendLine(culture, $"{"total (GFLOP/s over the epoch)".PadRight(width)} {"",-8} {Steps,7} {Seconds * 1000,10:F1} {100.0,6:F1}% {total,8}");
        return text.ToString();
    }
}
