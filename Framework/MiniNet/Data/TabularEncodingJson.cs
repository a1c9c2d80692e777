using System.Text.Json.Serialization;

namespace MiniNet.Data;

/// <summary>
/// The JSON form of a <see cref="TabularEncoding"/>, generated at compile time rather than found by reflection at run time:
/// a program compiled ahead of time (a .NET 10 <c>dotnet run x.cs</c> script, which defaults to <c>PublishAot=true</c>) has
/// reflection-based System.Text.Json turned off, and saving or loading a model with its encoding must work there too.
/// </summary>
[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, UseStringEnumConverter = true)]
[JsonSerializable(typeof(TabularEncoding.SavedEncoding))]
internal sealed partial class TabularEncodingJson : JsonSerializerContext;
