namespace Playground.Model;

/// <summary>
/// What the network computes over the plane, from one batched forward pass (see <see cref="PlaygroundRun.Picture"/>):
/// the output at every cell of the fine grid, and every neuron's activation on a coarser grid. Every value is a colour
/// position in [0, 1], orange at 0, white at 0.5, blue at 1 (see <see cref="Palette.Probability"/>).
/// </summary>
/// <param name="Resolution">The output grid's cells per side.</param>
/// <param name="Output">Resolution² values, row 0 at the top: P(label 1), or (prediction + 1) / 2 for regression.</param>
/// <param name="NeuronResolution">Each neuron map's cells per side.</param>
/// <param name="Neurons">Neurons[layer][unit], NeuronResolution² values each: layer 0 is the input features (each divided
/// by its largest size over the plane), then each hidden layer's activations, (a + 1) / 2 clamped, and last the output
/// unit's, sampled from <paramref name="Output"/>.</param>
public sealed record NetworkPicture(int Resolution, float[] Output, int NeuronResolution, IReadOnlyList<IReadOnlyList<float[]>> Neurons);
