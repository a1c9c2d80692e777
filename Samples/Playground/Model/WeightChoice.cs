namespace Playground.Model;

/// <summary>One weight of a dense layer's kernel: layer <paramref name="Layer"/> (1 is the first hidden layer), from input
/// unit <paramref name="From"/> to output unit <paramref name="To"/> (both from 0), with a label such as "layer 1: w[0→3]".</summary>
public readonly record struct WeightChoice(int Layer, int From, int To, string Label);
