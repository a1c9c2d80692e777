using System.Runtime.CompilerServices;

namespace MiniNet.Kernels;

/// <summary>Process-wide settings of the compute kernels.</summary>
public static class Engine
{
    private static int _threads = Environment.ProcessorCount;

    /// <summary>
    /// The largest number of threads a kernel may use for one call (default: every core, <see cref="Environment.ProcessorCount"/>).
    /// Kernels split work only when a call is large enough to repay it, and how they cut a sum never depends on this
    /// setting, so results are bit-identical whatever it is set to.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is less than 1.</exception>
    public static int Threads
    {
        get => _threads;
        set
        {
            if (value < 1) throw new ArgumentOutOfRangeException(nameof(value), value, "Engine.Threads must be at least 1.");
            _threads = value;
        }
    }

    /// <summary>
    /// Whether 3×3, stride-1 convolutions with at least 8 channels in and out, in whole SIMD vectors, use Winograd's F(2×2, 3×3)
    /// (<see cref="ConvWinogradKernels"/>: 2.25× fewer multiply-adds, rounding about 1e-6 apart from the direct product's)
    /// rather than the direct product (im2col and the GEMM). On by default; set false to compare with the direct product or
    /// with a framework that uses it. Either way the results do not depend on <see cref="Threads"/>.
    /// </summary>
    public static bool Winograd { get; set; } = true;

    /// <summary>
    /// Whether this code runs in an interpreter, as in the browser's WebAssembly runtime (dynamic code is supported but not
    /// compiled; a JIT compiles it, and ahead-of-time compilation supports none). There each instruction of a vectorised
    /// loop or of the blocked matrix multiply's packing costs the interpreter's dispatch, and some kernels take plain
    /// scalar paths that are faster there and give the same bits, or the runtime's own scalar tanh and exp.
    /// </summary>
    internal static bool Interpreted { get; } = RuntimeFeature.IsDynamicCodeSupported && !RuntimeFeature.IsDynamicCodeCompiled;
}
