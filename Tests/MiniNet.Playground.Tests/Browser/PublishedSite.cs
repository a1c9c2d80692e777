using System.Diagnostics;
using MiniNet.Tests;

namespace MiniNet.Playground.Tests.Browser;

/// <summary>
/// The playground as a visitor gets it: <c>dotnet publish Samples/Playground -c Release</c> into a temporary folder, whose
/// wwwroot a <see cref="StaticFileServer"/> then serves on 127.0.0.1. Disposing stops the server and deletes the folder.
/// Free of test-framework types, so the browser benchmark links this file too.
/// </summary>
public sealed class PublishedSite : IDisposable
{
    private readonly string _folder;
    private readonly StaticFileServer _server;

    private PublishedSite(string folder, TimeSpan publishTime)
    {
        _folder = folder;
        PublishTime = publishTime;
        _server = new StaticFileServer(Root);
    }

    /// <summary>The published static site: index.html, css/, _framework/ (what a static host would serve).</summary>
    public string Root => Path.Combine(_folder, "wwwroot");

    /// <summary>The site's address, <c>http://127.0.0.1:PORT/</c>.</summary>
    public Uri Url => _server.Url;

    /// <summary>How long <c>dotnet publish</c> took (wall clock, including the build of anything out of date).</summary>
    public TimeSpan PublishTime { get; }

    /// <summary>Publishes the playground (Release) into a new temporary folder and starts serving it.</summary>
    /// <param name="precompress">
    /// True for the full publish a host receives, with the Brotli and gzip copies of each file beside it. False skips only
    /// that compression (about half the publish time), which changes no file the browser gets from
    /// <see cref="StaticFileServer"/>, since it never serves the compressed copies.
    /// </param>
    /// <param name="sourceRoot">The repository whose playground is published: this one when null, or another checkout
    /// (the browser benchmark publishes an older commit's to measure before and after in one sitting).</param>
    /// <exception cref="InvalidOperationException">dotnet publish failed; the message holds its output.</exception>
    public static PublishedSite Publish(bool precompress, string? sourceRoot = null)
    {
        var project = Path.Combine(sourceRoot ?? RepositoryRoot.Path, "Samples", "Playground", "Playground.csproj");
        var folder = Path.Combine(Path.GetTempPath(), $"mininet-playground-{Guid.NewGuid():N}");
        // Build servers and reused MSBuild nodes would outlive the publish while still holding its output pipes open.
        string[] arguments =
        [
            "publish", project, "-c", "Release", "-o", folder, "--nologo", "--disable-build-servers", "-nodeReuse:false",
            ..precompress ? Array.Empty<string>() : ["-p:CompressionEnabled=false"],
        ];
        var clock = Stopwatch.StartNew();
        var (exitCode, output) = Run("dotnet", arguments);
        clock.Stop();
        if (exitCode != 0)
        {
            if (Directory.Exists(folder))
                Directory.Delete(folder, recursive: true);
            throw new InvalidOperationException(
                $"dotnet {string.Join(' ', arguments)} exited with code {exitCode}:{Environment.NewLine}{output}");
        }
        return new PublishedSite(folder, clock.Elapsed);
    }

    /// <summary>Stops the server and deletes the published files.</summary>
    public void Dispose()
    {
        _server.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    private static (int ExitCode, string Output) Run(string program, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = new System.Text.StringBuilder();
        process.OutputDataReceived += (_, line) => { lock (output) output.AppendLine(line.Data); };
        process.ErrorDataReceived += (_, line) => { lock (output) output.AppendLine(line.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        process.WaitForExit();
        return (process.ExitCode, output.ToString());
    }
}
