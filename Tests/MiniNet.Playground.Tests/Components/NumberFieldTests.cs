using Bunit;
using Playground.Components;

namespace MiniNet.Playground.Tests.Components;

public class NumberFieldTests
{
    [TestCase("12", 8)]
    [TestCase("0", 1)]
    [TestCase("3.6", 4)]
    public async Task TypedValue_IsKeptWithinTheBounds_AndRounded(string typed, double used)
    {
        using var context = new BunitContext();
        var changes = new List<double>();
        var field = context.Render<NumberField>(parameters => parameters
            .Add(f => f.Id, "width").Add(f => f.Value, 5).Add(f => f.Min, 1).Add(f => f.Max, 8).Add(f => f.WholeNumbers, true)
            .Add(f => f.ValueChanged, value => changes.Add(value)));

        await field.Find("#width").ChangeAsync(typed);

        Assert.That(changes, Is.EqualTo(new[] { used }));
    }

    [Test]
    public async Task TypedValueThatClampsToTheCurrentOne_ChangesNothing_AndTheBoxShowsTheCurrentValue()
    {
        using var context = new BunitContext();
        var changes = new List<double>();
        var field = context.Render<NumberField>(parameters => parameters
            .Add(f => f.Id, "width").Add(f => f.Value, 8).Add(f => f.Min, 1).Add(f => f.Max, 8).Add(f => f.WholeNumbers, true)
            .Add(f => f.ValueChanged, value => changes.Add(value)));

        await field.Find("#width").ChangeAsync("12");

        Assert.That(changes, Is.Empty);
        Assert.That(field.Find("#width").GetAttribute("value"), Is.EqualTo("8"));
    }

    [Test]
    public async Task TextThatIsNotANumber_IsDropped()
    {
        using var context = new BunitContext();
        var changes = new List<double>();
        var field = context.Render<NumberField>(parameters => parameters
            .Add(f => f.Id, "x").Add(f => f.Value, 0.5).Add(f => f.Step, 0.1).Add(f => f.ValueChanged, value => changes.Add(value)));

        await field.Find("#x").ChangeAsync("");
        await field.Find("#x").ChangeAsync("-2.25");

        Assert.That(changes, Is.EqualTo(new[] { -2.25 }));
        Assert.That(field.Find("#x").GetAttribute("step"), Is.EqualTo("0.1"));
        Assert.That(field.Find("#x").HasAttribute("min"), Is.False, "no bound, no attribute");
    }
}
