using TorchSharp;
using static TorchSharp.torch;

namespace TorchReference;

/// <summary>The two networks MiniNet is measured with, built from libtorch's modules with PyTorch's default initialisation.</summary>
public static class Models
{
    /// <summary>The MNIST-lite MLP: 784-hidden-...-10, ReLU after each hidden layer, logits out. Input (batch, 784).</summary>
    public static nn.Module<Tensor, Tensor> Mlp(int[] hidden)
    {
        var layers = new List<(string, nn.Module<Tensor, Tensor>)>();
        int width = 28 * 28;
        for (int i = 0; i < hidden.Length; i++)
        {
            layers.Add(($"dense{i + 1}", nn.Linear(width, hidden[i])));
            layers.Add(($"relu{i + 1}", nn.ReLU()));
            width = hidden[i];
        }
        layers.Add(("logits", nn.Linear(width, 10)));
        return nn.Sequential(layers.ToArray());
    }

    /// <summary>Keras's "simple MNIST convnet": conv 3x3 x32 + ReLU, max-pool 2, conv 3x3 x64 + ReLU, max-pool 2, flatten,
    /// dropout 0.5, dense 10 (logits). Input (batch, 784), seen as (batch, 1, 28, 28); after the second pool 64x5x5 = 1600.</summary>
    public static nn.Module<Tensor, Tensor> Convnet() => nn.Sequential(
        ("image", nn.Unflatten(1, [1, 28, 28])),
        ("conv1", nn.Conv2d(1, 32, 3)), ("relu1", nn.ReLU()), ("pool1", nn.MaxPool2d(2)),
        ("conv2", nn.Conv2d(32, 64, 3)), ("relu2", nn.ReLU()), ("pool2", nn.MaxPool2d(2)),
        ("flatten", nn.Flatten()), ("dropout", nn.Dropout(0.5)), ("logits", nn.Linear(64 * 5 * 5, 10)));

    /// <summary>The model the options name.</summary>
    public static nn.Module<Tensor, Tensor> Create(ReferenceOptions options) => options.Model == "cnn" ? Convnet() : Mlp(options.Hidden);

    /// <summary>The optimizer the options name: <c>optim.SGD(lr, momentum)</c> or <c>optim.Adam(lr)</c>.</summary>
    public static optim.Optimizer Optimizer(ReferenceOptions options, nn.Module<Tensor, Tensor> model) => options.Optimizer == "adam"
        ? optim.Adam(model.parameters(), options.LearningRate)
        : optim.SGD(model.parameters(), options.LearningRate, options.Momentum);
}
