namespace MiniNet.Ops;

/// <summary>The checks of a sliding window's arguments, written once for the convolution and pooling layers (checked when
/// the layer is described) and ops (checked when called directly); the kernels below trust them.</summary>
internal static class SlidingWindow
{
    /// <summary>Throws unless <paramref name="value"/> (a window size or a count of filters) is at least 1.</summary>
    public static void RequireSize(string caller, int value, string parameter)
    {
        if (value < 1) throw new ArgumentOutOfRangeException(parameter, value, $"{caller}: {parameter} must be at least 1, got {value}");
    }

    /// <summary>Throws unless both strides are at least 1.</summary>
    public static void RequireStrides(string caller, int strideH, int strideW)
    {
        if (strideH < 1 || strideW < 1)
            throw new ArgumentOutOfRangeException(strideH < 1 ? nameof(strideH) : nameof(strideW), $"{caller}: strides ({strideH},{strideW}): each must be at least 1");
    }

    /// <summary>Throws unless <paramref name="padding"/> is <see cref="Padding.Valid"/> or <see cref="Padding.Same"/>.</summary>
    public static void RequirePadding(string caller, Padding padding)
    {
        if (padding is not (Padding.Valid or Padding.Same))
            throw new ArgumentOutOfRangeException(nameof(padding), padding, $"{caller}: padding must be Valid or Same, got {padding}");
    }
}
