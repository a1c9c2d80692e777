namespace Playground.Model;

/// <summary>The four 2-D classification problems of TensorFlow Playground.</summary>
public enum DataShape
{
    /// <summary>The four quadrants: label 1 where x and y have the same sign.</summary>
    Xor,

    /// <summary>A disc of label 1 inside a ring of label 0.</summary>
    Circles,

    /// <summary>Two Gaussian clouds, label 1 around (2, 2) and label 0 around (-2, -2).</summary>
    Gaussians,

    /// <summary>Two interleaved spiral arms, one per label.</summary>
    Spiral,
}
