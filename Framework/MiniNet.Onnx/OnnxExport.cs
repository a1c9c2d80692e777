using Google.Protobuf;
using MiniNet.Layers;
using MiniNet.Models;
using MiniNet.Tensors;
using Onnx;

namespace MiniNet.Onnx;

/// <summary>
/// Writes a <see cref="Sequential"/> model as an ONNX model file, to run with ONNX Runtime or any other ONNX tool. Each Dense
/// layer becomes a Gemm node (Y = X·kernel + bias) followed by its activation's node (Relu, Sigmoid, Tanh, or Softmax over
/// the last axis; a linear activation adds none); a Normalization layer becomes Sub (its mean) and Div (its standard
/// deviation), so the exported model takes raw features. Image layers run in ONNX's channels-first layout: Conv2D becomes
/// Conv (its kernel transposed to (Cout, Cin, KH, KW)) and its activation, the pooling layers MaxPool and AveragePool,
/// BatchNormalization the inference-mode BatchNormalization node (moving statistics), Dropout nothing (an identity at
/// inference); Transpose nodes convert MiniNet's channels-last images on the way in, before Flatten (so the features keep
/// MiniNet's order) and at the end. SimpleRNN, GRU and LSTM become ONNX's RNN, GRU and LSTM nodes, time-major between two
/// Transposes; Embedding becomes Cast (its float ids to int64) and Gather, PositionEmbedding an Add of its table's first
/// rows; LayerNormalization ONNX's LayerNormalization, MultiHeadAttention the nodes of its formula, Residual its layers
/// and an Add, GELU the nodes of its formula (Erf or Tanh). The graph's input "input" is (batch, ...InputShape) with a symbolic batch dimension
/// "batch", its output "output" is (batch, ...OutputShape), and the weights are initializers named after the model's
/// variables ("dense_0/kernel", "dense_0/bias", ...). Float32 models give float tensors, float64 models double ones.
/// </summary>
public static partial class OnnxExport
{
    /// <summary>The version of the default ONNX operator set ("ai.onnx") the graph is written in.</summary>
    public const int OpsetVersion = 17;

    /// <summary>The name of the graph's input, (batch, InputSize).</summary>
    public const string InputName = "input";

    /// <summary>The name of the graph's output, (batch, units of the last layer).</summary>
    public const string OutputName = "output";

    /// <summary>
    /// Writes <paramref name="model"/> to <paramref name="path"/> (conventionally a ".onnx" file), creating its folder if
    /// needed. The file is written to a temporary file in the same folder and then renamed over <paramref name="path"/>,
    /// so a reader never sees a half-written model and a failed export leaves an existing file untouched.
    /// </summary>
    /// <exception cref="NotSupportedException">A layer is not one of those above, or has an activation ONNX export does not
    /// know; the message names the layer.</exception>
    public static void Save(Sequential model, string path)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var onnxModel = ToModelProto(model);
        WriteAtomically(path, onnxModel.WriteTo);
    }

    /// <summary>The ONNX model of <paramref name="model"/>, as <see cref="Save"/> writes it.</summary>
    internal static ModelProto ToModelProto(Sequential model)
    {
        var elementType = model.DType == DType.Float32 ? TensorProto.Types.DataType.Float : TensorProto.Types.DataType.Double;
        var graph = new GraphProto { Name = "mininet_sequential" };
        graph.Input.Add(BatchValue(InputName, elementType, model.InputShape));

        // Image layers run in ONNX's channels-first layout (N, C, H, W); MiniNet's channels-last images are transposed on the
        // way in, and back before Flatten and at the end, so the graph's input, output and flatten order are MiniNet's.
        string current = InputName;
        bool channelsFirst = false;
        for (int i = 0; i < model.Layers.Count; i++)
        {
            bool last = i == model.Layers.Count - 1;
            var layer = model.Layers[i];
            if (layer is Conv2D or Pooling2D or BatchNormalization { InputShape.Count: 3 } && !channelsFirst)
                (current, channelsFirst) = (Transpose(graph, layer.Name + "/to_channels_first", current, [0, 3, 1, 2]), true);
            if (layer is Flatten && channelsFirst)
                (current, channelsFirst) = (Transpose(graph, layer.Name + "/to_channels_last", current, [0, 2, 3, 1]), false);
            current = AddLayer(graph, layer, current, writesOutput: last && !channelsFirst, elementType);
        }
        if (channelsFirst) current = Transpose(graph, "output/to_channels_last", current, [0, 2, 3, 1]);
        if (current != OutputName) graph.Node.Add(Node("Identity", "output/identity", [current], OutputName));
        graph.Output.Add(BatchValue(OutputName, elementType, model.OutputShape));

        var onnxModel = new ModelProto
        {
            IrVersion = (long)global::Onnx.Version.IrVersion,
            ProducerName = "MiniNet",
            ProducerVersion = typeof(Sequential).Assembly.GetName().Version?.ToString() ?? "",
            Graph = graph,
        };
        onnxModel.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = OpsetVersion });
        return onnxModel;
    }

    /// <summary>Adds the nodes of one layer reading <paramref name="current"/>; returns the name of the layer's output
    /// ("output" when <paramref name="writesOutput"/> is set and the layer can name it so).</summary>
    private static string AddLayer(GraphProto graph, Layer layer, string current, bool writesOutput, TensorProto.Types.DataType elementType) => layer switch
    {
        Dense dense => AddDense(graph, dense, current, writesOutput, elementType),
        Normalization normalization => AddNormalization(graph, normalization, current, writesOutput, elementType),
        Conv2D conv => AddConv(graph, conv, current, elementType),
        Pooling2D pooling => AddPooling(graph, pooling, current),
        Flatten flatten => AddFlatten(graph, flatten, current),
        BatchNormalization batchNormalization => AddBatchNormalization(graph, batchNormalization, current, elementType),
        Dropout => current, // identity at inference
        Recurrent recurrent => AddRecurrent(graph, recurrent, current, elementType),
        Embedding embedding => AddEmbedding(graph, embedding, current, elementType),
        PositionEmbedding positions => AddPositionEmbedding(graph, positions, current, elementType),
        LayerNormalization layerNormalization => AddLayerNormalization(graph, layerNormalization, current, elementType),
        MultiHeadAttention attention => AddMultiHeadAttention(graph, attention, current, elementType),
        Residual residual => AddResidual(graph, residual, current, elementType),
        _ => throw Unsupported(layer, "it has no ONNX export"),
    };

    /// <summary>Adds a Dense layer's Gemm node (MatMul and Add over sequences (batch, time, features): Gemm takes matrices
    /// only) and its activation's nodes reading <paramref name="current"/>; returns the name of the layer's output.</summary>
    private static string AddDense(GraphProto graph, Dense dense, string current, bool last, TensorProto.Types.DataType elementType)
    {
        bool linear = dense.Activation == Activation.Linear;
        string affine = last && linear ? OutputName : $"{dense.Name}/affine";
        graph.Initializer.Add(Initializer(dense.Kernel, elementType));
        if (dense.Bias is { } bias) graph.Initializer.Add(Initializer(bias, elementType));
        if (dense.InputShape.Count == 1)
        {
            var gemm = Node("Gemm", $"{dense.Name}/gemm", [current, dense.Kernel.Name], affine);
            if (dense.Bias != null) gemm.Input.Add(dense.Bias.Name);
            graph.Node.Add(gemm);
        }
        else if (dense.Bias is null) graph.Node.Add(Node("MatMul", $"{dense.Name}/matmul", [current, dense.Kernel.Name], affine));
        else graph.Node.Add(Node("Add", $"{dense.Name}/add", [Binary(graph, "MatMul", $"{dense.Name}/matmul", current, dense.Kernel.Name), dense.Bias.Name], affine));
        if (linear) return affine;

        string activated = last ? OutputName : $"{dense.Name}/{dense.Activation.Name}";
        if (dense.Activation == Activation.Gelu || dense.Activation == Activation.GeluTanh)
        {
            AddGelu(graph, $"{dense.Name}/{dense.Activation.Name}", affine, activated, dense.Activation == Activation.GeluTanh, elementType);
            return activated;
        }
        var node = Node(ActivationOp(dense, dense.Activation)!, $"{dense.Name}/{dense.Activation.Name}", [affine], activated);
        if (dense.Activation == Activation.Softmax) node.Attribute.Add(IntAttribute("axis", -1));
        graph.Node.Add(node);
        return activated;
    }

    /// <summary>Adds a Normalization layer as Sub (the mean) then Div (the standard deviation), both broadcast over the batch.
    /// The deviation max(√variance, 1e-7) is computed here, in the model's dtype as <see cref="Normalization.Call"/> computes
    /// it, and written as the initializer "{layer}/standard_deviation"; the variance itself is not exported.</summary>
    private static string AddNormalization(GraphProto graph, Normalization normalization, string current, bool last, TensorProto.Types.DataType elementType)
    {
        string name = normalization.Name, centred = $"{name}/centred", output = last ? OutputName : $"{name}/output";
        string deviationName = $"{name}/standard_deviation";
        graph.Initializer.Add(Initializer(normalization.Mean, elementType));
        var deviation = new TensorProto { Name = deviationName, DataType = (int)elementType };
        deviation.Dims.Add(normalization.Variance.Shape.Select(size => (long)size));
        if (elementType == TensorProto.Types.DataType.Float)
            deviation.FloatData.Add(normalization.Variance.ToArray<float>().Select(variance => MathF.Max(MathF.Sqrt(variance), (float)Normalization.MinimumStandardDeviation)));
        else
            deviation.DoubleData.Add(normalization.Variance.ToArray<double>().Select(variance => Math.Max(Math.Sqrt(variance), Normalization.MinimumStandardDeviation)));
        graph.Initializer.Add(deviation);
        graph.Node.Add(Node("Sub", $"{name}/sub", [current, normalization.Mean.Name], centred));
        graph.Node.Add(Node("Div", $"{name}/div", [centred, deviationName], output));
        return output;
    }

    /// <summary>Adds a Conv2D layer as an ONNX Conv (channels first; its kernel transposed from Keras's (KH, KW, Cin, Cout)
    /// to ONNX's (Cout, Cin, KH, KW) as the initializer "{kernel}/oihw") and its activation's node; returns the output's name.</summary>
    private static string AddConv(GraphProto graph, Conv2D conv, string current, TensorProto.Types.DataType elementType)
    {
        int k = conv.KernelSize, channels = conv.InputShape[2], filters = conv.Filters;
        string weights = conv.Kernel.Name + "/oihw", convolved = $"{conv.Name}/conv";
        var kernel = new TensorProto { Name = weights, DataType = (int)elementType };
        kernel.Dims.Add([filters, channels, k, k]);
        AddElements(kernel, conv.Kernel, from o in Enumerable.Range(0, filters) from c in Enumerable.Range(0, channels)
                                         from y in Enumerable.Range(0, k) from x in Enumerable.Range(0, k) select ((y * k + x) * channels + c) * filters + o);
        graph.Initializer.Add(kernel);
        var node = Node("Conv", convolved, [current, weights], convolved);
        if (conv.Bias is { } bias)
        {
            node.Input.Add(bias.Name);
            graph.Initializer.Add(Initializer(bias, elementType));
        }
        AddWindow(node, k, conv.Strides, conv.Padding, conv.InputShape);
        graph.Node.Add(node);
        if (ActivationOp(conv, conv.Activation) is not { } activationOp) return convolved;
        string activated = $"{conv.Name}/{conv.Activation.Name}";
        graph.Node.Add(Node(activationOp, activated, [convolved], activated));
        return activated;
    }

    /// <summary>Adds a pooling layer as MaxPool or AveragePool (channels first; the average counts only positions inside the
    /// image, as TensorFlow's).</summary>
    private static string AddPooling(GraphProto graph, Pooling2D pooling, string current)
    {
        string output = $"{pooling.Name}/pool";
        var node = Node(pooling is MaxPooling2D ? "MaxPool" : "AveragePool", output, [current], output);
        AddWindow(node, pooling.PoolSize, pooling.Strides, pooling.Padding, pooling.InputShape);
        if (pooling is AveragePooling2D) node.Attribute.Add(IntAttribute("count_include_pad", 0));
        graph.Node.Add(node);
        return output;
    }

    /// <summary>Adds Flatten (axis 1) on a channels-last tensor, so the order of the features is MiniNet's.</summary>
    private static string AddFlatten(GraphProto graph, Flatten flatten, string current)
    {
        string output = $"{flatten.Name}/flatten";
        var node = Node("Flatten", output, [current], output);
        node.Attribute.Add(IntAttribute("axis", 1));
        graph.Node.Add(node);
        return output;
    }

    /// <summary>Adds BatchNormalization in inference mode (the moving statistics), over axis 1: the channels of a
    /// channels-first image or the features of a flat input.</summary>
    private static string AddBatchNormalization(GraphProto graph, BatchNormalization layer, string current, TensorProto.Types.DataType elementType)
    {
        string output = $"{layer.Name}/batch_norm";
        foreach (var variable in new[] { layer.Gamma, layer.Beta, layer.MovingMean, layer.MovingVariance })
            graph.Initializer.Add(Initializer(variable, elementType));
        var node = Node("BatchNormalization", output, [current, layer.Gamma.Name, layer.Beta.Name, layer.MovingMean.Name, layer.MovingVariance.Name], output);
        node.Attribute.Add(new AttributeProto { Name = "epsilon", Type = AttributeProto.Types.AttributeType.Float, F = (float)layer.Epsilon });
        graph.Node.Add(node);
        return output;
    }

    /// <summary>A window's kernel_shape, strides and explicit pads (top, left, bottom, right), TensorFlow's "same" split:
    /// the odd row or column goes below and to the right.</summary>
    private static void AddWindow(NodeProto node, int size, int strides, MiniNet.Ops.Padding padding, IReadOnlyList<int> inputShape)
    {
        node.Attribute.Add(IntsAttribute("kernel_shape", size, size));
        node.Attribute.Add(IntsAttribute("strides", strides, strides));
        int PadTotal(int length) => padding == MiniNet.Ops.Padding.Valid ? 0 : Math.Max(((length + strides - 1) / strides - 1) * strides + size - length, 0);
        int padHeight = PadTotal(inputShape[0]), padWidth = PadTotal(inputShape[1]);
        node.Attribute.Add(IntsAttribute("pads", padHeight / 2, padWidth / 2, padHeight - padHeight / 2, padWidth - padWidth / 2));
    }

    private static string Transpose(GraphProto graph, string name, string current, long[] permutation)
    {
        var node = Node("Transpose", name, [current], name);
        node.Attribute.Add(IntsAttribute("perm", permutation));
        graph.Node.Add(node);
        return name;
    }

    private static AttributeProto IntAttribute(string name, long value) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.Int, I = value };

    private static AttributeProto IntsAttribute(string name, params long[] values)
    {
        var attribute = new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Ints };
        attribute.Ints.Add(values);
        return attribute;
    }

    /// <summary>The ONNX operator of <paramref name="layer"/>'s activation, or null for linear (the layer's own output is its output).</summary>
    private static string? ActivationOp(Layer layer, Activation activation) => activation.Name switch
    {
        "linear" => null,
        "relu" => "Relu",
        "sigmoid" => "Sigmoid",
        "tanh" => "Tanh",
        "softmax" when layer is Dense => "Softmax",
        var name => throw Unsupported(layer, $"its activation '{name}' has no ONNX export"),
    };

    private static NotSupportedException Unsupported(Layer layer, string reason) =>
        new($"onnx export: layer '{layer.Name}' ({layer.GetType().FullName}) is not supported: {reason}; supported are Dense layers "
            + "with activation linear, relu, sigmoid, tanh or softmax, Conv2D with linear, relu, sigmoid or tanh, Normalization, "
            + "MaxPooling2D, AveragePooling2D, Flatten, Dropout (an identity), BatchNormalization, SimpleRNN (linear, relu, sigmoid or tanh), GRU, LSTM, Embedding, PositionEmbedding, LayerNormalization, "
            + "MultiHeadAttention and Residual (Dense may also use gelu or gelu_tanh)");

    private static NodeProto Node(string opType, string name, string[] inputs, string output)
    {
        var node = new NodeProto { OpType = opType, Name = name };
        node.Input.Add(inputs);
        node.Output.Add(output);
        return node;
    }

    /// <summary>A graph input or output of shape (batch, ...<paramref name="shape"/>), the batch dimension left symbolic.</summary>
    private static ValueInfoProto BatchValue(string name, TensorProto.Types.DataType elementType, IReadOnlyList<int> shape)
    {
        var dimensions = new TensorShapeProto();
        dimensions.Dim.Add(new TensorShapeProto.Types.Dimension { DimParam = "batch" });
        foreach (int size in shape) dimensions.Dim.Add(new TensorShapeProto.Types.Dimension { DimValue = size });
        return new ValueInfoProto
        {
            Name = name,
            Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)elementType, Shape = dimensions } },
        };
    }

    private static TensorProto Initializer(Variable variable, TensorProto.Types.DataType elementType)
    {
        var tensor = new TensorProto { Name = variable.Name, DataType = (int)elementType };
        tensor.Dims.Add(variable.Shape.Select(size => (long)size));
        // The typed fields rather than raw_data: protobuf writes them little-endian whatever the machine's byte order.
        if (elementType == TensorProto.Types.DataType.Float) tensor.FloatData.Add(variable.ToArray<float>());
        else tensor.DoubleData.Add(variable.ToArray<double>());
        return tensor;
    }

    /// <summary>Appends the elements of <paramref name="variable"/> at the indices <paramref name="order"/> to
    /// <paramref name="tensor"/>'s data, in the tensor's dtype: how a weight is rearranged into ONNX's layout.</summary>
    private static void AddElements(TensorProto tensor, Variable variable, IEnumerable<int> order)
    {
        if (tensor.DataType == (int)TensorProto.Types.DataType.Float)
        {
            float[] values = variable.ToArray<float>();
            tensor.FloatData.Add(order.Select(index => values[index]));
        }
        else
        {
            double[] values = variable.ToArray<double>();
            tensor.DoubleData.Add(order.Select(index => values[index]));
        }
    }

    private static void WriteAtomically(string path, Action<Stream> write)
    {
        string fullPath = Path.GetFullPath(path);
        string folder = Path.GetDirectoryName(fullPath)!;
        Directory.CreateDirectory(folder);
        string temporary = Path.Combine(folder, $".{Path.GetFileName(fullPath)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temporary, fullPath, overwrite: true);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }
}
