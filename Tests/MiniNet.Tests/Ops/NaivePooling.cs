using MiniNet.Ops;
using MiniNet.Tensors;

namespace MiniNet.Tests.Ops;

/// <summary>Pooling written out the slow way, one output element at a time in float64, straight from TensorFlow's
/// definition: the reference the kernels are checked against.</summary>
internal static class NaivePooling
{
    /// <summary>Max (<paramref name="average"/> false) or mean pooling of x (batch, height, width, channels).</summary>
    public static double[,,,] Pool(Tensor x, int poolSize, int strides, Padding padding, bool average)
    {
        int batch = x.Shape[0], height = x.Shape[1], width = x.Shape[2], channels = x.Shape[3];
        var (outHeight, padTop) = Extent(height, poolSize, strides, padding);
        var (outWidth, padLeft) = Extent(width, poolSize, strides, padding);
        var y = new double[batch, outHeight, outWidth, channels];
        for (int n = 0; n < batch; n++)
        for (int i = 0; i < outHeight; i++)
        for (int j = 0; j < outWidth; j++)
        for (int c = 0; c < channels; c++)
        {
            double max = double.NegativeInfinity, sum = 0;
            int count = 0;
            for (int r = i * strides - padTop; r < i * strides - padTop + poolSize; r++)
            for (int s = j * strides - padLeft; s < j * strides - padLeft + poolSize; s++)
            {
                if (r < 0 || r >= height || s < 0 || s >= width) continue;
                double value = x[n, r, s, c];
                max = Math.Max(max, value);
                sum += value;
                count++;
            }
            y[n, i, j, c] = average ? sum / count : max;
        }
        return y;
    }

    /// <summary>The output length and the padding before the first position, TensorFlow's rule.</summary>
    public static (int Length, int PadBefore) Extent(int input, int poolSize, int strides, Padding padding)
    {
        if (padding == Padding.Valid) return ((input - poolSize) / strides + 1, 0);
        int length = (int)Math.Ceiling(input / (double)strides);
        return (length, Math.Max((length - 1) * strides + poolSize - input, 0) / 2);
    }

    /// <summary>The elements of a 4-D array in row-major order.</summary>
    public static double[] Flat(double[,,,] values) => values.Cast<double>().ToArray();
}
