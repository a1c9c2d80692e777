namespace Playground.Model;

/// <summary>What the network may be fed about a point (x, y): TensorFlow Playground's input features, crosses included.
/// A network given x² and y² can draw a circle with one layer; one given only x and y needs hidden units to bend.</summary>
public enum InputFeature
{
    /// <summary>x itself.</summary>
    X,

    /// <summary>y itself.</summary>
    Y,

    /// <summary>x².</summary>
    XSquared,

    /// <summary>y².</summary>
    YSquared,

    /// <summary>x·y.</summary>
    XTimesY,

    /// <summary>sin x.</summary>
    SinX,

    /// <summary>sin y.</summary>
    SinY,
}
