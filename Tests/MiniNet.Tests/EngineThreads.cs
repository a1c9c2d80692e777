using MiniNet.Kernels;

namespace MiniNet.Tests;

/// <summary>Runs test code with a given kernel thread count, restoring the previous one after.</summary>
internal static class EngineThreads
{
    public static T Run<T>(int threads, Func<T> run)
    {
        int saved = Engine.Threads;
        Engine.Threads = threads;
        try
        {
            return run();
        }
        finally
        {
            Engine.Threads = saved;
        }
    }

    /// <summary>As <see cref="Run{T}"/>, for code that returns nothing.</summary>
    public static void Run(int threads, Action run) => Run(threads, () => { run(); return 0; });
}
