using MiniNet.Layers;
using Onnx;

namespace MiniNet.Onnx;

// Token and position embeddings: a table lookup (Gather) and the add of a learned table.
public static partial class OnnxExport
{
    /// <summary>Adds an Embedding layer as Cast (the ids, floats that are whole numbers as MiniNet holds them, to int64)
    /// then Gather of the table's rows; returns the output's name, (batch, ...ids' shape, width).</summary>
    private static string AddEmbedding(GraphProto graph, Embedding embedding, string current, TensorProto.Types.DataType elementType)
    {
        string ids = $"{embedding.Name}/ids", output = $"{embedding.Name}/gather";
        var cast = Node("Cast", ids, [current], ids);
        cast.Attribute.Add(IntAttribute("to", (long)TensorProto.Types.DataType.Int64));
        graph.Node.Add(cast);
        graph.Initializer.Add(Initializer(embedding.Embeddings, elementType));
        var gather = Node("Gather", output, [embedding.Embeddings.Name, ids], output);
        gather.Attribute.Add(IntAttribute("axis", 0));
        graph.Node.Add(gather);
        return output;
    }

    /// <summary>Adds a PositionEmbedding layer as an Add of the table's first rows, one per time step of the model's input
    /// (the initializer "{layer}/positions", (time, width)), broadcast over the batch.</summary>
    private static string AddPositionEmbedding(GraphProto graph, PositionEmbedding layer, string current, TensorProto.Types.DataType elementType)
    {
        int time = layer.InputShape[0], width = layer.InputShape[1];
        string positions = $"{layer.Name}/positions", output = $"{layer.Name}/add";
        var table = new TensorProto { Name = positions, DataType = (int)elementType };
        table.Dims.Add([time, width]);
        AddElements(table, layer.Embeddings, Enumerable.Range(0, time * width));
        graph.Initializer.Add(table);
        graph.Node.Add(Node("Add", output, [current, positions], output));
        return output;
    }
}
