using MathNet.Numerics.Random;
using MiniNet.Models;
using MiniNet.Tensors;

namespace MiniNet.Text;

/// <summary>
/// Writes text with a trained character model, one sampled character at a time, as makemore's and nanoGPT's
/// <c>generate</c>: the model reads the last <c>context</c> ids, its logits are divided by the temperature, cut to the
/// top k if asked, turned into probabilities by a softmax, and the next id is drawn from them. The same seed gives the same
/// text.
/// </summary>
public static class TextGeneration
{
    /// <summary>Generates up to <paramref name="maxLength"/> characters after <paramref name="prompt"/>.</summary>
    /// <param name="model">Reads (batch, context) token ids. Either it gives (batch, vocabulary) logits of the next character
    /// (makemore's MLP), or (batch, context, vocabulary) logits at every position, position t seeing only ids up to t (a GPT,
    /// causal): then the ids are padded on the right and the logits at the prompt's last position are read.</param>
    /// <param name="vocabulary">The vocabulary the model was trained with.</param>
    /// <param name="prompt">The text to continue. A prompt longer than the context is cropped to its last <c>context</c>
    /// characters, as nanoGPT does. With a boundary token the prompt is the start of a name: it follows the boundary token
    /// (one, for a model of every position, as makemore's; <c>context</c> of them for a next-character model, as in
    /// <see cref="NameWindows"/>), and an empty prompt starts a new name.</param>
    /// <param name="maxLength">The most characters to generate; with a boundary token, generation also stops when the model
    /// writes it (the end of a name), which is not returned.</param>
    /// <param name="temperature">Divides the logits: below 1 sharper, above 1 flatter; positive.</param>
    /// <param name="topK">Keep only the k most likely characters (ties to the lower id), or null for all.</param>
    /// <param name="seed">Seeds the draws (Xoshiro256**).</param>
    /// <returns>The generated characters, without the prompt.</returns>
    /// <exception cref="ArgumentException">The vocabulary does not match the model, the prompt holds a character not in the
    /// vocabulary (named with its position), the prompt is empty without a boundary token, or a setting is out of range.</exception>
    public static string Generate(Sequential model, CharacterVocabulary vocabulary, string prompt, int maxLength,
        double temperature = 1, int? topK = null, int seed = 0)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(vocabulary);
        vocabulary.RequireFits(model);
        RequireSampling(temperature, topK, vocabulary.Size);
        ArgumentOutOfRangeException.ThrowIfNegative(maxLength);
        int context = model.InputShape[0];
        bool everyPosition = model.OutputShape.Count == 2;
        var ids = new List<int>(vocabulary.Encode(prompt, "prompt"));
        if (vocabulary.Boundary != null) ids.InsertRange(0, Enumerable.Repeat(0, everyPosition ? 1 : context));
        else if (ids.Count == 0) throw new ArgumentException("prompt: empty; give at least one character to continue (the vocabulary has no boundary token to start from)", nameof(prompt));
        else if (!everyPosition && ids.Count < context)
            throw new ArgumentException($"prompt: {ids.Count} characters, but the model reads the {context} before the next one", nameof(prompt));

        var random = new Xoshiro256StarStar(seed, threadSafe: false);
        var generated = new List<int>();
        var inputs = Tensor.Zeros([1, context], model.DType);
        var logits = new double[vocabulary.Size];
        for (int step = 0; step < maxLength; step++)
        {
            int used = Math.Min(context, ids.Count), last = everyPosition ? used - 1 : 0;
            for (int t = 0; t < context; t++) inputs[0, t] = t < used ? ids[ids.Count - used + t] : 0;
            var output = model.Call(inputs, training: false);
            for (int c = 0; c < logits.Length; c++) logits[c] = everyPosition ? output[0, last, c] : output[0, c];
            int next = Sample(logits, temperature, topK, random);
            if (vocabulary.Boundary != null && next == 0) break;
            ids.Add(next);
            generated.Add(next);
        }
        return vocabulary.Decode(generated);
    }

    /// <summary>Draws an id from softmax(<paramref name="logits"/> / <paramref name="temperature"/>) over the
    /// <paramref name="topK"/> largest logits (all when null): the draw of <see cref="Generate"/>, for a model that is not a
    /// <see cref="Sequential"/> (a bigram's counts: pass their logarithms).</summary>
    /// <exception cref="ArgumentException">No logits, a temperature that is not positive, or top-k outside [1, logits].</exception>
    public static int Sample(ReadOnlySpan<double> logits, double temperature, int? topK, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        if (logits.Length == 0) throw new ArgumentException("sample: no logits", nameof(logits));
        RequireSampling(temperature, topK, logits.Length);
        var order = Enumerable.Range(0, logits.Length).ToArray();
        var values = logits.ToArray();
        Array.Sort(order, (a, b) => values[b].CompareTo(values[a]) is var byValue && byValue != 0 ? byValue : a.CompareTo(b));
        var kept = order[..(topK ?? logits.Length)];
        double max = values[kept[0]] / temperature;
        var weights = kept.Select(id => Math.Exp(values[id] / temperature - max)).ToArray();
        double draw = random.NextDouble() * weights.Sum();
        for (int i = 0; i < kept.Length; i++)
            if ((draw -= weights[i]) < 0) return kept[i];
        return kept[^1];
    }

    private static void RequireSampling(double temperature, int? topK, int classes)
    {
        if (!(temperature > 0) || double.IsInfinity(temperature))
            throw new ArgumentOutOfRangeException(nameof(temperature), temperature, $"generate: temperature must be positive and finite, got {temperature}");
        if (topK is { } k && (k < 1 || k > classes))
            throw new ArgumentOutOfRangeException(nameof(topK), topK, $"generate: topK must be in [1, {classes}] (the vocabulary's size), got {k}");
    }
}
