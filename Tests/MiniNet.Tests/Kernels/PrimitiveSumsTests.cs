using MiniNet.Kernels;
using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;

namespace MiniNet.Tests.Kernels;

public class PrimitiveSumsTests
{
    /// <summary>Sum and Dot, of one span or two at once, give TensorPrimitives' bits at every length from 1 to the limit, from
    /// starts at every offset in a 64-byte line, over values of mixed signs and magnitudes (where the order of the additions
    /// shows in the last bits).</summary>
    [Test]
    public unsafe void SumAndDot_TensorPrimitivesBitsAtEveryLength()
    {
        var random = new Random(5);
        var (x, y) = (new float[PrimitiveSums.MaxLength + 16], new float[PrimitiveSums.MaxLength + 16]);
        int mismatches = 0, checks = 0;
        fixed (float* px = x, py = y)
        {
            for (int length = 1; length <= PrimitiveSums.MaxLength; length++)
            {
                for (int trial = 0; trial < 16; trial++)
                {
                    for (int i = 0; i < x.Length; i++)
                    {
                        x[i] = (2 * random.NextSingle() - 1) * MathF.Pow(10, random.Next(-3, 3));
                        y[i] = 2 * random.NextSingle() - 1;
                    }
                    int start = trial;
                    ReadOnlySpan<float> xs = x.AsSpan(start, length), ys = y.AsSpan(start, length);
                    if (Bits(PrimitiveSums.Sum(px + start, length)) != Bits(TensorPrimitives.Sum<float>(xs))) mismatches++;
                    if (Bits(PrimitiveSums.Dot(px + start, py + start, length)) != Bits(TensorPrimitives.Dot<float>(xs, ys))) mismatches++;
                    // Two at once, their additions interleaved: each still the library's.
                    var (sumX, sumY) = PrimitiveSums.Sum(px + start, py + start, length);
                    if (Bits(sumX) != Bits(TensorPrimitives.Sum<float>(xs)) || Bits(sumY) != Bits(TensorPrimitives.Sum<float>(ys))) mismatches++;
                    var (dotXY, dotXX) = PrimitiveSums.Dot(px + start, py + start, px + start, px + start, length);
                    if (Bits(dotXY) != Bits(TensorPrimitives.Dot<float>(xs, ys)) || Bits(dotXX) != Bits(TensorPrimitives.Dot<float>(xs, xs))) mismatches++;
                    checks += 4;
                }
            }
        }
        Assert.That(mismatches, Is.Zero, $"{mismatches} of {checks} sums differ from TensorPrimitives'");
    }

    private static int Bits(float value) => BitConverter.SingleToInt32Bits(value);
}
