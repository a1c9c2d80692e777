using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace MiniNet.Tests.Docs;

/// <summary>
/// Compiles the C# blocks of the README, the docs and the package's README as a reader pastes them into a new console project
/// (`dotnet new console`, implicit usings on, a reference to MiniNet): with their own <c>using</c> lines and nothing else.
/// A block that starts with <c>using</c> lines starts a file; a block that does not is pasted below the block before it
/// (custom-op.md builds one program that way). A file that only declares types (the guide's <c>ScaleShift</c> and
/// <c>Signum</c>) is a file of its own in the project, so it is compiled beside every program of its page.
/// </summary>
public class DocsCompileTests
{
    private static readonly string[] Pages =
        ["README.md", "docs/guide.md", "docs/custom-op.md", "docs/checkpoints.md", "docs/reading-the-tape.md", "docs/recurrent.md", "Framework/MiniNet/README.md"];

    // What `dotnet new console` puts in scope through ImplicitUsings.
    private const string ImplicitUsings = """
        global using System;
        global using System.Collections.Generic;
        global using System.IO;
        global using System.Linq;
        global using System.Net.Http;
        global using System.Threading;
        global using System.Threading.Tasks;
        """;

    [TestCaseSource(nameof(Pages))]
    public void EveryBlock_CompilesAsPasted(string page)
    {
        var files = Files(File.ReadAllLines(Path.Combine(RepositoryRoot.Path, page)));
        Assert.That(files, Is.Not.Empty, $"{page} has no C# block");
        var parseOptions = new CSharpParseOptions(LanguageVersion.Preview);
        var trees = files.Select(file => CSharpSyntaxTree.ParseText(file, parseOptions)).ToList();
        var typeFiles = trees.Where(tree => !tree.GetRoot().DescendantNodes().OfType<GlobalStatementSyntax>().Any()).ToList();
        var programs = trees.Except(typeFiles).ToList();

        foreach (var program in programs.Count > 0 ? programs.Select(p => (SyntaxTree?)p) : [null])
        {
            SyntaxTree[] project = [CSharpSyntaxTree.ParseText(ImplicitUsings, parseOptions), .. typeFiles, .. program is null ? [] : new[] { program }];
            var compilation = CSharpCompilation.Create("DocsBlock", project, References.Value,
                new CSharpCompilationOptions(program is null ? OutputKind.DynamicallyLinkedLibrary : OutputKind.ConsoleApplication,
                    nullableContextOptions: NullableContextOptions.Enable));
            var errors = compilation.GetDiagnostics().Where(diagnostic => diagnostic.Severity == DiagnosticSeverity.Error).ToList();
            Assert.That(errors, Is.Empty, $"{page}: this block does not compile as pasted:{Environment.NewLine}{program ?? typeFiles[0]}"
                + $"{Environment.NewLine}{string.Join(Environment.NewLine, errors)}");
        }
    }

    [Test]
    public void Files_ABlockWithoutUsings_IsPastedBelowThePreviousBlock()
    {
        string[] page = ["```csharp", "using A;", "var x = 1;", "```", "text", "```csharp", "var y = x;", "```", "```csharp", "// a comment", "using B;", "```"];

        Assert.That(Files(page), Is.EqualTo(new[] { "using A;\nvar x = 1;\nvar y = x;", "// a comment\nusing B;" }));
    }

    /// <summary>The page's ```csharp blocks grouped into the files a reader makes of them by pasting.</summary>
    private static List<string> Files(string[] markdown)
    {
        var files = new List<List<string>>();
        List<string>? block = null;
        foreach (string line in markdown)
        {
            if (block is null)
            {
                if (line.Trim() == "```csharp") block = [];
                continue;
            }
            if (line.Trim() != "```")
            {
                block.Add(line);
                continue;
            }
            string? first = block.Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0 && !l.StartsWith("//", StringComparison.Ordinal));
            if (files.Count == 0 || first is null || first.StartsWith("using ", StringComparison.Ordinal)) files.Add(block);
            else files[^1].AddRange(block);
            block = null;
        }
        return [.. files.Select(file => string.Join('\n', file))];
    }

    // The tests and the samples, whose types a reader's project does not have.
    private static readonly HashSet<string> NotInAReadersProject = ["MiniNet.Tests", "QuickStart", "Xor", "MnistLite", "MomentumLab"];

    // The assemblies the test host runs with, the tests and samples aside: the .NET libraries and MiniNet with its dependencies.
    private static readonly Lazy<ImmutableArray<MetadataReference>> References = new(() =>
        [.. ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(path => path.Length > 0 && !NotInAReadersProject.Contains(Path.GetFileNameWithoutExtension(path)))
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))]);
}
