using MiniNet.Kernels;

namespace MiniNet.Tests.Kernels;

public class EngineTests
{
    [Test]
    public void Threads_SetToTwo_ReadsBackTwo()
    {
        int saved = Engine.Threads;
        try
        {
            Engine.Threads = 2;

            Assert.That(Engine.Threads, Is.EqualTo(2));
        }
        finally
        {
            Engine.Threads = saved;
        }
    }

    [TestCase(0)]
    [TestCase(-3)]
    public void Threads_BelowOne_ThrowsAndKeepsValue(int threads)
    {
        int saved = Engine.Threads;

        Assert.That(() => Engine.Threads = threads,
            Throws.TypeOf<ArgumentOutOfRangeException>().With.Message.Contains("at least 1"));
        Assert.That(Engine.Threads, Is.EqualTo(saved));
    }
}
