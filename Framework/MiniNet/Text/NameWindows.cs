using MathNet.Numerics.Random;
using MiniNet.Data;

namespace MiniNet.Text;

/// <summary>
/// makemore's data set of names: every name gives one example per character and one for its end, each the
/// <c>blockSize</c> characters before it (the boundary token '.' where the name has not begun) and the character that follows
/// (the boundary after the last letter). "emma" with block 3 gives ... → e, ..e → m, .em → m, emm → a, mma → '.'.
/// </summary>
public static class NameWindows
{
    /// <summary>The (context → next character) examples of <paramref name="names"/>: features (blockSize) token ids as
    /// float values (what an <c>Embedding</c> reads), targets the next character's id, of <c>vocabulary.Size</c> classes.</summary>
    /// <exception cref="ArgumentException">The vocabulary has no boundary token, the block size is below 1, or a name is empty
    /// or holds a character not in the vocabulary (named with the name).</exception>
    public static Dataset Create(IReadOnlyList<string> names, CharacterVocabulary vocabulary, int blockSize)
    {
        ArgumentNullException.ThrowIfNull(names);
        ArgumentNullException.ThrowIfNull(vocabulary);
        ArgumentOutOfRangeException.ThrowIfLessThan(blockSize, 1);
        var features = new List<float>();
        var targets = new List<int>();
        var context = new int[blockSize];
        for (int n = 0; n < names.Count; n++)
        {
            Array.Clear(context);
            foreach (int id in vocabulary.EncodeName(names, n, "name windows").Append(0))
            {
                features.AddRange(context.Select(contextId => (float)contextId));
                targets.Add(id);
                Array.Copy(context, 1, context, 0, blockSize - 1);
                context[^1] = id;
            }
        }
        return new Dataset([.. features], [.. targets], blockSize, vocabulary.Size);
    }

    /// <summary>makemore's split, fixed by <paramref name="seed"/>: the names shuffled once (Fisher–Yates, Xoshiro256**), the
    /// first 80% to train on, the next 10% to choose by (validation) and the last 10% to report (test).</summary>
    public static (string[] Train, string[] Validation, string[] Test) Split(IReadOnlyList<string> names, int seed)
    {
        ArgumentNullException.ThrowIfNull(names);
        var shuffled = names.ToArray();
        new Xoshiro256StarStar(seed, threadSafe: false).Shuffle(shuffled);
        int train = (int)(0.8 * shuffled.Length), validation = (int)(0.9 * shuffled.Length);
        return (shuffled[..train], shuffled[train..validation], shuffled[validation..]);
    }
}
