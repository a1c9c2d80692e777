using System.Text.Json;
using System.Text.Json.Serialization;
using MiniNet.Layers;
using MiniNet.Models;

namespace MiniNet.Text;

/// <summary>
/// The characters a character-level model reads and writes, each with its token id (its index in
/// <see cref="Characters"/>): nanoGPT's <c>stoi</c>/<c>itos</c>, or makemore's with a <see cref="Boundary"/> token, the '.' of
/// id 0 that starts a name's context and ends the name. Built from a text, saved with the model
/// (<c>Checkpoint.SaveModel(path, model, vocabulary: vocabulary)</c>) so that a prompt is encoded as the model was trained.
/// </summary>
public sealed class CharacterVocabulary
{
    private readonly Dictionary<char, int> _ids;

    /// <summary>A vocabulary of <paramref name="characters"/>, in id order.</summary>
    /// <param name="characters">Distinct characters; the first is the boundary token if <paramref name="boundary"/> is set.</param>
    /// <param name="boundary">The start/end token, which must be <paramref name="characters"/>[0]; null for none.</param>
    /// <exception cref="ArgumentException">The characters are empty or repeat one, or the boundary is not the first.</exception>
    public CharacterVocabulary(string characters, char? boundary = null)
    {
        ArgumentNullException.ThrowIfNull(characters);
        if (characters.Length == 0) throw new ArgumentException("vocabulary: no characters", nameof(characters));
        if (boundary is { } token && characters[0] != token)
            throw new ArgumentException($"vocabulary: the boundary {Describe(token)} must be the first character (id 0), not {Describe(characters[0])}", nameof(boundary));
        _ids = [];
        for (int id = 0; id < characters.Length; id++)
            if (!_ids.TryAdd(characters[id], id))
                throw new ArgumentException($"vocabulary: {Describe(characters[id])} appears twice, at ids {_ids[characters[id]]} and {id}", nameof(characters));
        Characters = characters;
        Boundary = boundary;
    }

    /// <summary>The distinct characters of <paramref name="text"/> in ordinal order, after <paramref name="boundary"/> (id 0)
    /// if one is given, as makemore builds its <c>stoi</c>.</summary>
    /// <exception cref="ArgumentException">The text is empty, or holds the boundary character.</exception>
    public static CharacterVocabulary FromText(string text, char? boundary = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length == 0) throw new ArgumentException("vocabulary: the text is empty", nameof(text));
        int at = boundary is { } token ? text.IndexOf(token) : -1;
        if (at >= 0) throw new ArgumentException($"vocabulary: the text holds the boundary {Describe(boundary!.Value)} at position {at}", nameof(text));
        var characters = text.Distinct().Order().ToArray();
        return new CharacterVocabulary(boundary is { } first ? first + new string(characters) : new string(characters), boundary);
    }

    /// <summary>Every character, at the index that is its id.</summary>
    public string Characters { get; }

    /// <summary>The start/end token (id 0), or null when the vocabulary has none.</summary>
    public char? Boundary { get; }

    /// <summary>The number of token ids: the rows of the model's embedding and the width of its logits.</summary>
    public int Size => Characters.Length;

    /// <summary>The ids of <paramref name="text"/>'s characters.</summary>
    /// <param name="text">Characters of the vocabulary, not the boundary.</param>
    /// <param name="what">Names the text in messages, e.g. "prompt".</param>
    /// <exception cref="ArgumentException">A character is not in the vocabulary, or is the boundary token: the message names it
    /// and its position.</exception>
    public int[] Encode(string text, string what = "text")
    {
        ArgumentNullException.ThrowIfNull(text);
        var ids = new int[text.Length];
        for (int i = 0; i < text.Length; i++)
        {
            if (text[i] == Boundary)
                throw new ArgumentException($"{what}: {Describe(text[i])} at position {i} is the vocabulary's boundary token, not a character of a text");
            if (!_ids.TryGetValue(text[i], out ids[i]))
                throw new ArgumentException($"{what}: {Describe(text[i])} at position {i} is not in the vocabulary of {Size} characters ({Escape(Characters)})");
        }
        return ids;
    }

    /// <summary>The characters of <paramref name="ids"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An id is not in [0, <see cref="Size"/>).</exception>
    public string Decode(IEnumerable<int> ids)
    {
        ArgumentNullException.ThrowIfNull(ids);
        return string.Concat(ids.Select(id => (uint)id < (uint)Size ? Characters[id]
            : throw new ArgumentOutOfRangeException(nameof(ids), id, $"vocabulary: id {id} is not in [0, {Size})")));
    }

    /// <summary>Throws unless <paramref name="model"/> reads and writes this vocabulary's ids: its first layer an
    /// <see cref="Embedding"/> of <see cref="Size"/> rows and its logits <see cref="Size"/> wide.</summary>
    /// <exception cref="ArgumentException">It does not, e.g. a vocabulary built from another text.</exception>
    public void RequireFits(Sequential model)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (model.Layers[0] is not Embedding embedding)
            throw new ArgumentException($"vocabulary: the model's first layer is {model.Layers[0].Name}, not an Embedding of token ids", nameof(model));
        if (embedding.VocabularySize != Size || model.OutputShape[^1] != Size)
            throw new ArgumentException($"vocabulary: {Size} characters, but the model's embedding has {embedding.VocabularySize} rows and its logits " +
                $"{model.OutputShape[^1]} classes; the vocabulary does not match the model (built from another text?)", nameof(model));
    }

    /// <summary>The ids of name <paramref name="n"/> of <paramref name="names"/>, for a data set of names made by
    /// <paramref name="caller"/>: checks that this vocabulary has the boundary token that starts and ends a name, and that
    /// the name is not empty and holds only its characters (each error naming the name).</summary>
    internal int[] EncodeName(IReadOnlyList<string> names, int n, string caller)
    {
        if (Boundary is null)
            throw new ArgumentException($"{caller}: the vocabulary needs a boundary token to start and end names (CharacterVocabulary.FromText(text, boundary: '.'))", "vocabulary");
        if (string.IsNullOrEmpty(names[n])) throw new ArgumentException($"{caller}: name {n} is empty", nameof(names));
        return Encode(names[n], $"name {n} '{names[n]}'");
    }

    /// <summary>The vocabulary as JSON text.</summary>
    public string ToJson() => JsonSerializer.Serialize(new Saved(Characters, Boundary?.ToString()), CharacterVocabularyJson.Default.Saved);

    /// <summary>Reads a vocabulary written by <see cref="ToJson"/>.</summary>
    /// <exception cref="JsonException">The text is not such a vocabulary.</exception>
    public static CharacterVocabulary FromJson(string json)
    {
        var saved = JsonSerializer.Deserialize(json, CharacterVocabularyJson.Default.Saved);
        if (saved?.Characters is null || saved.Boundary is { Length: not 1 })
            throw new JsonException("vocabulary: \"characters\" is required, and \"boundary\" is one character or absent");
        try
        {
            return new CharacterVocabulary(saved.Characters, saved.Boundary?[0]);
        }
        catch (ArgumentException error)
        {
            throw new JsonException(error.Message, error);
        }
    }

    internal sealed record Saved(string Characters, string? Boundary);

    private static string Describe(char character) => $"'{Escape(character.ToString())}' (U+{(int)character:X4})";

    private static string Escape(string text) => text.Replace("\n", "\\n").Replace("\r", "\\r").Replace("\t", "\\t");
}

/// <summary>The JSON form of a <see cref="CharacterVocabulary"/>, generated at compile time (it works ahead of time).</summary>
[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(CharacterVocabulary.Saved))]
internal sealed partial class CharacterVocabularyJson : JsonSerializerContext;
