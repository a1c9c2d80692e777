namespace MiniNet.Data;

// The seed of one epoch's generator, mixed from the dataset's seed and the epoch number.
public sealed partial class ShuffledDataset
{
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
