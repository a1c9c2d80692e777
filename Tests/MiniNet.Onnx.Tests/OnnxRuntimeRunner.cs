using Microsoft.ML.OnnxRuntime;
using MiniNet.Tensors;

namespace MiniNet.Onnx.Tests;

/// <summary>Runs an ONNX file with ONNX Runtime, the reference implementation the exported models are checked against.</summary>
internal static class OnnxRuntimeRunner
{
    /// <summary>Feeds <paramref name="input"/> to the graph input "input" and returns the graph output "output".</summary>
    public static Tensor Run(string path, Tensor input)
    {
        using var session = new InferenceSession(path);
        using var runOptions = new RunOptions();
        long[] shape = [.. input.Shape.Select(size => (long)size)];
        using var inputValue = input.DType == DType.Float32
            ? OrtValue.CreateTensorValueFromMemory(input.ToArray<float>(), shape)
            : OrtValue.CreateTensorValueFromMemory(input.ToArray<double>(), shape);
        using var outputs = session.Run(runOptions, ["input"], [inputValue], ["output"]);
        var output = outputs[0];
        int[] outputShape = [.. output.GetTensorTypeAndShape().Shape.Select(size => (int)size)];
        return input.DType == DType.Float32
            ? new Tensor(output.GetTensorDataAsSpan<float>().ToArray(), outputShape)
            : new Tensor(output.GetTensorDataAsSpan<double>().ToArray(), outputShape);
    }

    /// <summary>The graph input's dimensions as ONNX Runtime reads them (-1 for a symbolic one) and the symbolic names.</summary>
    public static (int[] Dimensions, string[] SymbolicDimensions) InputShape(string path, string name)
    {
        using var session = new InferenceSession(path);
        var metadata = session.InputMetadata[name];
        return (metadata.Dimensions, metadata.SymbolicDimensions);
    }
}
