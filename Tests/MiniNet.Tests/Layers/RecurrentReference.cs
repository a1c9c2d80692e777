using MiniNet.Layers;
using MiniNet.Models;
using MiniNet.Tensors;

namespace MiniNet.Tests.Layers;

/// <summary>
/// PyTorch's recurrent equations written out element by element over plain arrays, independent of MiniNet's ops: the
/// reference a recurrent layer's output is checked against. The weights are read from a built float64 layer in its layout,
/// kernel (features, gates·units) = W_ihᵀ and recurrent kernel (units, gates·units) = W_hhᵀ, gates side by side.
/// </summary>
internal static class RecurrentReference
{
    /// <summary>One step of a cell: from gi = x·W_ihᵀ + b_ih and gh = h·W_hhᵀ + b_hh (each gates·units long) and the previous
    /// h and c, the new h and c.</summary>
    public delegate (double[] Hidden, double[] Cell) Cell(double[] gi, double[] gh, double[] hidden, double[] cell);

    /// <summary>A float64 model of one recurrent layer over (steps, features) examples, built with a fixed seed.</summary>
    public static Sequential Model(Recurrent layer, int steps, int features) =>
        new([steps, features], [layer], seed: 17, dtype: DType.Float64);

    /// <summary>The hidden state after every step, (batch, steps, units), from a zero state.</summary>
    public static double[,,] Run(Recurrent layer, Tensor inputs, Cell cell)
    {
        int batch = inputs.Shape[0], steps = inputs.Shape[1], features = inputs.Shape[2], units = layer.Units;
        double[] x = inputs.ToArray<double>(), kernel = layer.Kernel.ToArray<double>(), recurrentKernel = layer.RecurrentKernel.ToArray<double>();
        double[] bias = layer.Bias.ToArray<double>(), recurrentBias = layer.RecurrentBias.ToArray<double>();
        int width = bias.Length;
        var result = new double[batch, steps, units];
        for (int b = 0; b < batch; b++)
        {
            double[] h = new double[units], c = new double[units];
            for (int t = 0; t < steps; t++)
            {
                double[] gi = (double[])bias.Clone(), gh = (double[])recurrentBias.Clone();
                for (int j = 0; j < width; j++)
                {
                    for (int f = 0; f < features; f++) gi[j] += x[(b * steps + t) * features + f] * kernel[f * width + j];
                    for (int u = 0; u < units; u++) gh[j] += h[u] * recurrentKernel[u * width + j];
                }
                (h, c) = cell(gi, gh, h, c);
                for (int u = 0; u < units; u++) result[b, t, u] = h[u];
            }
        }
        return result;
    }

    /// <summary>Block <paramref name="gate"/> of a gates·units vector.</summary>
    public static double[] Gate(double[] gates, int gate, int units) => gates[(gate * units)..((gate + 1) * units)];

    public static double Sigmoid(double x) => 1 / (1 + Math.Exp(-x));
}
