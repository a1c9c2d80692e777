using System.Diagnostics;
using static TorchSharp.torch;

namespace TorchReference;

/// <summary>libtorch's float32 matmul speed at the MNIST MLP's shapes (batch 64, 784-128-10) and at 1024^3, on 1 and 2
/// threads: the shapes Tests/MiniNet.Benchmarks/MatMulBenchmarks.cs times for MiniNet.</summary>
public static class GemmBenchmark
{
    /// <summary>Prints one JSON line per thread count and shape: GFLOP/s = 2·m·n·k over the median of 7 timings.</summary>
    public static void Run()
    {
        foreach (int threads in new[] { 1, 2 })
        {
            set_num_threads(threads);
            foreach (var (m, k, n) in new[] { (64, 784, 128), (64, 128, 10), (784, 64, 128), (1024, 1024, 1024) })
            {
                using var a = rand(m, k);
                using var b = rand(k, n);
                for (int i = 0; i < 5; i++) matmul(a, b).Dispose();
                double flops = 2.0 * m * n * k;
                int repetitions = Math.Max(5, (int)(4e9 / flops)); // about 4 GFLOP, a few tens of milliseconds, per timing
                var seconds = new List<double>();
                for (int timing = 0; timing < 7; timing++)
                {
                    var clock = Stopwatch.StartNew();
                    for (int i = 0; i < repetitions; i++) matmul(a, b).Dispose();
                    seconds.Add(clock.Elapsed.TotalSeconds / repetitions);
                }
                seconds.Sort();
                Console.WriteLine($"{{\"threads\":{threads},\"shape\":\"{m}x{k}x{n}\",\"gflops\":{flops / seconds[3] / 1e9:F2}}}");
            }
        }
    }
}
