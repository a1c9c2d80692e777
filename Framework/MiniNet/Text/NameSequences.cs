using MiniNet.Tensors;

namespace MiniNet.Text;

/// <summary>
/// makemore's data set of names for a model that predicts every next character (its <c>CharDataset</c>, for the
/// transformer): each name is one sequence of <see cref="BlockSize"/> positions, the input the boundary token '.' then the
/// name, the target the name then '.', and the positions after that <see cref="Padding"/> (input '.', target ignored).
/// "emma" with block 6 gives inputs . e m m a . and targets e m m a . -1: every character of the name and its end is predicted
/// once, each from all the characters before it.
/// </summary>
public sealed class NameSequences
{
    /// <summary>The target of a position after a name's end: no character to predict (give it to the loss's ignore index).</summary>
    public const int Padding = -1;

    private readonly int[] _inputs;
    private readonly int[] _targets;

    private NameSequences(int[] inputs, int[] targets, int blockSize, int classCount) =>
        (_inputs, _targets, BlockSize, ClassCount, Count) = (inputs, targets, blockSize, classCount, inputs.Length / blockSize);

    /// <summary>The sequences of <paramref name="names"/>, in their order.</summary>
    /// <param name="names">Names of characters of the vocabulary.</param>
    /// <param name="vocabulary">A vocabulary whose boundary token (id 0) starts and ends a name.</param>
    /// <param name="blockSize">Positions per sequence: at least the longest name's length plus 1 (makemore's block_size).</param>
    /// <exception cref="ArgumentException">The vocabulary has no boundary token, or a name is empty, longer than the block
    /// size minus 1, or holds a character not in the vocabulary (each named with the name).</exception>
    public static NameSequences Create(IReadOnlyList<string> names, CharacterVocabulary vocabulary, int blockSize)
    {
        ArgumentNullException.ThrowIfNull(names);
        ArgumentNullException.ThrowIfNull(vocabulary);
        ArgumentOutOfRangeException.ThrowIfLessThan(blockSize, 2);
        var inputs = new int[names.Count * blockSize];
        var targets = new int[names.Count * blockSize];
        Array.Fill(targets, Padding);
        for (int n = 0; n < names.Count; n++)
        {
            var ids = vocabulary.EncodeName(names, n, "name sequences");
            if (ids.Length >= blockSize)
                throw new ArgumentException($"name sequences: name {n} '{names[n]}' has {ids.Length} characters; a block of {blockSize} holds at most {blockSize - 1} and its end", nameof(names));
            ids.CopyTo(inputs, n * blockSize + 1);
            ids.CopyTo(targets, n * blockSize);
            targets[n * blockSize + ids.Length] = 0;
        }
        return new NameSequences(inputs, targets, blockSize, vocabulary.Size);
    }

    /// <summary>The number of names.</summary>
    public int Count { get; }

    /// <summary>Positions per sequence.</summary>
    public int BlockSize { get; }

    /// <summary>The targets' classes: the vocabulary's size.</summary>
    public int ClassCount { get; }

    /// <summary>The sequences of the names numbered <paramref name="rows"/>, in that order.</summary>
    /// <returns>Inputs (rows, block) of token ids as float values, and targets (rows, block): the next id at every position,
    /// or <see cref="Padding"/> (the labels' ignore index) after the name's end.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A row is outside [0, <see cref="Count"/>).</exception>
    public (Tensor Inputs, ClassLabels Targets) Batch(IReadOnlyList<int> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var x = new float[rows.Count * BlockSize];
        var y = new int[rows.Count * BlockSize];
        for (int i = 0; i < rows.Count; i++)
        {
            if ((uint)rows[i] >= (uint)Count)
                throw new ArgumentOutOfRangeException(nameof(rows), rows[i], $"name sequences: row {rows[i]} is not in [0, {Count})");
            for (int t = 0; t < BlockSize; t++) x[i * BlockSize + t] = _inputs[rows[i] * BlockSize + t];
            _targets.AsSpan(rows[i] * BlockSize, BlockSize).CopyTo(y.AsSpan(i * BlockSize));
        }
        return (new Tensor(x, rows.Count, BlockSize), new ClassLabels(y, [rows.Count, BlockSize], ClassCount, ignoreIndex: Padding));
    }
}
