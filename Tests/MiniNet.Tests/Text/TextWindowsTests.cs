using MiniNet.Tensors;
using MiniNet.Text;

namespace MiniNet.Tests.Text;

public class TextWindowsTests
{
    // Each id is its own position in the text, so a window's first input says where it was cut.
    private static readonly int[] Positions = [.. Enumerable.Range(0, 10_000)];

    [Test]
    public void Batch_TargetsAreTheInputsShiftedByOne_CutFromTheText()
    {
        var (train, _, _) = TextWindows.Split(Positions, classCount: 10_000, contextLength: 8, seed: 1, chunkLength: 100);

        var (inputs, targets) = train.Batch(batchSize: 4, step: 0);

        Assert.That(inputs.Shape, Is.EqualTo(new[] { 4, 8 }));
        Assert.That(targets.Shape, Is.EqualTo(new[] { 32 }));
        var x = inputs.ToArray<float>();
        for (int row = 0; row < 4; row++)
            for (int t = 0; t < 8; t++)
            {
                Assert.That(x[row * 8 + t], Is.EqualTo(x[row * 8] + t), "consecutive characters of the text");
                Assert.That(targets.Indices[row * 8 + t], Is.EqualTo(x[row * 8 + t] + 1), "the next character");
            }
    }

    [Test]
    public void Split_EachWindowLiesInsideOneChunk_AndNoChunkServesTwoSplits()
    {
        var (train, validation, test) = TextWindows.Split(Positions, classCount: 10_000, contextLength: 8, seed: 2, chunkLength: 100);

        HashSet<int> Chunks(TextWindows split)
        {
            var chunks = new HashSet<int>();
            for (int step = 0; step < 50; step++)
            {
                var (inputs, _) = split.Batch(16, step);
                foreach (int first in inputs.ToArray<float>().Where((_, i) => i % 8 == 0).Select(v => (int)v))
                {
                    Assert.That(first % 100 + 8, Is.LessThan(100), $"window at {first} crosses its chunk's end");
                    chunks.Add(first / 100);
                }
            }
            return chunks;
        }

        var (trainChunks, validationChunks, testChunks) = (Chunks(train), Chunks(validation), Chunks(test));
        Assert.That(trainChunks.Overlaps(testChunks) || trainChunks.Overlaps(validationChunks) || validationChunks.Overlaps(testChunks), Is.False);
        Assert.That((train.Count, validation.Count, test.Count), Is.EqualTo((80 * 92L, 10 * 92L, 10 * 92L)));
    }

    [Test]
    public void Batch_SameStep_SameBatch_AnotherStep_Another()
    {
        var (train, _, _) = TextWindows.Split(Positions, 10_000, contextLength: 8, seed: 3, chunkLength: 100);

        var first = train.Batch(12, step: 5, DType.Float64).Inputs.ToArray<double>();

        Assert.That(train.Batch(12, step: 5, DType.Float64).Inputs.ToArray<double>(), Is.EqualTo(first));
        Assert.That(train.Batch(12, step: 6, DType.Float64).Inputs.ToArray<double>(), Is.Not.EqualTo(first));
    }

    [Test]
    public void Split_TextTooShortForEverySplit_ThrowsSayingSo()
    {
        Assert.That(() => TextWindows.Split(Positions[..500], 10_000, contextLength: 8, seed: 1, chunkLength: 100),
            Throws.ArgumentException.With.Message.Contains("leave a split without a window of 8"));
    }
}
