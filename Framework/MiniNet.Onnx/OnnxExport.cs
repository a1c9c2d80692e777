using Google.Protobuf;
using MiniNet.Layers;
using MiniNet.Models;
using MiniNet.Tensors;
using Onnx;

namespace MiniNet.Onnx;

/// <summary>
/// Writes a <see cref="Sequential"/> model of <see cref="Dense"/> and <see cref="Normalization"/> layers as an ONNX model
/// file, to run with ONNX Runtime or any other ONNX tool. Each Dense layer becomes a Gemm node (Y = X·kernel + bias)
/// followed by its activation's node (Relu, Sigmoid, Tanh, or Softmax over the last axis; a linear activation adds none);
/// a Normalization layer becomes Sub (its mean) and Div (its standard deviation), so the exported model takes raw features. The graph's input "input" is
/// (batch, InputSize) with a symbolic batch dimension "batch", its output "output" is (batch, last layer's units), and the
/// weights are initializers named after the model's variables ("dense_0/kernel", "dense_0/bias", ...). Float32 models give
/// float tensors, float64 models double ones.
/// </summary>
public static class OnnxExport
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
    /// <exception cref="NotSupportedException">A layer is neither <see cref="Dense"/> nor <see cref="Normalization"/>, or has an activation ONNX export
    /// does not know; the message names the layer.</exception>
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
        graph.Input.Add(MatrixValue(InputName, elementType, model.InputSize));

        string current = InputName;
        for (int i = 0; i < model.Layers.Count; i++)
        {
            bool last = i == model.Layers.Count - 1;
            current = model.Layers[i] switch
            {
                Dense dense => AddDense(graph, dense, current, last, elementType),
                Normalization normalization => AddNormalization(graph, normalization, current, last, elementType),
                var layer => throw Unsupported(layer, "only Dense and Normalization layers can be exported"),
            };
        }
        graph.Output.Add(MatrixValue(OutputName, elementType, model.Layers[^1].OutputSize));

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

    /// <summary>Adds a Dense layer's Gemm node and its activation's node reading <paramref name="current"/>; returns the
    /// name of the layer's output.</summary>
    private static string AddDense(GraphProto graph, Dense dense, string current, bool last, TensorProto.Types.DataType elementType)
    {
        string? activationOp = ActivationOp(dense);
        string affine = last && activationOp is null ? OutputName : $"{dense.Name}/affine";

        var gemm = Node("Gemm", $"{dense.Name}/gemm", [current, dense.Kernel.Name], affine);
        graph.Initializer.Add(Initializer(dense.Kernel, elementType));
        if (dense.Bias is { } bias)
        {
            gemm.Input.Add(bias.Name);
            graph.Initializer.Add(Initializer(bias, elementType));
        }
        graph.Node.Add(gemm);
        if (activationOp is null) return affine;

        string activated = last ? OutputName : $"{dense.Name}/{dense.Activation.Name}";
        var node = Node(activationOp, $"{dense.Name}/{dense.Activation.Name}", [affine], activated);
        if (activationOp == "Softmax")
            node.Attribute.Add(new AttributeProto { Name = "axis", Type = AttributeProto.Types.AttributeType.Int, I = -1 });
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

    /// <summary>The ONNX operator of the layer's activation, or null for linear (the Gemm output is the layer's output).</summary>
    private static string? ActivationOp(Dense dense) => dense.Activation.Name switch
    {
        "linear" => null,
        "relu" => "Relu",
        "sigmoid" => "Sigmoid",
        "tanh" => "Tanh",
        "softmax" => "Softmax",
        var name => throw Unsupported(dense, $"its activation '{name}' has no ONNX export"),
    };

    private static NotSupportedException Unsupported(Layer layer, string reason) =>
        new($"onnx export: layer '{layer.Name}' ({layer.GetType().FullName}) is not supported: {reason}; supported are Dense layers "
            + "with activation linear, relu, sigmoid, tanh or softmax, and Normalization layers");

    private static NodeProto Node(string opType, string name, string[] inputs, string output)
    {
        var node = new NodeProto { OpType = opType, Name = name };
        node.Input.Add(inputs);
        node.Output.Add(output);
        return node;
    }

    /// <summary>A graph input or output of shape (batch, <paramref name="width"/>), the batch dimension left symbolic.</summary>
    private static ValueInfoProto MatrixValue(string name, TensorProto.Types.DataType elementType, int width)
    {
        var shape = new TensorShapeProto();
        shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimParam = "batch" });
        shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimValue = width });
        return new ValueInfoProto
        {
            Name = name,
            Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)elementType, Shape = shape } },
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
