using MiniNet.Kernels;

namespace MiniNet.Tests.Kernels;

public class HeadsLayoutTests
{
    /// <summary>(9, 64, 3·4·8) sequences, slice 1 of 3 (k of a fused qkv), some values -0: moved onto a buffer full of NaN
    /// (nothing may be read from it), the cleared moves give the bits of the adds into zeros, the other slices' columns 0,
    /// on one, two and three threads; and each moved element is its source, found here by index.</summary>
    [TestCase(1)]
    [TestCase(2)]
    [TestCase(3)]
    public void ClearedMoves_AreTheAddsIntoZeros_OnAnyThreadCount(int threads)
    {
        var layout = new HeadsLayout(Batch: 9, Heads: 4, Time: 64, HeadWidth: 8, Features: 96, Part: 1);
        var random = new Random(11);
        float[] Values(int count) => [.. Enumerable.Range(0, count).Select(i => i % 7 == 0 ? -0f : random.NextSingle() - 0.5f)];
        float[] heads = Values(9 * 4 * 64 * 8), sequence = Values(9 * 64 * 96);

        var (expectedSequence, expectedHeads) = (new float[sequence.Length], new float[heads.Length]);
        layout.ToSequence<float>(heads, expectedSequence, add: true);
        layout.ToHeads<float>(sequence, expectedHeads, add: true);
        var (clearedSequence, clearedHeads) = (Enumerable.Repeat(float.NaN, sequence.Length).ToArray(), Enumerable.Repeat(float.NaN, heads.Length).ToArray());
        EngineThreads.Run(threads, () =>
        {
            layout.ToClearedSequence<float>(heads, clearedSequence);
            layout.ToClearedHeads<float>(sequence, clearedHeads);
        });

        Assert.That(clearedSequence.Select(BitConverter.SingleToInt32Bits), Is.EqualTo(expectedSequence.Select(BitConverter.SingleToInt32Bits)).AsCollection);
        Assert.That(clearedHeads.Select(BitConverter.SingleToInt32Bits), Is.EqualTo(expectedHeads.Select(BitConverter.SingleToInt32Bits)).AsCollection);
        for (int b = 0; b < 9; b++)
        for (int t = 0; t < 64; t++)
        for (int f = 0; f < 96; f++)
        {
            int slice = f / 32, h = f % 32 / 8, d = f % 8;
            float moved = slice == 1 ? heads[((b * 4 + h) * 64 + t) * 8 + d] : 0f;
            Assert.That(clearedSequence[(b * 64 + t) * 96 + f], Is.EqualTo(moved), $"sequence {b}, time {t}, feature {f}");
            if (slice == 1) Assert.That(clearedHeads[((b * 4 + h) * 64 + t) * 8 + d], Is.EqualTo(sequence[(b * 64 + t) * 96 + f]));
        }
    }
}
