namespace Playground.Model;

/// <summary>The 2-D problems of TensorFlow Playground: four classification sets and two regression sets.</summary>
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

    /// <summary>Regression: a tilted plane, target (x + y) / 10 clamped to [−1, 1].</summary>
    Plane,

    /// <summary>Regression: six Gaussian bumps, alternately +1 and −1, on a 3 × 2 grid; the target is the strongest bump at the point.</summary>
    MultiGaussian,
}
