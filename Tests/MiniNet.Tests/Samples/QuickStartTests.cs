using System.Reflection;

namespace MiniNet.Tests.Samples;

public class QuickStartTests
{
    [Test]
    public void ReadmeScript_IsTheQuickStartSample_LineForLine()
    {
        string readme = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "README.md"));
        int start = readme.IndexOf("```csharp\n", StringComparison.Ordinal) + "```csharp\n".Length;
        string[] script = readme[start..readme.IndexOf("```", start, StringComparison.Ordinal)].TrimEnd().Split('\n');
        string[] program = File.ReadAllLines(Path.Combine(RepositoryRoot.Path, "Samples", "QuickStart", "Program.cs"));

        int first = Array.IndexOf(program, script[0]);
        Assert.That(first, Is.GreaterThanOrEqualTo(0), "the README script's first line is not in Samples/QuickStart/Program.cs");
        Assert.That(program.Skip(first).Take(script.Length), Is.EqualTo(script));
    }

    [Test]
    public void QuickStart_TrainsMnistLite_AboveNinetyPercent()
    {
        var output = new StringWriter();
        var previousOut = Console.Out;
        string previousDirectory = Directory.GetCurrentDirectory();
        try
        {
            Console.SetOut(output);
            Directory.SetCurrentDirectory(RepositoryRoot.Path);
            Assembly.Load("QuickStart").EntryPoint!.Invoke(null, [Array.Empty<string>()]);
        }
        finally
        {
            Console.SetOut(previousOut);
            Directory.SetCurrentDirectory(previousDirectory);
        }

        var match = System.Text.RegularExpressions.Regex.Match(output.ToString(), @"test accuracy: ([\d.]+) %");
        Assert.That(match.Success, output.ToString());
        Assert.That(double.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), Is.GreaterThan(90));
    }
}
