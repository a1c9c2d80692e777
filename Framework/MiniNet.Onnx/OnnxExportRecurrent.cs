using MiniNet.Layers;
using MiniNet.Tensors;
using Onnx;

namespace MiniNet.Onnx;

// Recurrent layers: ONNX's RNN, GRU and LSTM operators, which run time-major (layout 0, the only one ONNX Runtime runs).
public static partial class OnnxExport
{
    /// <summary>Adds a SimpleRNN, GRU or LSTM layer as ONNX's RNN, GRU (<c>linear_before_reset=1</c>: PyTorch's equations) or
    /// LSTM node between two Transposes, (batch, time, features) to time-major and back; without returnSequences the
    /// output is the last hidden state Y_h. The weights become W (1, gates·units, features), R (1, gates·units, units) and
    /// B (1, 2·gates·units), the gates reordered from PyTorch's to ONNX's (GRU r, z, n to z, r, h; LSTM i, f, g, o to
    /// i, o, f, c).</summary>
    private static string AddRecurrent(GraphProto graph, Recurrent layer, string current, TensorProto.Types.DataType elementType)
    {
        var (opType, onnxGates) = layer switch
        {
            GRU => ("GRU", new[] { 1, 0, 2 }),
            LSTM => ("LSTM", new[] { 0, 3, 1, 2 }),
            _ => ("RNN", new[] { 0 }),
        };
        string name = layer.Name, timeMajor = Transpose(graph, $"{name}/to_time_major", current, [1, 0, 2]);
        int units = layer.Units, features = layer.InputShape[1];
        graph.Initializer.Add(GateWeights($"{name}/W", layer.Kernel, features, units, onnxGates, elementType));
        graph.Initializer.Add(GateWeights($"{name}/R", layer.RecurrentKernel, units, units, onnxGates, elementType));
        graph.Initializer.Add(GateBiases($"{name}/B", layer, onnxGates, elementType));

        string sequence = $"{name}/Y", last = $"{name}/Y_h";
        var node = new NodeProto { OpType = opType, Name = $"{name}/{opType.ToLowerInvariant()}" };
        node.Input.Add([timeMajor, $"{name}/W", $"{name}/R", $"{name}/B"]);
        node.Output.Add([sequence, last]);
        node.Attribute.Add(IntAttribute("hidden_size", units));
        if (layer is GRU) node.Attribute.Add(IntAttribute("linear_before_reset", 1));
        if (layer is SimpleRNN rnn)
        {
            var activation = new AttributeProto { Name = "activations", Type = AttributeProto.Types.AttributeType.Strings };
            activation.Strings.Add(Google.Protobuf.ByteString.CopyFromUtf8(ActivationOp(rnn, rnn.Activation) ?? "Affine"));
            node.Attribute.Add(activation);
            if (rnn.Activation == Activation.Linear) // Affine is alpha·x + beta
            {
                node.Attribute.Add(FloatsAttribute("activation_alpha", 1));
                node.Attribute.Add(FloatsAttribute("activation_beta", 0));
            }
        }
        graph.Node.Add(node);

        // Y is (time, 1, batch, units) and Y_h (1, batch, units): drop the direction axis, then back to batch-major.
        if (!layer.ReturnSequences) return Squeeze(graph, $"{name}/last", last, axis: 0);
        return Transpose(graph, $"{name}/to_batch_major", Squeeze(graph, $"{name}/sequence", sequence, axis: 1), [1, 0, 2]);
    }

    /// <summary>ONNX's W or R from MiniNet's (rows, gates·units) kernel: (1, gates·units, rows), ONNX gate g taken from
    /// MiniNet's gate <paramref name="onnxGates"/>[g].</summary>
    private static TensorProto GateWeights(string name, Variable kernel, int rows, int units, int[] onnxGates, TensorProto.Types.DataType elementType)
    {
        int width = onnxGates.Length * units;
        var tensor = new TensorProto { Name = name, DataType = (int)elementType };
        tensor.Dims.Add([1, width, rows]);
        AddElements(tensor, kernel, from gate in onnxGates from unit in Enumerable.Range(0, units) from row in Enumerable.Range(0, rows)
                                    select row * width + gate * units + unit);
        return tensor;
    }

    /// <summary>ONNX's B: the input biases then the recurrent biases, each in ONNX's gate order, (1, 2·gates·units).</summary>
    private static TensorProto GateBiases(string name, Recurrent layer, int[] onnxGates, TensorProto.Types.DataType elementType)
    {
        int units = layer.Units;
        int[] order = [.. from gate in onnxGates from unit in Enumerable.Range(0, units) select gate * units + unit];
        var tensor = new TensorProto { Name = name, DataType = (int)elementType };
        tensor.Dims.Add([1, 2 * order.Length]);
        AddElements(tensor, layer.Bias, order);
        AddElements(tensor, layer.RecurrentBias, order);
        return tensor;
    }

    private static AttributeProto FloatsAttribute(string name, params float[] values)
    {
        var attribute = new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Floats };
        attribute.Floats.Add(values);
        return attribute;
    }

    private static string Squeeze(GraphProto graph, string name, string current, long axis)
    {
        graph.Initializer.Add(Int64s($"{name}/axes", axis));
        return Binary(graph, "Squeeze", name, current, $"{name}/axes");
    }
}
