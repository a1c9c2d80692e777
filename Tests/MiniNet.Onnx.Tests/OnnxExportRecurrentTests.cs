using MiniNet.Layers;
using MiniNet.Models;
using MiniNet.Tests;

namespace MiniNet.Onnx.Tests;

// Recurrent layers against ONNX Runtime's RNN, GRU and LSTM operators: an independent implementation of PyTorch's equations.
public partial class OnnxExportTests
{
    [TestCase("simplernn")]
    [TestCase("gru")]
    [TestCase("lstm")]
    public void RecurrentLayer_LastStep_OnnxRuntimeOutputs_MatchCall(string kind)
    {
        var model = new Sequential([7, 5], [Recurrent(kind, returnSequences: false), RandomBias(3)], seed: 12);

        AssertOnnxRuntimeMatchesCall(model, Sequences(count: 4));
    }

    [TestCase("simplernn")]
    [TestCase("gru")]
    [TestCase("lstm")]
    public void RecurrentLayer_EveryStep_OnnxRuntimeOutputs_MatchCall(string kind)
    {
        var model = new Sequential([7, 5], [Recurrent(kind, returnSequences: true)], seed: 13);

        AssertOnnxRuntimeMatchesCall(model, Sequences(count: 4));
    }

    [TestCase("linear")]
    [TestCase("relu")]
    [TestCase("sigmoid")]
    public void SimpleRnnActivation_OnnxRuntimeOutputs_MatchCall(string activation)
    {
        var model = new Sequential([7, 5], [new SimpleRNN(6, Activation.FromName(activation))], seed: 14);

        AssertOnnxRuntimeMatchesCall(model, Sequences(count: 4));
    }

    [Test]
    public void StackedRecurrentLayers_OnnxRuntimeOutputs_MatchCall()
    {
        var model = new Sequential([7, 5], [new LSTM(6, returnSequences: true), new GRU(4), RandomBias(3, Activation.Softmax)], seed: 15);

        AssertOnnxRuntimeMatchesCall(model, Sequences(count: 4));
    }

    private static Recurrent Recurrent(string kind, bool returnSequences) => kind switch
    {
        "simplernn" => new SimpleRNN(6, returnSequences: returnSequences),
        "gru" => new GRU(6, returnSequences),
        _ => new LSTM(6, returnSequences),
    };

    /// <summary>(count, 7 steps, 5 features) of values in [-2, 2), so the gates leave their linear range.</summary>
    private static Tensors.Tensor Sequences(int count) => TestTensors.Uniform(16, -2, 2, count, 7, 5).To(Tensors.DType.Float32);
}
