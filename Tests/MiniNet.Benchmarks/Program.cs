using BenchmarkDotNet.Running;

// dotnet run -c Release --project Tests/MiniNet.Benchmarks -- --filter '*MatMul*' [--job short]
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
