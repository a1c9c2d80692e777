using MiniNet.Autodiff;
using MiniNet.Layers;
using MiniNet.Losses;
using MiniNet.Models;
using MiniNet.Optimizers;
using MiniNet.Tensors;

namespace MiniNet.Tests.Models;

public class GptTests
{
    /// <summary>nanoGPT's CPU recipe on the book (75 characters): 4 blocks of width 128, context 64, batch 12, 768 tokens.
    /// Weight matrices per block: qkv 128·384 = 49,152, attention output 128·128 = 16,384, MLP 128·512 + 512·128 = 131,072,
    /// so 196,608; 4 blocks 786,432, plus the head 128·75 = 9,600: 796,032. 6 · 796,032 · 768 = 3,668,115,456. Attention:
    /// q·kᵀ and weights·v, 2·64·128 each per token forward, three times that with backward: 12·64·128 = 98,304 per token and
    /// block, · 768 · 4 = 301,989,888. In all 3,970,105,344, the "about 4.0 GFLOP".</summary>
    [Test]
    public void FlopsPerIteration_NanoGptCpuRecipe_IsTheHandCount() =>
        Assert.That(Gpt.FlopsPerIteration(vocabularySize: 75, context: 64, layers: 4, width: 128, batchSize: 12), Is.EqualTo(3_970_105_344L));

    /// <summary>Embeddings 75·128 + 64·128; per block two layer norms (2·256), qkv 128·384 + 384, output 128·128 + 128, MLP
    /// 128·512 + 512 and 512·128 + 128 (198,272); the final norm 256 and the head 128·75 without bias: 820,736.</summary>
    [Test]
    public void Create_NanoGptCpuRecipe_HasTheHandCountedParameters()
    {
        var model = Gpt.Create(vocabularySize: 75, context: 64, layers: 4, heads: 4, width: 128);

        Assert.That(model.TrainableVariables.Sum(variable => variable.Length), Is.EqualTo(820_736));
        Assert.That(model.OutputShape, Is.EqualTo(new[] { 64, 75 }));
    }

    [Test]
    public void Create_SmallModel_GivesLogitsForEveryPosition_AndGradientsMatchFiniteDifferences()
    {
        var model = Gpt.Create(vocabularySize: 5, context: 3, layers: 1, heads: 2, width: 4);
        var float64 = new Sequential([3], model.Layers.Select(layer => LayerConfig.Of(layer).Create()), seed: 2, dtype: DType.Float64);
        var ids = new Tensor([0.0, 3, 4, 1, 1, 2], 2, 3);

        Assert.That(model.Call(ids.To(DType.Float32)).Shape, Is.EqualTo(new[] { 2, 3, 5 }));
        GradientChecking.AssertMatchesFiniteDifferences(_ => float64.Call(ids), [.. float64.TrainableVariables]);
    }

    /// <summary>Once the pool holds a step's buffers, a training step (attention, layer norms, GELU, AdamW) allocates only the
    /// ops' and tensors' small objects (about 18 KB for its 41 ops and their gradients; the tape's, the backward pass's and
    /// the scope's containers are reused): an activation of (8, 32, 64) float32 is 64 KiB, so a step that allocated any
    /// tensor buffer would exceed the bound.</summary>
    [Test]
    public void TrainingStep_AfterWarmUp_AllocatesNoTensorBuffer()
    {
        var model = Gpt.Create(vocabularySize: 20, context: 32, layers: 2, heads: 4, width: 64, seed: 1);
        var inputs = new Tensor([.. Enumerable.Range(0, 8 * 32).Select(i => (float)(i * 7 % 20))], 8, 32);
        var targets = new ClassLabels([.. Enumerable.Range(0, 8 * 32).Select(i => (i * 7 + 1) % 20)], [8, 32], classCount: 20);
        var loss = new SparseCategoricalCrossEntropy();
        var optimizer = new AdamW(1e-3, decayWhere: variable => variable.Rank >= 2) { ClipNorm = 1 };
        void Step()
        {
            using var scope = new TensorScope();
            using var tape = new GradientTape();
            var gradients = tape.Gradient(loss.Call(targets, model.Call(inputs)), model.TrainableVariables);
            optimizer.ApplyGradients(gradients.Zip(model.TrainableVariables));
        }
        for (int i = 0; i < 3; i++) Step();

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 5; i++) Step();
        long perStep = (GC.GetAllocatedBytesForCurrentThread() - before) / 5;

        TestContext.Out.WriteLine($"bytes allocated per training step after warm-up: {perStep}");
        Assert.That(perStep, Is.LessThan(32 * 1024));
    }
}
