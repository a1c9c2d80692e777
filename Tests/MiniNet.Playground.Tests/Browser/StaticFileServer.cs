using System.Net;
using System.Net.Sockets;

namespace MiniNet.Playground.Tests.Browser;

/// <summary>
/// Serves one folder over HTTP on 127.0.0.1 (never another interface), as a plain static host would serve the published
/// playground: GET and HEAD only, <c>/</c> answers with index.html, no directory listings, and the precompressed
/// <c>.br</c>/<c>.gz</c> copies are neither negotiated nor served, so the browser receives the files themselves.
/// Free of test-framework types, so the browser benchmark links this file too.
/// </summary>
public sealed class StaticFileServer : IDisposable
{
    private static readonly Dictionary<string, string> ContentTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        [".html"] = "text/html; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".mjs"] = "text/javascript; charset=utf-8",
        [".json"] = "application/json",
        [".wasm"] = "application/wasm",
        [".dll"] = "application/octet-stream",
        [".dat"] = "application/octet-stream",
        [".pdb"] = "application/octet-stream",
        [".svg"] = "image/svg+xml",
        [".png"] = "image/png",
        [".ico"] = "image/x-icon",
        [".txt"] = "text/plain; charset=utf-8",
    };

    private readonly string _root;
    private readonly HttpListener _listener;
    private readonly Task _acceptLoop;

    /// <summary>Starts serving <paramref name="root"/> on a free port of 127.0.0.1.</summary>
    /// <param name="root">The folder whose files are served (for the playground: the publish folder's wwwroot).</param>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    public StaticFileServer(string root)
    {
        if (!Directory.Exists(root))
            throw new DirectoryNotFoundException($"StaticFileServer: the folder to serve, {root}, does not exist");
        _root = Path.GetFullPath(root);
        (_listener, Url) = Listen();
        _acceptLoop = AcceptAsync();
    }

    /// <summary>The site's address, <c>http://127.0.0.1:PORT/</c>.</summary>
    public Uri Url { get; }

    /// <summary>Stops listening; requests in flight are abandoned.</summary>
    public void Dispose()
    {
        _listener.Close();
        _acceptLoop.Wait();
    }

    private static (HttpListener Listener, Uri Url) Listen()
    {
        // A port that was free a moment ago can be taken before HttpListener binds it, so a few fresh ports are tried.
        for (var attempt = 1; ; attempt++)
        {
            var url = new Uri($"http://127.0.0.1:{FreePort()}/");
            var listener = new HttpListener();
            listener.Prefixes.Add(url.ToString());
            try
            {
                listener.Start();
                return (listener, url);
            }
            catch (HttpListenerException) when (attempt < 5)
            {
                listener.Close();
            }
        }
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    private async Task AcceptAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
            {
                return; // Dispose closed the listener.
            }
            _ = Task.Run(() => RespondAsync(context));
        }
    }

    private async Task RespondAsync(HttpListenerContext context)
    {
        var response = context.Response;
        try
        {
            var method = context.Request.HttpMethod;
            if (method is not ("GET" or "HEAD"))
            {
                response.StatusCode = (int)HttpStatusCode.MethodNotAllowed;
                response.AddHeader("Allow", "GET, HEAD");
                return;
            }
            var file = FileFor(context.Request.Url!.AbsolutePath);
            if (file is null)
            {
                response.StatusCode = (int)HttpStatusCode.NotFound;
                return;
            }
            response.ContentType = ContentTypes.GetValueOrDefault(Path.GetExtension(file), "application/octet-stream");
            await using var content = File.OpenRead(file);
            response.ContentLength64 = content.Length;
            if (method == "GET")
                await content.CopyToAsync(response.OutputStream);
        }
        catch (Exception e) when (e is HttpListenerException or IOException or ObjectDisposedException)
        {
            // The browser went away mid-response (a cancelled fetch, a closed page) or the server is stopping.
        }
        finally
        {
            try { response.Close(); }
            catch (Exception e) when (e is HttpListenerException or IOException or ObjectDisposedException) { }
        }
    }

    /// <summary>The file a URL path names, or null for anything a static host would answer 404 to.</summary>
    private string? FileFor(string urlPath)
    {
        var relative = Uri.UnescapeDataString(urlPath).TrimStart('/');
        if (relative.Length == 0)
            relative = "index.html";
        var full = Path.GetFullPath(Path.Combine(_root, relative));
        var insideRoot = full.StartsWith(_root + Path.DirectorySeparatorChar, StringComparison.Ordinal);
        var precompressed = full.EndsWith(".br", StringComparison.OrdinalIgnoreCase) || full.EndsWith(".gz", StringComparison.OrdinalIgnoreCase);
        return insideRoot && !precompressed && File.Exists(full) ? full : null;
    }
}
