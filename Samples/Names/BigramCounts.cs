using MiniNet.Text;

namespace Names;

/// <summary>
/// makemore part 1's bigram model: how often each character follows each other in the training names (the boundary '.'
/// before the first letter and after the last), plus one for every pair so none has probability 0; the probability of the
/// next character is its row's count over the row's sum. Nothing is learned by gradient: this is the loss to beat.
/// </summary>
public sealed class BigramCounts(CharacterVocabulary vocabulary, IEnumerable<string> names)
{
    private readonly double[,] _logProbabilities = LogProbabilities(vocabulary, names);

    /// <summary>The mean negative log-likelihood of every next character of <paramref name="names"/>, the end included.</summary>
    public double Loss(IReadOnlyList<string> names)
    {
        double sum = 0;
        int count = 0;
        foreach (var (previous, next) in names.SelectMany(name => Pairs(vocabulary, name)))
        {
            sum -= _logProbabilities[previous, next];
            count++;
        }
        return sum / count;
    }

    /// <summary>A name drawn character by character from the counts, until the boundary.</summary>
    public string Generate(Random random)
    {
        var ids = new List<int>();
        var row = new double[vocabulary.Size];
        for (int previous = 0; ; previous = ids[^1])
        {
            for (int next = 0; next < row.Length; next++) row[next] = _logProbabilities[previous, next];
            int drawn = TextGeneration.Sample(row, temperature: 1, topK: null, random);
            if (drawn == 0) return vocabulary.Decode(ids);
            ids.Add(drawn);
        }
    }

    private static IEnumerable<(int Previous, int Next)> Pairs(CharacterVocabulary vocabulary, string name)
    {
        int[] ids = [0, .. vocabulary.Encode(name, $"name '{name}'"), 0];
        return ids.Zip(ids.Skip(1));
    }

    private static double[,] LogProbabilities(CharacterVocabulary vocabulary, IEnumerable<string> names)
    {
        int size = vocabulary.Size;
        var counts = new double[size, size];
        for (int i = 0; i < size; i++)
            for (int j = 0; j < size; j++) counts[i, j] = 1;
        foreach (var (previous, next) in names.SelectMany(name => Pairs(vocabulary, name))) counts[previous, next]++;
        for (int i = 0; i < size; i++)
        {
            double total = Enumerable.Range(0, size).Sum(j => counts[i, j]);
            for (int j = 0; j < size; j++) counts[i, j] = Math.Log(counts[i, j] / total);
        }
        return counts;
    }
}
