using MathNet.Numerics.Random;

namespace MiniNet.Data;

/// <summary>
/// A dataset seen in a new random order every epoch, as tf.data's <c>shuffle(reshuffle_each_iteration=True)</c> with a seed.
/// The order of epoch k is a pure function of (<see cref="Seed"/>, k), so a run can be repeated, or resumed mid-way by
/// setting <see cref="BatchedDataset.NextEpoch"/>.
/// </summary>
public sealed partial class ShuffledDataset
{
    /// <summary>The dataset in its stored order.</summary>
    public Dataset Source { get; }

    /// <summary>The seed that, with the epoch number, determines each epoch's order.</summary>
    public int Seed { get; }

    /// <summary>The sample indices of <see cref="Source"/> in the order of epoch <paramref name="epoch"/> (0-based): a
    /// Fisher–Yates shuffle driven by a Xoshiro256** generator (MathNet.Numerics) seeded from (<see cref="Seed"/>, epoch).</summary>
    /// <exception cref="ArgumentOutOfRangeException">epoch is negative.</exception>
    public int[] Permutation(int epoch)
    {
        if (epoch < 0)
            throw new ArgumentOutOfRangeException(nameof(epoch), epoch, "shuffle: epoch must be >= 0");
        var random = new Xoshiro256StarStar(EpochSeed(Seed, epoch), threadSafe: false);
        var order = new int[Source.Count];
        for (int i = 0; i < order.Length; i++) order[i] = i;
        for (int i = order.Length - 1; i > 0; i--)
        {
            int j = random.Next(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }
        return order;
    }

    // The generator takes a 32-bit seed. SplitMix64's finalizer (Steele, Lea and Flood 2014) mixes the pair so that
    // neighbouring seeds and epochs give unrelated generators; its 64 bits are folded to 32.
    internal static int EpochSeed(int seed, int epoch)
    {
        ulong z = ((ulong)(uint)seed << 32 | (uint)epoch) + 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        z ^= z >> 31;
        return (int)(z ^ (z >> 32));
    }
}
