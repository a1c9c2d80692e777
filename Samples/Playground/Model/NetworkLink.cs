namespace Playground.Model;

/// <summary>One link of the drawn network: the weight of dense layer <paramref name="Layer"/> (0 reads the input features)
/// from unit <paramref name="Input"/> of the layer below to its unit <paramref name="Unit"/> (both from 0), as
/// <see cref="PlaygroundRun.SetWeight"/> takes it.</summary>
public readonly record struct NetworkLink(int Layer, int Input, int Unit);
