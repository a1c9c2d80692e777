using MiniNet.Training;
using ScottPlot;

namespace MiniNet.Plotting;

/// <summary>Draws a training run's learning curves: loss (left axis) and accuracy (right axis) per epoch, training and validation.</summary>
public static class LearningCurves
{
    /// <summary>Writes the curves of <paramref name="history"/> as a PNG of <paramref name="width"/>×<paramref name="height"/> pixels,
    /// creating the folder if needed. Series that were not logged (e.g. no validation data) are left out.</summary>
    /// <exception cref="ArgumentException">The history has no epochs.</exception>
    public static void SavePng(History history, string path, string title = "Learning curves", int width = 800, int height = 500)
    {
        ArgumentNullException.ThrowIfNull(history);
        if (history.Epochs.Count == 0) throw new ArgumentException("learning curves: the history has no epochs to plot", nameof(history));
        var plot = new Plot();
        double[] epochs = history.Epochs.Select(e => (double)e.Epoch).ToArray();
        AddSeries(plot, epochs, history, "loss", "training loss", plot.Axes.Left, LinePattern.Solid, Colors.SteelBlue);
        AddSeries(plot, epochs, history, "val_loss", "validation loss", plot.Axes.Left, LinePattern.Dashed, Colors.SteelBlue);
        AddSeries(plot, epochs, history, "accuracy", "training accuracy", plot.Axes.Right, LinePattern.Solid, Colors.DarkOrange);
        AddSeries(plot, epochs, history, "val_accuracy", "validation accuracy", plot.Axes.Right, LinePattern.Dashed, Colors.DarkOrange);
        plot.Title(title);
        plot.Axes.Bottom.Label.Text = "epoch";
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };
        plot.Axes.Left.Label.Text = "loss";
        plot.Axes.Right.Label.Text = "accuracy";
        plot.ShowLegend(Alignment.MiddleRight);
        PngFile.Save(plot, path, width, height);
    }

    private static void AddSeries(Plot plot, double[] epochs, History history, string log, string label, IYAxis axis, LinePattern pattern, Color color)
    {
        if (!history.Contains(log)) return;
        double[] values = history[log].ToArray();
        if (values.All(double.IsNaN)) return;
        var line = plot.Add.Scatter(epochs, values);
        line.LegendText = label;
        line.Axes.YAxis = axis;
        line.LinePattern = pattern;
        line.Color = color;
    }
}
