using MiniNet.Layers;
using MiniNet.Tensors;
using Onnx;

namespace MiniNet.Onnx;

// The layers of a transformer: LayerNormalization, GELU, multi-head attention and residual blocks, over sequences
// (batch, time, width).
public static partial class OnnxExport
{
    /// <summary>Adds a LayerNormalization layer as ONNX's LayerNormalization node over the last axis, with its gamma and beta.</summary>
    private static string AddLayerNormalization(GraphProto graph, LayerNormalization layer, string current, TensorProto.Types.DataType elementType)
    {
        string output = $"{layer.Name}/layer_norm";
        graph.Initializer.Add(Initializer(layer.Gamma, elementType));
        graph.Initializer.Add(Initializer(layer.Beta, elementType));
        var node = Node("LayerNormalization", output, [current, layer.Gamma.Name, layer.Beta.Name], output);
        node.Attribute.Add(IntAttribute("axis", -1));
        node.Attribute.Add(new AttributeProto { Name = "epsilon", Type = AttributeProto.Types.AttributeType.Float, F = (float)layer.Epsilon });
        graph.Node.Add(node);
        return output;
    }

    /// <summary>
    /// Adds a MultiHeadAttention layer as the nodes of its formula (no dropout: inference): qkv = x·W_qkv + b_qkv split
    /// into q, k and v (batch, time, width); each reshaped to (batch, time, heads, head width) and transposed to heads
    /// first (k to (batch, heads, head width, time)); softmax(q·kᵀ/√(head width) + mask) with the causal mask an added
    /// (time, time) initializer of 0 and -∞; the heads' weighted values merged back to (batch, time, width) and projected
    /// by W_o + b_o.
    /// </summary>
    private static string AddMultiHeadAttention(GraphProto graph, MultiHeadAttention layer, string current, TensorProto.Types.DataType elementType)
    {
        string name = layer.Name;
        int time = layer.InputShape[0], width = layer.InputShape[1], heads = layer.Heads, headWidth = layer.HeadWidth;
        foreach (var variable in new[] { layer.QkvKernel, layer.QkvBias, layer.OutputKernel, layer.OutputBias })
            graph.Initializer.Add(Initializer(variable, elementType));
        string qkv = Binary(graph, "Add", $"{name}/qkv", Binary(graph, "MatMul", $"{name}/qkv_product", current, layer.QkvKernel.Name), layer.QkvBias.Name);

        graph.Initializer.Add(Int64s($"{name}/split_sizes", width, width, width));
        var split = new NodeProto { OpType = "Split", Name = $"{name}/split" };
        split.Input.Add([qkv, $"{name}/split_sizes"]);
        split.Output.Add([$"{name}/q", $"{name}/k", $"{name}/v"]);
        split.Attribute.Add(IntAttribute("axis", 2));
        graph.Node.Add(split);
        graph.Initializer.Add(Int64s($"{name}/heads_shape", 0, 0, heads, headWidth));
        string Heads(string part, params long[] permutation) =>
            Transpose(graph, $"{name}/{part}_heads", Binary(graph, "Reshape", $"{name}/{part}_split", $"{name}/{part}", $"{name}/heads_shape"), permutation);
        string q = Heads("q", 0, 2, 1, 3), k = Heads("k", 0, 2, 3, 1), v = Heads("v", 0, 2, 1, 3);

        graph.Initializer.Add(Scalar($"{name}/scale", 1 / Math.Sqrt(headWidth), elementType));
        string scores = Binary(graph, "Mul", $"{name}/scores", Binary(graph, "MatMul", $"{name}/q_k", q, k), $"{name}/scale");
        if (layer.Causal)
        {
            var mask = new TensorProto { Name = $"{name}/causal_mask", DataType = (int)elementType };
            mask.Dims.Add([time, time]);
            var values = from query in Enumerable.Range(0, time) from key in Enumerable.Range(0, time)
                         select key <= query ? 0.0 : double.NegativeInfinity;
            if (elementType == TensorProto.Types.DataType.Float) mask.FloatData.Add(values.Select(value => (float)value));
            else mask.DoubleData.Add(values);
            graph.Initializer.Add(mask);
            scores = Binary(graph, "Add", $"{name}/masked_scores", scores, mask.Name);
        }
        var softmax = Node("Softmax", $"{name}/weights", [scores], $"{name}/weights");
        softmax.Attribute.Add(IntAttribute("axis", -1));
        graph.Node.Add(softmax);

        string weighted = Transpose(graph, $"{name}/heads_last", Binary(graph, "MatMul", $"{name}/weighted", softmax.Output[0], v), [0, 2, 1, 3]);
        graph.Initializer.Add(Int64s($"{name}/merged_shape", 0, 0, width));
        string merged = Binary(graph, "Reshape", $"{name}/merged", weighted, $"{name}/merged_shape");
        return Binary(graph, "Add", $"{name}/output", Binary(graph, "MatMul", $"{name}/projected", merged, layer.OutputKernel.Name), layer.OutputBias.Name);
    }

    /// <summary>Adds a Residual block: its layers, one after the other, then an Add of the block's input.</summary>
    private static string AddResidual(GraphProto graph, Residual residual, string current, TensorProto.Types.DataType elementType)
    {
        string inner = current;
        foreach (var layer in residual.Layers)
        {
            if (layer is Conv2D or Pooling2D or BatchNormalization or Flatten)
                throw Unsupported(layer, "image layers inside a Residual block have no ONNX export");
            inner = AddLayer(graph, layer, inner, writesOutput: false, elementType);
        }
        return Binary(graph, "Add", $"{residual.Name}/add", current, inner);
    }

    /// <summary>Adds GELU as the nodes of its formula: ½x(1 + erf(x/√2)), or, for the tanh form,
    /// ½x(1 + tanh(√(2/π)(x + 0.044715x³))).</summary>
    private static void AddGelu(GraphProto graph, string name, string x, string output, bool approximate, TensorProto.Types.DataType elementType)
    {
        string Constant(string constant, double value)
        {
            graph.Initializer.Add(Scalar($"{name}/{constant}", value, elementType));
            return $"{name}/{constant}";
        }
        string phi; // 2Φ(x), or its tanh approximation
        if (approximate)
        {
            string cube = Binary(graph, "Mul", $"{name}/cube", Binary(graph, "Mul", $"{name}/square", x, x), x);
            string inner = Binary(graph, "Add", $"{name}/inner", x, Binary(graph, "Mul", $"{name}/cubic_term", cube, Constant("cubic", 0.044715)));
            string tanh = $"{name}/tanh";
            graph.Node.Add(Node("Tanh", tanh, [Binary(graph, "Mul", $"{name}/scaled", inner, Constant("sqrt_2_over_pi", Math.Sqrt(2 / Math.PI)))], tanh));
            phi = Binary(graph, "Add", $"{name}/one_plus", tanh, Constant("one", 1));
        }
        else
        {
            string erf = $"{name}/erf";
            graph.Node.Add(Node("Erf", erf, [Binary(graph, "Mul", $"{name}/scaled", x, Constant("inverse_sqrt_2", 1 / Math.Sqrt(2)))], erf));
            phi = Binary(graph, "Add", $"{name}/one_plus", erf, Constant("one", 1));
        }
        graph.Node.Add(Node("Mul", output, [Binary(graph, "Mul", $"{name}/x_phi", x, phi), Constant("half", 0.5)], output));
    }

    /// <summary>Adds a node of two inputs whose output is named after the node; returns that name.</summary>
    private static string Binary(GraphProto graph, string opType, string name, string a, string b)
    {
        graph.Node.Add(Node(opType, name, [a, b], name));
        return name;
    }

    private static TensorProto Scalar(string name, double value, TensorProto.Types.DataType elementType)
    {
        var tensor = new TensorProto { Name = name, DataType = (int)elementType };
        if (elementType == TensorProto.Types.DataType.Float) tensor.FloatData.Add((float)value);
        else tensor.DoubleData.Add(value);
        return tensor;
    }

    private static TensorProto Int64s(string name, params long[] values)
    {
        var tensor = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Int64 };
        tensor.Dims.Add(values.Length);
        tensor.Int64Data.Add(values);
        return tensor;
    }
}
