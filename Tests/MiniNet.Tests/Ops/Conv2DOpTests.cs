using MiniNet.Autodiff;
using MiniNet.Kernels;
using MiniNet.Ops;
using MiniNet.Tensors;
using static MiniNet.Tests.TestTensors;

namespace MiniNet.Tests.Ops;

public class Conv2DOpTests
{
    // ---- worked examples, numbers by hand ----

    /// <summary>x = [1 2 3; 4 5 6; 7 8 9], w = [1 2; 3 4], valid, stride 1: each output is the dot product of w with the 2×2
    /// window under it, e.g. y[0,0] = 1·1 + 2·2 + 4·3 + 5·4 = 37. docs/convolution.md walks through these numbers.</summary>
    [Test]
    public void Conv2D_ThreeByThreeImageTwoByTwoKernel_GivesTheWindowDotProducts()
    {
        var (x, w) = WorkedExample();

        var y = Conv2DOp.Apply(x, w, 1, 1, Padding.Valid);

        Assert.That(y.Shape, Is.EqualTo(new[] { 1, 2, 2, 1 }));
        Assert.That(y.ToArray<double>(), Is.EqualTo(new[] { 37.0, 47, 67, 77 }));
    }

    /// <summary>With loss = Σ y (dY all ones): dW[ky,kx] is the sum of the input values w[ky,kx] met, the 2×2 block at
    /// (ky,kx): dW[0,0] = 1+2+4+5 = 12, 16, 24, 28. dX[i,j] is the sum of the weights that met x[i,j]: the corner 1 meets
    /// only w[0,0] = 1, the centre 5 meets all four (10), the edge 2 meets w[0,0] and w[0,1] (3).</summary>
    [Test]
    public void Conv2D_WorkedExample_GradientsOfTheSumAreTheHandComputedOnes()
    {
        var (x, w) = WorkedExample();
        using var tape = new GradientTape();
        tape.Watch(x);
        tape.Watch(w);

        var gradients = tape.Gradient(Conv2DOp.Apply(x, w, 1, 1, Padding.Valid).Sum(), [x, w]);

        Assert.That(gradients[0]!.ToArray<double>(), Is.EqualTo(new[] { 1.0, 3, 2, 4, 10, 6, 3, 7, 4 }));
        Assert.That(gradients[1]!.ToArray<double>(), Is.EqualTo(new[] { 12.0, 16, 24, 28 }));
    }

    /// <summary>'same' on a 2×2 image with a 2×2 kernel of ones pads one row and one column, all of it below and to the
    /// right (TensorFlow puts the odd one after): y = [1+2+3+4, 2+4; 3+4, 4].</summary>
    [Test]
    public void Conv2D_SamePaddingOddTotal_PadsBelowAndRight()
    {
        var x = new Tensor([1.0, 2, 3, 4], 1, 2, 2, 1);
        var w = new Tensor([1.0, 1, 1, 1], 2, 2, 1, 1);

        var y = Conv2DOp.Apply(x, w, 1, 1, Padding.Same);

        Assert.That(y.Shape, Is.EqualTo(new[] { 1, 2, 2, 1 }));
        Assert.That(y.ToArray<double>(), Is.EqualTo(new[] { 10.0, 6, 7, 4 }));
    }

    /// <summary>Two input channels, two filters, one pixel: y[o] = Σ_c x[c]·w[0,0,c,o] = [1·3 + 2·5, 1·4 + 2·6].</summary>
    [Test]
    public void Conv2D_OneByOneKernel_MixesChannelsAsAMatrixProduct()
    {
        var x = new Tensor([1.0, 2], 1, 1, 1, 2);
        var w = new Tensor([3.0, 4, 5, 6], 1, 1, 2, 2);

        Assert.That(Conv2DOp.Apply(x, w, 1, 1, Padding.Valid).ToArray<double>(), Is.EqualTo(new[] { 13.0, 16 }));
    }

    // ---- against a direct convolution ----

    /// <summary>(N, H, W, Cin, KH, KW, Cout, stride h, stride w, padding): valid and same, strides 1 and 2, square and
    /// non-square kernels and images, one to five channels, and kernels wider than the 'same' padding.</summary>
    private static readonly object[] Shapes =
    [
        new object[] { 1, 5, 5, 1, 3, 3, 1, 1, 1, Padding.Valid },
        new object[] { 2, 6, 7, 3, 3, 2, 4, 1, 1, Padding.Valid },
        new object[] { 2, 7, 6, 2, 2, 3, 3, 2, 2, Padding.Valid },
        new object[] { 2, 8, 5, 3, 3, 3, 2, 2, 1, Padding.Valid },
        new object[] { 1, 5, 5, 1, 3, 3, 2, 1, 1, Padding.Same },
        new object[] { 2, 6, 7, 3, 2, 3, 4, 1, 1, Padding.Same },
        new object[] { 2, 7, 8, 2, 3, 3, 3, 2, 2, Padding.Same },
        new object[] { 1, 4, 4, 5, 5, 4, 2, 1, 2, Padding.Same },
        new object[] { 3, 9, 9, 4, 1, 1, 5, 2, 2, Padding.Same },
        // Shallow windows and whole vectors of output channels: computed pixel by pixel (ConvDirectKernels) where the
        // processor has 512-bit vectors, including blocks of eight pixels, edge pixels, padding and stride 2.
        new object[] { 2, 6, 11, 2, 3, 3, 8, 1, 1, Padding.Same },
        new object[] { 1, 7, 19, 3, 3, 3, 16, 2, 2, Padding.Same },
    ];

    [TestCaseSource(nameof(Shapes))]
    public void Conv2D_Float64_MatchesADirectConvolution(int n, int h, int w, int cin, int kh, int kw, int cout, int sh, int sw, Padding padding)
    {
        var x = Uniform(1, -1, 1, n, h, w, cin);
        var k = Uniform(2, -1, 1, kh, kw, cin, cout);

        var y = Conv2DOp.Apply(x, k, sh, sw, padding);

        var reference = new DirectConvolution(x.ShapeArray, k.ShapeArray, sh, sw, padding);
        Assert.That(y.Shape, Is.EqualTo(reference.OutputShape));
        Assert.That(y.ToArray<double>(), Is.EqualTo(reference.Forward(x.ToArray<double>(), k.ToArray<double>())).Within(1e-12).AsCollection);
    }

    [TestCaseSource(nameof(Shapes))]
    public void Conv2D_Gradients_MatchFiniteDifferences(int n, int h, int w, int cin, int kh, int kw, int cout, int sh, int sw, Padding padding) =>
        GradientChecking.AssertMatchesFiniteDifferences(t => Conv2DOp.Apply(t[0], t[1], sh, sw, padding),
            Uniform(3, -1, 1, n, h, w, cin), Uniform(4, -1, 1, kh, kw, cin, cout));

    /// <summary>loss = Σ (conv(x, w) + conv(x, w2)) ⊙ R: x's gradient gets two contributions, the second added to the first.</summary>
    [Test]
    public void Conv2D_InputUsedByTwoConvolutions_GradientMatchesFiniteDifferences() =>
        GradientChecking.AssertMatchesFiniteDifferences(t => Conv2DOp.Apply(t[0], t[1], 1, 1, Padding.Same) + Conv2DOp.Apply(t[0], t[2], 1, 1, Padding.Same),
            Uniform(5, -1, 1, 2, 5, 5, 2), Uniform(6, -1, 1, 3, 3, 2, 3), Uniform(7, -1, 1, 2, 3, 2, 3));

    /// <summary>loss = Σ (conv(x1, w) + conv(x2, w)) ⊙ R: the kernel's gradient gets two contributions.</summary>
    [Test]
    public void Conv2D_KernelUsedByTwoConvolutions_GradientMatchesFiniteDifferences() =>
        GradientChecking.AssertMatchesFiniteDifferences(t => Conv2DOp.Apply(t[0], t[2], 1, 1, Padding.Valid) + Conv2DOp.Apply(t[1], t[2], 1, 1, Padding.Valid),
            Uniform(8, -1, 1, 2, 5, 4, 2), Uniform(9, -1, 1, 2, 5, 4, 2), Uniform(10, -1, 1, 2, 3, 2, 2));

    /// <summary>Shapes large enough that the kernels cut the work into several chunks and image groups and split them across
    /// threads (conv2 of the MNIST convnet on a batch of 6, and a 'same', stride-2 one): forward and both gradients against
    /// the direct convolution, in float64 and float32.</summary>
    [TestCase(6, 13, 13, 32, 3, 3, 64, 1, 1, Padding.Valid, DType.Float64)]
    [TestCase(6, 13, 13, 32, 3, 3, 64, 1, 1, Padding.Valid, DType.Float32)]
    [TestCase(5, 15, 14, 16, 3, 4, 8, 2, 2, Padding.Same, DType.Float32)]
    [TestCase(9, 28, 28, 1, 3, 3, 32, 1, 1, Padding.Valid, DType.Float32)]
    [TestCase(6, 20, 21, 3, 3, 3, 48, 2, 2, Padding.Same, DType.Float32)]
    [TestCase(6, 20, 21, 3, 3, 3, 16, 1, 1, Padding.Same, DType.Float64)]
    public void Conv2D_LargeShapesOnAllThreads_MatchADirectConvolution(int n, int h, int w, int cin, int kh, int kw, int cout, int sh, int sw, Padding padding, DType dtype)
    {
        var x = Uniform(11, -1, 1, n, h, w, cin);
        var k = Uniform(12, -1, 1, kh, kw, cin, cout);
        var reference = new DirectConvolution(x.ShapeArray, k.ShapeArray, sh, sw, padding);
        var r = Uniform(13, -1, 1, reference.OutputShape);
        var (xs, ks, rs) = (x.ToArray<double>(), k.ToArray<double>(), r.ToArray<double>());
        var (y, dx, dk) = ForwardAndGradients(To(x, dtype), To(k, dtype), To(r, dtype), sh, sw, padding);

        double tolerance = dtype == DType.Float32 ? 1e-4 : 1e-11;
        Assert.That(y, Is.EqualTo(reference.Forward(xs, ks)).Within(tolerance).AsCollection, "output");
        Assert.That(dx, Is.EqualTo(reference.InputGradient(ks, rs)).Within(tolerance).AsCollection, "input gradient");
        Assert.That(dk, Is.EqualTo(reference.KernelGradient(xs, rs)).Within(tolerance * 10).AsCollection, "kernel gradient");
    }

    /// <summary>The kernels split work by output blocks and never cut a sum by the thread count, so float32 results are the
    /// same bits on one thread and on two.</summary>
    [TestCase(64, 13, 13, 32, 3, 3, 64, 1, 1, Padding.Valid)]
    [TestCase(16, 28, 28, 1, 3, 3, 32, 1, 1, Padding.Valid)]
    [TestCase(7, 15, 14, 16, 3, 4, 8, 2, 2, Padding.Same)]
    [TestCase(8, 20, 21, 3, 3, 3, 64, 2, 1, Padding.Same)]
    public void Conv2D_Float32_BitIdenticalOnOneAndTwoThreads(int n, int h, int w, int cin, int kh, int kw, int cout, int sh, int sw, Padding padding)
    {
        var x = To(Uniform(14, -1, 1, n, h, w, cin), DType.Float32);
        var k = To(Uniform(15, -1, 1, kh, kw, cin, cout), DType.Float32);
        var r = To(Uniform(16, -1, 1, Conv2DOp.OutputShape(x.ShapeArray, k.ShapeArray, sh, sw, padding)), DType.Float32);
        int saved = Engine.Threads;
        try
        {
            Engine.Threads = 1;
            var one = ForwardAndGradients(x, k, r, sh, sw, padding);
            Engine.Threads = 2;
            var two = ForwardAndGradients(x, k, r, sh, sw, padding);

            Assert.That(two.Output, Is.EqualTo(one.Output).AsCollection, "output");
            Assert.That(two.InputGradient, Is.EqualTo(one.InputGradient).AsCollection, "input gradient");
            Assert.That(two.KernelGradient, Is.EqualTo(one.KernelGradient).AsCollection, "kernel gradient");
        }
        finally
        {
            Engine.Threads = saved;
        }
    }

    /// <summary>After warm-up, forward and backward of conv2 of the MNIST convnet (batch 64) in a tensor scope allocate
    /// almost nothing on any thread, while the column matrix alone would be 8.9 MB: the column chunks come from pools.</summary>
    [Test]
    public void Conv2D_ForwardAndBackwardAfterWarmUp_AllocateUnder16KiB()
    {
        var x = To(Uniform(17, -1, 1, 64, 13, 13, 32), DType.Float32);
        var k = new Variable(To(Uniform(18, -1, 1, 3, 3, 32, 64), DType.Float32), "kernel");
        void Step()
        {
            using var scope = new TensorScope();
            using var tape = new GradientTape();
            tape.Watch(x);
            var loss = Conv2DOp.Apply(x, k, 1, 1, Padding.Valid).Sum();
            tape.Gradient(loss, [x, k]);
        }
        for (int i = 0; i < 5; i++) Step();

        const int steps = 10;
        long before = GC.GetTotalAllocatedBytes(precise: true);
        for (int i = 0; i < steps; i++) Step();
        long perStep = (GC.GetTotalAllocatedBytes(precise: true) - before) / steps;

        TestContext.Out.WriteLine($"bytes allocated per step: {perStep}");
        Assert.That(perStep, Is.LessThan(16 * 1024));
    }

    // ---- shapes and errors ----

    [TestCase(28, 3, 1, Padding.Valid, 26)]
    [TestCase(28, 3, 1, Padding.Same, 28)]
    [TestCase(28, 3, 2, Padding.Valid, 13)]
    [TestCase(28, 3, 2, Padding.Same, 14)]
    [TestCase(7, 2, 3, Padding.Same, 3)]
    [TestCase(3, 3, 1, Padding.Valid, 1)]
    public void OutputShape_FollowsKerasRules(int size, int kernel, int stride, Padding padding, int expected) =>
        Assert.That(Conv2DOp.OutputShape([8, size, size + 1, 3], [kernel, kernel, 3, 16], stride, stride, padding),
            Is.EqualTo(new[] { 8, expected, padding == Padding.Valid ? (size + 1 - kernel) / stride + 1 : (size + stride) / stride, 16 }));

    [Test]
    public void Conv2D_ChannelsDiffer_ThrowsNamingTheOpAndBothShapes() =>
        Assert.That(() => Conv2DOp.Apply(Tensor.Zeros([32, 28, 28, 3]), Tensor.Zeros([3, 3, 1, 32]), 1, 1, Padding.Valid),
            Throws.ArgumentException.With.Message.EqualTo("conv2d: input (32,28,28,3) x kernel (3,3,1,32): input channels 3 and 1 differ"));

    [Test]
    public void Conv2D_InputNotRank4_ThrowsNamingTheOpAndBothShapes() =>
        Assert.That(() => Conv2DOp.Apply(Tensor.Zeros([28, 28, 1]), Tensor.Zeros([3, 3, 1, 32]), 1, 1, Padding.Valid),
            Throws.ArgumentException.With.Message.EqualTo("conv2d: input (28,28,1) x kernel (3,3,1,32): the input must be rank 4 (batch, height, width, channels) and the kernel rank 4 (height, width, in channels, out channels)"));

    [Test]
    public void Conv2D_KernelLargerThanImageWithValidPadding_ThrowsNamingBothShapes() =>
        Assert.That(() => Conv2DOp.Apply(Tensor.Zeros([1, 2, 5, 1]), Tensor.Zeros([3, 3, 1, 4]), 1, 1, Padding.Valid),
            Throws.ArgumentException.With.Message.EqualTo("conv2d: input (1,2,5,1) x kernel (3,3,1,4): the kernel 3×3 is larger than the image 2×5 with valid padding"));

    [Test]
    public void Conv2D_KernelLargerThanImageWithSamePadding_IsAllowed() =>
        Assert.That(Conv2DOp.Apply(Tensor.Zeros([1, 2, 5, 1]), Tensor.Zeros([3, 3, 1, 4]), 1, 1, Padding.Same).Shape, Is.EqualTo(new[] { 1, 2, 5, 4 }));

    [TestCase(0, 1)]
    [TestCase(1, -2)]
    public void Conv2D_StrideBelowOne_Throws(int strideH, int strideW) =>
        Assert.That(() => Conv2DOp.Apply(Tensor.Zeros([1, 4, 4, 1]), Tensor.Zeros([2, 2, 1, 1]), strideH, strideW, Padding.Valid),
            Throws.TypeOf<ArgumentOutOfRangeException>().With.Message.Contains($"conv2d: strides ({strideH},{strideW})"));

    [Test]
    public void Conv2D_DTypesDiffer_ThrowsNamingBoth() =>
        Assert.That(() => Conv2DOp.Apply(Tensor.Zeros([1, 4, 4, 1]), Tensor.Zeros([2, 2, 1, 1], DType.Float64), 1, 1, Padding.Valid),
            Throws.ArgumentException.With.Message.EqualTo("conv2d: dtypes float32 and float64 differ"));

    [Test]
    public void ToString_NamesTheOpWithItsShapes()
    {
        var x = Tensor.Zeros([64, 28, 28, 1]);
        using var tape = new GradientTape();
        tape.Watch(x);

        Conv2DOp.Apply(x, Tensor.Zeros([3, 3, 1, 32]), 1, 1, Padding.Valid);

        Assert.That(tape.Operations.Single().ToString(), Is.EqualTo("conv2d (64,28,28,1) x (3,3,1,32) -> (64,26,26,32)"));
    }

    // ---- helpers ----

    private static (Tensor X, Tensor W) WorkedExample() =>
        (new Tensor([1.0, 2, 3, 4, 5, 6, 7, 8, 9], 1, 3, 3, 1), new Tensor([1.0, 2, 3, 4], 2, 2, 1, 1));

    private static Tensor To(Tensor tensor, DType dtype) => tensor.To(dtype);

    /// <summary>y = conv(x, k), and the gradients of Σ y ⊙ r with respect to x and k, all as float64 arrays.</summary>
    private static (double[] Output, double[] InputGradient, double[] KernelGradient) ForwardAndGradients(Tensor x, Tensor k, Tensor r, int sh, int sw, Padding padding)
    {
        using var tape = new GradientTape();
        tape.Watch(x);
        tape.Watch(k);
        var y = Conv2DOp.Apply(x, k, sh, sw, padding);
        var gradients = tape.Gradient((y * r).Sum(), [x, k]);
        return (ToDoubles(y), ToDoubles(gradients[0]!), ToDoubles(gradients[1]!));
    }

    private static double[] ToDoubles(Tensor t) =>
        t.DType == DType.Float64 ? t.ToArray<double>() : t.ToArray<float>().Select(v => (double)v).ToArray();

    /// <summary>The convolution as nested loops over the definition, in float64, with TensorFlow's 'same' padding worked
    /// out here independently of the op.</summary>
    private sealed class DirectConvolution
    {
        private readonly int _n, _h, _w, _cin, _kh, _kw, _cout, _sh, _sw, _top, _left, _ho, _wo;

        public DirectConvolution(int[] input, int[] kernel, int sh, int sw, Padding padding)
        {
            (_n, _h, _w, _cin) = (input[0], input[1], input[2], input[3]);
            (_kh, _kw, _cout) = (kernel[0], kernel[1], kernel[3]);
            (_sh, _sw) = (sh, sw);
            if (padding == Padding.Valid)
            {
                (_ho, _wo) = ((_h - _kh) / sh + 1, (_w - _kw) / sw + 1);
            }
            else
            {
                (_ho, _wo) = ((int)Math.Ceiling(_h / (double)sh), (int)Math.Ceiling(_w / (double)sw));
                _top = Math.Max((_ho - 1) * sh + _kh - _h, 0) / 2;
                _left = Math.Max((_wo - 1) * sw + _kw - _w, 0) / 2;
            }
        }

        public int[] OutputShape => [_n, _ho, _wo, _cout];

        public double[] Forward(double[] x, double[] k)
        {
            var y = new double[_n * _ho * _wo * _cout];
            Visit((xi, ki, yi) => y[yi] += x[xi] * k[ki]);
            return y;
        }

        public double[] InputGradient(double[] k, double[] dy)
        {
            var dx = new double[_n * _h * _w * _cin];
            Visit((xi, ki, yi) => dx[xi] += k[ki] * dy[yi]);
            return dx;
        }

        public double[] KernelGradient(double[] x, double[] dy)
        {
            var dk = new double[_kh * _kw * _cin * _cout];
            Visit((xi, ki, yi) => dk[ki] += x[xi] * dy[yi]);
            return dk;
        }

        /// <summary>Calls <paramref name="term"/> with the flat indices of x, k and y for every product x·k that y sums.</summary>
        private void Visit(Action<int, int, int> term)
        {
            for (int n = 0; n < _n; n++)
            for (int oy = 0; oy < _ho; oy++)
            for (int ox = 0; ox < _wo; ox++)
            for (int ky = 0; ky < _kh; ky++)
            for (int kx = 0; kx < _kw; kx++)
            {
                int iy = oy * _sh - _top + ky, ix = ox * _sw - _left + kx;
                if (iy < 0 || iy >= _h || ix < 0 || ix >= _w) continue;
                for (int c = 0; c < _cin; c++)
                for (int o = 0; o < _cout; o++)
                    term(((n * _h + iy) * _w + ix) * _cin + c, ((ky * _kw + kx) * _cin + c) * _cout + o, ((n * _ho + oy) * _wo + ox) * _cout + o);
            }
        }
    }
}
