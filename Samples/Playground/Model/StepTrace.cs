using MiniNet.Autodiff;
using MiniNet.Tensors;

namespace Playground.Model;

/// <summary>
/// One training step as the tape saw it: the graph of its ops with shapes, first values and gradient norms, and, for every
/// weight, the numbers the chain rule multiplied to make its gradient. Copies the numbers it needs, so it stays valid after
/// the step's tensors are recycled and the optimizer has changed the weights.
/// </summary>
public sealed class StepTrace
{
    private readonly IReadOnlyList<LayerNumbers> _layers;

    internal StepTrace(TapeGraph graph, double loss, int batchSize, IReadOnlyList<LayerNumbers> layers)
    {
        Graph = graph;
        Loss = loss;
        BatchSize = batchSize;
        _layers = layers;
        Weights = [.. layers.SelectMany((layer, index) =>
            from i in Enumerable.Range(0, layer.InputWidth)
            from j in Enumerable.Range(0, layer.OutputWidth)
            select new WeightChoice(index + 1, i, j, $"layer {index + 1}: w[{i}→{j}]"))];
    }

    /// <summary>The step's ops, one node per tensor, each with its shape, first values and gradient norm.</summary>
    public TapeGraph Graph { get; }

    /// <summary>The batch's loss before the step (binary cross-entropy, mean over the batch).</summary>
    public double Loss { get; }

    /// <summary>The examples in the step's batch.</summary>
    public int BatchSize { get; }

    /// <summary>Every kernel weight of the network, layer by layer, row by row.</summary>
    public IReadOnlyList<WeightChoice> Weights { get; }

    /// <summary>The first values of node <paramref name="nodeId"/>'s tensor (at most <see cref="TapeNode.FirstValueCount"/>).</summary>
    public IReadOnlyList<double> ValuesOf(int nodeId) => Graph.Nodes[nodeId].FirstValues;

    /// <summary>The chain rule's product for <paramref name="weight"/>, example by example, beside the tape's gradient.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The weight is not one of <see cref="Weights"/>.</exception>
    public ChainRule Explain(WeightChoice weight)
    {
        if (weight.Layer < 1 || weight.Layer > _layers.Count)
            throw new ArgumentOutOfRangeException(nameof(weight), weight.Layer, $"step trace: layer must be between 1 and {_layers.Count}");
        var layer = _layers[weight.Layer - 1];
        if (weight.From < 0 || weight.From >= layer.InputWidth || weight.To < 0 || weight.To >= layer.OutputWidth)
            throw new ArgumentOutOfRangeException(nameof(weight), $"{weight.From}→{weight.To}", $"step trace: layer {weight.Layer} has inputs 0..{layer.InputWidth - 1} and outputs 0..{layer.OutputWidth - 1}");

        var terms = new ChainRuleTerm[BatchSize];
        for (int example = 0; example < BatchSize; example++)
        {
            double input = layer.Inputs[example * layer.InputWidth + weight.From];
            double output = layer.Outputs[example * layer.OutputWidth + weight.To];
            double outputGradient = layer.OutputGradients[example * layer.OutputWidth + weight.To];
            double slope = Slope(layer.Activation, output);
            terms[example] = new ChainRuleTerm(example, input, outputGradient, slope, input * outputGradient * slope);
        }
        string name = $"w[{weight.From}→{weight.To}]";
        return new ChainRule(weight, SlopeRule(layer.Activation), terms, terms.Sum(term => term.Product),
            layer.KernelGradient[weight.From * layer.OutputWidth + weight.To],
            $"∂L/∂{name} = Σ_b a[b,{weight.From}] · ∂L/∂h[b,{weight.To}] · f′(z[b,{weight.To}])");
    }

    // The activation's slope f'(z), written with its output h = f(z), as its backward pass computes it.
    private static double Slope(HiddenActivation activation, double output) => activation switch
    {
        HiddenActivation.Tanh => 1 - output * output,
        HiddenActivation.Sigmoid => output * (1 - output),
        HiddenActivation.Relu => output > 0 ? 1 : 0,
        _ => 1,
    };

    private static string SlopeRule(HiddenActivation activation) => activation switch
    {
        HiddenActivation.Tanh => "tanh: f′(z) = 1 − h²",
        HiddenActivation.Sigmoid => "sigmoid: f′(z) = h(1 − h)",
        HiddenActivation.Relu => "ReLU: f′(z) = 1 where h > 0, else 0",
        _ => "linear: f′(z) = 1",
    };

    /// <summary>What one dense layer read and wrote in the step, row-major (batch, width), in float64.</summary>
    /// <param name="Inputs">a, the layer's inputs.</param>
    /// <param name="Outputs">h = f(a·W + b), its outputs.</param>
    /// <param name="OutputGradients">∂L/∂h.</param>
    /// <param name="KernelGradient">∂L/∂W as the tape computed it, (inputs, outputs).</param>
    /// <param name="Activation">f; the output layer's is <see cref="HiddenActivation.Linear"/>.</param>
    internal sealed record LayerNumbers(int InputWidth, int OutputWidth, double[] Inputs, double[] Outputs, double[] OutputGradients,
        double[] KernelGradient, HiddenActivation Activation)
    {
        /// <summary>A copy of a tensor's elements in float64.</summary>
        public static double[] Copy(Tensor tensor) => tensor.To(DType.Float64).ToArray<double>();
    }
}
