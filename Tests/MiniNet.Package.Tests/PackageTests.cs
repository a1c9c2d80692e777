using MiniNet.Tests;
using System.Globalization;
using System.IO.Compression;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace MiniNet.Package.Tests;

/// <summary>
/// Packs Framework/MiniNet as `dotnet pack` does for a release, then checks the package as a user receives it: its metadata
/// and dependencies, and a fresh console project that installs it from a local feed and trains XOR with it.
/// </summary>
[Category("Packaging")]
public partial class PackageTests
{
    private string _work = "";
    private string _feed = "";
    private string _packagePath = "";
    private string _version = "";

    [OneTimeSetUp]
    public void PackIntoALocalFeed()
    {
        _work = Path.Combine(Path.GetTempPath(), "mininet-package-tests-" + Guid.NewGuid().ToString("N"));
        _feed = Path.Combine(_work, "feed");
        string project = Path.Combine(RepositoryRoot.Path, "Framework", "MiniNet", "MiniNet.csproj");
        // A version of this run's own (the project's, with a unique pre-release suffix), so no other source or cache on the
        // machine can hold a package of that id and version: the test project can only get it from the feed.
        string version = XDocument.Load(project).Descendants("Version").Single().Value + "-packagetest.t" + Guid.NewGuid().ToString("N")[..12];
        // Built into the temp folder, so the test neither reads nor disturbs the repository's own bin/ and obj/ Release output.
        DotnetCli.Run(_work.CreateFolder(), "pack", project, "-c", "Release", "-o", _feed, "--no-restore", "--disable-build-servers",
            $"-p:PackageVersion={version}",
            $"-p:OutputPath={Path.Combine(_work, "bin")}/", $"-p:IntermediateOutputPath={Path.Combine(_work, "obj")}/",
            $"-p:NuspecOutputPath={Path.Combine(_work, "obj")}/");
        _packagePath = Directory.GetFiles(_feed, "MiniNet.*.nupkg").Single();
        _version = Path.GetFileNameWithoutExtension(_packagePath)["MiniNet.".Length..];
    }

    [OneTimeTearDown]
    public void DeleteTheTempFolder()
    {
        if (Directory.Exists(_work)) Directory.Delete(_work, recursive: true);
    }

    [Test]
    public void Package_CarriesReadmeLicenceDocsAndSymbols_AndDependsOnlyOnTheRuntimeLibraries()
    {
        using var package = ZipFile.OpenRead(_packagePath);
        var nuspec = XDocument.Load(package.GetEntry("MiniNet.nuspec")!.Open()).Root!;
        XNamespace ns = nuspec.Name.Namespace;
        var metadata = nuspec.Element(ns + "metadata")!;

        Assert.That(metadata.Element(ns + "id")!.Value, Is.EqualTo("MiniNet"));
        Assert.That(metadata.Element(ns + "license")!.Value, Is.EqualTo("MIT"));
        Assert.That(metadata.Element(ns + "readme")!.Value, Is.EqualTo("README.md"));
        Assert.That(metadata.Element(ns + "authors")!.Value, Is.Not.Empty);
        Assert.That(metadata.Element(ns + "description")!.Value, Is.Not.Empty);
        Assert.That(metadata.Element(ns + "tags")!.Value, Is.Not.Empty);
        var dependencies = metadata.Descendants(ns + "dependency").Select(dependency => (string)dependency.Attribute("id")!);
        Assert.That(dependencies, Is.EquivalentTo(new[] { "MathNet.Numerics", "CsvHelper", "System.Numerics.Tensors" }));
        var files = package.Entries.Select(entry => entry.FullName).ToList();
        Assert.That(files, Does.Contain("README.md").And.Contain("lib/net10.0/MiniNet.dll").And.Contain("lib/net10.0/MiniNet.xml"));
        Assert.That(File.Exists(Path.ChangeExtension(_packagePath, ".snupkg")), "the symbol package sits beside the package");
    }

    [Test]
    public void PackageReadme_IsItsOwn_WithNoRelativeLinkOrPicture()
    {
        using var package = ZipFile.OpenRead(_packagePath);
        using var reader = new StreamReader(package.GetEntry("README.md")!.Open());
        string readme = reader.ReadToEnd();

        Assert.That(readme, Is.EqualTo(File.ReadAllText(Path.Combine(RepositoryRoot.Path, "Framework", "MiniNet", "README.md"))));
        Assert.That(Regex.Matches(readme, @"\]\((?!https://)[^)]*\)").Select(link => link.Value), Is.Empty,
            "a link that is not absolute breaks on the package's page");
        Assert.That(readme, Does.Not.Contain("!["), "a picture in the repository does not reach the package's page");
    }

    [Test]
    public void ConsoleProject_InstallingThePackageFromAFeed_TrainsXor()
    {
        string app = Path.Combine(_work, "app").CreateFolder();
        WriteNuGetConfig(app, packagesFolder: Path.Combine(_work, "packages"));
        // Empty files stop MSBuild from picking up Directory.Build.* files from folders above the temp folder.
        File.WriteAllText(Path.Combine(app, "Directory.Build.props"), "<Project />");
        File.WriteAllText(Path.Combine(app, "Directory.Build.targets"), "<Project />");
        File.WriteAllText(Path.Combine(app, "XorApp.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <ImplicitUsings>enable</ImplicitUsings>
                <Nullable>enable</Nullable>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="MiniNet" Version="{_version}" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(app, "Program.cs"), XorProgram);

        string printed = DotnetCli.Run(app, "run", "-c", "Release", "--disable-build-servers");

        var finalLoss = FinalLossLine().Match(printed);
        Assert.That(finalLoss.Success, $"the program should print its final loss; it printed:{Environment.NewLine}{printed}");
        Assert.That(double.Parse(finalLoss.Groups[1].Value, CultureInfo.InvariantCulture), Is.LessThan(0.05));
        string installed = Path.Combine(_work, "packages", "mininet", _version.ToLowerInvariant(), $"mininet.{_version.ToLowerInvariant()}.nupkg");
        Assert.That(File.ReadAllBytes(installed), Is.EqualTo(File.ReadAllBytes(_packagePath)), "the installed MiniNet is the package just made");
    }

    /// <summary>
    /// The machine's own NuGet configuration (its sources, mirrors and credentials, from the user's and the machine's config
    /// files, which NuGet reads as well as this one) plus two local folders: the fresh package's feed, and this machine's
    /// package cache, so MiniNet's dependencies need no download when they are cached. Packages are unpacked into a folder of
    /// the test's own. MiniNet's version is unique to this run, so it can only come from the feed.
    /// </summary>
    private void WriteNuGetConfig(string folder, string packagesFolder)
    {
        string machineCache = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        string cacheSource = Directory.Exists(machineCache) ? $"""<add key="machine-cache" value="{machineCache}" />""" : "";
        File.WriteAllText(Path.Combine(folder, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <config>
                <add key="globalPackagesFolder" value="{packagesFolder}" />
              </config>
              <packageSources>
                <add key="mininet-under-test" value="{_feed}" />
                {cacheSource}
              </packageSources>
            </configuration>
            """);
    }

    /// <summary>The README's training loop on XOR: a 2-8-1 tanh network, binary cross-entropy on logits, momentum SGD.</summary>
    private const string XorProgram = """
        using MiniNet.Autodiff;
        using MiniNet.Layers;
        using MiniNet.Losses;
        using MiniNet.Models;
        using MiniNet.Optimizers;
        using MiniNet.Tensors;

        var x = new Tensor([0f, 0f, 0f, 1f, 1f, 0f, 1f, 1f], 4, 2);
        var y = new Tensor([0f, 1f, 1f, 0f], 4, 1);
        var model = new Sequential(2, [new Dense(8, Activation.Tanh), new Dense(1)], seed: 7);
        var lossFunction = new BinaryCrossEntropy(fromLogits: true);
        var optimizer = new Sgd(learningRate: 0.1, momentum: 0.9);
        double loss = double.NaN;
        for (int epoch = 0; epoch < 500; epoch++)
        {
            using var tape = new GradientTape();
            var lossTensor = lossFunction.Call(y, model.Call(x));
            var gradients = tape.Gradient(lossTensor, model.TrainableVariables);
            optimizer.ApplyGradients(gradients.Zip(model.TrainableVariables));
            loss = lossTensor.Item();
        }
        Console.WriteLine(FormattableString.Invariant($"final loss: {loss:R}"));
        """;

    [GeneratedRegex(@"final loss: (\S+)")]
    private static partial Regex FinalLossLine();
}

internal static class FolderExtensions
{
    /// <summary>Creates the folder (and its parents) if missing; returns its path.</summary>
    public static string CreateFolder(this string path)
    {
        Directory.CreateDirectory(path);
        return path;
    }
}
