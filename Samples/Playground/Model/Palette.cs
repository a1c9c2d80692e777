namespace Playground.Model;

/// <summary>The colours the page paints numbers with: TensorFlow Playground's orange-to-blue scale for probabilities, and a
/// light-to-dark scale for losses.</summary>
public static class Palette
{
    private static readonly (byte R, byte G, byte B) Orange = (245, 147, 34), White = (232, 234, 235), Blue = (8, 119, 189);

    /// <summary>Orange at P = 0 (label 0), near-white at 0.5, blue at 1 (label 1).</summary>
    public static (byte R, byte G, byte B) Probability(float probability)
    {
        float p = float.IsNaN(probability) ? 0.5f : Math.Clamp(probability, 0, 1);
        return p < 0.5f ? Blend(Orange, White, p * 2) : Blend(White, Blue, (p - 0.5f) * 2);
    }

    /// <summary>Light for low losses, dark for high, on a log scale from <paramref name="low"/> to <paramref name="high"/>.</summary>
    public static (byte R, byte G, byte B) Loss(float value, float low, float high)
    {
        double position = Math.Log(Math.Max(value, low) / low) / Math.Log(high / low);
        return Blend((250, 250, 245), (60, 70, 110), (float)Math.Clamp(position, 0, 1));
    }

    /// <summary>Contour band <paramref name="band"/> of 0 to <paramref name="bands"/>: light to dark in equal steps, so
    /// neighbouring bands differ by the same shade whether their loss levels are far apart or close together.</summary>
    /// <exception cref="ArgumentOutOfRangeException">band is outside [0, bands] or bands is not positive.</exception>
    public static (byte R, byte G, byte B) Band(int band, int bands)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(bands);
        ArgumentOutOfRangeException.ThrowIfNegative(band);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(band, bands);
        return Blend((250, 250, 245), (40, 50, 95), band / (float)bands);
    }

    private static (byte R, byte G, byte B) Blend((byte R, byte G, byte B) from, (byte R, byte G, byte B) to, float t) => (
        (byte)Math.Round(from.R + (to.R - from.R) * t), (byte)Math.Round(from.G + (to.G - from.G) * t), (byte)Math.Round(from.B + (to.B - from.B) * t));
}
