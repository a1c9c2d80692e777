namespace MiniNet.Kernels;

/// <summary>4×4 tile in a small stack array: the fallback when the runtime accelerates no SIMD at all.</summary>
internal readonly struct ScalarMicroKernel : IGemmMicroKernel
{
    /// <inheritdoc />
    public static int Rows => 4;

    /// <inheritdoc />
    public static int Columns => 4;

    /// <inheritdoc />
    public static bool IsSupported => true;

    /// <inheritdoc />
    public static float MultiplyAdd(float x, float y, float sum) => sum + x * y;

    /// <inheritdoc />
    public static unsafe void Run(int depth, float* a, nint aStride, float* b, nint bStride, float* c, nint ldc, bool overwrite)
    {
        var tile = stackalloc float[16];
        for (int i = 0; i < 16; i++) tile[i] = 0f;
        for (int p = 0; p < depth; p++)
        {
            for (int r = 0; r < 4; r++)
            {
                float x = a[r];
                for (int j = 0; j < 4; j++) tile[r * 4 + j] += x * b[j];
            }
            a += aStride;
            b += bStride;
        }
        for (int r = 0; r < 4; r++)
        for (int j = 0; j < 4; j++)
            c[r * ldc + j] = overwrite ? tile[r * 4 + j] : c[r * ldc + j] + tile[r * 4 + j];
    }
}
