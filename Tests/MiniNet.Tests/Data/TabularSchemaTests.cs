using MiniNet.Data;

namespace MiniNet.Tests.Data;

public class TabularSchemaTests
{
    [Test]
    public void Constructor_ColumnNamedTwice_NamesIt()
    {
        var error = Assert.Throws<ArgumentException>(() => new TabularSchema(target: ["y"], numeric: ["x"], categorical: ["x"]))!;

        Assert.That(error.Message, Does.StartWith("tabular: column \"x\" is named more than once in the schema"));
    }

    [Test]
    public void Constructor_NoFeatureColumn_IsRejected()
    {
        var error = Assert.Throws<ArgumentException>(() => new TabularSchema(target: ["y"]))!;

        Assert.That(error.ParamName, Is.EqualTo("numeric"));
    }

    [Test]
    public void Constructor_TwoColumnsOfClassNames_IsRejected()
    {
        var error = Assert.Throws<ArgumentException>(() => new TabularSchema(target: ["a", "b"], numeric: ["x"], targetKind: TabularTarget.Categories))!;

        Assert.That(error.Message, Does.StartWith("tabular: a Categories target is one column, got 2"));
    }

    [Test]
    public void MissingTokens_IncludeTheEmptyFieldAndNA()
    {
        Assert.That(TabularSchema.MissingTokens, Does.Contain("").And.Contain("NA").And.Not.Contain("0"));
    }
}
